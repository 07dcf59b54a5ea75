/**
 * EPUB export: the zip's layout (mimetype first and stored), well-formed XHTML, a manifest and
 * spine that agree with the files, a title page with what the reader needs before reading, no
 * words lost — and, where Debian's epubcheck package is installed, EPUBCheck's verdict.
 */
import { existsSync, readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibraryDb } from '../db/db';
import { buildEpub, epubFileName } from '../export/epub';
import { loadStory, type StoryBundle } from '../db/reading';
import { metaFromReport, saveStory } from '../db/save';
import { tokens } from '../search/text-keys';
import type { ChapterRecord } from '../types';
import { readFullPage } from '../../reader/view';
import { parseHtml } from '../../../scripts/lib/html';
import { corpusPages } from '../../../tests/lib/corpus';
// Without Debian's epubcheck package (see .ci/run) the EPUBCheck step is left out.
import { EPUBCHECK_JAR, epubcheck } from '../../../tests/lib/epubcheck';
import { freshLibrary, makeStory, seeded, testWindow } from './library-fixtures';

const win = testWindow();
let db: LibraryDb;
let bundle: StoryBundle;
let epub: Uint8Array;
let files: Record<string, Uint8Array>;

/** Markup old archives really use, all of which the sanitiser keeps and XHTML forbids as it stands. */
const QUIRKY = [
  '<center><font color="red">Centred words</font></center>',
  '<p align="right">Right aligned</p>',
  '<li>a stray item</li>',
  '<b><p>a bold paragraph</p></b>',
  '<ul>loose text<li>an item</li><p>a paragraph in a list</p></ul>',
  '<img src="https://x.example/map.png" alt="a map"><img src="data:image/png;base64,iVBORw0KGgo=">',
  '<p>A pixel<img src="https://tracker.example/pixel.gif" width="1" height="1"></p>',
  '<p>control\u0001char and a <a href="https://example.com/a b">link with a space</a></p>',
  '<dl><dt>term</dt><p>stray in a dl</p></dl>',
  '<span><p>a paragraph in a span</p></span>',
  '<h3><div>a block in a heading</div></h3>',
  '<tt>mono</tt> <strike>struck</strike> <summary>a lost summary</summary>',
  '<details open><summary>More</summary><p>details text</p></details>',
  '<table align="center" width="50%"><tr><td align="center" width="20" colspan="2">cell</td></tr></table>',
  '<ol type="i" start="3"><li lang="en-GB" dir="ltr">roman</li></ol><ruby>漢<rt>kan</rt></ruby> <rt>stray rt</rt>',
  '<p>Tom &amp; Jerry say “hi” &lt;3</p><hr><p style="text-align: center">* * *</p>',
].join('\n');

beforeAll(async () => {
  db = await freshLibrary();
  const story = makeStory(seeded(8), 77, { chapters: [3, 3], words: [200, 400] });
  story.meta = {
    ...story.meta,
    title: 'Tea & <Sympathy>',
    authors: ['Ann "A." One', 'Bo'],
    summary: 'She said: "tea?" — & that was that.',
    rating: { level: 'mature', label: 'Fiction M', source: 'site' },
    warnings: ['Graphic Depictions Of Violence'],
    warningsHidden: false,
    tags: ['Hurt/Comfort', 'Fluff & Angst'],
    chapterTotal: null,
  };
  story.chapters[1]!.html = QUIRKY;
  story.chapters[2]!.title = null;
  const { id } = await saveStory(db, story, win);
  bundle = (await loadStory(db, id))!;
  epub = buildEpub(bundle.story, bundle.chapters, win);
  files = unzipSync(epub);
});
afterAll(() => db.close());

/** The words of a chapter, less the "[Image: alt]" links that stand in for pictures. */
const wordsOf = (el: Element) => tokens((el.textContent ?? '').replace(/\[Image(?:: [^\]]*)?\]/g, ' '));
const text = (name: string) => strFromU8(files[name]!);
const xml = (name: string, type = 'application/xhtml+xml') => new JSDOM(text(name), { contentType: type }).window.document;

describe('buildEpub', () => {
  it('puts mimetype first, stored, with no extra field', () => {
    const view = new DataView(epub.buffer, epub.byteOffset);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(8, true)).toBe(0); // stored
    expect(view.getUint16(26, true)).toBe(8);
    expect(view.getUint16(28, true)).toBe(0);
    expect(strFromU8(epub.subarray(30, 58))).toBe('mimetypeapplication/epub+zip');
  });

  it('holds exactly the files the package lists, in well-formed XML', () => {
    const container = xml('META-INF/container.xml', 'application/xml');
    const opfPath = container.querySelector('rootfile')!.getAttribute('full-path')!;
    const opf = xml(opfPath, 'application/xml');
    const dir = opfPath.slice(0, opfPath.lastIndexOf('/') + 1);
    const items = Array.from(opf.querySelectorAll('manifest > item'));
    expect(items.map((i) => dir + i.getAttribute('href')).sort()).toEqual(
      Object.keys(files)
        .filter((f) => f.startsWith(dir) && f !== opfPath)
        .sort(),
    );
    const ids = new Set(items.map((i) => i.getAttribute('id')));
    const spine = Array.from(opf.querySelectorAll('spine > itemref')).map((r) => r.getAttribute('idref'));
    expect(spine).toEqual(['title', 'nav', 'c1', 'c2', 'c3']);
    expect(spine.every((id) => ids.has(id))).toBe(true);
    expect(items.find((i) => i.getAttribute('properties') === 'nav')!.getAttribute('href')).toBe('nav.xhtml');
    expect(opf.querySelector('meta[property="dcterms:modified"]')!.textContent).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(opf.getElementsByTagName('dc:identifier')[0]!.textContent).toBe(bundle.story.url);
    expect(Array.from(opf.getElementsByTagName('dc:creator')).map((c) => c.textContent)).toEqual(['Ann "A." One', 'Bo']);
    for (const name of Object.keys(files).filter((f) => f.endsWith('.xhtml'))) expect(() => xml(name), name).not.toThrow();
  });

  it('has a contents page linking every chapter, untitled ones by number', () => {
    const links = Array.from(xml('EPUB/nav.xhtml').querySelectorAll('nav[*|type="toc"] a')).map((a) => [
      a.getAttribute('href'),
      a.textContent,
    ]);
    expect(links).toEqual([
      ['title.xhtml', 'Title page'],
      ['chapter-1.xhtml', bundle.chapters[0]!.title],
      ['chapter-2.xhtml', bundle.chapters[1]!.title],
      ['chapter-3.xhtml', 'Chapter 3'],
    ]);
  });

  it('opens on a title page with rating, warnings, tags, summary and source', () => {
    const page = xml('EPUB/title.xhtml');
    expect(page.querySelector('h1')!.textContent).toBe('Tea & <Sympathy>');
    const rows = Object.fromEntries(
      Array.from(page.querySelectorAll('dt')).map((dt) => [dt.textContent, dt.nextElementSibling!.textContent]),
    );
    expect(rows).toMatchObject({
      Rating: 'Mature (Fiction M)',
      Warnings: 'Graphic Depictions Of Violence',
      Tags: 'Hurt/Comfort, Fluff & Angst',
      Chapters: '3/?',
      Source: bundle.story.url,
    });
    expect(page.querySelector('dd a')!.getAttribute('href')).toBe(bundle.story.url);
    expect(page.body.textContent).toContain('She said: "tea?" — & that was that.');
    expect(page.querySelector('.byline')!.textContent).toBe('by Ann "A." One, Bo');
  });

  it('keeps every word of every chapter, and the markup the reader sees', () => {
    bundle.chapters.forEach((c, i) => {
      const chapter = xml(`EPUB/chapter-${i + 1}.xhtml`).querySelector('div.chapter')!;
      const stored = JSDOM.fragment(`<div>${c.html}</div>`).firstElementChild!;
      expect(wordsOf(chapter)).toEqual(wordsOf(stored));
    });
    const quirky = xml('EPUB/chapter-2.xhtml');
    expect(quirky.querySelector('a[href="https://x.example/map.png"]')!.textContent).toBe('[Image: a map]');
    expect(quirky.querySelector('img, center, font, tt, strike, [align], [width]')).toBeNull();
    expect(quirky.querySelector('div[style*="font-weight: bold"] > p')!.textContent).toBe('a bold paragraph');
    expect(quirky.querySelector('a[href="https://example.com/a%20b"]')).not.toBeNull();
    expect(quirky.querySelector('p[style="text-align: right"]')!.textContent).toBe('Right aligned');
    expect(quirky.body.textContent).not.toContain('\u0001');
  });

  it('loads nothing from the web: a remote image is a link to it, named by its file name', () => {
    const quirky = xml('EPUB/chapter-2.xhtml');
    expect(quirky.querySelector('a[href="https://tracker.example/pixel.gif"]')!.textContent).toBe('[Image: pixel.gif]');
    for (const name of Object.keys(files).filter((f) => f.endsWith('.xhtml'))) {
      const doc = xml(name);
      expect(doc.querySelector('img, [src], [srcset], [poster], [data], object, iframe, audio, video')).toBeNull();
      expect(text(name)).not.toMatch(/url\(|@import/i);
      // A link elsewhere is a navigation the reader chooses; anything else would load.
      const external = Array.from(doc.querySelectorAll('[href]')).filter((e) => /^[a-z][a-z\d+.-]*:/i.test(e.getAttribute('href')!));
      expect(external.filter((e) => e.localName !== 'a')).toEqual([]);
    }
  });

  it('gives the same bytes for the same story', () => {
    expect(buildEpub(bundle.story, bundle.chapters, win)).toEqual(epub);
  });
});

describe('real archive markup', () => {
  /** Every story page of the corpus, read as the extension reads it, saved, loaded back. */
  async function corpusChapters(): Promise<ChapterRecord[]> {
    const ids = new Set<string>();
    for (const page of corpusPages().filter((p) => p.expected.storyText)) {
      const url = page.expected.url;
      const report = readFullPage(parseHtml(readFileSync(page.htmlPath, 'utf8'), url), url, { content: true });
      if (!report.content) continue;
      const chapter = { title: report.chapter?.title ?? report.title, url, html: report.content.html, kind: report.kind };
      const result = await saveStory(
        db,
        { site: report.site, url, kind: report.kind, meta: metaFromReport(report, 1), chapters: [chapter] },
        win,
      );
      expect(result.outcome, page.name).not.toBe('rejected');
      ids.add(result.id);
    }
    const chapters = [];
    for (const id of ids) chapters.push(...(await loadStory(db, id))!.chapters);
    return chapters.map((c, index) => ({ ...c, index }));
  }

  it('becomes a book with every word of every page, and EPUBCheck finds nothing wrong where it is installed', async () => {
    const chapters = [...bundle.chapters, ...(await corpusChapters())];
    expect(chapters.length).toBeGreaterThan(30);
    const book = buildEpub(bundle.story, chapters, win);
    const unzipped = unzipSync(book);
    chapters.forEach((c, i) => {
      const doc = new JSDOM(strFromU8(unzipped[`EPUB/chapter-${i + 1}.xhtml`]!), { contentType: 'application/xhtml+xml' }).window.document;
      expect(wordsOf(doc.querySelector('div.chapter')!), c.url).toEqual(wordsOf(JSDOM.fragment(`<div>${c.html}</div>`).firstElementChild!));
    });
    if (!existsSync(EPUBCHECK_JAR)) return;
    const output = epubcheck(book);
    expect(output).toContain('No errors or warnings detected.');
  }, 120_000);
});

describe('epubFileName', () => {
  it('names the file after title and authors, minus what file systems refuse', () => {
    expect(epubFileName(bundle.story)).toBe('Tea & Sympathy - Ann A. One, Bo.epub');
    expect(epubFileName({ ...bundle.story, meta: { ...bundle.story.meta, title: 'What?...', authors: [] } })).toBe('What.epub');
    expect(epubFileName({ ...bundle.story, meta: { ...bundle.story.meta, title: '///', authors: [] } })).toBe('story.epub');
  });
});
