import { describe, expect, it } from 'vitest';
import { literotica } from './literotica';
import { parseHtml } from '../../../scripts/lib/html';

const STORY = 'https://www.literotica.com/s/a-quiet-evening';
const EXPLICIT = { level: 'explicit', label: null, source: 'site' };
const UNRATED = { level: 'unknown', label: null, source: 'none' };

function read(html: string, url = STORY) {
  return literotica.read(parseHtml(html, url), new URL(url));
}

function claims(url: string) {
  return literotica.claims(parseHtml('<html><body></body></html>', url), new URL(url));
}

const CURRENT = `<html><head><title>A Quiet Evening - Romance - Literotica.com</title></head><body>
<h1 class="_title_x1">A Quiet Evening</h1><div class="_author__block_x"><a class="_author__title_h5t6y_15" href="/authors/Pen/works/stories">Pen</a></div>
<div class="_article__content_x"><div><p>Text.</p></div></div>
<div class="_widget__info_x">A short description.</div>
<div class="_widget__tags_x"><a class="_tag_item_x" href="#">tea</a><a class="_tag_item_x" href="#">rain</a></div></body></html>`;

describe('literotica claims', () => {
  it.each([
    'https://www.literotica.com/s/late-trains-to-larkspur',
    'http://german.literotica.com/s/story-title',
    'https://tags.literotica.com/train',
    'https://literotica.com/c/romance-stories',
  ])('claims %s', (url) => expect(claims(url)).toBe(true));

  it.each([
    'https://archiveofourown.org/works/1',
    'https://buffy.adult-fanfiction.org/story.php?no=1',
    'https://notliterotica.com/s/x',
    'https://literotica.com.example.org/s/x',
  ])('refuses %s', (url) => expect(claims(url)).toBe(false));
});

describe('literotica read', () => {
  it('reads a story page: explicit by site default, no label', () => {
    const r = read(CURRENT);
    expect(r.kind).toBe('story');
    expect(r.title).toBe('A Quiet Evening');
    expect(r.author).toBe('Pen');
    expect(r.rating).toEqual(EXPLICIT);
    expect(r.chapter).toBeNull();
    expect(r.tags).toEqual(['tea', 'rain']);
    expect(r.summary).toBe('A short description.');
  });

  it('reads the older layout', () => {
    const r = read(
      '<html><body><h1 class="headline">Old Story</h1><span class="b-story-user-y"><a href="//www.literotica.com/stories/memberpage.php?uid=1">OldPen</a></span><div class="b-story-body-x"><div><p>Text.</p></div></div></body></html>',
    );
    expect(r.title).toBe('Old Story');
    expect(r.author).toBe('OldPen');
    expect(r.rating).toEqual(EXPLICIT);
  });

  it('reads a later page of a story as the story', () => {
    expect(read(CURRENT, STORY + '?page=2').kind).toBe('story');
  });

  it('reads a series page as an explicit index', () => {
    const r = read('<html><body><h1>A Series</h1></body></html>', 'https://www.literotica.com/series/se/123456');
    expect(r.kind).toBe('index');
    expect(r.rating).toEqual(EXPLICIT);
  });

  it('reads a missing story as an error', () => {
    expect(read('<html><head><title>Page Not Found</title></head><body><p>Oops.</p></body></html>').kind).toBe('error');
    expect(read(CURRENT.replace('<h1', "<p>This submission is awaiting moderator's approval</p><h1")).kind).toBe('error');
  });

  it.each([
    ['https://www.literotica.com/c/romance-stories', 'listing'],
    ['https://www.literotica.com/authors/Pen/works/stories', 'listing'],
    ['https://tags.literotica.com/train', 'listing'],
    ['https://search.literotica.com/?query=train', 'listing'],
    ['https://www.literotica.com/', 'none'],
  ])('reads %s as %s, without a work rating', (url, kind) => {
    const r = read('<html><body><h1>Literotica</h1></body></html>', url);
    expect(r.kind).toBe(kind);
    expect(r.rating).toEqual(UNRATED);
  });
});
