/**
 * The built extension in real browsers: archive pages served under their real URLs get the right
 * badge, and the popup shows what the page is.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RATING_STYLE, ratingText } from '../../src/shell/badge';
import { holdsStory, isWorkPage } from '../../src/core/model';
import { SCREENSHOT_DIR } from './lib/build';
import type { BrowserDriver } from './lib/driver';
import { BROWSERS, sharedBrowser, badgeText, reportedBadge } from './lib/launch';
import { pageAt, screenshotName } from './lib/pages';

/** The unrated seed (All About Spike), whose text estimates Explicit. */
const UNRATED_SEED = 'http://www.allaboutspike.com/fic.html?id=562';

/** The fixtures the issue names (AO3, FFN, eFiction, All About Spike) plus the cases readers trip on. */
const CASES = [
  'https://archiveofourown.org/works/23824891', // Explicit, chapter 1/3
  'https://archiveofourown.org/works/3738184', // Not Rated, every archive warning
  'https://archiveofourown.org/works/52266019/chapters/132544871', // warnings hidden
  'https://archiveofourown.org/works/41877321', // the adult-content question
  'https://archiveofourown.org/tags/Buffy%20Summers*s*Spike/works?page=1071', // listing: no badge
  'https://www.fanfiction.net/s/555/1/My-Great-Story',
  'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3117&index=1',
  'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3117&chapter=2',
  UNRATED_SEED,
  'http://www.allaboutspike.com/fic.html?id=96',
];

describe.each(BROWSERS)('%s', (browserName) => {
  let driver: BrowserDriver;

  sharedBrowser(browserName, (launched) => (driver = launched));

  it.each(CASES)('%s: badge and popup', async (url) => {
    const exp = pageAt(url);
    const tabId = await driver.openTab(url);
    const work = isWorkPage(exp.kind);

    // The rating letter, marked "!" where the default content-warning settings cover the story:
    // only a page with story text is covered (an index or an adult gate past the limits is not).
    const badge = await reportedBadge(driver, tabId);
    expect(badge.slice(0, 1)).toBe(work ? RATING_STYLE[exp.rating.level].letter : '');
    if (!holdsStory(exp.kind)) expect(badge).not.toMatch(/!$/);
    else if (exp.rating.level === 'explicit' || url === UNRATED_SEED) expect(badge).toMatch(/!$/);
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
      if (url === UNRATED_SEED) {
        expect(await popup.text('.estimate-level')).toBe('Unrated · estimated Explicit');
        expect(await popup.text('.gate-reasons')).toBe('Estimated Explicit, past your Mature limit');
        expect(await popup.text('.gate-why')).toMatch(/^Why\?\s*explicit sexual language: \d+ passages in [\d,]+ words/);
      }
      if (exp.chapter)
        expect(await popup.text('.fact.chapter dd')).toMatch(new RegExp(`^${exp.chapter.index}/${exp.chapter.count ?? '\\?'}`));
      const warnings = await popup.text('.fact.warnings dd');
      if (exp.warningsHidden) expect(warnings).toMatch(/^Hidden/);
      else for (const w of exp.warnings) expect(warnings).toContain(w);
      await popup.screenshot(join(SCREENSHOT_DIR, `${browserName}-popup-${screenshotName(url)}.png`));
    } finally {
      await popup.close();
    }
  });

  it('does not run on sites it was not asked to', async () => {
    const tabId = await driver.openTab('http://members.tripod.com/velvet_dusk/fics/heatwave_story.html');
    // That nothing ran shows in no event of its own: an archive page opened after this one has
    // reported, and by then a script on this page would have reported too.
    const later = await driver.openTab(UNRATED_SEED);
    expect(await reportedBadge(driver, later)).not.toBe('');
    expect(await badgeText(driver, tabId)).toBe('');
  });
});
