/**
 * Opening the reader in a tab: the popup's Read button, the keyboard shortcut and the context menu
 * all run this. The reader script is not part of the always-on content script; it is injected only
 * now, on the archives by host permission and on any other page by activeTab (granted by the click,
 * shortcut or menu that led here).
 */
import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { hostSiteFor } from '../../sites/registry';
import type { SiteAdapter } from '../../sites/types';
import { readerSiteScript } from '../../sites/host-site';

export const READER_SCRIPT = '/content-scripts/reader.js';
/** The command in wxt.config.ts (its keyboard shortcut) and the context menu item. */
export const READER_COMMAND = 'open-reader';

/**
 * What the injected reader did: opened, closed (it was open: the same command toggles it), found
 * no text, gave up on a page past its size or time limits (src/reader/extract.ts), or stayed shut
 * because the page's content-warning gate stands.
 */
export type ReaderOutcome = 'opened' | 'closed' | 'no-text' | 'unreadable' | 'gated';
const OUTCOMES: readonly string[] = ['opened', 'closed', 'no-text', 'unreadable', 'gated'] satisfies ReaderOutcome[];
/** The browser refused to run the reader here (its own pages, the web store, PDFs…). */
export type OpenResult = ReaderOutcome | 'not-allowed';

export function isReaderOutcome(v: unknown): v is ReaderOutcome {
  return typeof v === 'string' && OUTCOMES.includes(v);
}

/**
 * The files to inject for the page at `url`, in order: its site's own reader script, when the
 * page is on the hosts of a site the reader script does not carry (src/sites/reader-sites.ts),
 * then the reader. The result is the last one's.
 */
export function readerFiles(url: string | undefined): ScriptPublicPath[] {
  const site = url ? hostSiteAt(url) : null;
  // The build writes one for every such site (scripts/lib/site-scripts.ts#readerSiteIds).
  return site ? [`/${readerSiteScript(site.id)}.js` as ScriptPublicPath, READER_SCRIPT] : [READER_SCRIPT];
}

/** Not an address: no site of its own, the reader reads it as any other page. */
function hostSiteAt(url: string): SiteAdapter | null {
  try {
    return hostSiteFor(new URL(url));
  } catch {
    return null;
  }
}

export async function openReader(tabId: number): Promise<OpenResult> {
  try {
    // The address is there wherever the reader may run: by host permission, or by activeTab.
    const { url } = await browser.tabs.get(tabId);
    const [result] = await browser.scripting.executeScript({ target: { tabId }, files: readerFiles(url) });
    return isReaderOutcome(result?.result) ? result.result : 'not-allowed';
  } catch {
    return 'not-allowed';
  }
}

/**
 * The keys the reader shortcut is set to now ("Alt+Shift+S"), or "" when it has none, or the
 * browser has no shortcuts at all (Firefox for Android).
 */
export async function readerShortcut(): Promise<string> {
  const commands = (await browser.commands?.getAll()) ?? [];
  return commands.find((c) => c.name === READER_COMMAND)?.shortcut ?? '';
}
