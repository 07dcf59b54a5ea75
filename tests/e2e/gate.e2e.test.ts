/**
 * The rating gate in the built extension, in real browsers. What counts is what is on screen: a
 * script put in before the page's own records, in every animation frame from the start of the
 * document, whether any story text is shown — laid out, visible, not transparent, and, where it
 * is in the window, what the window shows at that point (text scrolled out of the window counts
 * as shown when nothing hides it) — and the tests read the same measure after each step.
 */
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RATING_SETTINGS, storyKey, type RatingSettings } from '../../src/warnings/policy';
import { fromStoredItems, storedItems } from '../../src/warnings/settings';
import { until } from '../lib/wait';
import { SCREENSHOT_DIR } from './lib/build';
import type { BrowserDriver, PageHandle } from './lib/driver';
import { BROWSERS, sharedBrowser, resetStorage } from './lib/launch';
import { screenshotName } from './lib/pages';
import { corpusBody, serve } from './lib/routes';
import { frames, gateText, gateUp, recorder, story } from './lib/gate-frames';

interface Case {
  url: string;
  /** The story's text blocks on the page. */
  text: string;
  settings?: Partial<RatingSettings>;
}

/** An AO3 work rated Explicit, above the default limit. */
const EXPLICIT_AO3 = 'https://archiveofourown.org/works/23824891';

/** Gated with the settings given: AO3, All About Spike (unrated, by its estimate), FFN, eFiction, AFF. */
const GATED: Case[] = [
  { url: EXPLICIT_AO3, text: '#chapters .userstuff p' },
  { url: 'http://www.allaboutspike.com/fic.html?id=562', text: 'p' },
  { url: 'https://www.fanfiction.net/s/555/1/My-Great-Story', text: '#storytext p', settings: { limit: 'teen' } },
  { url: 'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3117&chapter=2', text: '#story', settings: { unrated: 'warn' } },
  { url: 'https://buffy.adult-fanfiction.org/story.php?no=600098765&chapter=2', text: 'div.chapter-body p' },
];

/**
 * The page's corpus body with a script that the server answers late after the `nth` closing </p>
 * past `marker`: the parser stops there a while. `headers` go with the page.
 */
function slowed(url: string, marker: string, nth: number, delayMs: number, headers?: Record<string, string>): () => void {
  const body = corpusBody(url);
  let at = body.indexOf(marker);
  if (at < 0) throw new Error(`no ${marker} in ${url}`);
  for (let i = 0; i < nth; i++) at = body.indexOf('</p>', at) + 4;
  const script = new URL('/__slipcase_slow.js', url).href;
  const stops = [
    serve(url, {
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers,
      body: `${body.slice(0, at)}<script src="${script}"></script>${body.slice(at)}`,
    }),
    serve(script, { status: 200, contentType: 'text/javascript', body: '', delayMs }),
  ];
  return () => stops.forEach((stop) => stop());
}

describe.each(BROWSERS)('%s', (browserName) => {
  let driver: BrowserDriver;
  const shot = (page: PageHandle, what: string) => page.screenshot(join(SCREENSHOT_DIR, `${browserName}-gate-${screenshotName(what)}.png`));

  const useSettings = (settings: Partial<RatingSettings>) => resetStorage(driver, storedItems({ ...DEFAULT_RATING_SETTINGS, ...settings }));

  const storedSettings = async () =>
    fromStoredItems(
      await driver.evalInExtension(async () => {
        const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
        return (g.browser ?? g.chrome).storage.sync.get(null);
      }, undefined),
    );

  sharedBrowser(browserName, (launched) => (driver = launched));

  beforeEach(async () => {
    await useSettings({});
  });

  it.each(GATED.map((c) => [c.url, c] as const))('%s: covered from the first frame until “Show this story”', async (_n, c) => {
    await useSettings(c.settings ?? {});
    const { page } = await driver.openPage(c.url, { initScript: recorder(c.text) });
    try {
      await until(() => gateUp(page), 'the interstitial');
      expect(await gateText(page, 'h1')).toBe('This story is covered');
      expect(await story(page)).toMatchObject({ present: expect.any(Number), shown: 0 });
      expect((await story(page)).present).toBeGreaterThan(0);
      await shot(page, c.url);

      await page.clickIn('slipcase-gate', 'button[data-action="show"]');
      await until(async () => (await story(page)).shown > 0, 'the story on screen');
      expect(await gateUp(page)).toBe(false);

      const recorded = await frames(page);
      const firstShown = recorded.findIndex((f) => f.shown > 0);
      expect(recorded.length).toBeGreaterThan(1);
      // Every frame before the reader chose to see it showed none of the story.
      expect(recorded.slice(0, firstShown).every((f) => f.shown === 0)).toBe(true);
      expect(recorded.slice(0, firstShown).some((f) => f.gate)).toBe(true);
    } finally {
      await page.close();
    }
  });

  it.each([
    ['', undefined],
    [
      ' and a Content-Security-Policy that forbids inline styles',
      { 'Content-Security-Policy': "default-src 'self'; style-src 'self'; script-src 'self'" },
    ],
  ])('on a slow page%s, the story text in the document before it finishes loading is never painted', async (_what, headers) => {
    const url = EXPLICIT_AO3;
    const stop = slowed(url, 'id="chapters"', 3, 1500, headers);
    try {
      const { page } = await driver.openPage(url, { initScript: recorder('#chapters .userstuff p') });
      try {
        await until(() => gateUp(page), 'the interstitial');
        const recorded = await frames(page);
        const whileLoading = recorded.filter((f) => f.ready === 'loading' && f.present > 0);
        // The browser painted frames with story text in the document while the parser waited…
        expect(whileLoading.length).toBeGreaterThan(3);
        // …and none of them showed it.
        expect(recorded.every((f) => f.shown === 0)).toBe(true);
        await page.clickIn('slipcase-gate', 'button[data-action="show"]');
        await until(async () => (await story(page)).shown > 0, 'the story on screen');
      } finally {
        await page.close();
      }
    } finally {
      stop();
    }
  });

  it('“Always allow this story” lifts the gate and still holds after a reload', async () => {
    const url = EXPLICIT_AO3;
    const { page } = await driver.openPage(url, { initScript: recorder('#chapters .userstuff p') });
    try {
      await until(() => gateUp(page), 'the interstitial');
      await page.clickIn('slipcase-gate', 'button[data-action="allow"]');
      await until(async () => !(await gateUp(page)) && (await story(page)).shown > 0, 'the story on screen');
      const key = storyKey({ url, site: 'ao3', title: null, author: null });
      expect((await storedSettings()).exceptions.stories).toEqual([key]);

      await page.reload();
      await until(async () => (await story(page)).shown > 0, 'the story on screen after the reload');
      expect((await frames(page)).some((f) => f.gate)).toBe(false);
    } finally {
      await page.close();
    }
  });

  it('guards the reader too: Read does not open past the interstitial', async () => {
    const url = EXPLICIT_AO3;
    const { page, tabId } = await driver.openPage(url, { initScript: recorder('#chapters .userstuff p') });
    try {
      await until(() => gateUp(page), 'the interstitial');
      const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
      await popup.click('.read-button');
      expect(await popup.text('.read-refused')).toMatch(/covered by your content warnings/);
      await popup.close();
      expect(await gateUp(page)).toBe(true);
      expect((await story(page)).shown).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('guards chapters the reader turns to: a covered next chapter opens as a page, behind the gate', async () => {
    // A Mature work under a Teen limit: shown once on chapter 1, then the reader turns to chapter 2.
    await useSettings({ limit: 'teen' });
    const { page, tabId } = await driver.openPage('https://archiveofourown.org/works/17793689', {
      initScript: recorder('#chapters .userstuff p'),
    });
    try {
      await until(() => gateUp(page), 'the interstitial');
      await page.clickIn('slipcase-gate', 'button[data-action="show"]');
      await until(async () => (await story(page)).shown > 0, 'the story on screen');
      const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
      await popup.click('.read-button');
      await popup.close().catch(() => undefined);
      await until(() => page.evaluate(() => Boolean(document.querySelector('slipcase-reader')), undefined), 'the reader');
      await page.press('n');
      await until(async () => page.url() === 'https://archiveofourown.org/works/17793689/chapters/42035519', 'chapter 2 as a page');
      await until(() => gateUp(page), 'the interstitial on chapter 2');
      expect((await story(page)).shown).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('an exception made elsewhere (the popup, another device) lifts the gate on the open page', async () => {
    const url = 'https://buffy.adult-fanfiction.org/story.php?no=600098765&chapter=2';
    const { page } = await driver.openPage(url, { initScript: recorder('div.chapter-body p') });
    try {
      await until(() => gateUp(page), 'the interstitial');
      await useSettings({ exceptions: { stories: [], authors: [], sites: ['adult-fanfiction.org'] } });
      await until(async () => !(await gateUp(page)) && (await story(page)).shown > 0, 'the story on screen');
    } finally {
      await page.close();
    }
  });

  it('a page within the limits shows its text once the gate has read it', async () => {
    const { page } = await driver.openPage('https://archiveofourown.org/works/6475531', { initScript: recorder('#chapters .userstuff p') });
    try {
      await until(async () => (await story(page)).shown > 0, 'the story on screen');
      const recorded = await frames(page);
      expect(recorded.some((f) => f.gate)).toBe(false);
      // Nothing is shown before the page is parsed and judged.
      expect(recorded.filter((f) => f.ready === 'loading').every((f) => f.shown === 0)).toBe(true);
    } finally {
      await page.close();
    }
  });

  it.each([
    // "Small Hours" is Not Rated: with the default settings a listing does not fold its unrated entries.
    [
      'https://archiveofourown.org/tags/Buffy%20Summers*s*Spike/works?page=1071',
      'li.blurb',
      ['Velvet and Ash', 'Debts'],
      'Folded: Velvet and Ash by mourning_dove · Explicit · past your Mature limitShow',
    ],
    [
      'https://spikeluver.com/SpuffyRealm/browse.php?type=recent',
      'div.listbox',
      ['Tuesdays', 'Borrowed Light', 'Bloodlines'],
      'Folded: Tuesdays by Wren Halloway · Explicit (NC-17) · past your Mature limitShow',
    ],
  ] as const)(
    '%s: entries above the limits are folded to one line naming the story; a click opens one',
    async (url, entrySelector, folded, line) => {
      const { page } = await driver.openPage(url);
      try {
        await until(async () => (await page.count('slipcase-fold')) === folded.length, 'the folded entries');
        const state = () =>
          page.evaluate((sel) => {
            return Array.from(document.querySelectorAll<HTMLElement>(sel)).map((e) => ({
              title: (e.querySelector('h4 a, div.title a') as HTMLElement | null)?.textContent?.trim() ?? '',
              height: e.getBoundingClientRect().height,
            }));
          }, entrySelector);
        const hidden = (await state()).filter((e) => e.height === 0).map((e) => e.title);
        expect(hidden).toEqual(folded);
        // The page sees the hosts only: their roots are closed.
        expect(await page.evaluate(() => Array.from(document.querySelectorAll('slipcase-fold'), (f) => f.shadowRoot), undefined)).toEqual(
          folded.map(() => null),
        );
        const first = await page.shadow('slipcase-fold', (root) => root.querySelector('button')!.textContent, undefined);
        // After the rating letter: the story, its rating and why, each once.
        expect(first).toBe(`E${line}`);
        await page.evaluate(() => document.querySelector('slipcase-fold')!.scrollIntoView({ block: 'center' }), undefined);
        await shot(page, url);

        await page.clickIn('slipcase-fold', 'button.line');
        await until(async () => (await page.count('slipcase-fold')) === folded.length - 1, 'the entry to open');
        expect((await state()).filter((e) => e.height === 0).map((e) => e.title)).toEqual(folded.slice(1));
      } finally {
        await page.close();
      }
    },
  );

  it('the options page sets what is covered', async () => {
    const options = await driver.openExtensionPage('options.html#warnings');
    try {
      expect(await options.text('h2')).toBe('Content warnings');
      await options.click('input[name="limit"][value="teen"]');
      await until(async () => (await storedSettings()).limit === 'teen', 'the limit to be saved');
      await options.screenshot(join(SCREENSHOT_DIR, `${browserName}-gate-options.png`));
    } finally {
      await options.close();
    }
    const { page } = await driver.openPage('https://www.fanfiction.net/s/555/1/My-Great-Story', { initScript: recorder('#storytext p') });
    try {
      await until(() => gateUp(page), 'the interstitial');
      expect(await gateText(page, '.reasons')).toBe('Rated Mature (site: Fiction M) — above your limit of Teen');
    } finally {
      await page.close();
    }
  });
});
