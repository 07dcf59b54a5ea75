/**
 * Issue #14, points 10 and 11, in the built extension in real browsers: a listing's folded lines
 * name their story, a listing with the default settings folds no "Not Rated" work, the popup
 * counts the folds, and the seed's interstitial gives the reason that crossed the limit first with
 * the rest of the evidence behind "Why?".
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RATING_SETTINGS, type RatingSettings } from '../../src/warnings/policy';
import { storedItems } from '../../src/warnings/settings';
import { until } from '../lib/wait';
import { SCREENSHOT_DIR } from './lib/build';
import type { BrowserDriver, PageHandle } from './lib/driver';
import { BROWSERS, sharedBrowser, resetStorage } from './lib/launch';

const LISTING = 'https://archiveofourown.org/tags/Buffy%20Summers*s*Spike/works?page=1071';
/** The unrated seed (All About Spike), whose text estimates Explicit. */
const SEED = 'http://www.allaboutspike.com/fic.html?id=562';

/** The first fold line's text after its rating letter, read in its closed root. */
const firstFoldLine = (page: PageHandle) =>
  page.shadow('slipcase-fold', (root) => root.querySelector('button')!.textContent!.slice(1), undefined);

describe.each(BROWSERS)('%s', (browserName) => {
  let driver: BrowserDriver;
  const shot = (page: PageHandle, what: string) => page.screenshot(join(SCREENSHOT_DIR, `${browserName}-listing-${what}.png`));
  const useSettings = (settings: Partial<RatingSettings>) => resetStorage(driver, storedItems({ ...DEFAULT_RATING_SETTINGS, ...settings }));

  /** The fold count the background keeps for the tab, once the page has reported it. */
  const storedFolds = (tabId: number) =>
    driver.evalInExtension(async (id: number) => {
      const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
      const key = `tab-folds:${id}`;
      return ((await (g.browser ?? g.chrome).storage.session.get(key)) as Record<string, unknown>)[key] ?? null;
    }, tabId);

  async function popupFor(tabId: number): Promise<PageHandle> {
    return driver.openExtensionPage(`popup.html?tab=${tabId}`);
  }

  sharedBrowser(browserName, (launched) => (driver = launched));

  it('with the default settings, a listing folds no "Not Rated" work, and the popup says how many it folded and why', async () => {
    await useSettings({});
    const { tabId, page } = await driver.openPage(LISTING);
    try {
      await until(async () => (await storedFolds(tabId)) !== null, 'the fold count in the tab report');
      expect(await page.count('slipcase-fold')).toBe(2);
      const hidden = await page.evaluate(
        () =>
          Array.from(document.querySelectorAll<HTMLElement>('li.blurb'))
            .filter((e) => e.getBoundingClientRect().height === 0)
            .map((e) => e.querySelector('h4 a')!.textContent!.trim()),
        undefined,
      );
      expect(hidden).toEqual(['Velvet and Ash', 'Debts']);
      const popup = await popupFor(tabId);
      try {
        expect(await popup.text('.folds')).toBe('2 of 8 works folded: 2 past your rating limit');
        await popup.screenshot(join(SCREENSHOT_DIR, `${browserName}-listing-popup.png`));
      } finally {
        await popup.close();
      }
    } finally {
      await page.close();
    }
  });

  it('with a warning chosen, the fold line names the story, its rating and the warning, once', async () => {
    await useSettings({ warnings: ['death'], tags: ['Major Character Death'] });
    const { tabId, page } = await driver.openPage(LISTING);
    try {
      await until(async () => (await page.count('slipcase-fold')) === 3, 'the folded entries');
      const lines = await page.evaluate(
        () =>
          Array.from(document.querySelectorAll('slipcase-fold'), (f) => f.nextElementSibling!.querySelector('h4 a')!.textContent!.trim()),
        undefined,
      );
      expect(lines).toEqual(['Velvet and Ash', 'Ash Wednesday', 'Debts']);
      // Open the first two; the third line is then the first host.
      await page.clickIn('slipcase-fold', 'button.line');
      await until(async () => (await page.count('slipcase-fold')) === 2, 'the first entry to open');
      await page.clickIn('slipcase-fold', 'button.line');
      await until(async () => (await page.count('slipcase-fold')) === 1, 'the second entry to open');
      expect(await firstFoldLine(page)).toBe(
        'Folded: Debts by nightingale_in_june · Explicit · past your Mature limit, Major Character DeathShow',
      );
      await page.reload();
      await until(async () => (await page.count('slipcase-fold')) === 3, 'the folded entries after the reload');
      expect(await firstFoldLine(page)).toBe('Folded: Velvet and Ash by mourning_dove · Explicit · past your Mature limitShow');
      // The warning's line in view for the screenshot.
      await page.evaluate(() => document.querySelectorAll('slipcase-fold')[1]!.scrollIntoView({ block: 'center' }), undefined);
      await shot(page, 'warning');
      await until(async () => (await storedFolds(tabId)) !== null, 'the fold count in the tab report');
      const popup = await popupFor(tabId);
      try {
        expect(await popup.text('.folds')).toBe('3 of 8 works folded: 2 past your rating limit, 1 Major Character Death');
      } finally {
        await popup.close();
      }
    } finally {
      await page.close();
    }
  });

  it('the seed’s interstitial gives the reason that crossed the limit first; “Why?” opens the rest', async () => {
    await useSettings({});
    const { tabId, page } = await driver.openPage(SEED);
    try {
      await until(async () => (await page.count('slipcase-gate')) === 1, 'the interstitial');
      const read = () =>
        page.shadow(
          'slipcase-gate',
          (root) => ({
            reasons: Array.from(root.querySelectorAll('.reasons li'), (li) => li.textContent),
            open: root.querySelector('details.evidence')!.hasAttribute('open'),
            evidence: Array.from(root.querySelectorAll('details.evidence li'), (li) => li.textContent!),
            shown: root.querySelector('details.evidence li')!.checkVisibility(),
          }),
          undefined,
        );
      const before = (await read())!;
      expect(before.reasons).toEqual(['Estimated Explicit, past your Mature limit']);
      expect(before).toMatchObject({ open: false, shown: false });
      await page.clickIn('slipcase-gate', 'details.evidence summary');
      await until(async () => (await read())!.shown, 'the evidence to open');
      const after = (await read())!;
      expect(after.open).toBe(true);
      expect(after.evidence[0]).toMatch(/^explicit sexual language: \d+ passages in [\d,]+ words$/);
      for (const line of after.evidence.slice(1)) expect(line).toMatch(/^Also found, within your Mature limit: /);
      await shot(page, 'seed-why');

      const popup = await popupFor(tabId);
      try {
        expect(await popup.text('.gate-reasons')).toBe('Estimated Explicit, past your Mature limit');
        const body = await popup.text('main');
        // The evidence is in the popup once.
        expect(body.split('explicit sexual language').length - 1).toBe(1);
      } finally {
        await popup.close();
      }
    } finally {
      await page.close();
    }
  });
});
