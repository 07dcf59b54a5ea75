/**
 * Opening the reader in a bench tab as the extension's command does, and watching, from the
 * extension's isolated world, for its first screen of text and for the whole story
 * (reader-open.ts, reader-scroll.ts).
 */
import type { Worker } from 'playwright-core';
import { readerFiles } from '../../src/reader/ext/open-reader';
import { inIsolatedWorld, tabIds, type ExtensionBrowser } from './extension-browser';
import type { BenchPage } from './pages';

/** Time for a freshly loaded page to go quiet: the always-on content script, AO3's prerendering. */
const SETTLE_MS = 1500;

export interface Opened {
  t0: number;
  outcome: unknown;
  content: number;
  painted: number;
  allText: number;
}

/**
 * Runs in the extension's isolated world of the page, before the reader is injected: resolves once
 * the reader's first text has been painted. The reader's shadow root is closed, so it is reached
 * as Slipcase's own scripts could, through chrome.dom.
 */
export function watchForReader(): void {
  const w = window as unknown as { slipcaseBench: Promise<unknown>; slipcaseLastChange: number; slipcaseWords: number };
  w.slipcaseBench = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const host = document.querySelector('slipcase-reader');
      const root = host && chrome.dom.openOrClosedShadowRoot(host as HTMLElement);
      if (!root) return;
      observer.observe(root, { childList: true, subtree: true });
      const story = root.querySelector('.story');
      if (!story?.textContent?.trim()) return;
      observer.disconnect();
      const content = Date.now();
      // For watchAllText: when the reader last changed its story, and the words it holds, counted
      // part by part as they come (a part is ~15,000 characters: well under a millisecond each).
      w.slipcaseLastChange = content;
      // (No named helper for the count: tsx would wrap it in a __name call the isolated world lacks.)
      w.slipcaseWords = story.textContent.match(/\S+/g)?.length ?? 0;
      new MutationObserver((records) => {
        w.slipcaseLastChange = Date.now();
        for (const r of records) {
          r.addedNodes.forEach((n) => (w.slipcaseWords += n.textContent?.match(/\S+/g)?.length ?? 0));
          r.removedNodes.forEach((n) => (w.slipcaseWords -= n.textContent?.match(/\S+/g)?.length ?? 0));
        }
      }).observe(story, {
        childList: true,
        subtree: true,
        characterData: true,
      });
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          // Marks the first screen in a performance trace (reader-scroll.ts).
          console.timeStamp('slipcase-painted');
          resolve({ content, painted: Date.now() });
        };
        channel.port2.postMessage(null);
      });
    });
    observer.observe(document.documentElement, { childList: true });
  });
}

/**
 * In the isolated world: once the reader holds `words` words (polled every 250 ms, for up to 60 s),
 * resolves with the time it last changed its story, which is when the last of them came. The poll
 * reads watchForReader's running count: counting the whole story at each poll took 35-80 ms on the
 * 200k-word work, the longest tasks reader-scroll.ts saw after the first screen, charged to the reader.
 */
export function watchAllText(words: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const shown = (window as unknown as { slipcaseWords?: number }).slipcaseWords ?? 0;
      if (shown >= words || Date.now() - started > 60_000) clearInterval(timer);
      if (shown >= words) resolve((window as unknown as { slipcaseLastChange: number }).slipcaseLastChange);
      else if (Date.now() - started > 60_000) reject(new Error(`the reader shows ${shown} words of ${words} after 60 s`));
    }, 250);
  });
}

/** Opens the reader on the settled page of tab `tab` as the command does; resolves when its first text is painted. */
export async function openOnTab(worker: Worker, tab: number, page: BenchPage): Promise<Opened> {
  await inIsolatedWorld(worker, tab, watchForReader);
  const { t0, outcome } = await worker.evaluate(
    async ({ tab, files }) => {
      const t0 = Date.now();
      const [result] = await chrome.scripting.executeScript({ target: { tabId: tab }, files });
      return { t0, outcome: result?.result };
    },
    { tab, files: readerFiles(page.url) },
  );
  if (outcome !== 'opened') throw new Error(`${page.label}: the reader answered ${String(outcome)}`);
  const shown = (await inIsolatedWorld(worker, tab, () =>
    Promise.race([
      (window as unknown as { slipcaseBench: Promise<unknown> }).slipcaseBench,
      new Promise((_, reject) => setTimeout(() => reject(new Error('the reader did not show a story within 60 s')), 60_000)),
    ]),
  )) as { content: number; painted: number };
  const lastChange = (await inIsolatedWorld(worker, tab, watchAllText, Math.floor(0.95 * page.words))) as number;
  // A reader that puts the whole story in at once has it all before its first screen is painted.
  return { t0, outcome, ...shown, allText: Math.max(lastChange, shown.painted) };
}

/** A new tab on `page`, settled, with the reader's stored state cleared (a first open: no reading position). */
export async function settledTab(browser: ExtensionBrowser, page: BenchPage) {
  const worker = await browser.worker();
  await worker.evaluate(() => chrome.storage.local.clear());
  const before = await tabIds(browser);
  const tab = await browser.context.newPage();
  await tab.goto(page.url, { waitUntil: 'load' });
  const added = (await tabIds(browser)).filter((id) => !before.includes(id));
  if (added.length !== 1) throw new Error(`expected one new tab, got ${added.length}`);
  await tab.waitForTimeout(SETTLE_MS);
  return { tab, id: added[0]!, worker };
}

export async function openReader(browser: ExtensionBrowser, page: BenchPage): Promise<Opened> {
  const { tab, id, worker } = await settledTab(browser, page);
  try {
    return await openOnTab(worker, id, page);
  } finally {
    await tab.close();
  }
}
