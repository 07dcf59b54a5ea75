/**
 * Saving to the offline library in the built extension, in real Chromium and Firefox: a reader
 * saves a multi-chapter AO3 work, an FFN story, an eFiction story and the All About Spike page from
 * the popup (the archives served at their real URLs), saves a story from the reader view, and has
 * a saved work checked for new chapters. Each test starts in a fresh browser.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { until } from '../lib/wait';
import { SCREENSHOT_DIR } from './lib/build';
import { BROWSERS, badgeText } from './lib/launch';
import { FFN, RR_START, SAVES, dump, fillLibrary, findAlone, freshBrowserEach, saveFromPopup } from './lib/library';
import type { PageHandle } from './lib/driver';
import { READER_TAG } from './lib/reader';
import { fixtureFor, serve } from './lib/routes';

const FFN_CHAPTER_2 = 'https://www.fanfiction.net/s/1234567/2/WebToEpub';

describe.each(BROWSERS)('%s', (browserName) => {
  const browser = freshBrowserEach(browserName);

  it('saves an AO3 work, an FFN story, an eFiction story and the All About Spike page, fetching politely', async () => {
    const driver = browser();
    for (const s of SAVES) {
      await saveFromPopup(driver, s, async (popup) => {
        expect(await popup.text('.job-outcome')).toBe('Saved to your library.');
        expect(await popup.text('.saved-status')).toContain('In your library');
        if (s === FFN) await popup.screenshot(join(SCREENSHOT_DIR, `${browserName}-library-popup.png`));
      });
    }

    const library = await dump(driver);
    expect(library.stories.map((s) => s.title).sort()).toEqual(SAVES.map((s) => s.title).sort());
    for (const s of SAVES) {
      const story = library.stories.find((x) => x.title === s.title && x.url.startsWith(new URL(s.start).origin))!;
      const chapters = library.chapters.filter((c) => c.storyId === story.id).sort((a, b) => a.index - b.index);
      expect(chapters.length, s.story).toBe(s.chapters.length);
      s.chapters.forEach((truth, i) => {
        expect(chapters[i]!.html, `${s.story} chapter ${truth.number}`).toContain(truth.word);
        for (const other of s.chapters) if (other !== truth) expect(chapters[i]!.html).not.toContain(other.word);
      });
    }

    // The open page came from its live DOM; the rest in as few requests as the site allows.
    // Chromium's own speculative prefetches of links on the open page are not Slipcase's.
    const asked = driver.proxyRequests.filter((r) => !r.speculative).map((r) => r.url);
    expect(asked.filter((u) => u.startsWith('https://archiveofourown.org/'))).toEqual([
      'https://archiveofourown.org/works/23824891?view_full_work=true',
    ]);
    expect(asked.filter((u) => u.startsWith('http://fanfiction.mugglenet.com/'))).toEqual([
      'http://fanfiction.mugglenet.com/viewstory.php?action=printable&textsize=0&sid=123456&chapter=all',
    ]);
    expect(asked.filter((u) => u.includes('allaboutspike.com'))).toEqual([]);
    const ffn = driver.proxyRequests.filter((r) => !r.speculative && r.url.startsWith('https://www.fanfiction.net/s/1234567/'));
    expect(ffn.map((r) => r.url)).toEqual([2, 3, 4, 5].map((n) => `https://www.fanfiction.net/s/1234567/${n}/WebToEpub`));
    // One at a time, at least a second apart (a little slack for when each request reached the proxy).
    for (let i = 1; i < ffn.length; i++) expect(ffn[i]!.at - ffn[i - 1]!.at).toBeGreaterThanOrEqual(950);
  }, 180_000);

  it('checks a saved work for new chapters, fetches only the new one, and shows it on the card and the badge', async () => {
    const driver = browser();
    await fillLibrary(driver, [FFN]);
    const chapterUrl = (n: number) => `https://www.fanfiction.net/s/1234567/${n}/WebToEpub`;
    const grown = [1, 2, 3, 4, 5].map((n) =>
      serve(chapterUrl(n), { ...fixtureFor(chapterUrl(n))!, body: withSixthChapter(fixtureFor(chapterUrl(n))!.body) }),
    );
    grown.push(serve(chapterUrl(6), { status: 200, contentType: 'text/html; charset=utf-8', body: sixthChapterPage() }));
    const library = await driver.openExtensionPage('options.html#library');
    try {
      await findAlone(library, FFN.chapters[4]!.word, FFN.start);
      const before = driver.proxyRequests.length;
      await library.click('li.library-card .check');
      await until(
        async () => /1 new chapter/.test(await library.text('li.library-card .card-new').catch(() => '')),
        'the new chapter on the card',
        30_000,
      );
      const asked = driver.proxyRequests.slice(before).filter((r) => !r.speculative && r.url.startsWith('https://www.fanfiction.net/'));
      // One page to see what the site lists, then only the chapter the library lacks.
      expect(asked.map((r) => r.url)).toHaveLength(2);
      expect(asked[1]!.url).toBe(chapterUrl(6));
      const story = (await dump(driver)).chapters.filter((c) => c.url.startsWith('https://www.fanfiction.net/s/1234567/'));
      expect(story.map((c) => c.index).sort()).toEqual([0, 1, 2, 3, 4, 5]);
      expect(story.find((c) => c.index === 5)!.html).toContain('lanternfish');
      expect(await badgeText(driver)).toBe('1');
      await library.screenshot(join(SCREENSHOT_DIR, `${browserName}-library-new-chapter.png`));
    } finally {
      grown.forEach((unserve) => unserve());
      await library.close();
    }
  }, 120_000);

  it('shows a work saved one chapter at a time as partly saved, and saves the other chapters from the popup', async () => {
    const driver = browser();
    const chapter2 = FFN.chapters[1]!;
    const { tabId, page } = await driver.openPage(FFN_CHAPTER_2);
    const opened: PageHandle[] = [];
    const openLibrary = async () => {
      const library = await driver.openExtensionPage('options.html#library');
      opened.push(library);
      await findAlone(library, chapter2.word, FFN.start);
      return library;
    };
    try {
      let popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
      await popup.click('.save-chapter');
      await until(async () => (await popup.count('.job-outcome.job-done')) > 0, 'chapter 2 to be saved', 60_000);
      await popup.close();

      const library = await openLibrary();
      await library.screenshot(join(SCREENSHOT_DIR, `${browserName}-library-partial-card.png`));
      await library.evaluate(() => void (document.body.style.width = '420px'), undefined);
      await until(
        () => library.evaluate(() => document.querySelector('.library-scroller')!.clientWidth < 520, undefined),
        'the narrow library',
      );
      await library.screenshot(join(SCREENSHOT_DIR, `${browserName}-library-partial-card-420.png`));

      popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
      await until(async () => (await popup.count('.saved-status')) > 0, 'the saved status');
      await popup.screenshot(join(SCREENSHOT_DIR, `${browserName}-library-partial-popup.png`));
      expect(await library.text('li.library-card .card-chapters')).toBe(`Chapter 2 of ${FFN.chapters.length} saved`);
      expect(await library.text('li.library-card .card-words')).toBe(`${chapter2.words.toLocaleString('en')} words saved`);
      expect(await popup.text('.saved-status')).toContain(`Chapter 2 of ${FFN.chapters.length} saved`);
      expect(await popup.text('.save-story')).toBe('Save the other chapters');
      await popup.click('.save-story');
      await until(async () => (await popup.count('.job-outcome.job-done')) > 0, 'the other chapters to be saved', 60_000);
      await popup.close();

      const chapters = (await dump(driver)).chapters.filter((c) => c.url.startsWith('https://www.fanfiction.net/s/1234567/'));
      expect(chapters.sort((a, b) => a.index - b.index).map((c) => c.html.includes(FFN.chapters[c.index]!.word))).toEqual(
        FFN.chapters.map(() => true),
      );
      expect(await (await openLibrary()).text('li.library-card .card-chapters')).toBe(
        `${FFN.chapters.length}/${FFN.chapters.length} chapters`,
      );
    } finally {
      for (const p of opened) await p.close();
      await page.close();
    }
  }, 180_000);

  it('saves the whole story from the reader view, with its progress shown there', async () => {
    const driver = browser();
    const { tabId, page } = await driver.openPage(RR_START);
    try {
      const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
      await popup.click('.read-button');
      await popup.close().catch(() => undefined);
      await page.clickIn(READER_TAG, '.save-toggle');
      await page.clickIn(READER_TAG, '.save-story');
      const done = () => page.shadow(READER_TAG, (root) => root.querySelectorAll('.save-job[data-state="done"]').length, undefined);
      await until(async () => (await done()) === 1, 'the save from the reader', 30_000);
      const library = await dump(driver);
      const story = library.stories.find((x) => x.url.startsWith('https://www.royalroad.com/'))!;
      const texts = library.chapters
        .filter((c) => c.storyId === story.id)
        .sort((a, b) => a.index - b.index)
        .map((c) => c.html);
      expect(texts).toHaveLength(2);
      expect(texts[0]).toContain('Chapter One content');
      expect(texts[1]).toContain('Chapter Two content');
    } finally {
      await page.close();
    }
  }, 120_000);
});

/** FFN story 1234567 as the site shows it once a sixth chapter is posted: every page lists six. */
function withSixthChapter(html: string): string {
  return html
    .replace(/(<option value="5"[^>]*>[^<]*<\/option>)/g, '$1<option value="6">6. Packing the Extension</option>')
    .replace(/Chapters: 5/g, 'Chapters: 6');
}

function sixthChapterPage(): string {
  const five = fixtureFor('https://www.fanfiction.net/s/1234567/5/WebToEpub')!.body;
  const story =
    '<div class="storytext xcontrast_txt nocopy" id="storytext"><p>Packing the extension for the store takes a lanternfish of patience and a zip file.</p></div>';
  return withSixthChapter(five)
    .replace('<option value="5" selected="">', '<option value="5">')
    .replace('<option value="6">', '<option value="6" selected="">')
    .replace(/<div[^>]*id="storytext">[\s\S]*?<\/div>/, story);
}
