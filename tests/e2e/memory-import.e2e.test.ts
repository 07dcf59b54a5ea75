/**
 * Bringing the reader's AO3 bookmarks into the reading memory, in the built extension in real
 * Chromium and Firefox: from the popup on page 1 of their saved bookmarks (served at its real
 * address), Slipcase fetches page 2 and nothing else, remembers every bookmarked work, and an AO3
 * tag listing then marks them.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { until } from '../lib/wait';
import { SCREENSHOT_DIR } from './lib/build';
import { BROWSERS } from './lib/launch';
import { freshBrowserEach } from './lib/library';
import { memoryOf } from './lib/memory';

const BOOKMARKS = 'https://archiveofourown.org/users/dove/bookmarks';
const BOOKMARKS_2 = `${BOOKMARKS}?page=2`;
const AO3_LISTING = 'https://archiveofourown.org/tags/Buffy%20Summers*s*Spike/works?page=1071';
const ao3 = (work: number) => `ao3:archiveofourown.org:${work}`;

describe.each(BROWSERS)('%s', (browserName) => {
  const browser = freshBrowserEach(browserName);

  it('imports the bookmarks from their saved pages, fetching only the list’s own pages, and the listing marks them', async () => {
    const driver = browser();
    const { tabId } = await driver.openPage(BOOKMARKS);
    const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
    expect(await popup.text('.import-what')).toContain('Bring these AO3 bookmarks into your reading memory');
    const before = driver.proxyRequests.length;
    await popup.click('.import-start');
    await until(async () => (await popup.count('.import-progress.import-done')) > 0, 'the import to finish', 60_000);
    expect(await popup.text('.import-progress')).toBe('Imported AO3 bookmarks: 5 stories, 5 new to your memory.');
    await popup.screenshot(join(SCREENSHOT_DIR, `${browserName}-import-popup.png`));
    await popup.close();

    // Page 2 of the list, once, and nothing else on the archive.
    const asked = driver.proxyRequests.slice(before).filter((r) => r.url.startsWith('https://archiveofourown.org/'));
    expect(asked.map((r) => r.url)).toEqual([BOOKMARKS_2]);
    expect(await memoryOf(driver, ao3(52266019))).toMatchObject({ state: 'caught-up', chapter: 3, title: 'Ledger of Small Mercies' });
    expect(await memoryOf(driver, ao3(51699514))).toMatchObject({ chosen: false });
    expect(await memoryOf(driver, ao3(51540028))).toBeNull();

    const { page } = await driver.openPage(AO3_LISTING);
    await until(async () => (await page.count('slipcase-mark')) === 5, 'five marks');
    const mark = await page.shadow('#work_52266019 slipcase-mark', (root) => root.querySelector('.mark')?.textContent ?? null, undefined);
    expect(mark).toBe('Caught up');
    expect(await page.count('#work_51540028 slipcase-mark')).toBe(0);
    await page.evaluate(() => document.querySelector('#work_52266019')!.scrollIntoView(), undefined);
    await page.screenshot(join(SCREENSHOT_DIR, `${browserName}-import-marks.png`));
  });
});
