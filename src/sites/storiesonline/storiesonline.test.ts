import { describe, expect, it } from 'vitest';
import { storiesonline } from './storiesonline';
import { parseHtml } from '../../../scripts/lib/html';
import { readFullPage } from '../../reader/view';

const STORY = 'https://storiesonline.net/s/500/a-quiet-harbour';
const EXPLICIT = { level: 'explicit', label: null, source: 'site' };

function doc(html: string, url = STORY) {
  return parseHtml(`<html><body>${html}</body></html>`, url);
}

function read(html: string, url = STORY) {
  return storiesonline.read(doc(html, url), new URL(url));
}

function claims(url: string) {
  return storiesonline.claims(doc('', url), new URL(url));
}

const FOOTER = '<footer><a href="/a/pen" rel="author">Pen Name\u2019s Page</a></footer>';

describe('storiesonline claims', () => {
  it.each([
    STORY,
    'https://storiesonline.net/s/500:3/a-quiet-harbour',
    'https://www.storiesonline.net/n/500',
    'http://storiesonline.net/a/pen',
  ])('claims %s', (url) => expect(claims(url)).toBe(true));

  it.each([
    'https://finestories.com/s/500',
    'https://storiesonline.net.example.org/s/1',
    'https://notstoriesonline.net/s/1',
    'https://www.literotica.com/s/x',
  ])('refuses %s', (url) => expect(claims(url)).toBe(false));
});

describe('storiesonline read', () => {
  it('reads a one-chapter story: its text on the story page, explicit by site default', () => {
    const r = read(`<article><header><h1>A Quiet Harbour</h1></header><p>Text.</p></article>${FOOTER}`);
    expect(r.kind).toBe('story');
    expect(r.title).toBe('A Quiet Harbour');
    expect(r.author).toBe('Pen Name');
    expect(r.rating).toEqual(EXPLICIT);
    expect(r.chapter).toBeNull();
  });

  it.each([
    ['No Sex', { level: 'unknown', label: 'No Sex', source: 'site' }],
    ['Low Sex', { level: 'explicit', label: 'Low Sex', source: 'site' }],
    ['High Sex', { level: 'explicit', label: 'High Sex', source: 'site' }],
  ])('reads "Sex Contents: %s" over the site default', (label, rating) => {
    const r = read(
      `<article><header><h1>T</h1><div id="s-details"><b>Sex Contents:</b> ${label}<br><b>Codes:</b> Fa/Fa, Rom</div></header></article>`,
    );
    expect(r.rating).toEqual(rating);
    expect(r.tags).toEqual(['Fa/Fa', 'Rom']);
  });

  it('takes a chapter title without its "Chapter N" and gives no count the page does not state', () => {
    const r = read('<article><header><h1>T</h1></header><h2>Chapter 3</h2><p>Text.</p></article>', 'https://storiesonline.net/s/500:3/t');
    expect(r.chapter).toEqual({ index: 3, count: null, title: null });
  });

  it('names a contest entry\u2019s hidden author', () => {
    expect(read('<article><header><h1>T</h1><h2>by (Hidden)</h2></header><p>x</p></article>').author).toBe('(Hidden)');
  });

  it.each([
    ['<div><p>Error! The story you\u2019re trying to access is being filtered by your choice of contents filtering.</p></div>', 'gate'],
    ['<h1>Log in to Storiesonline</h1><form></form>', 'gate'],
    ['<p>Access denied. This story has not been validated by the adminstrators of this site.</p>', 'error'],
    ['<h1>Page Not Found</h1>', 'error'],
  ])('reads %s as %s', (html, kind) => {
    expect(read(html).kind).toBe(kind);
  });

  it.each([
    ['https://storiesonline.net/a/pen', 'listing'],
    ['https://storiesonline.net/library/new_stories.php', 'listing'],
    ['https://storiesonline.net/universe/12/harbourlight', 'listing'],
    ['https://storiesonline.net/', 'none'],
    ['https://storiesonline.net/help/faq.php', 'none'],
  ])('reads %s as %s', (url, kind) => {
    expect(read('<p>x</p>', url).kind).toBe(kind);
  });
});

describe('storiesonline reader', () => {
  it('keeps the text between the date and the vote form', () => {
    const page = doc(
      '<article><header><h1>T</h1></header><h2>Chapter 2</h2><div class="date">Posted: today</div><p>Text of the chapter.</p><div class="vform">Vote</div><p>After.</p><h3 class="end">Next</h3></article>',
    );
    expect(readFullPage(page, STORY, { content: true }).content?.text).toBe('Text of the chapter.');
  });

  it('reads no text off an index page', () => {
    expect(
      storiesonline.extract(doc('<article><h1>T</h1><div id="index-list"><a href="/s/500:1/t">1</a></div></article>'), new URL(STORY)),
    ).toBeNull();
  });

  it('lists the index\u2019s chapters and a chapter\u2019s neighbours', () => {
    const index = doc(
      '<article><div id="index-list"><a href="/s/500:1/t">One</a><a href="/s/500:2/t">Two</a><a title="download" href="/s/500/download">Download</a></div></article>',
    );
    expect(storiesonline.nav(index, new URL('https://storiesonline.net/s/500:2/t')).chapters).toEqual([
      { title: 'One', url: 'https://storiesonline.net/s/500:1/t', current: false },
      { title: 'Two', url: 'https://storiesonline.net/s/500:2/t', current: true },
    ]);
    const chapter = doc(
      '<article><h1>T</h1><h3 class="end"><a href="/s/500:3/t">Next Chapter</a></h3><a href="/s/500:1/t">Previous Chapter</a></article>',
    );
    const nav = storiesonline.nav(chapter, new URL('https://storiesonline.net/s/500:2/t'));
    expect([nav.prev, nav.next]).toEqual(['https://storiesonline.net/s/500:1/t', 'https://storiesonline.net/s/500:3/t']);
  });
});
