/**
 * A mistagged work, in the built extension in real Chromium and Firefox: an AO3 chapter the site
 * rates General Audiences whose text is explicit (the unrated seed story's text, put in a real
 * AO3 chapter page) is covered from the first frame, with the interstitial saying why; the same
 * chapter with its own text shows. The reader's switch turns the check off.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RATING_SETTINGS, type RatingSettings } from '../../src/warnings/policy';
import { storedItems } from '../../src/warnings/settings';
import { readFullPage } from '../../src/reader/view';
import { parseHtml } from '../../scripts/lib/html';
import { corpusPages } from '../lib/corpus';
import { until } from '../lib/wait';
import { SCREENSHOT_DIR } from './lib/build';
import type { BrowserDriver } from './lib/driver';
import { BROWSERS, resetStorage, sharedBrowser } from './lib/launch';
import { corpusBody, serve } from './lib/routes';
import { frames, gateText, gateUp, recorder, story } from './lib/gate-frames';

const CHAPTER = 'https://archiveofourown.org/works/52266019/chapters/132544871';
const TEXT = '#chapters .userstuff p, div.userstuff.module p';

/** The AO3 chapter, rated General Audiences, with its own text or `text` (HTML paragraphs) in its place. */
function generalChapter(text?: string): string {
  const page = corpusBody(CHAPTER).replace(
    '<li><a class="tag" href="/tags/Mature/works">Mature</a></li>',
    '<li><a class="tag" href="/tags/General%20Audiences/works">General Audiences</a></li>',
  );
  if (text === undefined) return page;
  const start = page.indexOf('<h3 class="landmark heading" id="work">Chapter Text</h3>');
  const end = page.indexOf('</div>', start);
  return `${page.slice(0, start)}<h3 class="landmark heading" id="work">Chapter Text</h3>${text}${page.slice(end)}`;
}

/** The unrated seed story's text (estimated Explicit), as paragraphs. */
function explicitText(): string {
  const seed = corpusPages().find((p) => p.name === 'allaboutspike/pages/fic-562.html')!;
  const report = readFullPage(parseHtml(readFileSync(seed.htmlPath, 'utf8'), seed.expected.url), seed.expected.url, { content: true });
  return report
    .content!.text.split('\n')
    .filter((line) => line.trim())
    .map((line) => `<p>${line.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('\n');
}

describe.each(BROWSERS)('%s', (browserName) => {
  let driver: BrowserDriver;
  const useSettings = (settings: Partial<RatingSettings>) => resetStorage(driver, storedItems({ ...DEFAULT_RATING_SETTINGS, ...settings }));
  sharedBrowser(browserName, (launched) => (driver = launched));
  beforeEach(() => useSettings({}));

  it('covers a chapter rated General whose text reads Explicit, from the first frame, and says why', async () => {
    const stop = serve(CHAPTER, { status: 200, contentType: 'text/html; charset=utf-8', body: generalChapter(explicitText()) });
    try {
      const { page } = await driver.openPage(CHAPTER, { initScript: recorder(TEXT) });
      await until(() => gateUp(page), 'the interstitial');
      expect(await gateText(page, '.reasons li')).toMatch(
        /^The site rates it General Audiences, but this chapter reads as Explicit, past your Mature limit/,
      );
      expect((await story(page)).present).toBeGreaterThan(0);
      expect((await frames(page)).every((f) => f.shown === 0)).toBe(true);
      await page.screenshot(join(SCREENSHOT_DIR, `${browserName}-gate-mistagged.png`));
      await page.close();
    } finally {
      stop();
    }
  });

  it('shows the same chapter with its own text, and the explicit one when the reader turned the check off', async () => {
    let stop = serve(CHAPTER, { status: 200, contentType: 'text/html; charset=utf-8', body: generalChapter() });
    try {
      let { page } = await driver.openPage(CHAPTER, { initScript: recorder(TEXT) });
      await until(async () => (await story(page)).shown > 0, 'the story on screen');
      expect((await frames(page)).some((f) => f.gate)).toBe(false);
      await page.close();
      stop();

      await useSettings({ checkRated: false });
      stop = serve(CHAPTER, { status: 200, contentType: 'text/html; charset=utf-8', body: generalChapter(explicitText()) });
      ({ page } = await driver.openPage(CHAPTER, { initScript: recorder(TEXT) }));
      await until(async () => (await story(page)).shown > 0, 'the story on screen');
      expect((await frames(page)).some((f) => f.gate)).toBe(false);
      await page.close();
    } finally {
      stop();
    }
  });
});
