/**
 * What the library keeps of a page (src/library/jobs/page-copy.ts): on every corpus page, the chapters it
 * holds read as the reader shows them; whole-work pages (AO3 "Entire Work", eFiction's printable
 * story) come apart into their chapters, in order, each with only its own text.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyPage, type PageCopy } from '../jobs/page-copy';
import { readerView } from '../../reader/view';
import { holdsStory } from '../../core/model';
import { countWords, squash, textLines } from '../../core/dom';
import { parseHtml } from '../../../scripts/lib/html';
import { corpusPages } from '../../../tests/lib/corpus';

const LIBRARY_DIR = join(import.meta.dirname, 'fixtures');

interface StoryTruth {
  story: string;
  start: string;
  startFile: string;
  plan: string;
  title: string;
  author: string;
  chapters: { number: number; title: string; words: number; word: string }[];
}
const STORIES: StoryTruth[] = JSON.parse(readFileSync(join(LIBRARY_DIR, 'stories.json'), 'utf8'));
const ROUTES: { url: string; file: string }[] = JSON.parse(readFileSync(join(LIBRARY_DIR, 'routes.json'), 'utf8'));

function load(path: string, url: string): Document {
  return parseHtml(readFileSync(path, 'utf8'), url);
}

/** A library fixture by its URL in routes.json, or a corpus page by its path. */
function routed(url: string): Document {
  const route = ROUTES.find((r) => r.url === url);
  if (!route) throw new Error(`no route for ${url}`);
  return load(join(LIBRARY_DIR, route.file), url);
}

function corpus(name: string): { doc: Document; url: string } {
  const page = corpusPages().find((p) => p.name === name)!;
  return { doc: load(page.htmlPath, page.expected.url), url: page.expected.url };
}

/** A chapter's HTML as elements, to read its text with or without the notes. */
function box(html: string): Element {
  const el = parseHtml('<div></div>', 'https://example.org/').querySelector('div')!;
  el.innerHTML = html;
  return el;
}

const textOf = (html: string) => textLines(box(html)).join('\n');

/** The chapter's own text: the folded author's notes left out. */
function storyText(html: string): string {
  const el = box(html);
  for (const d of Array.from(el.querySelectorAll('details'))) d.remove();
  return textLines(el).join('\n');
}

const story = (id: string) => STORIES.find((s) => s.story === id)!;

describe('copyPage on the corpus', () => {
  const pages = corpusPages();

  it.each(pages.map((p) => [p.name, p] as const))(
    '%s',
    (_name, page) => {
      const doc = load(page.htmlPath, page.expected.url);
      const before = doc.documentElement.outerHTML;
      const copy = copyPage(doc, page.expected.url);
      expect(doc.documentElement.outerHTML, 'the page itself is never changed').toBe(before);
      expect(copy.report.kind).toBe(page.expected.kind);
      expect(copy.report.content).toBeNull();

      if (!holdsStory(page.expected.kind)) {
        expect(copy.chapters).toEqual([]);
        return;
      }
      expect(copy.chapters.length).toBeGreaterThan(0);
      for (const c of copy.chapters) {
        expect(c.kind).toBe(page.expected.kind);
        expect(squash(storyText(c.html)), 'every chapter has text').not.toBe('');
        expect(c.html).not.toMatch(/<script|<style|\son\w+=/i);
      }
      const view = readerView(load(page.htmlPath, page.expected.url), page.expected.url)!;
      if (copy.chapters.length === 1) {
        // The saved text is the reader's, byte for byte; the notes fold around it.
        expect(copy.chapters[0]!.html).toContain(view.content.html);
        expect(copy.chapters[0]!.number).toBe(page.expected.chapter?.index ?? (copy.nav.prev || copy.nav.next ? null : 1));
      }
      const st = page.expected.storyText;
      if (st && copy.chapters.length > 1) {
        const all = squash(copy.chapters.map((c) => storyText(c.html)).join('\n'));
        expect(all).toContain(st.first);
        expect(all).toContain(st.last);
      }
      for (const chrome of page.expected.mustNotContain ?? []) {
        for (const c of copy.chapters) expect(squash(textOf(c.html))).not.toContain(chrome);
      }
    },
    30_000,
  );

  it('folds the author’s notes under their labels around the text, and leaves out the note that repeats the summary', () => {
    const { doc, url } = corpus('ao3/pages/ao3js-works-17793689.html');
    const view = readerView(corpus('ao3/pages/ao3js-works-17793689.html').doc, url)!;
    expect(view.notes.map((n) => n.label)).toEqual(['Summary', 'Chapter Summary', 'Chapter Notes', 'Chapter End Notes']);
    const [c] = copyPage(doc, url).chapters;
    const labels = Array.from(box(c!.html).querySelectorAll(':scope > details > summary')).map((s) => s.textContent);
    expect(labels).toEqual(['Chapter Summary', 'Chapter Notes', 'Chapter End Notes']);
    expect(box(c!.html).lastElementChild!.outerHTML).toContain("<i>da'fen</i> - little wolf");

    const oneShot = corpus('ao3/pages/ao3js-works-3738184.html');
    const copy = copyPage(oneShot.doc, oneShot.url);
    const folded = Array.from(box(copy.chapters[0]!.html).querySelectorAll(':scope > details > summary')).map((s) => s.textContent);
    expect(copy.report.summary).not.toBeNull();
    expect(folded).toEqual(['Notes', 'End Notes']);
  });

  it('saves a chapter page under the URL its chapter list gives it', () => {
    const { doc, url } = corpus('ao3/pages/ao3js-works-23824891.html');
    const copy = copyPage(doc, url);
    expect(copy.chapters[0]).toMatchObject({
      number: 1,
      title: 'Sister Dearest',
      url: 'https://archiveofourown.org/works/23824891/chapters/57247021',
      kind: 'chapter',
    });
  });
});

/** Each chapter's distinctive word is in that chapter and in no other. */
function expectDistinct(chapters: { html: string }[], truth: StoryTruth): void {
  const texts = chapters.map((c) => storyText(c.html));
  truth.chapters.forEach((t, i) => {
    expect(
      texts.map((x) => x.includes(t.word)),
      `"${t.word}" only in chapter ${t.number}`,
    ).toEqual(texts.map((_, j) => j === i));
  });
}

describe('whole-work pages come apart into their chapters', () => {
  it('AO3 Entire Work: three chapters in order, each with its title, link, notes and own text only', () => {
    const truth = story('ao3-23824891');
    const url = 'https://archiveofourown.org/works/23824891?view_full_work=true';
    const copy = copyPage(routed(url), url);
    expect(copy.report.kind).toBe('story');
    expect(copy.chapters.map((c) => [c.number, c.title, c.url, c.kind])).toEqual([
      [1, 'Sister Dearest', 'https://archiveofourown.org/works/23824891/chapters/57247021', 'story'],
      [2, 'Pure Devotion', 'https://archiveofourown.org/works/23824891/chapters/61444735', 'story'],
      [3, 'Here With You', 'https://archiveofourown.org/works/23824891/chapters/68077426', 'story'],
    ]);
    expect(copy.chapters.map((c) => countWords(storyText(c.html)))).toEqual(truth.chapters.map((c) => c.words));
    expectDistinct(copy.chapters, truth);

    const texts = copy.chapters.map((c) => squash(textOf(c.html)));
    expect(squash(storyText(copy.chapters[0]!.html)).startsWith('Flurries of snow fell upon the quiet town')).toBe(true);
    expect(texts[1]).toMatch(/^Chapter Notes Butterfly_Dream here!/);
    expect(texts[2]).toMatch(/End Notes And that is the last of the three\. Thank you for reading, and for every comment along the way\.$/);
    const chrome = [
      ...corpusPages().find((p) => p.name === 'ao3/pages/ao3js-works-23824891.html')!.expected.mustNotContain!,
      'Chapter by Chapter',
      'Chapter 2',
      'Chapter by',
    ];
    for (const t of texts) for (const c of chrome) expect(t).not.toContain(c);
  });

  it('AO3: a chapter cut from the whole work is the chapter its own page saves', () => {
    const url = 'https://archiveofourown.org/works/23824891?view_full_work=true';
    const whole = copyPage(routed(url), url).chapters[0]!;
    const { doc, url: pageUrl } = corpus('ao3/pages/ao3js-works-23824891.html');
    const own = copyPage(doc, pageUrl).chapters[0]!;
    // Named in the chapter list as the chapter menu names it: the whole-work page has no menu.
    expect({ ...whole, kind: own.kind, listTitle: own.listTitle }).toEqual(own);
  });

  it('eFiction printable story: every chapter under its title, story notes with the first, chapter notes with theirs', () => {
    const { doc, url } = corpus('efiction/pages/viewstory-sid3117-printable-all.html');
    const copy = copyPage(doc, url);
    expect(copy.chapters.map((c) => [c.number, c.title, c.url])).toEqual([
      [1, 'Cold Open', 'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3117&chapter=1'],
      [2, 'The Long Hallway', 'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3117&chapter=2'],
      [3, 'Morning, Eventually', 'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3117&chapter=3'],
    ]);
    const texts = copy.chapters.map((c) => squash(textOf(c.html)));
    expect(texts[0]).toMatch(/^Story Notes Set in the summer after Grave\. .* The summer after everything,/);
    expect(texts[1]).toMatch(
      /^Author's Notes Thank you all .* The call came at 3:40,.* Neither of them said anything about that, either\. End Notes Next time: coffee, and consequences\.$/,
    );
    expect(texts[2]).toMatch(/^Dawn was awake .* End Notes The end!/);
    for (const t of texts)
      for (const chrome of ['Back to index', 'by Wren Halloway', 'Disclaimer', 'This story archived at', 'Cold Open', 'Summary:'])
        expect(t).not.toContain(chrome);
    expect(countWords(copy.chapters.map((c) => storyText(c.html)).join('\n'))).toBe(765);
  });

  it('eFiction: a chapter cut from the printable story reads as its own page', () => {
    const printable = corpus('efiction/pages/viewstory-sid3117-printable-all.html');
    const page = corpus('efiction/pages/viewstory-sid3117-chapter2.html');
    const fromWhole = copyPage(printable.doc, printable.url).chapters[1]!;
    const own = copyPage(page.doc, page.url).chapters[0]!;
    expect([fromWhole.number, fromWhole.title, fromWhole.url]).toEqual([own.number, own.title, own.url]);
    expect(storyText(fromWhole.html)).toBe(storyText(own.html));
  });

  it('eFiction printable chapter of a longer story: one chapter, numbered as the address asks', () => {
    const all = readFileSync(corpusPages().find((p) => p.name === 'efiction/pages/viewstory-sid3117-printable-all.html')!.htmlPath, 'utf8');
    // Chapter 2 alone, under the title line the printable view numbers from its own count.
    const start = all.indexOf("<div class='chaptertitle'><a name='2'>");
    const end = all.indexOf("<div class='chaptertitle'><a name='3'>");
    const tail = all.indexOf('<div id="copyright">');
    const html =
      all.slice(0, all.indexOf("<div class='chaptertitle'><a name='1'>")) +
      all.slice(start, end).replace("name='2'", "name='1'") +
      all.slice(tail);
    const url = 'https://spikeluver.com/SpuffyRealm/viewstory.php?action=printable&textsize=0&sid=3117&chapter=2';
    const copy = copyPage(parseHtml(html, url), url);
    expect(copy.report).toMatchObject({ kind: 'chapter', chapter: { index: 2, count: 3, title: 'The Long Hallway' } });
    expect(copy.chapters.map((c) => [c.number, c.title, c.url, c.kind])).toEqual([
      [2, 'The Long Hallway', 'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3117&chapter=2', 'chapter'],
    ]);
    expect(squash(storyText(copy.chapters[0]!.html))).toMatch(/^The call came at 3:40,.* either\.$/);
  });

  it('eFiction MuggleNet printable: five chapters, chapter 2 the page’s own text', () => {
    const truth = story('efiction-mugglenet-123456');
    const url = 'http://fanfiction.mugglenet.com/viewstory.php?action=printable&textsize=0&sid=123456&chapter=all';
    const copy = copyPage(routed(url), url);
    expect(copy.report).toMatchObject({ kind: 'story', site: 'efiction', title: truth.title, author: truth.author });
    expect(copy.chapters.map((c) => [c.number, c.title])).toEqual(truth.chapters.map((c) => [c.number, c.title]));
    expect(copy.chapters.map((c) => c.url)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `http://fanfiction.mugglenet.com/viewstory.php?sid=123456&chapter=${n}`),
    );
    expect(copy.chapters.map((c) => countWords(storyText(c.html)))).toEqual(truth.chapters.map((c) => c.words));
    expectDistinct(copy.chapters, truth);
    const { doc, url: pageUrl } = corpus('efiction/pages/webtoepub-muggleNet.html');
    const own = copyPage(doc, pageUrl).chapters[0]!;
    expect([own.number, own.url, storyText(own.html)]).toEqual([2, copy.chapters[1]!.url, storyText(copy.chapters[1]!.html)]);
  });

  it('sanitises each chapter cut from a whole work', () => {
    const chapter = (
      n: number,
      text: string,
    ) => `<div class="chapter" id="chapter-${n}"><div class="chapter preface group"><h3 class="title"><a href="/works/9/chapters/${100 + n}">Chapter ${n}</a></h3></div>
      <div class="userstuff module" role="article"><h3 class="landmark heading">Chapter Text</h3>${text}</div></div>`;
    const url = 'https://archiveofourown.org/works/9?view_full_work=true';
    const doc = parseHtml(
      `<html><body><div id="main"><div id="workskin"><div class="preface group"><h2 class="title heading">Nine</h2></div><div id="chapters">
        ${chapter(1, '<p>One <a href="/works/1">link</a>.</p>')}${chapter(2, '<p onclick="steal()">Two<script>steal()</script><img src="x.png" onerror="steal()"></p>')}
      </div></div></div></body></html>`,
      url,
    );
    const copy = copyPage(doc, url);
    expect(copy.chapters.map((c) => [c.number, c.title])).toEqual([
      [1, null],
      [2, null],
    ]);
    expect(copy.chapters[0]!.html).toBe(
      '<div><p>One <a href="https://archiveofourown.org/works/1" target="_blank" rel="noopener noreferrer nofollow">link</a>.</p></div>',
    );
    expect(copy.chapters[1]!.html).toBe('<div><p>Two<img src="https://archiveofourown.org/works/x.png"></p></div>');
  });
});

describe('FanFiction.net chapter pages', () => {
  const truth = story('ffn-1234567');
  const urls = truth.chapters.map((c) => `https://www.fanfiction.net/s/1234567/${c.number}/WebToEpub`);
  const copies: PageCopy[] = urls.map((url, i) =>
    i === 0 ? copyPage(corpus('ffn/pages/webtoepub-FanFiction.html').doc, url) : copyPage(routed(url), url),
  );

  it('each page holds its own chapter, numbered and titled from the chapter menu', () => {
    expect(copies.map((c) => c.chapters.length)).toEqual([1, 1, 1, 1, 1]);
    const chapters = copies.map((c) => c.chapters[0]!);
    expect(chapters.map((c) => [c.number, c.title, c.url, c.kind])).toEqual(
      truth.chapters.map((t, i) => [t.number, t.title, urls[i], 'chapter']),
    );
    expect(chapters.map((c) => countWords(storyText(c.html)))).toEqual(truth.chapters.map((c) => c.words));
    expectDistinct(chapters, truth);
    for (const c of copies)
      expect(c.report).toMatchObject({ site: 'ffn', title: truth.title, author: truth.author, chapter: { count: 5 } });
  });

  it('the chapter menu marks the page’s own chapter', () => {
    copies.forEach((c, i) => expect(c.nav.chapters.map((e) => e.current)).toEqual(urls.map((_, j) => j === i)));
  });
});

describe('the fixtures', () => {
  it('serve every library page from a file that exists, at a URL no corpus page has', () => {
    const corpusUrls = new Set(corpusPages().map((p) => p.expected.url));
    for (const r of ROUTES) {
      expect(corpusUrls.has(r.url)).toBe(false);
      expect(readFileSync(join(LIBRARY_DIR, r.file), 'utf8').length).toBeGreaterThan(0);
    }
    // Each story starts from a corpus page, which the corpus tests check against its ground truth.
    const corpusFiles = new Set(corpusPages().map((p) => resolve(p.htmlPath)));
    for (const s of STORIES) expect(corpusFiles.has(resolve(LIBRARY_DIR, s.startFile))).toBe(true);
  });
});
