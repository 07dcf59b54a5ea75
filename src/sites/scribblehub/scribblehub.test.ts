import { describe, expect, it } from 'vitest';
import { scribblehub, scribblehubLevel } from './scribblehub';
import { parseHtml } from '../../../scripts/lib/html';

const SERIES = 'https://www.scribblehub.com/series/5/quiet-tide/';
const CHAPTER = 'https://www.scribblehub.com/read/5-quiet-tide/chapter/77/';

function doc(html: string, url: string) {
  return parseHtml(html, url);
}

function read(html: string, url = SERIES) {
  return scribblehub.read(doc(html, url), new URL(url));
}

function claims(url: string) {
  return scribblehub.claims(doc('<html><body></body></html>', url), new URL(url));
}

const genre = (gid: number, name: string) => `<a class="fic_genre" gid="${gid}" href="#">${name}</a>`;
const index = (genres: string) =>
  `<html><head><title>Quiet Tide | Scribble Hub</title></head><body><div class="fic_title">Quiet Tide</div><span class="auth_name_fic">Pen</span>${genres}
<ol><li order="1"><a class="toc_a" href="https://www.scribblehub.com/read/5-quiet-tide/chapter/70/">One</a></li>
<li order="2"><a class="toc_a" href="https://www.scribblehub.com/read/5-quiet-tide/chapter/77/">Two</a></li></ol></body></html>`;

describe('scribblehub claims', () => {
  it.each([SERIES, CHAPTER, 'https://scribblehub.com/series-ranking/', 'http://www.scribblehub.com/'])('claims %s', (url) =>
    expect(claims(url)).toBe(true),
  );

  it.each([
    'https://notscribblehub.com/series/5/x/',
    'https://scribblehub.com.example.org/series/5/x/',
    'https://www.royalroad.com/fiction/5',
  ])('refuses %s', (url) => expect(claims(url)).toBe(false));
});

describe('scribblehub rating', () => {
  it.each([
    ['Adult', 'explicit'],
    ['Mature', 'mature'],
    ['Drama', 'unknown'],
  ])('maps %s to %s', (label, level) => expect(scribblehubLevel(label)).toBe(level));

  it('reads Adult over Mature when a series has both genres', () => {
    expect(read(index(genre(20, 'Mature') + genre(902, 'Adult'))).rating).toEqual({ level: 'explicit', label: 'Adult', source: 'site' });
  });

  it('leaves a series without a rating genre unknown, not general', () => {
    const r = read(index(genre(7, 'Drama')));
    expect(r.kind).toBe('index');
    expect(r.rating).toEqual({ level: 'unknown', label: null, source: 'none' });
    expect(r.tags).toEqual(['Drama']);
  });
});

describe('scribblehub pages', () => {
  it('lists the chapters oldest first whichever way the index sorts them', () => {
    const html = index('');
    const reversed = html.replace(/<ol>([\s\S]*?)(<li order="2">[^\n]*)<\/ol>/, '<ol>$2$1</ol>');
    for (const h of [html, reversed]) {
      const nav = scribblehub.nav(doc(h, SERIES), new URL(SERIES));
      expect(nav.chapters.map((c) => c.title)).toEqual(['One', 'Two']);
    }
  });

  it('reads a chapter without a numbered heading as a chapter of unknown place', () => {
    const r = read('<html><body><div class="chapter-title">Interlude</div><div id="chp_raw"><p>Text.</p></div></body></html>', CHAPTER);
    expect(r.kind).toBe('chapter');
    expect(r.chapter).toBeNull();
    expect(r.rating.level).toBe('unknown');
  });

  it.each([
    ['a series page without its title block', SERIES, '<html><body><p>Nothing here.</p></body></html>'],
    ['a chapter page without its text', CHAPTER, '<html><body><p>Nothing here.</p></body></html>'],
    [
      'the not-found page',
      SERIES,
      '<html><head><title>Page not found | Scribble Hub</title></head><body><div class="fic_title">x</div></body></html>',
    ],
  ])('reads %s as an error', (_what, url, html) => expect(read(html, url).kind).toBe('error'));

  it.each([
    ['https://www.scribblehub.com/series-ranking/', 'listing'],
    ['https://www.scribblehub.com/genre/mystery/', 'listing'],
    ['https://www.scribblehub.com/?s=tide', 'listing'],
    ['https://www.scribblehub.com/profile/1/pen/', 'none'],
  ])('reads %s as %s', (url, kind) => expect(read('<html><body></body></html>', url).kind).toBe(kind));
});
