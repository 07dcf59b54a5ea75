/**
 * A reader's own rule fixing a site Slipcase misreads (issue #12, part 4): on a page where a long
 * review thread outweighs the story, the generic reader finds no story; the popup's "Fix how
 * Slipcase reads" link leads to the rule form in the real options page, where the reader types
 * the selectors; then the reader shows the right text and title at once, and saving keeps them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { until } from '../lib/wait';
import { SCREENSHOT_DIR } from './lib/build';
import type { BrowserDriver, PageHandle } from './lib/driver';
import { BROWSERS } from './lib/launch';
import { dump, freshBrowserEach } from './lib/library';
import { injectReader, openState, resetReader } from './lib/reader';
import { serve } from './lib/routes';

const HOST = 'www.quillcorner.net';
const URL_ = `http://${HOST}/fics/story.php?sid=88`;
const PAGE = join(import.meta.dirname, '..', '..', 'src', 'sites', 'rules', 'fixtures', 'quill-corner-salt-road.html');
// The one-chapter form of the page: saving it fetches no further chapters.
const HTML = readFileSync(PAGE, 'utf8').replace(/<div class="chapnav">.*?<\/div>/s, '');
const FIRST = 'The salt road ran along the cliff';
const LAST = 'white and then nothing and then white again.';

/** The popup for the tab, opened as the toolbar button opens it (which also grants activeTab). */
async function popupFor(driver: BrowserDriver, page: PageHandle, tabId: number): Promise<PageHandle> {
  await page.pressToolbarButton();
  return driver.openExtensionPage(`popup.html?tab=${tabId}`);
}

describe.each(BROWSERS)('%s', (browserName) => {
  const browser = freshBrowserEach(browserName);
  const shot = (page: PageHandle, what: string) => page.screenshot(join(SCREENSHOT_DIR, `${browserName}-site-rules-${what}.png`));

  it('a rule typed in the options page fixes a misread site: reader, then saving', async () => {
    const stop = serve(URL_, { status: 200, contentType: 'text/html; charset=utf-8', body: HTML });
    try {
      const driver = browser();
      await resetReader(driver);
      const { tabId, page } = await driver.openPage(URL_);

      // Without a rule: no story found, and the popup offers the rule form for the site.
      const popup = await popupFor(driver, page, tabId);
      expect(await popup.count('.read-button')).toBe(0);
      expect(await popup.text('.fix-reading-link')).toBe(`Fix how Slipcase reads ${HOST}`);
      const link = await popup.evaluate(() => document.querySelector('.fix-reading-link')?.getAttribute('href') ?? null, undefined);
      expect(link).toBe(`/options.html#rules?host=${HOST}`);
      await popup.close();
      expect(await injectReader(driver, tabId)).toBe('no-text');
      // The reader's button toggles: a second press closes the reader's empty view.
      expect(await injectReader(driver, tabId)).toBe('closed');

      // The rule form, as the link opens it: the site filled in; a broken selector is refused beside its field.
      const options = await driver.openExtensionPage(link!.slice(1));
      expect(
        await options.evaluate(() => (document.querySelector('#rule-host') as HTMLInputElement | null)?.value ?? null, undefined),
      ).toBe(HOST);
      await options.fill('#rule-content', '.ficbody p:not(');
      await options.click('.rule-save');
      expect(await options.text('#rule-content-error')).toContain('not a CSS selector');
      expect(await options.count('.site-rules li')).toBe(0);
      await options.fill('#rule-content', '.ficbody');
      await options.fill('#rule-title', '.ficname');
      await options.fill('#rule-rating', '.fic-rating');
      await options.click('.rule-save');
      await until(async () => (await options.count('.site-rules li')) === 1, 'the rule in the list');
      expect(await options.text('.site-rules li .exception-name')).toContain(`${HOST}/`);
      await shot(options, 'options');
      await options.close();

      // At once, in the same tab: the reader shows the story and its title.
      expect(await injectReader(driver, tabId)).toBe('opened');
      const state = await openState(page);
      expect(state.title).toBe('The Salt Road');
      expect(state.story.replace(/\s+/g, ' ').trim()).toMatch(new RegExp(`^${FIRST}[^]*${LAST}$`));
      expect(state.story).not.toContain('Review by');
      await shot(page, 'reader');
      expect(await injectReader(driver, tabId)).toBe('closed');

      // Saved from the popup in the same tab, which the toolbar click granted: the library keeps the title and text.
      const savePopup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
      await savePopup.click('.save-story');
      await until(async () => (await savePopup.count('.job-outcome.job-done')) > 0, 'the story to be saved', 60_000);
      await savePopup.close();
      await page.close();
      const library = await dump(driver);
      expect(library.stories.map((s) => s.title)).toEqual(['The Salt Road']);
      const html = library.chapters.map((c) => c.html).join('');
      expect(html).toContain(FIRST);
      expect(html).not.toContain('Review by');
    } finally {
      stop();
    }
  });
});
