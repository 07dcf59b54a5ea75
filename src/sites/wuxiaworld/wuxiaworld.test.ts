import { describe, expect, it } from 'vitest';
import { wuxiaworld } from './wuxiaworld';
import { parseHtml } from '../../../scripts/lib/html';

const NOVEL = 'https://www.wuxiaworld.com/novel/quiet-tide';
const CHAPTER = 'https://www.wuxiaworld.com/novel/quiet-tide/qt-chapter-3';

function doc(html: string, url: string) {
  return parseHtml(html, url);
}

function read(html: string, url: string) {
  return wuxiaworld.read(doc(html, url), new URL(url));
}

function claims(url: string) {
  return wuxiaworld.claims(doc('<html><body></body></html>', url), new URL(url));
}

const link = (n: number, status = '') =>
  `<a href="/novel/quiet-tide/qt-chapter-${n}"><div class="font-set-sb16"><span>Chapter ${n}</span></div><div role="status">${status}</div></a>`;
const novel = (chapters: string) =>
  `<html><body><h1>Quiet Tide</h1><div class="flex-row"><div>Author:</div><div>Pen</div></div>
<a href="/novel/quiet-tide/qt-chapter-1">Start Reading</a><div id="full-width-tabpanel-1">${chapters}</div></body></html>`;

describe('wuxiaworld claims', () => {
  it.each([NOVEL, CHAPTER, 'https://wuxiaworld.com/novels', 'http://www.wuxiaworld.com/'])('claims %s', (url) =>
    expect(claims(url)).toBe(true),
  );

  it.each([
    'https://www.wuxiaworld.co/novel/quiet-tide',
    'https://wuxiaworld.eu/novel/quiet-tide',
    'https://notwuxiaworld.com/novel/quiet-tide',
    'https://wuxiaworld.com.example.org/novel/quiet-tide',
    'https://www.wuxia.blog/novel/quiet-tide',
  ])('refuses %s', (url) => expect(claims(url)).toBe(false));
});

describe('wuxiaworld rating', () => {
  it('leaves every page unknown, never general: the site rates nothing', () => {
    const text = '<html><body><div class="caption"><h4>Chapter 3</h4></div><div class="fr-view"><p>Text.</p></div></body></html>';
    for (const [html, url] of [
      [novel(link(1)), NOVEL],
      [text, CHAPTER],
    ] as const) {
      expect(read(html, url).rating).toEqual({ level: 'unknown', label: null, source: 'none' });
    }
  });
});

describe('wuxiaworld pages', () => {
  it('lists readable chapters oldest first, without locked ones or the hero button', () => {
    const html = novel(link(4, '<svg aria-label="Locked"></svg>') + link(3) + link(2) + link(1));
    const nav = wuxiaworld.nav(doc(html, NOVEL), new URL(NOVEL));
    expect(nav.chapters.map((c) => c.title)).toEqual(['Chapter 1', 'Chapter 2', 'Chapter 3']);
    expect(nav.chapters[0]!.url).toBe('https://www.wuxiaworld.com/novel/quiet-tide/qt-chapter-1');
  });

  it('reads the old layout chapter list in page order', () => {
    const html = `<html><body><h1>Quiet Tide</h1><ul><li class="chapter-item"><a href="/novel/quiet-tide/qt-chapter-1"><span>One</span></a></li>
<li class="chapter-item"><a href="/novel/quiet-tide/qt-chapter-2"><span>Two</span></a></li></ul></body></html>`;
    expect(wuxiaworld.nav(doc(html, NOVEL), new URL(NOVEL)).chapters.map((c) => c.title)).toEqual(['One', 'Two']);
  });

  it('takes the text block with the most paragraphs and drops its buttons', () => {
    const html = `<html><body><div class="fr-view"><p>Note.</p></div><div class="fr-view panel-body"><p>a</p><p>b</p><p>c</p></div>
<div class="fr-view" id="text"><p>One.</p><p>Two.</p><button>Teaser</button></div></body></html>`;
    const x = wuxiaworld.extract(doc(html, CHAPTER), new URL(CHAPTER))!;
    expect((x.body[0] as Element).id).toBe('text');
    expect(x.drop).toEqual(['button', '#spoiler_teaser']);
  });

  it('names the novel from its link, not from the table of contents button', () => {
    const html = `<html><body><a href="/novel/quiet-tide">Table of Contents</a><a href="/novel/quiet-tide"><span>Quiet Tide</span></a>
<div class="fr-view"><p>Text.</p></div></body></html>`;
    expect(read(html, CHAPTER).title).toBe('Quiet Tide');
  });

  it('reads a chapter without a numbered caption as a chapter of unknown place', () => {
    const r = read(
      '<html><body><div class="caption"><h4>Side Story</h4></div><div class="fr-view"><p>Text.</p></div></body></html>',
      CHAPTER,
    );
    expect(r.kind).toBe('chapter');
    expect(r.chapter).toBeNull();
  });

  it.each([
    ['a novel page without its title', NOVEL, '<html><body><p>Nothing here.</p></body></html>'],
    ['a chapter page without its text', CHAPTER, '<html><body><p>Nothing here.</p></body></html>'],
    ['the not-found page', NOVEL, '<html><head><title>Page Not Found - Wuxiaworld</title></head><body><h1>Oops</h1></body></html>'],
  ])('reads %s as an error', (_what, url, html) => expect(read(html, url).kind).toBe('error'));

  it.each([
    ['https://www.wuxiaworld.com/novels', 'listing'],
    ['https://www.wuxiaworld.com/search?query=tide', 'listing'],
    ['https://www.wuxiaworld.com/profile/karma', 'none'],
    ['https://www.wuxiaworld.com/novel/quiet-tide/qt-chapter-3/comments', 'none'],
  ])('reads %s as %s', (url, kind) => expect(read('<html><body></body></html>', url).kind).toBe(kind));
});
