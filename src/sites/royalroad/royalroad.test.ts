import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../scripts/lib/html';
import { $$ } from '../../core/dom';
import { storyKey } from '../../warnings/policy';
import { royalroad } from './royalroad';

const FICTION = 'https://www.royalroad.com/fiction/555/great-story';
const CHAPTER = `${FICTION}/chapter/772/chapter-two`;

function read(html: string, url: string) {
  const doc = parseHtml(`<html><head></head><body>${html}</body></html>`, url);
  return royalroad.read(doc, new URL(url));
}

function chapterPage(h1: string, nav: string, script = '') {
  return `<div class="fic-header">
      <a href="/fiction/555/great-story"><h2>Great Story</h2></a><span> by </span>
      <h3><a href="/profile/888">Great Author</a></h3><h1>${h1}</h1></div>
    <div class="portlet light chapter"><div class="row nav-buttons">${nav}</div>
      <div class="chapter-inner chapter-content"><p>Text.</p></div></div>${script}`;
}

const PREV_LINK = '<a class="btn" href="/fiction/555/great-story/chapter/771/one">Previous <br>Chapter</a>';
const PREV_OFF = '<button class="btn" disabled="disabled">Previous <br>Chapter</button>';
const NEXT_LINK = '<a class="btn" href="/fiction/555/great-story/chapter/773/three">Next <br>Chapter</a>';
const NEXT_OFF = '<button class="btn" disabled="disabled">Next <br>Chapter</button>';

describe('royalroad claims', () => {
  const doc = parseHtml('<html><body></body></html>', FICTION);
  it.each([FICTION, CHAPTER, 'https://royalroad.com/fictions/best-rated'])('claims %s', (u) =>
    expect(royalroad.claims(doc, new URL(u))).toBe(true),
  );
  it.each([
    'https://status.royalroad.com/',
    'https://www.notroyalroad.com/fiction/1/x',
    'https://www.fanfiction.net/s/1/1/',
    'http://www.allaboutspike.com/fic.html?id=1',
  ])('refuses %s', (u) => expect(royalroad.claims(doc, new URL(u))).toBe(false));
});

describe('royalroad fiction page', () => {
  const page = `<div class="fic-header"><div class="fic-title"><h1>Great Story</h1>
      <h4><span>by </span><span><a href="/profile/888">Great Author</a></span></h4></div></div>
    <div class="fiction-info"><div class="portlet">
      <span class="label">Original</span><span class="label">ONGOING</span>
      <span class="tags"><a class="fiction-tag" href="/fictions/search?tagsAdd=fantasy">Fantasy</a>
        <a class="fiction-tag" href="/fictions/search?tagsAdd=litrpg">LitRPG</a></span>
      <div class="font-red-sunglo"><strong>Warning</strong> <span>This fiction contains:</span>
        <ul class="list-inline"><li>Profanity</li><li>Sexual Content</li><li>Graphic Violence</li></ul></div>
      <div class="description"><div class="hidden-content"><p>A summary.</p></div></div></div>
    <div class="fiction-stats"><i data-content="This story would be 10 pages long … calculated from 2,345 words."></i></div></div>`;

  it('reads title, author, tags, content warnings, summary and stated words; no rating', () => {
    const r = read(page, FICTION);
    expect(r.kind).toBe('index');
    expect(r.title).toBe('Great Story');
    expect(r.author).toBe('Great Author');
    expect(r.tags).toEqual(['Fantasy', 'LitRPG']);
    expect(r.warnings).toEqual(['Profanity', 'Sexual Content', 'Graphic Violence']);
    expect(r.summary).toBe('A summary.');
    expect(r.words).toBe(2345);
    expect(r.rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });

  it('has no warnings when the warning box is absent', () => {
    expect(read(page.replace(/<div class="font-red-sunglo">[\s\S]*?<\/ul><\/div>/, ''), FICTION).warnings).toEqual([]);
  });

  it('is none without a fiction header (removed fiction, error page)', () => {
    expect(read('<h1>Not Found</h1>', FICTION).kind).toBe('none');
  });
});

describe('royalroad chapter page', () => {
  it('takes position and total from the embedded chapter list', () => {
    const script = `<script>window.chapters = [{"id":771,"title":"One","order":0},{"id":772,"title":"Two","order":1},{"id":773,"title":"Three","order":2}]; window.volumes = [];</script>`;
    const r = read(chapterPage('Two', PREV_LINK + NEXT_LINK, script), CHAPTER);
    expect(r.kind).toBe('chapter');
    expect(r.title).toBe('Great Story');
    expect(r.author).toBe('Great Author');
    expect(r.chapter).toEqual({ index: 2, count: 3, title: 'Two' });
  });

  it('knows the first chapter from a disabled "Previous" button', () => {
    expect(read(chapterPage('Prologue', PREV_OFF + NEXT_LINK), CHAPTER).chapter).toEqual({ index: 1, count: null, title: 'Prologue' });
  });

  it('reads "Chapter 12: …" and counts the last chapter as the total', () => {
    expect(read(chapterPage('Chapter 12: The Fall', PREV_LINK + NEXT_LINK), CHAPTER).chapter).toEqual({
      index: 12,
      count: null,
      title: 'Chapter 12: The Fall',
    });
    expect(read(chapterPage('Chapter Two', PREV_LINK + NEXT_OFF), CHAPTER).chapter).toEqual({ index: 2, count: 2, title: 'Chapter Two' });
  });

  it('leaves the chapter unknown when nothing tells its position', () => {
    const r = read(chapterPage('Interlude', PREV_LINK + NEXT_LINK), CHAPTER);
    expect(r.kind).toBe('chapter');
    expect(r.chapter).toBeNull();
  });

  it('calls the only chapter of a fiction a story', () => {
    const r = read(chapterPage('Chapter 1', PREV_OFF + NEXT_OFF), CHAPTER);
    expect(r.kind).toBe('story');
    expect(r.chapter).toBeNull();
  });
});

describe('royalroad other pages', () => {
  it.each([
    ['https://www.royalroad.com/fictions/best-rated', 'listing'],
    ['https://www.royalroad.com/fictions/search?title=x', 'listing'],
    ['https://www.royalroad.com/home', 'none'],
    ['https://www.royalroad.com/forums', 'none'],
  ])('%s is %s', (u, kind) => expect(read('<p>x</p>', u).kind).toBe(kind));
});

describe('royalroad listing entries', () => {
  const url = 'https://www.royalroad.com/fictions/best-rated';
  const doc = parseHtml(readFileSync(join(import.meta.dirname, 'pages/fictions-best-rated.html'), 'utf8'), url);
  const entries = $$(doc, royalroad.blurbs!.selector).map((el) => royalroad.blurbs!.read(el, new URL(url)));

  it('reads each fiction’s address, title, genre tags and the chapters it has', () => {
    expect(entries.map((b) => [b?.url, b?.info.title, b?.posted])).toEqual([
      [FICTION, 'Great Story', 9],
      ['https://www.royalroad.com/fiction/21220/lantern-keeper', 'The Lantern Keeper', 109],
      ['https://www.royalroad.com/fiction/30411/salt-and-iron', 'Salt and Iron', 64],
      ['https://www.royalroad.com/fiction/48213/the-quiet-guild', 'The Quiet Guild', 23],
      ['https://www.royalroad.com/fiction/51002/second-watch', 'Second Watch', 1],
      ['https://www.royalroad.com/fiction/60318/a-map-of-small-things', 'A Map of Small Things', 5],
    ]);
    expect(entries[0]?.info.tags).toEqual(['Fantasy', 'Progression']);
  });

  it('gives an entry the key its fiction and chapter pages report, so the reading memory knows it', () => {
    const key = (u: string, title: string | null) => storyKey({ url: u, site: 'royalroad', title, author: null });
    expect(key(entries[0]!.url!, entries[0]!.info.title)).toBe(key(CHAPTER, 'Chapter Two'));
    expect(key(entries[0]!.url!, null)).toBe('royalroad:royalroad.com:555');
  });
});
