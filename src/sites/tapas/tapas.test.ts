import { describe, expect, it } from 'vitest';
import { tapas, tapasRating } from './tapas';
import { parseHtml } from '../../../scripts/lib/html';

const SERIES = 'https://tapas.io/series/quiet-tide/info';
const EPISODE = 'https://tapas.io/episode/555';

function doc(html: string, url: string) {
  return parseHtml(html, url);
}

function read(html: string, url: string) {
  return tapas.read(doc(html, url), new URL(url));
}

function claims(url: string) {
  return tapas.claims(doc('<html><body></body></html>', url), new URL(url));
}

const series = (badges: string) =>
  `<html><body><div class="info__right"><p class="title">Quiet Tide</p><div>${badges}</div>
<div class="creator-section"><a class="name">Pen</a><a class="name">Ink</a></div></div></body></html>`;
const episode = (body: string) =>
  `<html><body><div class="center-info"><a class="center-info__title--small">Quiet Tide</a><p class="js-ep-title">Episode 3</p></div>${body}</body></html>`;

describe('tapas claims', () => {
  it.each([SERIES, EPISODE, 'https://tapas.io/series/quiet-tide', 'https://m.tapas.io/episode/555', 'https://tapas.io/novels'])(
    'claims %s',
    (url) => expect(claims(url)).toBe(true),
  );

  it.each(['https://nottapas.io/episode/555', 'https://tapas.io.example.org/episode/555', 'https://tapastic.com/episode/555'])(
    'refuses %s',
    (url) => expect(claims(url)).toBe(false),
  );
});

describe('tapas rating', () => {
  it('maps the Mature badge to mature', () => {
    expect(read(series('<span class="badge">Novel</span><span class="badge">Mature</span>'), SERIES).rating).toEqual({
      level: 'mature',
      label: 'Mature',
      source: 'site',
    });
  });

  it('leaves a series without the badge unknown, not general', () => {
    expect(read(series('<span class="badge">Novel</span>'), SERIES).rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });

  it('does not take the word in a description or a genre for the badge', () => {
    const html = series('<span>Novel</span>') + '<div class="description__body">Mature</div><a class="genre-btn">Mature</a>';
    expect(tapasRating(doc(html, SERIES)).level).toBe('unknown');
  });

  it('reads an episode behind the age check as a mature gate', () => {
    const r = read(episode('<div class="js-age-verification"><p>Enter your birth date</p></div>'), EPISODE);
    expect(r.kind).toBe('gate');
    expect(r.rating).toEqual({ level: 'mature', label: null, source: 'site' });
    expect(r.chapter).toBeNull();
  });
});

describe('tapas pages', () => {
  it('names every co-creator of a series once', () => {
    expect(read(series(''), SERIES).author).toBe('Pen, Ink');
  });

  it('reads the episode links as previous and next, with no chapter list', () => {
    const html = episode('<a href="/episode/554">Previous episode</a><a href="/episode/556">Next episode</a>');
    const nav = tapas.nav(doc(html, EPISODE), new URL(EPISODE));
    expect(nav).toEqual({ prev: 'https://tapas.io/episode/554', next: 'https://tapas.io/episode/556', chapters: [] });
  });

  it.each([
    ['a comic episode', EPISODE, episode('<div class="viewer"><img class="content__img" data-src="x.jpg"></div>'), 'none'],
    ['an episode page without its text', EPISODE, episode(''), 'error'],
    ['a series page without its title', SERIES, '<html><body><p>Nothing here.</p></body></html>', 'error'],
  ])('reads %s (%s) as %s', (_what, url, html, kind) => expect(read(html, url).kind).toBe(kind));

  it('reads the not-found page as an error', () => {
    expect(read('<html><head><title>404 Not Found</title></head><body><div id="viewport"><p>x</p></div></body></html>', EPISODE).kind).toBe(
      'error',
    );
  });

  it.each([
    ['https://tapas.io/novels', 'listing'],
    ['https://tapas.io/search?q=tide', 'listing'],
    ['https://tapas.io/quillwren', 'none'],
    ['https://tapas.io/series/quiet-tide/episodes', 'none'],
  ])('reads %s as %s', (url, kind) => expect(read('<html><body></body></html>', url).kind).toBe(kind));
});
