/**
 * The built extension in real browsers: archive pages served under their real URLs get the right
 * badge, and the popup shows what the page is.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATING_STYLE, ratingText } from '../../src/shell/badge';
import { isWorkPage } from '../../src/core/model';
import { corpusPages, type Expected } from '../lib/corpus';
import { SCREENSHOT_DIR } from './lib/build';
import { launchChromium } from './lib/chromium';
import type { BrowserDriver } from './lib/driver';
import { launchFirefox } from './lib/firefox';

const LAUNCHERS = { chromium: launchChromium, firefox: launchFirefox };

/** The fixtures the issue names (AO3, FFN, eFiction, All About Spike) plus the cases readers trip on. */
const CASES = [
  'real/ao3/ao3js-works-23824891.html', // Explicit, chapter 1/3
  'real/ao3/ao3js-works-3738184.html', // Not Rated, every archive warning
  'synthetic/ao3/works-52266019-chapters-132544871-warnings-hidden.html',
  'synthetic/ao3/works-41877321-adult-gate.html',
  'synthetic/ao3/tags-buffy-summers-spike-works-page1071.html', // listing: no badge
  'real/ffn/efictopub-www.fanfiction.net_1.html',
  'synthetic/efiction/viewstory-sid3117-index.html',
  'synthetic/efiction/viewstory-sid3117-chapter2.html',
  'synthetic/allaboutspike/fic-562.html', // the unrated seed
  'synthetic/allaboutspike/fic-96.html',
];

const pages = new Map(corpusPages().map((p) => [p.name, p.expected]));

function expectedFor(name: string): Expected {
  const e = pages.get(name);
  if (!e) throw new Error(`no ground truth for ${name}`);
  return e;
}

async function badgeOf(driver: BrowserDriver, tabId: number, expectEmpty: boolean): Promise<string> {
  // The content script reports at document_idle; give it a moment, then read the badge.
  const deadline = Date.now() + (expectEmpty ? 1500 : 10_000);
  let text = '';
  do {
    text = await driver.evalInExtension(async (id: number) => {
      const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
      const api = g.browser ?? g.chrome;
      const action = api.action ?? (api as unknown as { browserAction: typeof chrome.action }).browserAction;
      return action.getBadgeText({ tabId: id });
    }, tabId);
    if (text && !expectEmpty) return text;
    await new Promise((r) => setTimeout(r, 150));
  } while (Date.now() < deadline);
  return text;
}

describe.each(Object.keys(LAUNCHERS) as (keyof typeof LAUNCHERS)[])('%s', (browserName) => {
  let driver: BrowserDriver;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    driver = await LAUNCHERS[browserName]();
  }, 120_000);

  afterAll(async () => {
    await driver?.close();
  });

  it.each(CASES)('%s: badge and popup', async (name) => {
    const exp = expectedFor(name);
    const tabId = await driver.openTab(exp.url);
    const work = isWorkPage(exp.kind);

    // The rating letter, marked "!" where the default content-warning settings cover the story.
    const badge = await badgeOf(driver, tabId, !work);
    expect(badge.slice(0, 1)).toBe(work ? RATING_STYLE[exp.rating.level].letter : '');
    if (exp.rating.level === 'explicit' || name === 'synthetic/allaboutspike/fic-562.html') expect(badge).toMatch(/!$/);
    if (exp.rating.level === 'general' || exp.rating.level === 'teen') expect(badge).not.toMatch(/!$/);

    const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
    try {
      if (!work) {
        expect(await popup.text('.headline')).toBe('Not a story page');
        return;
      }
      expect(await popup.text('.title')).toBe(exp.title);
      if (exp.author) expect(await popup.text('.author')).toBe(`by ${exp.author}`);
      const rating = await popup.text('.rating-text');
      expect(rating).toBe(ratingText({ level: exp.rating.level, label: exp.rating.label, source: 'site' }));
      if (exp.rating.level === 'unknown') expect(rating).toMatch(/^Unrated/);
      // The unrated seed is explicit: the popup says what its text estimate found, and why.
      if (name === 'synthetic/allaboutspike/fic-562.html') {
        expect(await popup.text('.estimate-level')).toBe('Unrated · estimated Explicit');
        expect(await popup.text('.estimate-reasons')).toMatch(/explicit sexual language: \d+ passages in [\d,]+ words/);
      }
      if (exp.chapter) expect(await popup.text('.fact.chapter dd')).toMatch(new RegExp(`^${exp.chapter.index}/${exp.chapter.count ?? '\\?'}`));
      const warnings = await popup.text('.fact.warnings dd');
      if (exp.warningsHidden) expect(warnings).toMatch(/^Hidden/);
      else for (const w of exp.warnings) expect(warnings).toContain(w);
      await popup.screenshot(join(SCREENSHOT_DIR, `${browserName}-popup-${name.replace(/[/.]/g, '_')}.png`));
    } finally {
      await popup.close();
    }
  });

  it('does not run on sites it was not asked to', async () => {
    const exp = expectedFor('synthetic/generic/velvet-dusk-heatwave-story.html');
    const tabId = await driver.openTab(exp.url);
    expect(await badgeOf(driver, tabId, true)).toBe('');
  });
});
