/**
 * A forum thread as a reader meets it (issue #12): a Sufficient Velocity thread page with the
 * author's chapter and a reader's omake among the replies. The reader shows the threadmarked posts
 * only, under their threadmark labels; saving from the popup walks the reader-mode pages of the
 * threadmark categories the reader chose (the story and its apocrypha by default, informational
 * posts once ticked in the options page) and saves each post as a chapter, never a reply.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { until } from '../lib/wait';
import { SCREENSHOT_DIR } from './lib/build';
import type { BrowserDriver } from './lib/driver';
import { BROWSERS } from './lib/launch';
import { dump, freshBrowserEach } from './lib/library';
import { ALLOW_FIXTURE_SITES, openState, readFromPopup } from './lib/reader';
import { resetStorage } from './lib/launch';

const THREAD = 'https://forums.sufficientvelocity.com/threads/the-cartographers-apprentice.118204/';
const PAGE_17 = `${THREAD}page-17`;
const STORY_PAGES = [`${THREAD}reader/`, `${THREAD}reader/page-2`];
const APOCRYPHA = `${THREAD}reader/page-1?threadmark_category=13`;
const INFORMATIONAL = `${THREAD}reader/page-1?threadmark_category=4`;
const REPLIES = ['unheated attic', 'secret-keeper energy', 'Writing a little something', 'Seconding the warmer'];
const POSTS = [
  { title: 'Chapter 1: Blank Margins', word: 'thumbprints' },
  { title: 'Chapter 2: Contour Lines', word: 'complained about his boots' },
  { title: 'Chapter 3: Soundings', word: 'lighthouse keeper' },
  { title: 'Omake: The Brass Warmer', word: 'teakettle' },
];
const SCHEDULE = { title: 'Update schedule', word: 'fortnightly' };

/** Saves the work behind the open thread page from the popup; resolves once the job is done. */
async function saveThread(driver: BrowserDriver, tabId: number): Promise<string> {
  const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
  await popup.click('.save-story');
  await until(async () => (await popup.count('.job-outcome.job-done')) > 0, 'the thread to be saved', 60_000);
  const outcome = await popup.text('.job-outcome');
  await popup.close();
  return outcome;
}

async function savedPosts(driver: BrowserDriver) {
  const library = await dump(driver);
  expect(library.stories.map((s) => s.title)).toEqual(["The Cartographer's Apprentice"]);
  return library.chapters.sort((a, b) => a.index - b.index);
}

describe.each(BROWSERS)('%s', (browserName) => {
  const browser = freshBrowserEach(browserName);

  it('reads a thread page as its threadmarked posts, in order, without the replies', async () => {
    const driver = browser();
    await resetStorage(driver, ALLOW_FIXTURE_SITES);
    const { tabId, page } = await driver.openPage(PAGE_17);
    await readFromPopup(driver, tabId);
    const state = await openState(page);
    expect(state.title).toBe("The Cartographer's Apprentice");
    expect(state.story).toContain('Chapter 2: Contour Lines');
    expect(state.story).toContain('Omake: The Brass Warmer');
    expect(state.story.indexOf('Contour lines were harder')).toBeLessThan(state.story.indexOf('chipped teakettle'));
    for (const reply of REPLIES) expect(state.story).not.toContain(reply);
    await page.screenshot(join(SCREENSHOT_DIR, `${browserName}-forum-thread-reader.png`));
  }, 120_000);

  it('saves the thread by its threadmarks: the chosen categories’ reader pages, each post a chapter', async () => {
    const driver = browser();
    await resetStorage(driver, ALLOW_FIXTURE_SITES);
    const { tabId } = await driver.openPage(PAGE_17);
    expect(await saveThread(driver, tabId)).toBe('Saved to your library.');
    const asked = () => driver.proxyRequests.filter((r) => !r.speculative && r.url.startsWith(THREAD)).map((r) => r.url);
    expect(asked()).toEqual([...STORY_PAGES, APOCRYPHA]);
    let chapters = await savedPosts(driver);
    expect(chapters.map((c) => c.title)).toEqual(POSTS.map((p) => p.title));
    chapters.forEach((c, i) => {
      expect(c.html).toContain(POSTS[i]!.word);
      for (const reply of REPLIES) expect(c.html).not.toContain(reply);
    });

    // The reader adds informational posts in the options page, with the keyboard-reachable box.
    const options = await driver.openExtensionPage('options.html#library');
    await options.click('input[name="run-informational"]');
    await until(async () => (await options.text('.save-settings [role=status]')) === 'Saved.', 'the choice saved');
    await options.screenshot(join(SCREENSHOT_DIR, `${browserName}-forum-save-settings.png`));
    await options.close();
    const before = asked().length;
    await saveThread(driver, tabId);
    expect(asked().slice(before)).toEqual([...STORY_PAGES, APOCRYPHA, INFORMATIONAL]);
    chapters = await savedPosts(driver);
    expect(chapters.map((c) => c.title)).toEqual([...POSTS, SCHEDULE].map((p) => p.title));
    expect(chapters[4]!.html).toContain(SCHEDULE.word);
  }, 180_000);
});
