/**
 * The offline library with the network cut, in the built extension in real Chromium and Firefox:
 * each saved story is found by a word of its text, read in the offline reader, left part-way and
 * reopened at the same place, and the offline reader keeps the content warnings. Each test starts
 * in a fresh browser whose library holds just the stories it needs (lib/library.ts#fillLibrary).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storedItems } from '../../src/warnings/settings';
import { DEFAULT_RATING_SETTINGS } from '../../src/warnings/policy';
import { until } from '../lib/wait';
import { SCREENSHOT_DIR } from './lib/build';
import type { BrowserDriver, PageHandle } from './lib/driver';
import { BROWSERS, resetStorage } from './lib/launch';
import {
  AAS,
  AO3,
  FFN,
  SAVES,
  fillLibrary,
  findAlone,
  freshBrowserEach,
  openOffline,
  pageRequests,
  readerPlace,
  savedPlace,
  turnToLastChapter,
  type StoryTruth,
} from './lib/library';
import { setOffline } from './lib/routes';
import { READER_TAG, openState, readFromPopup } from './lib/reader';

/** A long chapter, read part-way in `reader`: the place within it is kept, not just the chapter. */
async function keepsPlaceInChapter(driver: BrowserDriver, reader: PageHandle, href: string, s: StoryTruth, id: string): Promise<void> {
  const scrolled = await reader.evaluate(() => {
    const scroller = document.querySelector('.reader')!;
    scroller.scrollTop = Math.floor((scroller.scrollHeight - scroller.clientHeight) * 0.4);
    return scroller.scrollTop;
  }, undefined);
  // The reader saves the place a moment after scrolling stops; closing before would lose it.
  await until(async () => {
    const place = await savedPlace(reader, id);
    return place?.chapter === 0 && place.fraction > 0;
  }, 'the place in chapter 1 to be saved');
  await reader.close();
  const again = await driver.openExtensionPage(href.replace(/^\//, ''));
  await until(
    async () => {
      const p = await again.evaluate(readerPlace, undefined);
      return p && p.story.includes(s.chapters[0]!.word) && Math.abs(p.scrollTop - scrolled) < 80 ? p : null;
    },
    'chapter 1 back at its place',
    15_000,
  );
  await again.close();
}

/**
 * The offline reader `reader` requested nothing of the archives: Chromium's page routing answers
 * extension pages out of the proxy's sight, but the page's resource timing lists what it asked for.
 */
async function asksArchivesNothing(reader: PageHandle): Promise<void> {
  const archives = SAVES.map((x) => new URL(x.start).host);
  expect((await pageRequests(reader)).filter((url) => archives.includes(new URL(url).host))).toEqual([]);
}

/**
 * What a reader view shows of a chapter beside its text: words, notes (label, open), chapter list.
 * Runs in the page, on the live reader's (closed) root, or on the offline reader's document.
 */
function drawnView(within: ParentNode | undefined): { facts: string; notes: [string, boolean][]; chapters: string[] } | null {
  const root = within ?? document;
  const facts = root.querySelector('.story-head .facts')?.textContent?.replace(/\s+/g, ' ').trim();
  const list = Array.from(root.querySelectorAll('.panel.chapters li button'), (b) => b.textContent?.trim() ?? '');
  if (!facts || list.length === 0) return null;
  const notes = Array.from(root.querySelectorAll<HTMLDetailsElement>('details.note'), (d): [string, boolean] => [
    d.querySelector('summary')?.textContent?.trim() ?? '',
    d.open,
  ]);
  return { facts, notes, chapters: list };
}

/** How many stories' search keys wait to be written into the index (src/library/search/waiting.ts). Runs in an extension page. */
async function waitingKeys(): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open('slipcase-library');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  try {
    const count = db.transaction('waitingKeys').objectStore('waitingKeys').count();
    return await new Promise<number>((resolve, reject) => {
      count.onsuccess = () => resolve(count.result);
      count.onerror = () => reject(count.error);
    });
  } finally {
    db.close();
  }
}

describe.each(BROWSERS)('%s', (browserName) => {
  const browser = freshBrowserEach(browserName);

  /** Finds story `s` on the library page by its last chapter's word, and reads it in the offline reader. */
  async function readOffline(library: PageHandle, s: StoryTruth): Promise<void> {
    const driver = browser();
    const last = s.chapters[s.chapters.length - 1]!;
    const { id, href } = await findAlone(library, last.word, s.start);
    expect(await library.text('li.library-card .card-title')).toBe(s.title);
    if (s === AO3) await library.screenshot(join(SCREENSHOT_DIR, `${browserName}-library-search.png`));
    const { reader, place } = await openOffline(driver, href);
    expect(place.story).toContain(s.chapters[0]!.word);
    await asksArchivesNothing(reader);
    if (s === AO3) await keepsPlaceInChapter(driver, reader, href, s, id);
    else await reader.close();

    // Then on to the last chapter, and away: the next visit opens there.
    const { reader: turning } = await openOffline(driver, href);
    await turnToLastChapter(turning, s, id);
    await asksArchivesNothing(turning);
    if (s === FFN) await turning.screenshot(join(SCREENSHOT_DIR, `${browserName}-library-reader.png`));
    await turning.close();
    const again = await driver.openExtensionPage(href.replace(/^\//, ''));
    await until(
      async () => (await again.evaluate(readerPlace, undefined))?.story.includes(last.word) ?? false,
      'the reader back at the last chapter',
      15_000,
    );
    await again.close();
  }

  it('offline, finds each story by a word of its text and reads it from where the reader left off', async () => {
    const driver = browser();
    await fillLibrary(driver, SAVES);
    setOffline(true);
    const before = driver.proxyRequests.length;
    const library = await driver.openExtensionPage('options.html#library');
    try {
      // A save's search keys wait, and the extension writes them into the index once it is idle:
      // the searches below then read them from the index.
      await until(async () => (await library.evaluate(waitingKeys, undefined)) === 0, 'the saves’ search keys written in', 30_000);
      for (const s of SAVES) await readOffline(library, s);
      // The offline reader and the library asked the archives for nothing (the browsers' own
      // housekeeping requests, refused like everything else, are not Slipcase's). Every reader
      // above rendered its story before this count, so a request it made would be in it.
      const archives = SAVES.map((x) => new URL(x.start).host);
      expect(driver.proxyRequests.slice(before).filter((r) => archives.includes(new URL(r.url).host))).toEqual([]);
    } finally {
      await library.close();
    }
  }, 240_000);

  it('the offline reader covers a saved story past the reader’s limits until they choose to see it', async () => {
    const driver = browser();
    await fillLibrary(driver, [AAS]);
    setOffline(true);
    // Default settings: the unrated All About Spike story estimates Explicit, past the default limit.
    await resetStorage(driver, storedItems(DEFAULT_RATING_SETTINGS));
    const library = await driver.openExtensionPage('options.html#library');
    try {
      const { href } = await findAlone(library, AAS.chapters[0]!.word, AAS.start);
      const reader = await driver.openExtensionPage(href.replace(/^\//, ''));
      await until(async () => (await reader.count('slipcase-gate')) === 1, 'the interstitial', 15_000);
      expect(await reader.count('.story')).toBe(0);
      await reader.screenshot(join(SCREENSHOT_DIR, `${browserName}-library-gate.png`));
      await reader.clickIn('slipcase-gate', '[data-action="show"]');
      const place = await until(() => reader.evaluate(readerPlace, undefined), 'the story after “Show this story”', 15_000);
      expect(place.story).toContain(AAS.chapters[0]!.word);
      await reader.close();
    } finally {
      await library.close();
    }
  }, 120_000);
  it('the offline reader draws the live reader’s view: the same words, the same folded notes, the chapters numbered alike', async () => {
    const driver = browser();
    await fillLibrary(driver, [AO3]);
    const { page, tabId } = await driver.openPage(AO3.start);
    await readFromPopup(driver, tabId);
    await openState(page);
    await page.clickIn(READER_TAG, '.chapters-toggle');
    const live = await until(() => page.shadow(READER_TAG, drawnView, undefined), 'the live reader’s chapter list');
    await page.close();

    setOffline(true);
    const library = await driver.openExtensionPage('options.html#library');
    try {
      const { href } = await findAlone(library, AO3.chapters[0]!.word, AO3.start);
      const { reader } = await openOffline(driver, href);
      await reader.click('.chapters-toggle');
      const offline = await until(() => reader.evaluate(drawnView, undefined), 'the offline reader’s chapter list');
      await reader.screenshot(join(SCREENSHOT_DIR, `${browserName}-library-reader-notes.png`));
      expect(live.facts).toContain(`${AO3.chapters[0]!.words.toLocaleString('en')} words`);
      expect(offline).toEqual(live);
      expect(offline.notes.length).toBeGreaterThan(0);
      expect(offline.chapters).toEqual(AO3.chapters.map((c) => `${c.number}. ${c.title}`));
      await reader.close();
    } finally {
      await library.close();
    }
  }, 180_000);
});
