/**
 * The reading memory on archive listings, in the built extension in real Chromium and Firefox.
 * The reader saved FanFiction.net's fixture story, opened its chapter 2 (the popup says "Reading,
 * chapter 2 of 5"), and dropped another story earlier: an FFN listing marks both, says how many
 * chapters the first has past the reader's place, and leaves the unknown one alone; an AO3 tag
 * listing marks works in other states. The marks move nothing on the page, and can be turned off.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { until } from '../lib/wait';
import { SCREENSHOT_DIR } from './lib/build';
import { BROWSERS } from './lib/launch';
import { FFN, fillLibrary, freshBrowserEach } from './lib/library';
import { memoryOf, remembered, seedMemory } from './lib/memory';
import { serve } from './lib/routes';
import type { PageHandle } from './lib/driver';
import { storyKey } from '../../src/warnings/policy';

const FFN_ID = 'ffn:fanfiction.net:1234567';
const LISTING = 'https://www.fanfiction.net/book/Web-Extensions/';
const AO3_LISTING = 'https://archiveofourown.org/tags/Buffy%20Summers*s*Spike/works?page=1071';

/** One FFN listing entry (the live site's div.z-list markup). */
const entry = (id: number, title: string, chapters: number) =>
  `<div class="z-list zhover zpointer " style="min-height:77px;border-bottom:1px #cdcdcd solid;"><a class="stitle" href="/s/${id}/1/${title.replace(/ /g, '-')}">${title}</a>  by <a href="/u/${id}/writer">writer</a>
<div class="z-indent z-padtop">A story about ${title.toLowerCase()}.<div class="z-padtop2 xgray">Rated: K - English - Chapters: ${chapters} - Words: ${chapters * 900} - Reviews: 3 - Published: <span data-xutime="1561545884">Jun 1</span></div></div></div>`;

const listingBody = `<!doctype html><html><head><title>Web Extensions Books | FanFiction</title></head><body><div id="content_wrapper_inner">
${entry(1234567, 'Web to Epub', 6)}
${entry(7654321, 'Night Shift', 12)}
${entry(1111111, 'Untouched', 3)}
</div></body></html>`;

/** The text of the mark in the `n`th entry's closed root, or null when it has none. */
const markIn = (page: PageHandle, host: string) => page.shadow(host, (root) => root.querySelector('.mark')?.textContent ?? null, undefined);

/** The page's layout shifts so far (Chromium reports them; other browsers: null). */
const layoutShift = (page: PageHandle) =>
  page.evaluate(
    () =>
      new Promise<number | null>((resolve) => {
        if (!PerformanceObserver.supportedEntryTypes.includes('layout-shift')) return resolve(null);
        const seen: number[] = [];
        const observer = new PerformanceObserver((list) =>
          list.getEntries().forEach((e) => seen.push((e as unknown as { value: number }).value)),
        );
        observer.observe({ type: 'layout-shift', buffered: true });
        // Buffered entries arrive in the observer's first callback, within a frame.
        requestAnimationFrame(() => requestAnimationFrame(() => (observer.disconnect(), resolve(seen.reduce((a, b) => a + b, 0)))));
      }),
    undefined,
  );

describe.each(BROWSERS)('%s', (browserName) => {
  const browser = freshBrowserEach(browserName);

  it('marks an FFN listing: a saved story being read, one dropped, none on an unknown one; the marks can be turned off', async () => {
    const driver = browser();
    await fillLibrary(driver, [FFN]);
    await seedMemory(driver, [
      remembered('ffn:fanfiction.net:7654321', 'https://www.fanfiction.net/s/7654321/1/Night-Shift', 'dropped', 3, 12),
    ]);
    const chapter2 = await driver.openPage('https://www.fanfiction.net/s/1234567/2/WebToEpub');
    await until(async () => (await memoryOf(driver, FFN_ID))?.chapter === 2, 'chapter 2 remembered');
    const popup = await driver.openExtensionPage(`popup.html?tab=${chapter2.tabId}`);
    expect(await popup.text('.memory-state')).toBe('Reading, chapter 2 of 5');
    await popup.close();
    await chapter2.page.close();

    const unserve = serve(LISTING, { status: 200, contentType: 'text/html; charset=utf-8', body: listingBody });
    try {
      const { page } = await driver.openPage(LISTING);
      await until(async () => (await page.count('slipcase-mark')) === 2, 'two marks');
      expect(await markIn(page, '.z-list:nth-child(1) slipcase-mark')).toBe('Reading, chapter 2 of 6 · 4 new chapters · Saved');
      expect(await markIn(page, '.z-list:nth-child(2) slipcase-mark')).toBe('Dropped');
      expect(await page.count('.z-list:nth-child(3) slipcase-mark')).toBe(0);
      const shift = await layoutShift(page);
      if (shift !== null) expect(shift).toBeLessThan(0.01);
      await page.evaluate(() => document.querySelector('.z-list')!.scrollIntoView(), undefined);
      await page.screenshot(join(SCREENSHOT_DIR, `${browserName}-listing-marks-ffn.png`));

      // Turned off in the options, the next visit has none.
      const options = await driver.openExtensionPage('options.html#library');
      await options.click('input[name="memory-marks"]');
      await until(async () => (await options.text('.memory-settings .status')) === 'Saved.', 'the switch saved');
      await options.close();
      await page.reload();
      await until(async () => (await page.count('.z-list')) === 3, 'the listing again');
      await until(async () => (await page.evaluate(() => document.readyState, undefined)) === 'complete', 'the page loaded');
      expect(await page.count('slipcase-mark')).toBe(0);
      await page.close();
    } finally {
      unserve();
    }
  }, 180_000);

  it('marks an AO3 tag listing with each state the reader set, and a story caught up before new chapters came', async () => {
    const driver = browser();
    const work = (id: number) => `https://archiveofourown.org/works/${id}`;
    await seedMemory(driver, [
      remembered('ao3:archiveofourown.org:52266019', work(52266019), 'caught-up', 1, 1),
      remembered('ao3:archiveofourown.org:52101177', work(52101177), 'want', null, null),
      remembered('ao3:archiveofourown.org:51877340', work(51877340), 'finished', 4, 4),
      remembered('ao3:archiveofourown.org:51540028', work(51540028), 'paused', 1, 2),
    ]);
    const { page } = await driver.openPage(AO3_LISTING);
    await until(async () => (await page.count('slipcase-mark')) === 4, 'four marks');
    const mark = (id: number) => markIn(page, `li#work_${id} h4.heading slipcase-mark`);
    expect(await mark(52266019)).toBe('Caught up · 2 new chapters');
    expect(await mark(52101177)).toBe('Want to read');
    expect(await mark(51877340)).toBe('Finished');
    expect(await mark(51540028)).toBe('Paused · 1 new chapter');
    const shift = await layoutShift(page);
    if (shift !== null) expect(shift).toBeLessThan(0.01);
    await page.evaluate(() => document.querySelector('li.blurb')!.scrollIntoView(), undefined);
    await page.screenshot(join(SCREENSHOT_DIR, `${browserName}-listing-marks-ao3.png`));
    await page.close();
  }, 120_000);
});

describe.each(BROWSERS)('%s, other archives', (browserName) => {
  const browser = freshBrowserEach(browserName);
  const key = (url: string, site: string) => storyKey({ url, site, title: null, author: null });

  it('marks a Royal Road listing and a SpaceBattles forum list beside the titles', async () => {
    const driver = browser();
    const rr = (path: string) => `https://www.royalroad.com/fiction/${path}`;
    const sb = (path: string) => `https://forums.spacebattles.com/threads/${path}/`;
    await seedMemory(driver, [
      remembered(key(rr('555/great-story'), 'royalroad'), rr('555/great-story'), 'reading', 3, 9),
      remembered(key(rr('21220/lantern-keeper'), 'royalroad'), rr('21220/lantern-keeper'), 'want', null, null),
      remembered(key(sb('my-great-story.1234'), 'xenforo'), sb('my-great-story.1234'), 'reading', 80, 80),
      remembered(key(sb('salt-and-circuitry.20517'), 'xenforo'), sb('salt-and-circuitry.20517'), 'dropped', null, null),
    ]);
    const { page } = await driver.openPage('https://www.royalroad.com/fictions/best-rated');
    await until(async () => (await page.count('slipcase-mark')) === 2, 'two marks');
    const rrMark = (n: number) => markIn(page, `.fiction-list-item:nth-child(${n}) h2.fiction-title slipcase-mark`);
    expect(await rrMark(1)).toBe('Reading, chapter 3 of 9 · 6 new chapters');
    expect(await rrMark(2)).toBe('Want to read');
    await page.screenshot(join(SCREENSHOT_DIR, `${browserName}-listing-marks-royalroad.png`));
    await page.close();

    const forum = await driver.openPage('https://forums.spacebattles.com/forums/creative-writing.18/');
    await until(async () => (await forum.page.count('slipcase-mark')) === 2, 'two marks');
    const sbMark = (id: number) => markIn(forum.page, `.js-threadListItem-${id} .structItem-title slipcase-mark`);
    expect(await sbMark(1234)).toBe('Reading, chapter 80 of 81 · 1 new chapter');
    expect(await sbMark(20517)).toBe('Dropped');
    expect(await forum.page.count('.js-threadListItem-118204 slipcase-mark')).toBe(0);
    await forum.page.screenshot(join(SCREENSHOT_DIR, `${browserName}-listing-marks-spacebattles.png`));
    await forum.page.close();
  }, 120_000);
});
