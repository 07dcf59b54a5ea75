/**
 * The background's part in the reading memory: it remembers the story pages the reader opens (the
 * detect content script's page reports) and answers a listing's question about its entries. A
 * page learns only of stories on its own archive: what the reader reads elsewhere is not its
 * business.
 */
import type { PageReport } from '../../core/model';
import { senderPage, type Handlers, type Sender } from '../../core/ext/messaging';
import { storedItem } from '../../core/ext/storage-items';
import { MEMORY_SETTINGS } from '../../core/storage-keys';
import { siteKey, storyKey } from '../../warnings/policy';
import { idsOfSite, normalizeMemorySettings, type MemorySettings } from '../memory/memory-settings';
import { recall, rememberOpened } from '../db/memory';
import { libraryDb } from './library-db';
import { snapshotTab } from './background';
import type { RunnerHost } from './runner-host';
import { listKindOf } from '../imports/reading-lists';

const settings = storedItem(MEMORY_SETTINGS);

export async function loadMemorySettings(): Promise<MemorySettings> {
  return normalizeMemorySettings(await settings.getValue());
}

export async function saveMemorySettings(value: MemorySettings): Promise<void> {
  await settings.setValue(normalizeMemorySettings(value));
}

/** A listing asks about this many entries at most: AO3 shows 20 a page, FFN 25. */
const MAX_ASKED = 200;

/** The sender's own archive (its top frame's page), or null for any other sender. */
function senderSite(sender: Sender): string | null {
  const page = senderPage(sender);
  return page ? siteKey({ url: page }) : null;
}

/** A story page the top frame reported: remembered as opened, when the reader keeps a memory. */
export async function rememberReport(report: PageReport, sender: Sender): Promise<void> {
  if (report.kind !== 'story' && report.kind !== 'chapter') return;
  // A page speaks only for a story of its own archive.
  if (senderSite(sender) !== siteKey(report) || !(await loadMemorySettings()).remember) return;
  const { site, url, author } = report;
  const chapter = report.chapter ? { chapter: report.chapter.index, chapters: report.chapter.count } : { chapter: null, chapters: null };
  await rememberOpened(await libraryDb(), {
    id: storyKey(report),
    site,
    url,
    title: report.title ?? url,
    author,
    ...chapter,
    at: Date.now(),
  });
}

export const memoryHandlers: Handlers = {
  'memory-get': async (message, sender) => {
    const site = senderSite(sender);
    if (site === null || !(await loadMemorySettings()).marks) return null;
    // Bounded before any work: the message's shape does not bound its length.
    const ids = [...new Set(message.pages.slice(0, MAX_ASKED).map((p) => storyKey(p)))];
    return recall(await libraryDb(), idsOfSite(ids, site));
  },
};

/** The popup imports the reader's list its tab shows: the runner reads it and fetches its other pages. */
export function importHandlers(host: RunnerHost): Handlers {
  return {
    'memory-import': async (message) => {
      try {
        const snapshot = await snapshotTab(message.tabId);
        if (!listKindOf(new URL(snapshot.url))) return { ok: false, error: 'This page is not a list Slipcase can import.' };
        return await host.call({ type: 'runner-import', snapshot, as: message.as });
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    },
    'memory-import-status': () => host.call({ type: 'runner-import-status' }),
    'memory-import-stop': () => host.call({ type: 'runner-import-stop' }),
  };
}
