/**
 * Stories in other scripts and languages, saved from an archive Slipcase knows: their titles,
 * authors and text come through whole into the library, its search finds them by a word of their
 * own title, and the EPUB carries them. Driven by the corpus: every site page whose title is not
 * plain ASCII.
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { holdsStory } from '../../src/core/model';
import { tokens } from '../../src/library/search/text-keys';
import { corpusPages } from '../lib/corpus';
import { until } from '../lib/wait';
import { BROWSERS } from './lib/launch';
import { downloadBytes, freshBrowserEach } from './lib/library';
import { resetReader } from './lib/reader';

/** One story page a site, whose title holds letters beyond ASCII (Cyrillic, German, CJK…). */
function storiesInOtherScripts(): { site: string; url: string; title: string; author: string; first: string }[] {
  const seen = new Set<string>();
  return corpusPages()
    .filter((p) => p.folder !== 'generic' && holdsStory(p.expected.kind) && p.expected.storyText)
    .filter((p) => /[^\p{ASCII}]/u.test(p.expected.title ?? ''))
    .sort((a, b) => a.name.localeCompare(b.name))
    .filter((p) => !seen.has(p.folder) && seen.add(p.folder))
    .map((p) => ({
      site: p.folder,
      url: p.expected.url,
      title: p.expected.title!,
      author: p.expected.author ?? '',
      first: p.expected.storyText!.first,
    }));
}
const STORIES = storiesInOtherScripts();

/** The title's longest word that is not plain ASCII: the one a reader of that language would type. */
const wordOf = (title: string) =>
  tokens(title)
    .sort((a, b) => b.length - a.length)
    .find((w) => /[^\p{ASCII}]/u.test(w)) ?? tokens(title)[0]!;

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

describe.each(BROWSERS)('%s', (browserName) => {
  const browser = freshBrowserEach(browserName);

  it('has stories in other scripts to save', () => {
    expect(STORIES.length).toBeGreaterThanOrEqual(2);
  });

  it.each(STORIES)('$site: saved, found by “$title”, and written to the EPUB whole', async (s) => {
    const driver = browser();
    await resetReader(driver);
    const { tabId, page } = await driver.openPage(s.url);
    const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
    expect(await popup.text('.title')).toBe(s.title);
    // The page's own chapter, where it is one: this test is about its text, not fetching the others.
    await popup.click((await popup.count('.save-chapter')) > 0 ? '.save-chapter' : '.save-story');
    await until(async () => (await popup.count('.job-outcome.job-done')) > 0, `${s.url} to be saved`, 60_000);
    await popup.close();
    await page.close();

    const library = await driver.openExtensionPage('options.html#library');
    // Found by a word of its title: the one card left is this story.
    await library.fill('.library-search input', wordOf(s.title));
    await until(
      async () =>
        (await library.count('li.library-card[data-story-id]')) === 1 && (await library.text('li.library-card .card-title')) === s.title,
      `“${s.title}” alone in the results for “${wordOf(s.title)}”`,
    );
    if (s.author) expect(await library.text('li.library-card .card-authors')).toBe(`by ${s.author}`);
    const files = unzipSync(await downloadBytes(library, 'li.library-card .epub'));
    const opf = Object.entries(files).find(([name]) => name.endsWith('.opf'))!;
    expect(strFromU8(opf[1])).toContain(`<dc:title>${xmlText(s.title)}</dc:title>`);
    if (s.author) expect(strFromU8(opf[1])).toContain(xmlText(s.author));
    const chapters = Object.entries(files)
      .filter(([name]) => name.endsWith('.xhtml'))
      .map(([, bytes]) =>
        strFromU8(bytes)
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' '),
      );
    expect(chapters.some((text) => text.includes(s.first))).toBe(true);
    await library.close();
  });
});
