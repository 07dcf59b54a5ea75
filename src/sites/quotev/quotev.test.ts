import { describe, expect, it } from 'vitest';
import { quotev } from './quotev';
import { parseHtml } from '../../../scripts/lib/html';

const STORY = 'https://www.quotev.com/story/777/Nacht-über-Köln';
const PAGE2 = 'https://www.quotev.com/story/777/Nacht-%C3%BCber-K%C3%B6ln/2';

function read(html: string, url = PAGE2) {
  return quotev.read(parseHtml(html, url), new URL(url));
}

function claims(url: string) {
  return quotev.claims(parseHtml('<html><body></body></html>', url), new URL(url));
}

function page(body: string, header = '') {
  return `<html><body><div class="result"><div id="quizHeader"><div id="quizHeaderTitle"><h1>Nacht über Köln</h1></div>
<div class="quizAuthorList">by <a href="/jörg">Jörg</a> and <a href="/mia">Mia</a></div>${header}</div>${body}</div></body></html>`;
}

const MENU = `<div id="footer_pages"><a href="1">‹ Prev</a><select>
<option value="1">1. Anfang</option><option value="2" selected>2. Mitte</option><option value="3">3. Ende</option>
</select><a href="3">Next ›</a></div>`;

describe('quotev claims', () => {
  it.each([STORY, PAGE2, 'https://quotev.com/story/777', 'https://www.quotev.com/fiction/Anime'])('claims %s', (url) =>
    expect(claims(url)).toBe(true),
  );

  it.each(['https://notquotev.com/story/1', 'https://quotev.com.example.net/story/1', 'https://www.quote.com/story/1'])(
    'refuses %s',
    (url) => expect(claims(url)).toBe(false),
  );
});

describe('quotev pages', () => {
  it('reads a page of a longer story as its chapter, from the footer menu, keeping umlauts', () => {
    const r = read(page(`<div id="quizResArea"><div id="rescontent"><p>Text</p></div></div>${MENU}`));
    expect(r.kind).toBe('chapter');
    expect(r.title).toBe('Nacht über Köln');
    expect(r.author).toBe('Jörg, Mia');
    expect(r.chapter).toEqual({ index: 2, count: 3, title: 'Mitte' });
  });

  it('has no rating: every page is unknown', () => {
    const r = read(
      page(`<div id="rescontent"><p>Text</p></div>${MENU}`, '<div class="quizBoxTags"><a href="/stories/c/mature">mature</a></div>'),
    );
    expect(r.rating).toEqual({ level: 'unknown', label: null, source: 'none' });
    expect(r.tags).toEqual(['mature']);
  });

  it('reads a one-page story (no page menu or list) as a whole story', () => {
    const r = read(page('<div id="rescontent"><p>Text</p></div>'), STORY);
    expect(r.kind).toBe('story');
    expect(r.chapter).toBeNull();
  });

  it('is an error without the title, a listing on category and search pages, none elsewhere', () => {
    expect(read('<html><body><h1>Page not found</h1></body></html>').kind).toBe('error');
    expect(read('<html><body></body></html>', 'https://www.quotev.com/fiction/Anime').kind).toBe('listing');
    expect(read('<html><body></body></html>', 'https://www.quotev.com/search?q=moon').kind).toBe('listing');
    expect(read('<html><body></body></html>', 'https://www.quotev.com/quizzes').kind).toBe('none');
  });

  it('resolves the footer menu against the page, with prev and next from its links', () => {
    const doc = parseHtml(page(`<div id="rescontent"><p>T</p></div>${MENU}`), PAGE2);
    const nav = quotev.nav(doc, new URL(PAGE2));
    expect(nav.chapters.map((c) => [c.url, c.current])).toEqual([
      ['https://www.quotev.com/story/777/Nacht-%C3%BCber-K%C3%B6ln/1', false],
      ['https://www.quotev.com/story/777/Nacht-%C3%BCber-K%C3%B6ln/2', true],
      ['https://www.quotev.com/story/777/Nacht-%C3%BCber-K%C3%B6ln/3', false],
    ]);
    expect(nav.prev).toBe('https://www.quotev.com/story/777/Nacht-%C3%BCber-K%C3%B6ln/1');
    expect(nav.next).toBe('https://www.quotev.com/story/777/Nacht-%C3%BCber-K%C3%B6ln/3');
  });

  it("marks the story's own address as page 1 of its page list, skipping the javascript toggle", () => {
    const list = `<div id="rselect"><a href="/story/777/x/1">1. Anfang</a><a href="/story/777/x/2">2. Mitte</a><a href="javascript:void(0)">mehr</a></div>`;
    const doc = parseHtml(page(`<div id="rescontent"><p>T</p></div>`, list), 'https://www.quotev.com/story/777/x');
    const nav = quotev.nav(doc, new URL('https://www.quotev.com/story/777/x'));
    expect(nav.chapters.map((c) => [c.title, c.current])).toEqual([
      ['Anfang', true],
      ['Mitte', false],
    ]);
    expect(nav.next).toBe('https://www.quotev.com/story/777/x/2');
    expect(read(doc.documentElement.outerHTML, 'https://www.quotev.com/story/777/x').chapter).toEqual({
      index: 1,
      count: 2,
      title: 'Anfang',
    });
  });
});
