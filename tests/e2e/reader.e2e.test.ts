/**
 * The reader view in the built extension, in real Chromium and Firefox: opened from the popup's
 * Read button on archive pages, it shows the story (and none of the page) in its overlay, turns
 * chapters in place, and closes back to the page as it was.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { RATING_STYLE } from '../../src/shell/badge';
import { until } from '../lib/wait';
import type { BrowserDriver } from './lib/driver';
import { BROWSERS, sharedBrowser } from './lib/launch';
import {
  AAS,
  CASES,
  CHAPTER_PAIRS,
  READER_TAG,
  RR_1,
  RR_2,
  closedState,
  comparable,
  expectedFor,
  openReader as openReaderIn,
  openState,
  readFromPopup,
  injectReader,
  resetReader,
  stateOf,
} from './lib/reader';

describe.each(BROWSERS)('%s', (browserName) => {
  let driver: BrowserDriver;
  const openReader = (url: string) => openReaderIn(driver, url);

  sharedBrowser(browserName, (launched) => (driver = launched));

  // Each test starts from the default reader settings, whatever ran before it.
  beforeEach(() => resetReader(driver));

  it.each(CASES)('%s: shows the story and none of the page', async (url) => {
    const { page, state, exp } = await openReader(url);
    try {
      const text = comparable(state.story, exp.storyText);
      expect(text.startsWith(exp.storyText.first) || text.includes(exp.storyText.first)).toBe(true);
      expect(text).toContain(exp.storyText.last);
      for (const chrome of exp.mustNotContain ?? []) expect(state.story).not.toContain(chrome);
      expect(state.title).toBe(exp.title);
      if (exp.author) expect(state.author).toBe(`by ${exp.author}`);
      expect(state.rating).toMatch(new RegExp(`^${RATING_STYLE[exp.rating.level].name}`));
      if (exp.chapter) expect(state.chapter).toMatch(new RegExp(`^Chapter ${exp.chapter.index}`));
      expect(state.facts).toMatch(/^[\d,]+ words · \d+ min read$/);
      expect(state.coversPage).toBe(true);
      expect(state.bodyInert).toBe(true);
      expect(state.focusInReader).toBe(true);
    } finally {
      await page.close();
    }
  });

  it.each(CHAPTER_PAIRS)('%s: next and previous chapter stay in the reader', async (first, second) => {
    const { page, exp } = await openReader(first);
    const next = expectedFor(second);
    try {
      await page.clickIn(READER_TAG, '.bar .next');
      const two = await until(
        async () => {
          const s = await openState(page);
          return comparable(s.story, next.storyText).includes(next.storyText.first) ? s : null;
        },
        'the next chapter',
        20_000,
      );
      expect(comparable(two.story, next.storyText)).toContain(next.storyText.last);
      expect(two.url.split('#')[0]).toBe(next.url.split('#')[0]);
      if (next.chapter) expect(two.chapter).toMatch(new RegExp(`^Chapter ${next.chapter.index}`));

      // Back: the browser's own back button (popstate), then "n" and "p".
      await page.evaluate(() => history.back(), undefined);
      const back = await until(async () => {
        const s = await openState(page);
        return comparable(s.story, exp.storyText).includes(exp.storyText.first) ? s : null;
      }, 'the first chapter again');
      expect(back.url).toBe(exp.url);
      await page.press('n');
      await until(async () => {
        const s = await openState(page);
        return comparable(s.story, next.storyText).includes(next.storyText.first) ? s : null;
      }, '"n" to turn the page');

      // Closing on another chapter reloads the page the address bar names.
      await page.evaluate(() => void ((window as unknown as { beforeClose: boolean }).beforeClose = true), undefined);
      await page.press('Escape');
      await until(
        () =>
          page
            .evaluate(() => !('beforeClose' in window) && document.readyState === 'complete' && location.href, undefined)
            .then((href) => href && href.split('#')[0] === next.url.split('#')[0]),
        'the second chapter page',
      );
      expect(await stateOf(page)).toBeNull();
      // Its text shows once the gate has judged the reloaded page: an unrated page stays covered
      // (and out of innerText) until then, which on a busy machine is after the load event.
      const opening = next.storyText.first.split(' ').slice(0, 3).join(' ');
      await until(() => page.evaluate((words) => document.body.innerText.includes(words), opening), 'the chapter text on the page');
    } finally {
      await page.close();
    }
  });

  it('opens on a site Slipcase has no permission for once the toolbar button grants activeTab (Readability)', async () => {
    const exp = expectedFor('http://www.geocities.com/moonlit_crypt/fic/lanterns.htm');
    const { tabId, page } = await driver.openPage(exp.url);
    try {
      // Without the click the browser refuses: the reader runs on other sites only when asked.
      expect(await injectReader(driver, tabId)).toBe('not-allowed');
      await page.pressToolbarButton();
      // The popup the click opened is out of the test's reach; its Read button runs this same injection.
      expect(await injectReader(driver, tabId)).toBe('opened');
      const state = await openState(page);
      const text = comparable(state.story, exp.storyText);
      expect(text).toContain(exp.storyText.first);
      expect(text).toContain(exp.storyText.last);
      expect(state.coversPage).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('"p" goes back a chapter where the previous one is in the corpus', async () => {
    const { page } = await openReader(RR_2);
    const prev = expectedFor(RR_1);
    try {
      await page.press('p');
      // A chapter fetched over the network: slower than the rest when the machine is busy.
      const s = await until(
        async () => {
          const st = await openState(page);
          return comparable(st.story, prev.storyText).includes(prev.storyText.first) ? st : null;
        },
        'the previous chapter',
        20_000,
      );
      expect(s.url).toBe(prev.url);
    } finally {
      await page.close();
    }
  });

  it('Escape returns to the same place in the page, with focus back', async () => {
    const exp = expectedFor(AAS);
    const { tabId, page } = await driver.openPage(exp.url);
    try {
      // An unrated page is covered until the gate has judged it (after load on a busy machine), and
      // a covered link cannot take focus: wait for the text to show first.
      const opening = exp.storyText!.first.split(' ').slice(0, 3).join(' ');
      await until(() => page.evaluate((words) => document.body.innerText.includes(words), opening), 'the story text on the page');
      const link = await page.evaluate(() => {
        const a = document.querySelectorAll('a[href]')[3] as HTMLAnchorElement;
        a.focus({ preventScroll: true });
        scrollTo(0, 900);
        return a.href;
      }, undefined);
      const y = await page.evaluate(() => scrollY, undefined);
      expect(y).toBeGreaterThan(0);
      await readFromPopup(driver, tabId);
      await openState(page);
      await page.press('Escape');
      await closedState(page);
      const after = await page.evaluate(
        () => ({ y: scrollY, inert: document.body.inert, focus: (document.activeElement as HTMLAnchorElement | null)?.href ?? null }),
        undefined,
      );
      expect(after).toEqual({ y, inert: false, focus: link });
    } finally {
      await page.close();
    }
  });

  // Without browser.commands (Firefox for Android) there is no shortcut, and the button says so by showing none.
  const shortcut = browserName === 'firefox-android-apis' ? null : 'Alt+Shift+S';
  it(`offers the reader shortcut (${shortcut ?? 'none without browser.commands'}) in the popup`, async () => {
    const exp = expectedFor(RR_1);
    const tabId = await driver.openTab(exp.url);
    const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
    try {
      if (shortcut) expect(await popup.text('.read-button .shortcut')).toBe(shortcut);
      else {
        expect(await popup.text('.read-button')).toBe('Read');
        expect(await popup.count('.read-button .shortcut')).toBe(0);
      }
    } finally {
      await popup.close();
    }
  });

  it('the same command closes an open reader', async () => {
    const exp = expectedFor(RR_1);
    const { tabId, page } = await driver.openPage(exp.url);
    try {
      await readFromPopup(driver, tabId);
      await openState(page);
      await readFromPopup(driver, tabId);
      await closedState(page);
    } finally {
      await page.close();
    }
  });
});
