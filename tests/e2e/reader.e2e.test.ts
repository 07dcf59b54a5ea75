/**
 * The reader view in the built extension, in real Chromium and Firefox: opened from the popup's
 * Read button on archive pages, it shows the story (and none of the page) in its overlay, turns
 * chapters in place, remembers settings and the reading place, closes back to the page as it was,
 * and passes an axe-core accessibility check.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATING_STYLE } from '../../src/shell/badge';
import { corpusPages, type Expected } from '../lib/corpus';
import { SCREENSHOT_DIR } from './lib/build';
import { launchChromium } from './lib/chromium';
import type { BrowserDriver, PageHandle } from './lib/driver';
import { launchFirefox } from './lib/firefox';
import { until } from './lib/wait';
import { DEFAULT_RATING_SETTINGS, siteKey } from '../../src/warnings/policy';
import { storedItems } from '../../src/warnings/settings';

/**
 * These tests are about the reader, so the content-warning gate (tests/e2e/gate.e2e.test.ts, which
 * also checks that it guards the reader) lets every fixture site through: under the default
 * settings the unrated seed, and the unrated anonymised pages too short to estimate, are covered.
 */
const ALLOW_FIXTURE_SITES = storedItems({
  ...DEFAULT_RATING_SETTINGS,
  exceptions: { ...DEFAULT_RATING_SETTINGS.exceptions, sites: [...new Set(corpusPages().map((p) => siteKey({ url: p.expected.url })))] },
});

const LAUNCHERS = { chromium: launchChromium, firefox: launchFirefox };
const DOCS = join(import.meta.dirname, '..', '..', 'docs');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Story text as the corpus states it: extra fields the reader may keep are left out of the comparison. */
interface StoryTruth {
  first: string;
  last: string;
  optionalLead?: string[];
  optionalTail?: string[];
  interior?: string[];
}

const pages = new Map(corpusPages().map((p) => [p.name, p.expected]));
function expectedFor(name: string): Expected & { storyText: StoryTruth; mustNotContain?: string[] } {
  const e = pages.get(name);
  if (!e?.storyText) throw new Error(`no story text ground truth for ${name}`);
  return e as Expected & { storyText: StoryTruth };
}

const AO3_1 = 'real/ao3/ao3js-works-17793689.html';
const AO3_2 = 'real/ao3/ao3js-works-17793689-chapters-42035519.html';
const RR_1 = 'real/royalroad/efictopub-royalroad_chapter_1.html';
const RR_2 = 'real/royalroad/efictopub-royalroad_chapter_2.html';
const XF_1 = 'real/xenforo/efictopub-spacebattles_thread_reader_1.html';
const XF_2 = 'real/xenforo/efictopub-spacebattles_thread_reader_2.html';
const AAS = 'synthetic/allaboutspike/fic-562.html';

/** The sites the issue names: AO3 chapter, FFN, eFiction chapter, the All About Spike seed, Royal Road, XenForo. */
const CASES = [AO3_1, 'real/ffn/efictopub-www.fanfiction.net_1.html', 'synthetic/efiction/viewstory-sid3117-chapter2.html', AAS, RR_1, XF_1];
/** Pairs of chapters the corpus holds both of, the second reached by the first's "next". */
const CHAPTER_PAIRS = [
  [AO3_1, AO3_2],
  [RR_1, RR_2],
  [XF_1, XF_2],
] as const;

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The reader's text with the parts a reader view may keep or drop removed. */
function comparable(text: string, truth: StoryTruth): string {
  let t = squash(text);
  for (const extra of [...(truth.interior ?? []), ...(truth.optionalLead ?? []), ...(truth.optionalTail ?? [])]) t = t.split(squash(extra)).join(' ');
  return squash(t);
}

interface ReaderState {
  title: string | null;
  author: string | null;
  chapter: string | null;
  facts: string | null;
  rating: string | null;
  story: string;
  theme: string | null;
  font: string | null;
  fontSize: string;
  fontFamily: string;
  busy: boolean;
  scrollTop: number;
  focusInReader: boolean;
  bodyInert: boolean;
  /** The reader is what shows at every probed point of the window: nothing of the page is visible. */
  coversPage: boolean;
  url: string;
}

/** Runs in the page: what the reader shows, or null when it is closed. */
function readerState(): ReaderState | null {
  const host = document.querySelector('slipcase-reader');
  const root = host?.shadowRoot;
  const dialog = root?.querySelector<HTMLElement>('[role="dialog"]');
  if (!host || !root || !dialog) return null;
  const text = (sel: string) => root.querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
  const story = root.querySelector<HTMLElement>('.story');
  const probes: [number, number][] = [
    [1, 1],
    [innerWidth / 2, innerHeight / 2],
    [innerWidth - 1, innerHeight - 1],
    [1, innerHeight - 1],
  ];
  return {
    title: text('.story-head .title'),
    author: text('.story-head .author'),
    chapter: text('.story-head .chapter-title'),
    facts: text('.story-head .facts'),
    rating: text('.story-head .rating-text'),
    story: story?.innerText ?? '',
    theme: root.querySelector('.root')?.getAttribute('data-theme') ?? null,
    font: root.querySelector('.root')?.getAttribute('data-font') ?? null,
    fontSize: story ? getComputedStyle(story).fontSize : '',
    fontFamily: story ? getComputedStyle(story).fontFamily : '',
    busy: dialog.getAttribute('aria-busy') === 'true',
    scrollTop: dialog.scrollTop,
    focusInReader: document.activeElement === host && root.activeElement !== null,
    bodyInert: document.body.inert,
    coversPage: probes.every(([x, y]) => document.elementFromPoint(x, y) === host),
    url: location.href,
  };
}

const stateOf = (page: PageHandle) => page.evaluate(readerState, undefined);
const openState = (page: PageHandle, what = 'the reader') =>
  until(what, async () => {
    const s = await stateOf(page);
    return s && !s.busy && s.story ? s : null;
  });
const closedState = (page: PageHandle) => until('the reader to close', async () => ((await stateOf(page)) === null ? true : null));

/** The popup's Read button, as a reader would press it. The popup closes itself once the reader is open. */
async function readFromPopup(driver: BrowserDriver, tabId: number): Promise<void> {
  const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
  await popup.click('.read-button');
  await popup.close().catch(() => undefined);
}

describe.each(Object.keys(LAUNCHERS) as (keyof typeof LAUNCHERS)[])('%s', (browserName) => {
  let driver: BrowserDriver;

  const resetSettings = () =>
    driver.evalInExtension(async (ratingSettings: Record<string, unknown>) => {
      const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
      const api = g.browser ?? g.chrome;
      await api.storage.sync.clear();
      await api.storage.local.clear();
      await api.storage.sync.set(ratingSettings);
    }, ALLOW_FIXTURE_SITES);

  async function openReader(name: string): Promise<{ page: PageHandle; state: ReaderState; exp: ReturnType<typeof expectedFor> }> {
    const exp = expectedFor(name);
    const { tabId, page } = await driver.openPage(exp.url);
    await readFromPopup(driver, tabId);
    return { page, state: await openState(page), exp };
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    driver = await LAUNCHERS[browserName]();
    await resetSettings();
  }, 120_000);

  afterAll(async () => {
    await driver?.close();
  });

  it.each(CASES)('%s: shows the story and none of the page', async (name) => {
    const { page, state, exp } = await openReader(name);
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
      await page.click('.bar .next');
      const two = await until('the next chapter', async () => {
        const s = await openState(page);
        return comparable(s.story, next.storyText).includes(next.storyText.first) ? s : null;
      }, 20_000);
      expect(comparable(two.story, next.storyText)).toContain(next.storyText.last);
      expect(two.url.split('#')[0]).toBe(next.url.split('#')[0]);
      if (next.chapter) expect(two.chapter).toMatch(new RegExp(`^Chapter ${next.chapter.index}`));

      // Back: the browser's own back button (popstate), then "n" and "p".
      await page.evaluate(() => history.back(), undefined);
      const back = await until('the first chapter again', async () => {
        const s = await openState(page);
        return comparable(s.story, exp.storyText).includes(exp.storyText.first) ? s : null;
      });
      expect(back.url).toBe(exp.url);
      await page.press('n');
      await until('"n" to turn the page', async () => {
        const s = await openState(page);
        return comparable(s.story, next.storyText).includes(next.storyText.first) ? s : null;
      });

      // Closing on another chapter reloads the page the address bar names.
      await page.evaluate(() => void ((window as unknown as { beforeClose: boolean }).beforeClose = true), undefined);
      await page.press('Escape');
      await until('the second chapter page', async () =>
        page
          .evaluate(() => !('beforeClose' in window) && document.readyState === 'complete' && location.href, undefined)
          .then((href) => href && href.split('#')[0] === next.url.split('#')[0]),
      );
      expect(await stateOf(page)).toBeNull();
      expect(await page.evaluate(() => document.body.innerText, undefined)).toContain(next.storyText.first.split(' ').slice(0, 3).join(' '));
    } finally {
      await page.close();
    }
  });

  it('opens on a site Slipcase has no permission for once the toolbar button grants activeTab (Readability)', async () => {
    const exp = expectedFor('synthetic/generic/moonlit-crypt-lanterns.html');
    const { tabId, page } = await driver.openPage(exp.url);
    try {
      const inject = (id: number) =>
        driver.evalInExtension(async (tab: number) => {
          const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
          const api = g.browser ?? g.chrome;
          try {
            const [r] = await api.scripting.executeScript({ target: { tabId: tab }, files: ['/content-scripts/reader.js'] });
            return String(r?.result);
          } catch {
            return 'not-allowed';
          }
        }, id);
      // Without the click the browser refuses: the reader runs on other sites only when asked.
      expect(await inject(tabId)).toBe('not-allowed');
      await page.pressToolbarButton();
      // The popup the click opened is out of the test's reach; its Read button runs this same injection.
      expect(await inject(tabId)).toBe('opened');
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
      const s = await until('the previous chapter', async () => {
        const st = await openState(page);
        return comparable(st.story, prev.storyText).includes(prev.storyText.first) ? st : null;
      }, 20_000);
      expect(s.url).toBe(prev.url);
    } finally {
      await page.close();
    }
  });

  it('Escape returns to the same place in the page, with focus back', async () => {
    const exp = expectedFor(AAS);
    const { tabId, page } = await driver.openPage(exp.url);
    try {
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

  it('offers the reader shortcut (Alt+Shift+S, changeable in the browser) in the popup', async () => {
    const exp = expectedFor(RR_1);
    const tabId = await driver.openTab(exp.url);
    const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
    try {
      expect(await popup.text('.read-button .shortcut')).toBe('Alt+Shift+S');
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

  it('settings persist across closing and reopening', async () => {
    await resetSettings();
    const first = await openReader(RR_1);
    try {
      expect(first.state.font).toBe('serif');
      expect(first.state.fontSize).toBe('19px');
      await first.page.click('.settings-toggle');
      await first.page.click('[data-theme-choice="sepia"]');
      await first.page.click('[data-font-choice="sans"]');
      await first.page.click('.size-up');
      await first.page.click('.size-up');
      const changed = await until('the new settings', async () => {
        const s = await stateOf(first.page);
        return s?.fontSize === '21px' ? s : null;
      });
      expect(changed).toMatchObject({ theme: 'sepia', font: 'sans' });
      // Saving waits for the controls to settle.
      await new Promise((r) => setTimeout(r, 800));
      await first.page.press('Escape'); // closes the settings panel
      await first.page.press('Escape'); // closes the reader
      await closedState(first.page);
    } finally {
      await first.page.close();
    }
    const again = await openReader(RR_1);
    try {
      expect(again.state).toMatchObject({ theme: 'sepia', font: 'sans', fontSize: '21px' });
    } finally {
      await again.page.close();
      await resetSettings();
    }
  });

  it('the bundled dyslexia-friendly font loads and is used', async () => {
    const { page } = await openReader(RR_1);
    try {
      await page.click('.settings-toggle');
      await page.click('[data-font-choice="dyslexic"]');
      const loaded = await until('OpenDyslexic', () =>
        page.evaluate(() => document.fonts.check('16px "Slipcase OpenDyslexic"') && [...document.fonts].some((f) => f.family.includes('OpenDyslexic') && f.status === 'loaded'), undefined),
      );
      expect(loaded).toBe(true);
      expect((await stateOf(page))?.fontFamily).toMatch(/^"?Slipcase OpenDyslexic/);
    } finally {
      await page.close();
      await resetSettings();
    }
  });

  it('remembers the reading position of a chapter', async () => {
    const { page } = await openReader(AAS);
    try {
      await page.evaluate(() => {
        const dialog = document.querySelector('slipcase-reader')!.shadowRoot!.querySelector<HTMLElement>('[role="dialog"]')!;
        dialog.scrollTop = 6000;
      }, undefined);
      await new Promise((r) => setTimeout(r, 1000));
      const before = (await stateOf(page))!.scrollTop;
      expect(before).toBeGreaterThan(5000);
      await page.press('Escape');
      await closedState(page);
    } finally {
      await page.close();
    }
    const again = await openReader(AAS);
    try {
      const restored = await until('the saved position', async () => {
        const s = await stateOf(again.page);
        return s && s.scrollTop > 5000 ? s : null;
      });
      expect(Math.abs(restored.scrollTop - 6000)).toBeLessThan(40);
    } finally {
      await again.page.close();
      await resetSettings();
    }
  });

  it('passes an axe-core check, in the light and dark themes (screenshots)', async () => {
    const { page } = await openReader(AO3_2);
    try {
      await page.evaluate((src) => void (0, eval)(src), AXE_SOURCE);
      for (const theme of ['light', 'dark'] as const) {
        await page.click('.settings-toggle');
        await page.click(`[data-theme-choice="${theme}"]`);
        await until(`the ${theme} theme`, async () => ((await stateOf(page))?.theme === theme ? true : null));
        const withPanel = await runAxe(page);
        expect(withPanel, JSON.stringify(withPanel, null, 1)).toEqual([]);
        await page.screenshot(join(SCREENSHOT_DIR, `${browserName}-reader-${theme}-settings.png`));
        await page.press('Escape');
        const reading = await runAxe(page);
        expect(reading, JSON.stringify(reading, null, 1)).toEqual([]);
        const shot = join(SCREENSHOT_DIR, `${browserName}-reader-${theme}.png`);
        await page.screenshot(shot);
        if (browserName === 'chromium') {
          mkdirSync(DOCS, { recursive: true });
          copyFileSync(shot, join(DOCS, `reader-${theme}.png`));
        }
      }
    } finally {
      await page.close();
      await resetSettings();
    }
  });
});

/** axe-core's WCAG 2.1 A/AA and best-practice rules on the reader's shadow root: the violations, briefly. */
function runAxe(page: PageHandle) {
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; nodes: { target: unknown; failureSummary?: string }[] }[] }> } }).axe;
    const result = await axe.run(
      { include: { fromShadowDom: ['slipcase-reader', '.root'] } },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } },
    );
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, why: n.failureSummary })) }));
  }, undefined);
}
