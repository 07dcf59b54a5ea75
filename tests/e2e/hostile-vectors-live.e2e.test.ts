/**
 * The hostile vectors (tests/lib/hostile-vectors.ts) in the reader on the archive page, in real
 * Chromium and Firefox: the reader turns, in place, to each chapter of an AO3 work whose chapters
 * hold them (tests/e2e/lib/vector-work.ts). The vectors are only ever in the chapters the reader
 * fetches, never in the page's own document, so whatever runs in the page runs because Slipcase
 * drew it; a sentinel in the page's own world (where a drawn vector's script would run) records
 * it. The offline reader's half is tests/e2e/hostile-vectors.e2e.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { allVectors } from '../lib/hostile-vectors';
import { until } from '../lib/wait';
import type { PageHandle } from './lib/driver';
import { BROWSERS } from './lib/launch';
import { freshBrowserEach } from './lib/library';
import { READER_TAG, openState, readFromPopup, stateOf } from './lib/reader';
import { serve } from './lib/routes';
import { before, expectNothingRan, installSentinel, namedHosts, sentinelOf } from './lib/sentinel';
import { opening, vectorWork } from './lib/vector-work';

const VECTORS = allVectors();
const WORD = 'sentinelwarden';
const WORK = vectorWork('990002', VECTORS, 20, WORD);
const TOTAL = WORK.chapters.length;
const HOSTS = namedHosts(VECTORS);

function serveWork(): () => void {
  const stops = WORK.chapters.map((c) => serve(c.url, { status: 200, contentType: 'text/html; charset=utf-8', body: c.html }));
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

describe.each(BROWSERS)('%s', (browserName) => {
  const browser = freshBrowserEach(browserName);

  it(`${VECTORS.length - WORK.setAside.length} hostile vectors drawn by the reader on the archive page: nothing runs, opens, navigates or calls out`, async () => {
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
      // The sentinel hears what it should: a handler in this document calling a dialog is recorded.
      await page.evaluate(
        () => document.body.insertAdjacentHTML('beforeend', '<img src="/none.png" onerror="alert(\'self-check\')">'),
        undefined,
      );
      await until(async () => (await sentinelOf(page)).calls.includes('alert(self-check)'), 'the sentinel to record the alert');
      await page.close();
    } finally {
      stopServing();
    }
  }, 300_000);
});
