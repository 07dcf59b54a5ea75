import { describe, expect, it } from 'vitest';
import { asianfanfics } from './asianfanfics';
import { parseHtml } from '../../../scripts/lib/html';

const OVERVIEW = 'https://www.asianfanfics.com/story/view/55/quiet-rain';
const CHAPTER = 'https://www.asianfanfics.com/story/view/55/2/quiet-rain';

function read(html: string, url = CHAPTER) {
  return asianfanfics.read(parseHtml(html, url), new URL(url));
}

function claims(url: string) {
  return asianfanfics.claims(parseHtml('<html><body></body></html>', url), new URL(url));
}

const row = (n: number, title: string) =>
  `<li><a data-toc-chapter="${n}" href="/story/view/55/${n ? `${n}/` : ''}quiet-rain"><span aria-hidden="true">${n}</span><span class="truncate">${title}</span></a></li>`;
const TOC = `<ul>${row(0, 'Foreword')}${row(1, 'Chapter 1: Rain')}${row(2, 'Chapter 2: Thunder')}${row(3, 'Chapter 3: Sun')}</ul>`;

function page(main: string, marks = '') {
  return `<html><body><header><a href="/login">Log in</a></header><main>
<header class="flow-root"><h1>Quiet Rain</h1><div><span>by</span> <a href="/profile/u/minji_w">minji_w</a> <a href="/profile/u/dal">dal</a></div>
<div>${marks}<span>Completed</span></div><div><span>Total word count:</span> 1234</div></header>
<aside>${TOC}</aside>${main}<dialog>${TOC}</dialog></main></body></html>`;
}

const TEXT = '<div id="bodyText"><div hx-get="/htmx/chapter/9/x"><div id="user-submitted-body"><p>Text.</p></div></div></div>';

describe('asianfanfics claims', () => {
  it.each([OVERVIEW, CHAPTER, 'https://asianfanfics.com/story/view/55', 'https://www.asianfanfics.com/browse/tag/seoul'])(
    'claims %s',
    (url) => expect(claims(url)).toBe(true),
  );

  it.each([
    'https://notasianfanfics.com/story/view/55',
    'https://asianfanfics.com.example.org/story/view/55',
    'https://www.adult-fanfiction.org/story.php?no=55',
  ])('refuses %s', (url) => expect(claims(url)).toBe(false));
});

describe('asianfanfics rating', () => {
  it('reads a story marked Mature as mature, with the site word kept', () => {
    expect(read(page(TEXT, '<span>Mature</span>')).rating).toEqual({ level: 'mature', label: 'Mature', source: 'site' });
  });

  it('leaves a story without the mark unknown, never general', () => {
    expect(read(page(TEXT)).rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });

  it('is a gate behind the age check, mature by the check itself', () => {
    const r = read(page('<div id="bodyText"><p>Are you over 18?</p><a href="/htmx/story/verify_age">Yes</a></div>'));
    expect(r.kind).toBe('gate');
    expect(r.title).toBe('Quiet Rain');
    expect(r.rating).toEqual({ level: 'mature', label: null, source: 'site' });
  });

  it('is a gate behind the subscribers wall, with no rating it does not show', () => {
    const r = read(page('<div id="bodyText"><div>Please subscribe to read further chapters.</div></div>'));
    expect(r.kind).toBe('gate');
    expect(r.rating.level).toBe('unknown');
  });
});

describe('asianfanfics pages', () => {
  it('reads the chapter from the address and its title and count from the deduplicated TOC', () => {
    const r = read(page(TEXT), 'https://www.asianfanfics.com/story/view/55/3');
    expect(r.kind).toBe('chapter');
    expect(r.chapter).toEqual({ index: 3, count: 3, title: 'Chapter 3: Sun' });
    expect(r.author).toBe('minji_w, dal');
    expect(r.words).toBe(1234);
  });

  it('is an index on the overview, an error when the story is gone, a listing on browse and search', () => {
    expect(read(page(''), OVERVIEW).kind).toBe('index');
    expect(read('<html><body><main><h1>Page not found</h1></main></body></html>').kind).toBe('error');
    expect(read('<html><body></body></html>', 'https://www.asianfanfics.com/browse/tag/seoul').kind).toBe('listing');
    expect(read('<html><body><h1>minji_w</h1></body></html>', 'https://www.asianfanfics.com/profile/u/minji_w').kind).toBe('none');
  });

  it('lists each chapter once, without the Foreword, with the neighbours as previous and next', () => {
    const nav = asianfanfics.nav(parseHtml(page(TEXT), CHAPTER), new URL(CHAPTER));
    expect(nav.chapters.map((c) => [c.title, c.current])).toEqual([
      ['Chapter 1: Rain', false],
      ['Chapter 2: Thunder', true],
      ['Chapter 3: Sun', false],
    ]);
    expect(nav.prev).toBe('https://www.asianfanfics.com/story/view/55/1/quiet-rain');
    expect(nav.next).toBe('https://www.asianfanfics.com/story/view/55/3/quiet-rain');
  });

  it("falls back to the older layout's chapter-nav menu", () => {
    const html = `<html><body><h1 id="story-title">Quiet Rain</h1><select name="chapter-nav">
<option value="/story/view/55/quiet-rain">Foreword</option><option value="/story/view/55/1/quiet-rain">One</option>
<option value="/story/view/55/2/quiet-rain" selected>Two</option></select><div id="user-submitted-body">T</div></body></html>`;
    const nav = asianfanfics.nav(parseHtml(html, CHAPTER), new URL(CHAPTER));
    expect(nav.chapters.map((c) => c.title)).toEqual(['One', 'Two']);
    expect(nav.prev).toBe('https://www.asianfanfics.com/story/view/55/1/quiet-rain');
    expect(read(html).chapter).toEqual({ index: 2, count: 2, title: 'Two' });
  });

  it('takes the text without the chapter image, or all of #bodyText when the fragment has no wrapper', () => {
    const body = (html: string) => (asianfanfics.extract(parseHtml(page(html), CHAPTER), new URL(CHAPTER))!.body[0] as Element).id;
    expect(body(TEXT)).toBe('user-submitted-body');
    expect(body('<div id="bodyText"><p>Text.</p></div>')).toBe('bodyText');
  });

  it('asks the library to fetch the text a served page leaves to htmx, and nothing once the text is there', () => {
    const late = (html: string) => asianfanfics.lateText!(parseHtml(page(html), CHAPTER), new URL(CHAPTER));
    const slot = late('<div id="bodyText"><div hx-get="/htmx/chapter/9/x" hx-trigger="load"></div></div>');
    expect(slot?.url).toBe('https://www.asianfanfics.com/htmx/chapter/9/x');
    expect(slot?.into.getAttribute('hx-get')).toBe('/htmx/chapter/9/x');
    expect(late(TEXT)).toBeNull();
    expect(late('<div hx-get="/htmx/story/55/y"></div>')).toBeNull();
  });
});
