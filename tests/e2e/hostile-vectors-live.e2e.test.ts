/**
 * The hostile vectors (tests/lib/hostile-vectors.ts) through the whole path a story takes in real
 * Chromium and Firefox: the reader on the archive page turns, in place, to each chapter of an AO3
 * work whose chapters hold them (tests/e2e/lib/vector-work.ts); the popup saves the work; the
 * offline reader opens every saved chapter; the library writes the EPUB. On the archive page the
 * vectors are only ever in the chapters the reader fetches, never in the page's own document, so
 * whatever runs there runs because Slipcase drew it; a sentinel in the page's own world (where a
 * drawn vector's script would run) records it, and another in the offline reader.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { dangers } from '../lib/dangers';
import { allVectors } from '../lib/hostile-vectors';
import { until } from '../lib/wait';
import type { BrowserDriver, PageHandle } from './lib/driver';
import { BROWSERS } from './lib/launch';
import { downloadBytes, everyChapterOffline, findAlone, freshBrowserEach, openOffline } from './lib/library';
import { READER_TAG, openState, readFromPopup, stateOf } from './lib/reader';
import { serve } from './lib/routes';
import { before, expectNothingRan, installSentinel, namedHosts, sentinelOf } from './lib/sentinel';
import { opening, vectorWork } from './lib/vector-work';

const VECTORS = allVectors();
const WORD = 'sentinelwarden';
const WORK = vectorWork('990002', VECTORS, 20, WORD);
const TOTAL = WORK.chapters.length;
const HOSTS = namedHosts(VECTORS);
const WHOLE = 'https://archiveofourown.org/works/990002?view_full_work=true';

/**
 * Serves every chapter page; the Entire Work view, which a save asks for first, answers 500 as AO3
 * does for a long work under load, so the save job reads the chapter pages one by one.
 */
function serveWork(): () => void {
  const stops = WORK.chapters.map((c) => serve(c.url, { status: 200, contentType: 'text/html; charset=utf-8', body: c.html }));
  stops.push(serve(WHOLE, { status: 500, contentType: 'text/html', body: '<h1>500 Internal Server Error</h1>' }));
  return () => stops.forEach((stop) => stop());
}

/** Turns the live reader on `page` to each chapter in turn, waiting until each one shows. */
async function turnLive(page: PageHandle): Promise<void> {
  for (let c = 2; c <= TOTAL; c++) {
    await page.clickIn(READER_TAG, '.bar .next');
    await until(async () => {
      const s = await stateOf(page);
      return s && !s.busy && s.url.split('#')[0] === WORK.chapters[c - 1]!.url && s.story.includes(opening(c));
    }, `the live reader's chapter ${c}`);
  }
}

async function saveFromPopup(driver: BrowserDriver, tabId: number): Promise<void> {
  const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
  await popup.click('.save-story');
  await until(async () => (await popup.count('.job-outcome.job-done')) > 0, 'the work to be saved', 150_000);
  await popup.close();
}

/** Every chapter page of the EPUB: its XHTML, with no danger in it and its chapter's opening there. */
function expectCleanEpub(epub: Uint8Array): void {
  const pages = Object.entries(unzipSync(epub)).filter(([name]) => /chapter.*\.xhtml$/i.test(name));
  expect(pages).toHaveLength(TOTAL);
  for (const [name, bytes] of pages) {
    // The chapter's body: its head holds the book's own stylesheet link.
    const body = strFromU8(bytes).match(/<body[^>]*>([\s\S]*)<\/body>/)?.[1];
    expect(body, name).toBeDefined();
    expect(dangers(body!, { xml: true }), name).toEqual([]);
  }
  const all = pages.map(([, b]) => strFromU8(b)).join('\n');
  for (let c = 2; c <= TOTAL; c++) expect(all).toContain(opening(c));
}

describe.each(BROWSERS)('%s', (browserName) => {
  const browser = freshBrowserEach(browserName);

  it(`${VECTORS.length - WORK.setAside.length} hostile vectors read live, saved, read offline and written to the EPUB: nothing runs, opens, navigates or calls out`, async () => {
    expect(VECTORS.length - WORK.setAside.length).toBeGreaterThan(300);
    const driver = browser();
    const stopServing = serveWork();
    try {
      const { tabId, page } = await driver.openPage(WORK.url, { initScript: `(${installSentinel.toString()})()` });
      await readFromPopup(driver, tabId);
      await openState(page);
      const live = await before(driver, page);
      await turnLive(page);
      await expectNothingRan(driver, page, live, HOSTS, { pictures: true, at: WORK.url });
      expect((await stateOf(page))?.url.split('#')[0]).toBe(WORK.chapters.at(-1)!.url);
      // The save job reads every chapter again (fetched and read in the background), and draws nothing: not even a picture.
      const saving = await before(driver, page);
      await saveFromPopup(driver, tabId);
      await expectNothingRan(driver, page, saving, HOSTS, { at: WORK.url });
      // The sentinel hears what it should: a handler in this document calling a dialog is recorded.
      await page.evaluate(
        () => document.body.insertAdjacentHTML('beforeend', '<img src="/none.png" onerror="alert(\'self-check\')">'),
        undefined,
      );
      await until(async () => (await sentinelOf(page)).calls.includes('alert(self-check)'), 'the sentinel to record the alert');

      const library = await driver.openExtensionPage('options.html#library');
      const { href } = await findAlone(library, WORD, WORK.url);
      expectCleanEpub(await downloadBytes(library, 'li.library-card .epub'));
      const { reader } = await openOffline(driver, href);
      await reader.evaluate(installSentinel, undefined);
      const offline = { ...(await before(driver, reader)), resources: 0 };
      await everyChapterOffline(reader, TOTAL);
      await expectNothingRan(driver, reader, offline, namedHosts(VECTORS, ['archiveofourown.org']));

      await reader.close();
      await library.close();
    } finally {
      stopServing();
    }
  }, 420_000);
});
