import { describe, expect, it } from 'vitest';
import { ficwad, ficwadLevel } from './ficwad';
import { parseHtml } from '../../../scripts/lib/html';

const STORY = 'https://ficwad.com/story/501';

function doc(html: string, url = STORY) {
  return parseHtml(html, url);
}

function read(html: string, url = STORY) {
  return ficwad.read(doc(html, url), new URL(url));
}

function claims(url: string) {
  return ficwad.claims(doc('<html><body></body></html>', url), new URL(url));
}

/** The page's own block: heading, author, and a meta line with the given rating. */
function block(rating: string, cls = 'R someone score3 adjFine') {
  return `<div class="storylist"><div class="${cls}"><div class="title"><h4>Night Shift</h4> <span class="author">by <a href="/a/someone">someone</a></span></div>
<div class="meta">Category:&nbsp;<a href="/category/9">Firefly</a> - Rating:&nbsp;${rating} - Genres:&nbsp;Angst, Drama - 1,204&nbsp;words</div></div></div>`;
}

function page(inner: string) {
  return `<html><body><div id="contents"><div id="story"><h2><a href="/">Categories</a> &gt; <a href="/category/9">Firefly</a></h2>${inner}</div></div></body></html>`;
}

describe('ficwad claims', () => {
  it.each(['https://ficwad.com/story/24273', 'http://www.ficwad.com/story/1', 'https://ficwad.com/category/832'])('claims %s', (url) =>
    expect(claims(url)).toBe(true),
  );

  it.each(['https://notficwad.com/story/1', 'https://ficwad.com.example.org/story/1', 'https://ficwad.net/story/1'])('refuses %s', (url) =>
    expect(claims(url)).toBe(false),
  );
});

describe('ficwad rating scale', () => {
  it.each([
    ['G', 'general'],
    ['PG', 'general'],
    ['PG-13', 'teen'],
    ['R', 'mature'],
    ['NC-17', 'explicit'],
    ['M', 'unknown'],
  ])('%s → %s', (label, level) => expect(ficwadLevel(label)).toBe(level));

  it('keeps an unmapped label as the site wrote it, and a meta line without a rating is unknown', () => {
    expect(read(page(block('MA15+') + '<div id="storytext">T</div>')).rating).toEqual({ level: 'unknown', label: 'MA15+', source: 'site' });
    const bare = page(block('G').replace(/Rating:&nbsp;G - /, '') + '<div id="storytext">T</div>');
    expect(read(bare).rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });
});

describe('ficwad pages', () => {
  it('reads a one-chapter story (text, no menu) as a whole story, with spaced genres', () => {
    const r = read(page(block('G') + '<div id="storytext"><p>Text</p></div>'));
    expect(r).toMatchObject({ kind: 'story', title: 'Night Shift', author: 'someone', fandoms: ['Firefly'], words: 1204, chapter: null });
    expect(r.rating.level).toBe('general');
    expect(r.tags).toEqual(['Angst', 'Drama']);
  });

  it('is a gate where an NC-17 chapter is blocked to guests, and keeps its rating', () => {
    const r = read(page(block('NC-17', 'blocked')));
    expect(r).toMatchObject({ kind: 'gate', rating: { level: 'explicit', label: 'NC-17' } });
    expect(ficwad.adultGate).toBeUndefined();
  });

  it('is an error on the front page a removed story leads to, on a deleted story, and without text or block', () => {
    const front = '<html><body><div id="contents"><h4>Featured Story</h4><div class="storylist"><h4>Other</h4></div></div></body></html>';
    expect(read(front).kind).toBe('error');
    expect(read(page(block('G').replace('Night Shift', 'Deleted story'))).kind).toBe('error');
    expect(read(page(block('G'))).kind).toBe('error');
  });

  it('is a listing on category and author pages, none elsewhere', () => {
    expect(read('<html><body></body></html>', 'https://ficwad.com/category/832').kind).toBe('listing');
    expect(read('<html><body></body></html>', 'https://ficwad.com/a/someone').kind).toBe('listing');
    expect(read('<html><body></body></html>', 'https://ficwad.com/story/501/reviews').kind).toBe('none');
  });
});

describe('ficwad navigation', () => {
  it('lists the index’s linked chapters and skips the ones blocked to guests', () => {
    const chapters = `<div id="chapters"><ul class="storylist">
<li class="PG someone"><div class="title"><h4><a href="/story/502">One</a></h4></div></li>
<li class="blocked"><div class="title"><h4>Two</h4></div></li>
<li class="R someone"><div class="title"><h4><a href="/story/504">Three</a></h4></div></li></ul></div>`;
    const nav = ficwad.nav(doc(page(block('NC-17', 'blocked') + chapters)), new URL(STORY));
    expect(nav.chapters.map((c) => [c.title, c.url])).toEqual([
      ['One', 'https://ficwad.com/story/502'],
      ['Three', 'https://ficwad.com/story/504'],
    ]);
    expect(read(page(block('NC-17', 'blocked') + chapters)).kind).toBe('index');
  });

  it('takes a chapter’s menu without its "Story Index" entry, and its arrow buttons', () => {
    const url = 'https://ficwad.com/story/503';
    const menu = `<form name="chapterlist"><a href="/story/502" class="pure-button">❮</a><select name="goto">
<option value="/story/501">Story Index</option><option value="/story/502">1. One</option>
<option value="/story/503" selected>2. Two</option><option value="/story/504">3. Three</option></select>
<a href="/story/504" class="pure-button">❯</a></form>`;
    const html = page(block('R') + menu + '<div id="storytext">T</div>').replace(
      '</h2>',
      ' &gt; <a href="/story/501">The Whole Thing</a></h2>',
    );
    const nav = ficwad.nav(doc(html, url), new URL(url));
    expect(nav.chapters.map((c) => c.url)).toEqual(['502', '503', '504'].map((n) => `https://ficwad.com/story/${n}`));
    expect([nav.prev, nav.next]).toEqual(['https://ficwad.com/story/502', 'https://ficwad.com/story/504']);
    const r = read(html, url);
    expect(r).toMatchObject({ kind: 'chapter', title: 'The Whole Thing', chapter: { index: 2, count: 3, title: 'Night Shift' } });
  });
});
