/**
 * An update check when the author rewrote the work's chapter list, in the built extension in real
 * Chromium and Firefox: FanFiction.net's fixture story is saved, the reader reads on to chapter 4,
 * then its author deletes chapter 2 and posts a sixth. The site renumbers, so the count stays at
 * 5: counting chapters would see nothing new. The check must keep chapter 2 (marked removed from
 * the archive), add the new one, keep the reader's place on chapter 4's text, and show the changes.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { until } from '../lib/wait';
import { NEW_LAST, ffnAfterRewrite } from '../lib/ffn-rewrite';
import { SCREENSHOT_DIR } from './lib/build';
import { BROWSERS } from './lib/launch';
import { FFN, dump, fillLibrary, findAlone, freshBrowserEach, openOffline, readerPlace, savedPlace } from './lib/library';
import { fixtureFor, serve } from './lib/routes';

const chapterUrl = (n: number) => `https://www.fanfiction.net/s/1234567/${n}/WebToEpub`;

describe.each(BROWSERS)('%s', (browserName) => {
  const browser = freshBrowserEach(browserName);

  it('an author deleted chapter 2 and added a new last chapter: nothing lost, the place kept, the changes shown', async () => {
    const driver = browser();
    await fillLibrary(driver, [FFN]);
    const library = await driver.openExtensionPage('options.html#library');
    const unserve: (() => void)[] = [];
    try {
      const { id, href } = await findAlone(library, FFN.chapters[4]!.word, FFN.start);
      // The reader reads on from chapter 3 to chapter 4: that is their place.
      const { reader } = await openOffline(driver, `${href}&chapter=2`);
      await reader.click('.bar .next');
      await until(async () => (await savedPlace(reader, id))?.chapter === 3, 'chapter 4 saved as the place');
      await reader.close();

      const rewritten = ffnAfterRewrite((n) => fixtureFor(chapterUrl(n))!.body);
      for (const [place, body] of rewritten) unserve.push(serve(chapterUrl(place), { ...fixtureFor(chapterUrl(place))!, body }));
      const before = driver.proxyRequests.length;
      await library.click('li.library-card .check');
      await until(
        async () => /1 new chapter/.test(await library.text('li.library-card .card-new').catch(() => '')),
        'the new chapter on the card',
        30_000,
      );
      expect(await library.text('li.library-card .card-marks')).toBe('1 removed from the archive');
      expect(await library.text('li.library-card .card-chapters')).toBe('5/5 chapters');
      const asked = driver.proxyRequests.slice(before).filter((r) => !r.speculative && r.url.startsWith('https://www.fanfiction.net/'));
      // The work's page, then only the chapter whose title the library does not know.
      expect(asked.map((r) => r.url)).toEqual([chapterUrl(1), chapterUrl(5)]);

      // Nothing lost: every old chapter's text, in its old order, then the new one.
      const chapters = (await dump(driver)).chapters.filter((c) => c.storyId === id).sort((a, b) => a.index - b.index);
      expect(chapters.map((c) => FFN.chapters.findIndex((t) => c.html.includes(t.word)))).toEqual([0, 1, 2, 3, 4, -1]);
      expect(chapters[5]!.html).toContain(NEW_LAST.word);

      // The place is on chapter 4's text still; the chapter list names what changed.
      const again = await openOffline(driver, href);
      expect(again.place.story).toContain(FFN.chapters[3]!.word);
      await again.reader.click('.chapters-toggle');
      const list = await again.reader.text('.chapters');
      expect(list).toContain('(removed from the archive)');
      expect(list).toContain(NEW_LAST.title);
      await again.reader.click('.chapters li:nth-child(2) button');
      await until(
        async () => (await again.reader.evaluate(readerPlace, undefined))?.story.includes(FFN.chapters[1]!.word) ?? false,
        'the removed chapter, kept',
      );
      expect(await again.reader.text('.note summary')).toBe('Removed from the archive');
      // The phone setups draw it at a phone's width.
      await again.reader.screenshot(join(SCREENSHOT_DIR, `${browserName}-library-update-removed.png`));
      await again.reader.close();
      await library.screenshot(join(SCREENSHOT_DIR, `${browserName}-library-update-card.png`));
    } finally {
      unserve.forEach((u) => u());
      await library.close();
    }
  }, 180_000);
});
