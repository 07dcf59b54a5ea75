/**
 * Picking a site rule on the page (issue #12, part 4): on the page the generic reader misreads,
 * the popup's "Pick on the page" puts the picker's bar on the page; the reader clicks the story's
 * text, its title and the next chapter's link with the mouse (the link is not followed) and skips
 * the rating; the background opens the rule form filled in, nothing stored yet; Save there, and
 * the reader shows the right text and title.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { until } from '../lib/wait';
import { SCREENSHOT_DIR } from './lib/build';
import type { BrowserDriver, PageHandle } from './lib/driver';
import { BROWSERS } from './lib/launch';
import { freshBrowserEach } from './lib/library';
import { injectReader, openState, resetReader } from './lib/reader';
import { serve } from './lib/routes';

const HOST = 'www.quillcorner.net';
const URL_ = `http://${HOST}/fics/story.php?sid=88`;
const HTML = readFileSync(
  join(import.meta.dirname, '..', '..', 'src', 'sites', 'rules', 'fixtures', 'quill-corner-salt-road.html'),
  'utf8',
);
const FIRST = 'The salt road ran along the cliff';
const LAST = 'white and then nothing and then white again.';
const PICKER = 'slipcase-picker';

/** The popup for the tab, opened as the toolbar button opens it (which also grants activeTab). */
async function popupFor(driver: BrowserDriver, page: PageHandle, tabId: number): Promise<PageHandle> {
  await page.pressToolbarButton();
  return driver.openExtensionPage(`popup.html?tab=${tabId}`);
}

/** The picker bar's step text, or null while there is no bar. */
const stepText = (page: PageHandle) => page.shadow(PICKER, (root) => root.querySelector('.step')?.textContent ?? null, undefined);

async function untilStep(page: PageHandle, step: string): Promise<void> {
  await until(async () => (await stepText(page))?.includes(step), `the picker to ask: ${step}`);
}

/**
 * The addresses of the extension's pages open in tabs, as each browser tells them: the tabs' own
 * (Chromium shows an extension its own pages'), its contexts (Chromium's worker has no
 * getViews), its views (Firefox's background page).
 */
const openExtensionTabs = (driver: BrowserDriver) =>
  driver.evalInExtension(async () => {
    const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
    const api = g.browser ?? g.chrome;
    const urls = (await api.tabs.query({})).map((t) => t.url ?? '');
    if (typeof api.runtime.getContexts === 'function')
      urls.push(...(await api.runtime.getContexts({ contextTypes: ['TAB' as never] })).map((c) => c.documentUrl ?? ''));
    if (typeof api.extension?.getViews === 'function') urls.push(...api.extension.getViews({ type: 'tab' }).map((w) => w.location.href));
    return urls;
  }, undefined);

const storedRules = (driver: BrowserDriver) =>
  driver.evalInExtension(async () => {
    const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
    return (await (g.browser ?? g.chrome).storage.sync.get('site-rules'))['site-rules'] ?? [];
  }, undefined);

const fieldValue = (options: PageHandle, id: string) =>
  options.evaluate((sel) => (document.querySelector(sel) as HTMLInputElement | null)?.value ?? null, `#rule-${id}`);

describe.each(BROWSERS)('%s', (browserName) => {
  const browser = freshBrowserEach(browserName);
  const shot = (page: PageHandle, what: string) => page.screenshot(join(SCREENSHOT_DIR, `${browserName}-rule-picker-${what}.png`));

  it('the parts picked on the page fill the rule form; saved there, the reader reads the story', async () => {
    const stop = serve(URL_, { status: 200, contentType: 'text/html; charset=utf-8', body: HTML });
    try {
      const driver = browser();
      await resetReader(driver);
      const { tabId, page } = await driver.openPage(URL_);

      // The popup offers to pick on the page beside the link to the rule form.
      const popup = await popupFor(driver, page, tabId);
      expect(await popup.text('.fix-reading .pick-on-page')).toBe('Pick on the page');
      await popup.click('.pick-on-page');

      // The bar asks for the story's text (the popup closes itself once it is there); the story's
      // text, clicked with the mouse, is taken as the story.
      await untilStep(page, 'Click the story’s text');
      await popup.close().catch(() => undefined);
      await shot(page, 'bar');
      // On the story's first line, with the mouse: a click on an element would scroll a block this
      // tall to its middle (Firefox's driver), putting its first line under the picker's bar.
      const line = await page.evaluate(() => {
        const r = document.querySelector('.ficbody')!.getClientRects()[0]!;
        return { x: r.left + 20, y: r.top + r.height / 2 };
      }, undefined);
      await page.clickAt(line.x, line.y);
      await untilStep(page, 'Click the story’s title');
      await page.click('.ficname');
      await untilStep(page, 'Click the link to the next chapter');
      // The link is picked, not followed.
      await page.click('.chapnav a.fwd');
      await untilStep(page, 'Click the story’s rating');
      await page.clickIn(PICKER, '.skip');
      await until(async () => (await page.count(PICKER)) === 0, 'the picker to go');
      expect(page.url()).toBe(URL_);

      // The background opened the rule form filled in; nothing is stored until the reader saves it.
      const form = await until(
        async () => (await openExtensionTabs(driver)).find((u) => u.includes('/options.html#rules?')),
        'the rule form to open',
      );
      expect(Object.fromEntries(new URLSearchParams(form.slice(form.indexOf('#rules?') + '#rules?'.length)))).toEqual({
        host: HOST,
        content: 'font.ficbody',
        title: 'div.ficname',
        next: 'a.fwd',
      });
      expect(await storedRules(driver)).toEqual([]);

      const options = await driver.openExtensionPage(form.slice(form.indexOf('options.html')));
      expect(await fieldValue(options, 'host')).toBe(HOST);
      expect(await fieldValue(options, 'content')).toBe('font.ficbody');
      expect(await fieldValue(options, 'title')).toBe('div.ficname');
      expect(await fieldValue(options, 'next')).toBe('a.fwd');
      expect(await fieldValue(options, 'rating')).toBe('');
      await shot(options, 'form');
      await options.click('.rule-save');
      await until(async () => (await options.count('.site-rules li')) === 1, 'the rule in the list');
      expect(await options.text('.site-rules li .exception-name')).toContain(`${HOST}/`);
      await options.close();

      // At once, in the same tab: the reader shows the story and its title, not the reviews.
      expect(await injectReader(driver, tabId)).toBe('opened');
      const state = await openState(page);
      expect(state.title).toBe('The Salt Road');
      expect(state.story.replace(/\s+/g, ' ').trim()).toMatch(new RegExp(`^${FIRST}[^]*${LAST}$`));
      expect(state.story).not.toContain('Review by');
      await shot(page, 'reader');
      expect(await injectReader(driver, tabId)).toBe('closed');
      await page.close();
    } finally {
      stop();
    }
  });
});
