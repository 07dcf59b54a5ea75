/**
 * Slipcase on a phone (Chromium emulating one: touch only, 390×844, a mobile user agent): the
 * popup, the reader, the interstitial and the library fit the screen with no sideways scrolling,
 * the reader's toolbar sits under the thumb with controls a finger can hit, and chapters turn by
 * swiping or tapping the page's edges, a long press opening the chapter list.
 */
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RATING_SETTINGS } from '../../src/warnings/policy';
import { storedItems } from '../../src/warnings/settings';
import { until } from '../lib/wait';
import { SCREENSHOT_DIR } from './lib/build';
import type { BrowserDriver, PageHandle } from './lib/driver';
import { resetStorage, sharedBrowser } from './lib/launch';
import { AO3, fillLibrary } from './lib/library';
import { AAS, READER_TAG, RR_1, RR_2, openReader, openState, resetReader } from './lib/reader';

const AO3_1 = 'https://archiveofourown.org/works/17793689';
/** An AO3 work rated Explicit: the default settings cover it with the interstitial. */
const EXPLICIT_AO3 = 'https://archiveofourown.org/works/23824891';
/** The phone widths the layouts must fit: a common large phone, and the narrow end of today's phones. */
const WIDTHS = [390, 360];
/** The smallest touch target (CSS px each way) a finger hits reliably. */
const TOUCH_MIN = 44;

const shot = (page: PageHandle, name: string) => page.screenshot(join(SCREENSHOT_DIR, `phone-${name}.png`));

/** Runs in a page: how far its document reaches past the window sideways (0 when it fits), and the window's width. */
const overflow = () => ({ past: document.documentElement.scrollWidth - innerWidth, width: innerWidth });

/** Runs on the reader's root: its width, how far it scrolls sideways, and its toolbar's buttons' sizes and place. */
function readerLayout(root: ShadowRoot) {
  const scroller = root.querySelector<HTMLElement>('.reader')!;
  const bar = root.querySelector('.bar')!.getBoundingClientRect();
  return {
    width: innerWidth,
    past: scroller.scrollWidth - scroller.clientWidth,
    barBottom: Math.round(bar.bottom),
    buttons: [...root.querySelectorAll<HTMLElement>('.bar button')].map((b) => {
      const r = b.getBoundingClientRect();
      return { name: b.getAttribute('aria-label'), width: Math.round(r.width), height: Math.round(r.height) };
    }),
  };
}

/** Runs on the reader's root: the sizes of the open chapter list's entries, or null while it is closed. */
function chapterList(root: ShadowRoot) {
  const list = root.querySelector('.panel.chapters');
  return list ? [...list.querySelectorAll('button')].map((b) => Math.round(b.getBoundingClientRect().height)) : null;
}

describe('chromium-phone', () => {
  let driver: BrowserDriver;
  sharedBrowser('chromium-phone', (launched) => (driver = launched));
  beforeEach(() => resetReader(driver));

  const urlIs = (page: PageHandle, url: string, what: string) =>
    until(async () => ((await openState(page)).url.split('#')[0] === url ? true : null), what, 20_000);

  /** A finger's stroke from one point to another, in a few steps, then lifted. */
  async function stroke(page: PageHandle, from: [number, number], to: [number, number]): Promise<void> {
    await page.touch!('start', ...from);
    for (const f of [0.25, 0.5, 0.75, 1]) await page.touch!('move', from[0] + (to[0] - from[0]) * f, from[1] + (to[1] - from[1]) * f);
    await page.touch!('end', ...to);
  }

  it('the popup fills the phone’s width, all of it in view', async () => {
    const { tabId, page } = await driver.openPage(AO3_1);
    const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
    try {
      await popup.text('.read-button');
      for (const width of WIDTHS) {
        await popup.resize!(width, 844);
        const at = await popup.evaluate(() => {
          const read = document.querySelector('.read-button')!.getBoundingClientRect();
          return {
            page: { past: document.documentElement.scrollWidth - innerWidth },
            body: document.body.clientWidth,
            readRight: read.right,
          };
        }, undefined);
        expect(at.page.past, `sideways scroll at ${width} px`).toBeLessThanOrEqual(0);
        expect(at.body).toBe(width);
        expect(at.readRight).toBeLessThanOrEqual(width);
      }
      await popup.resize!(390, 844);
      await shot(popup, 'popup');
    } finally {
      await popup.close();
      await page.close();
    }
  });

  it.each([AO3_1, AAS])('%s: the reader fits the phone, its toolbar at the bottom with 44 px controls', async (url) => {
    const { page } = await openReader(driver, url);
    try {
      for (const width of WIDTHS) {
        await page.resize!(width, 844);
        const layout = (await page.shadow(READER_TAG, readerLayout, undefined))!;
        // A page with no viewport tag of its own is laid out at the phone's width too while the reader is open.
        expect(layout.width).toBe(width);
        expect(layout.past, `sideways scroll at ${width} px`).toBeLessThanOrEqual(0);
        expect(layout.barBottom).toBe(844);
        expect(layout.buttons.length).toBeGreaterThanOrEqual(3);
        for (const b of layout.buttons) {
          expect(b.width, `${b.name} width`).toBeGreaterThanOrEqual(TOUCH_MIN);
          expect(b.height, `${b.name} height`).toBeGreaterThanOrEqual(TOUCH_MIN);
        }
      }
      await page.resize!(390, 844);
      if (url === AO3_1) await shot(page, 'reader');
    } finally {
      await page.close();
    }
  });

  it('a tap near the page’s right edge turns forward, a swipe to the right turns back', async () => {
    const { page } = await openReader(driver, RR_1);
    try {
      await page.touch!('start', 380, 420);
      await page.touch!('end', 380, 420);
      await urlIs(page, RR_2, 'the tap at the right edge to turn to the next chapter');
      await stroke(page, [60, 420], [330, 410]);
      await urlIs(page, RR_1, 'the swipe to the right to turn back');
    } finally {
      await page.close();
    }
  });

  it('a swipe to the left turns forward, a long press opens the chapter list', async () => {
    const { page } = await openReader(driver, AO3_1);
    try {
      await stroke(page, [320, 420], [60, 430]);
      await until(
        async () => ((await openState(page)).chapter?.startsWith('Chapter 2') ? true : null),
        'the swipe to the left to turn forward',
      );
      // Held (on the page's margin, clear of the text a press would select) until the list opens.
      await page.touch!('start', 8, 500);
      const sizes = await until(() => page.shadow(READER_TAG, chapterList, undefined), 'the long press to open the chapter list');
      await page.touch!('end', 8, 500);
      expect(sizes.length).toBeGreaterThan(1);
      for (const h of sizes) expect(h).toBeGreaterThanOrEqual(TOUCH_MIN);
      await shot(page, 'reader-chapters');
      // The finger lifting is not a tap: the list stays open, on the chapter the reader is at.
      expect(await page.shadow(READER_TAG, chapterList, undefined)).not.toBeNull();
      expect((await openState(page)).chapter).toMatch(/^Chapter 2\b/);
    } finally {
      await page.close();
    }
  });

  // The seed has no viewport tag: laid out 980 px wide, the interstitial would be too small to read.
  it.each([EXPLICIT_AO3, AAS])('%s: the interstitial fits the phone', async (url) => {
    await resetStorage(driver, storedItems(DEFAULT_RATING_SETTINGS));
    const { page } = await driver.openPage(url);
    try {
      const gate = await until(
        () =>
          page.shadow('slipcase-gate', (root) => ({ width: root.querySelector('.backdrop')!.scrollWidth, window: innerWidth }), undefined),
        'the interstitial',
      );
      expect(gate).toEqual({ width: 390, window: 390 });
      // The seed's own fixed-width layout stays wider than the phone under the gate, which does not scroll.
      if (url === EXPLICIT_AO3) expect((await page.evaluate(overflow, undefined)).past).toBeLessThanOrEqual(0);
      await shot(page, url === EXPLICIT_AO3 ? 'interstitial' : 'interstitial-no-viewport-tag');
    } finally {
      await page.close();
    }
  });

  it('the library and the settings fit at 390 and 360 px', async () => {
    await fillLibrary(driver, [AO3]);
    const options = await driver.openExtensionPage('options.html#library');
    try {
      await until(async () => (await options.count('li.library-card[data-story-id]')) === 1, 'the library');
      for (const section of ['#library', '']) {
        if (section === '') await options.click('.section-link:not([aria-current])');
        for (const width of WIDTHS) {
          await options.resize!(width, 844);
          const at = await options.evaluate(overflow, undefined);
          expect(at.width).toBe(width);
          expect(at.past, `sideways scroll at ${width} px in options.html${section}`).toBeLessThanOrEqual(0);
        }
        await options.resize!(390, 844);
        await shot(options, section ? 'library' : 'settings');
      }
    } finally {
      await options.close();
    }
  });
});
