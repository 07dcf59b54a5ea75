/**
 * Every built-in site definition in real browsers, driven by its own pages: one page with story
 * text from each site's folder, served under its real URL, gets the rating letter on the badge
 * from the site's own always-on script, the popup names the story, and the reader opened from the
 * popup shows its text. A new site is covered here by its pages alone.
 */
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { RATING_STYLE, ratingText } from '../../src/shell/badge';
import { holdsStory } from '../../src/core/model';
import { corpusPages } from '../lib/corpus';
import { SCREENSHOT_DIR } from './lib/build';
import type { BrowserDriver } from './lib/driver';
import { BROWSERS, reportedBadge, sharedBrowser } from './lib/launch';
import { comparable, expectedFor, openState, resetReader } from './lib/reader';
import { screenshotName } from './lib/pages';

/**
 * The first page with story text of every site folder. The generic reader has no hosts: it runs
 * only when the popup is asked, which tests/e2e/reader.e2e.test.ts covers.
 */
function onePagePerSite(): { site: string; url: string }[] {
  const first = new Map<string, string>();
  const pages = corpusPages().filter((p) => p.folder !== 'generic' && holdsStory(p.expected.kind) && p.expected.storyText);
  for (const p of pages.sort((a, b) => a.name.localeCompare(b.name))) if (!first.has(p.folder)) first.set(p.folder, p.expected.url);
  return [...first].map(([site, url]) => ({ site, url }));
}
const ONE_PAGE_PER_SITE = onePagePerSite();

describe.each(BROWSERS)('%s', (browserName) => {
  let driver: BrowserDriver;

  sharedBrowser(browserName, (launched) => (driver = launched));

  // The gate lets the fixture sites through: the gate's own specs cover it.
  beforeEach(() => resetReader(driver));

  it('covers every site folder with story pages', () => {
    expect(ONE_PAGE_PER_SITE.length).toBeGreaterThanOrEqual(12);
  });

  it.each(ONE_PAGE_PER_SITE)('$site: badge, popup and reader on $url', async ({ url }) => {
    const exp = expectedFor(url);
    const { tabId, page } = await driver.openPage(url);
    try {
      expect((await reportedBadge(driver, tabId)).slice(0, 1)).toBe(RATING_STYLE[exp.rating.level].letter);

      const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
      expect(await popup.text('.title')).toBe(exp.title);
      if (exp.author) expect(await popup.text('.author')).toBe(`by ${exp.author}`);
      expect(await popup.text('.rating-text')).toBe(ratingText({ level: exp.rating.level, label: exp.rating.label, source: 'site' }));
      await popup.screenshot(join(SCREENSHOT_DIR, `${browserName}-site-popup-${screenshotName(url)}.png`));
      await popup.click('.read-button');
      await popup.close().catch(() => undefined);

      const state = await openState(page);
      expect(state.title).toBe(exp.title);
      const text = comparable(state.story, exp.storyText);
      expect(text).toContain(exp.storyText.first);
      expect(text).toContain(exp.storyText.last);
      for (const chrome of exp.mustNotContain ?? []) expect(state.story).not.toContain(chrome);
    } finally {
      await page.close();
    }
  });
});
