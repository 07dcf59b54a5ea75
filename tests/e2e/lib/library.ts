/**
 * The offline library as the end-to-end specs see it: the stories they save (served at their
 * archives' real URLs), the library read back with IndexedDB itself, and a fresh browser per test
 * with a library filled cheaply: the stories are saved from the popup once per browser in a run,
 * exported, and every later test that needs them imports that backup.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, inject } from 'vitest';
import { DEFAULT_RATING_SETTINGS, siteKey } from '../../../src/warnings/policy';
import { storedItems } from '../../../src/warnings/settings';
import { until } from '../../lib/wait';
import type { BrowserDriver, PageHandle } from './driver';
import { LAUNCHERS, resetStorage, type BrowserName } from './launch';
import { pageAt } from './pages';
import { setOffline } from './routes';

interface ChapterTruth {
  number: number;
  title: string;
  words: number;
  /** A word found in this chapter's text and no other's. */
  word: string;
}
export interface StoryTruth {
  story: string;
  start: string;
  plan: string;
  title: string;
  chapters: ChapterTruth[];
}

export const MULTI: StoryTruth[] = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../src/library/tests/fixtures/stories.json'), 'utf8'),
);
const AAS_URL = 'http://www.allaboutspike.com/fic.html?id=562';
export const AAS: StoryTruth = {
  story: 'allaboutspike-562',
  start: AAS_URL,
  plan: 'complete',
  title: pageAt(AAS_URL).title!,
  chapters: [{ number: 1, title: pageAt(AAS_URL).title!, words: 0, word: 'diners' }],
};
export const SAVES = [...MULTI, AAS];
/** Saved from the reader view rather than the popup: two chapters, the second fetched. */
export const RR_START = 'https://www.royalroad.com/fiction/555/great-story/chapter/771/chapter-one';
export const [AO3, FFN] = MULTI as [StoryTruth, StoryTruth];

/** The fixture sites pass the content-warning gate (tests/e2e/gate.e2e.test.ts tests the gate). */
export const ALLOW_FIXTURE_SITES = storedItems({
  ...DEFAULT_RATING_SETTINGS,
  exceptions: {
    ...DEFAULT_RATING_SETTINGS.exceptions,
    sites: [...new Set([...SAVES.map((s) => s.start), RR_START].map((url) => siteKey({ url })))],
  },
});

/** The library as plain data, read with IndexedDB itself in an extension page: what a backup must carry. */
interface Dumped {
  stories: {
    id: string;
    title: string;
    url: string;
    chapterCount: number;
    words: number;
    meta: unknown;
    savedAt: number;
    updatedAt: number;
    lastReadAt: number;
    /** 'folder': the text is in the sync folder (src/library/dav/awaiting.ts). */
    textIn?: 'folder';
  }[];
  chapters: { storyId: string; index: number; title: string | null; url: string; html: string; words: number }[];
  progress: { storyId: string; chapter: number; fraction: number; at: number }[];
}

/** Runs in an extension page: the whole library, each story's current chapters only. */
function dumpLibrary(): Promise<Dumped> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('slipcase-library');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['stories', 'chapters', 'progress'], 'readonly');
      const all = (store: string) =>
        new Promise<unknown[]>((res) => {
          const r = tx.objectStore(store).getAll();
          r.onsuccess = () => res(r.result);
        });
      void Promise.all([all('stories'), all('chapters'), all('progress')]).then(([stories, chapters, progress]) => {
        db.close();
        const current = new Map((stories as { id: string; version: number }[]).map((s) => [s.id, s.version]));
        resolve({
          stories: (stories as Dumped['stories'][number][]).map((s) => ({
            id: s.id,
            title: (s.meta as { title: string }).title,
            url: s.url,
            chapterCount: s.chapterCount,
            words: s.words,
            meta: s.meta,
            savedAt: s.savedAt,
            updatedAt: s.updatedAt,
            lastReadAt: s.lastReadAt,
            ...(s.textIn && { textIn: s.textIn }),
          })),
          chapters: (chapters as (Dumped['chapters'][number] & { version: number })[])
            .filter((c) => current.get(c.storyId) === c.version)
            .map((c) => ({ storyId: c.storyId, index: c.index, title: c.title, url: c.url, html: c.html, words: c.words })),
          progress: progress as Dumped['progress'],
        });
      });
    };
  });
}

/** The library as plain data, read in a popup opened for the purpose. */
export async function dump(driver: BrowserDriver): Promise<Dumped> {
  const page = await driver.openExtensionPage('popup.html?tab=none');
  try {
    return await page.evaluate(dumpLibrary, undefined);
  } finally {
    await page.close();
  }
}

/** The reader's place in the offline reader: which chapter and how far down its scroller. */
export function readerPlace(): { chapter: string; scrollTop: number; story: string } | null {
  const title = document.querySelector('.story-head .chapter-title');
  const scroller = document.querySelector('.reader');
  const story = document.querySelector('.story');
  if (!scroller || !story) return null;
  return { chapter: title?.textContent ?? '', scrollTop: scroller.scrollTop, story: story.textContent ?? '' };
}

/** The saved place in story `id`, read in an extension page (the offline reader is one), or null. */
export function savedPlace(page: PageHandle, id: string): Promise<Dumped['progress'][number] | null> {
  return page.evaluate(
    (storyId: string) =>
      new Promise<Dumped['progress'][number] | null>((resolve, reject) => {
        const open = indexedDB.open('slipcase-library');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('progress').objectStore('progress').get(storyId);
          get.onsuccess = () => (resolve((get.result as Dumped['progress'][number] | undefined) ?? null), open.result.close());
          get.onerror = () => reject(get.error);
        };
      }),
    id,
  );
}

/**
 * Searches the library page for `word` and waits until the one card left is the story from
 * `start`'s archive (its id names the host: two of these works share a title), not a card still
 * showing from the search before. Returns its id and its offline reader link.
 */
export async function findAlone(library: PageHandle, word: string, start: string): Promise<{ id: string; href: string }> {
  const host = new URL(start).hostname.replace(/^www\./, '');
  await library.fill('.library-search input', word);
  const card = () =>
    library.evaluate(() => {
      const cards = document.querySelectorAll('li.library-card[data-story-id]');
      return cards.length === 1
        ? { id: cards[0]!.getAttribute('data-story-id')!, href: cards[0]!.querySelector('.read')!.getAttribute('href')! }
        : null;
    }, undefined);
  try {
    return await until(
      async () => {
        const c = await card();
        return c?.id.includes(host) ? c : null;
      },
      `${host} alone in the results for “${word}”`,
      15_000,
    );
  } catch (e) {
    // What the page showed instead, so that a failure says which part of the search went wrong.
    const shown = await library.evaluate(
      () => ({
        search: document.querySelector<HTMLInputElement>('.library-search input')?.value,
        count: document.querySelector('.library-count')?.textContent,
        notice: document.querySelector('.library-notice')?.textContent ?? null,
        cards: Array.from(document.querySelectorAll('li.library-card'), (c) => c.getAttribute('data-story-id')),
      }),
      undefined,
    );
    throw new Error(`${(e as Error).message}; the page showed ${JSON.stringify(shown)}`, { cause: e });
  }
}

/** Opens the offline reader at a library link (as the card gives it) and waits for the story. */
export async function openOffline(
  driver: BrowserDriver,
  href: string,
): Promise<{ reader: PageHandle; place: NonNullable<ReturnType<typeof readerPlace>> }> {
  const reader = await driver.openExtensionPage(href.replace(/^\//, ''));
  const place = await until(() => reader.evaluate(readerPlace, undefined), 'the offline reader', 15_000);
  return { reader, place };
}

/** Turns the open offline reader of a `total`-chapter story to each chapter after the first, then back to the first. */
export async function everyChapterOffline(reader: PageHandle, total: number): Promise<void> {
  const title = () => reader.evaluate(() => document.querySelector('.story-head .chapter-title')?.textContent ?? '', undefined);
  for (let c = 2; c <= total; c++) {
    await reader.click('.bar .next');
    await until(async () => (await title()).startsWith(`Chapter ${c} of ${total}`), `the offline reader's chapter ${c}`);
  }
  await reader.click('.chapters-toggle');
  await reader.click('.chapters li:first-child button');
  await until(async () => (await title()).startsWith(`Chapter 1 of ${total}`), 'chapter 1 again');
}

/**
 * Turns the open offline reader of story `s` (id `id`) to its last chapter, one "next" at a time,
 * and waits until the library holds that place: the reader saves it a moment after the turn.
 */
export async function turnToLastChapter(reader: PageHandle, s: StoryTruth, id: string): Promise<void> {
  for (let i = 1; i < s.chapters.length; i++) {
    await reader.click('.bar .next');
    await until(
      async () => (await reader.evaluate(readerPlace, undefined))?.story.includes(s.chapters[i]!.word) ?? false,
      `chapter ${i + 1}`,
    );
  }
  // A one-chapter story has no turn, so no place to wait for.
  if (s.chapters.length > 1)
    await until(
      async () => (await savedPlace(reader, id))?.chapter === s.chapters.length - 1,
      `${s.story}'s last chapter to be saved as its place`,
    );
}

/**
 * Clicks `selector` and returns the address of the file the page offers for download: anchors with
 * a download attribute are caught before the browser saves them.
 */
async function downloadHref(page: PageHandle, selector: string): Promise<string> {
  await page.evaluate(() => {
    const w = window as unknown as { __downloads: string[] };
    w.__downloads = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      if (this.hasAttribute('download')) w.__downloads.push(this.href);
      else click.call(this);
    };
  }, undefined);
  await page.click(selector);
  return until(
    () => page.evaluate(() => (window as unknown as { __downloads: string[] }).__downloads[0] ?? null, undefined),
    'the download',
    20_000,
  );
}

/** Clicks `selector` and returns the text of the file the page offers for download, its blob read in the page. */
export async function downloadText(page: PageHandle, selector: string): Promise<string> {
  return page.evaluate(async (url: string) => (await fetch(url)).text(), await downloadHref(page, selector));
}

/** Clicks `selector` and returns the bytes of the file the page offers for download. */
export async function downloadBytes(page: PageHandle, selector: string): Promise<Uint8Array> {
  const base64 = await page.evaluate(
    async (url: string) => {
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    },
    await downloadHref(page, selector),
  );
  return Uint8Array.from(Buffer.from(base64, 'base64'));
}

/**
 * Saves the whole story at `s.start` from the popup, as a reader would, and waits until the popup
 * says it is saved; `inspect` looks at the popup then, before it closes.
 */
export async function saveFromPopup(driver: BrowserDriver, s: StoryTruth, inspect?: (popup: PageHandle) => Promise<void>): Promise<void> {
  const { tabId, page } = await driver.openPage(s.start);
  const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
  await popup.click('.save-story');
  await until(async () => (await popup.count('.job-outcome.job-done')) > 0, `${s.story} to be saved`, 60_000);
  await inspect?.(popup);
  await popup.close();
  await page.close();
}

/** Each test of the calling suite gets a browser of its own, with a fresh profile, online. */
export function freshBrowserEach(browserName: BrowserName): () => BrowserDriver {
  let driver: BrowserDriver | null = null;
  beforeEach(async () => {
    setOffline(false);
    driver = await LAUNCHERS[browserName]();
    await resetStorage(driver, ALLOW_FIXTURE_SITES);
  }, 120_000);
  afterEach(async () => {
    setOffline(false);
    await driver?.close();
    driver = null;
  });
  return () => {
    if (!driver) throw new Error('no browser outside a test');
    return driver;
  };
}

/**
 * Fills the (empty) library of `driver` with `stories`: from a backup made earlier in this run
 * when there is one (importing is quicker than saving, which fetches politely, a second apart),
 * else by saving them from the popup and keeping a backup for later tests.
 */
export async function fillLibrary(driver: BrowserDriver, stories: StoryTruth[]): Promise<void> {
  const file = join(inject('libraryBackups'), `${driver.name}-${stories.map((s) => s.story).join('+')}.json`);
  if (existsSync(file)) return importBackup(driver, file, stories.length);
  for (const s of stories) await saveFromPopup(driver, s);
  await exportBackup(driver, stories.length, file);
}

async function exportBackup(driver: BrowserDriver, count: number, file: string): Promise<void> {
  const library = await driver.openExtensionPage('options.html#library');
  try {
    await until(async () => (await library.count('li.library-card[data-story-id]')) === count, 'the library');
    writeFileSync(file, await downloadText(library, '.library-export'));
  } finally {
    await library.close();
  }
}

export async function importBackup(driver: BrowserDriver, file: string, count: number): Promise<void> {
  const library = await driver.openExtensionPage('options.html#library');
  try {
    await library.upload('.library-import input[type=file]', file);
    await until(async () => (await library.evaluate(dumpLibrary, undefined)).stories.length === count, 'the import', 20_000);
  } finally {
    await library.close();
  }
}

/** Every address `page` has requested, as its resource timing lists them (failed requests too). */
export function pageRequests(page: PageHandle): Promise<string[]> {
  return page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name), undefined);
}
