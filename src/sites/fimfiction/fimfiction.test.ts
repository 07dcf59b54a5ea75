import { describe, expect, it } from 'vitest';
import { fimfiction } from './fimfiction';
import { parseHtml } from '../../../scripts/lib/html';

const STORY = 'https://www.fimfiction.net/story/77/a-story';

function read(html: string, url = STORY) {
  return fimfiction.read(parseHtml(html, url), new URL(url));
}

function claims(url: string) {
  return fimfiction.claims(parseHtml('<html><body></body></html>', url), new URL(url));
}

function storyBox(badge: string, tags = '') {
  return `<html><body><div class="story_content_box"><header class="title">${badge}
<a class="story_name" href="/story/77/a-story">A Story</a><div class="author"><span class="by">by</span> <a href="/user/5/Pen">Pen</a></div></header>
<ul class="story-tags"><li><a class="tag-series" href="/tag/mlp-fim">MLP: FiM</a></li>${tags}</ul>
<span class="description-text bbcode"><p>One.</p><p>Two.</p></span>
<div class="chapters-footer"><div class="word_count"><b>1,000</b> words</div></div></div></body></html>`;
}

function chapterPage(index: number, nav: string, extra = '') {
  return `<html><head><title>Ch - A Story | Fimfiction</title></head><body><header class="story-header">
<h1 class="story-title"><a href="/story/77/a-story">A Story</a> - <a href="/user/5/Pen">Pen</a></h1></header>
<div class="chapter-navigation top">${nav}</div>${extra}
<div id="chapter"><h1 class="chapter-title">Chapter ${index}<div style="float:right"><a>mark</a></div></h1>
<div id="chapter-body" class="chapter-body"><p>Text.</p></div></div></body></html>`;
}

const link = (cls: string, n: number) => `<a class="${cls}" href="/story/77/${n}/a-story/ch-${n}">${cls}</a>`;

describe('fimfiction claims', () => {
  it.each([
    'https://www.fimfiction.net/story/482913/the-lamplighters-apprentice',
    'https://www.fimfiction.net/story/482913/2/the-lamplighters-apprentice/oil-and-wick',
    'https://fimfiction.net/stories?q=lamps',
    'https://mobile.fimfiction.net/story/1234/1/story-title-here/chapter-title-here',
  ])('claims %s', (url) => expect(claims(url)).toBe(true));

  it.each([
    'https://archiveofourown.org/works/1',
    'https://www.wattpad.com/story/1-x',
    'https://notfimfiction.net/story/1/x',
    'https://fimfiction.net.example.com/story/1/x',
  ])('refuses %s', (url) => expect(claims(url)).toBe(false));
});

describe('fimfiction story page', () => {
  it('reads the story box as an index', () => {
    const r = read(
      storyBox(
        '<a class="content-rating-teen" title="Rated for teens">T</a>',
        '<li><a class="tag-warning" href="/tag/gore">Gore</a></li><li><a class="tag-character" href="/tag/oc">OC</a></li>',
      ),
    );
    expect(r.kind).toBe('index');
    expect(r.title).toBe('A Story');
    expect(r.author).toBe('Pen');
    expect(r.rating).toEqual({ level: 'teen', label: 'T', source: 'site' });
    expect(r.fandoms).toEqual(['MLP: FiM']);
    expect(r.warnings).toEqual(['Gore']);
    expect(r.tags).toEqual(['OC']);
    expect(r.summary).toBe('One. Two.');
    expect(r.words).toBe(1000);
    expect(r.chapter).toBeNull();
  });

  it.each([
    ['content-rating-everyone', 'E', 'general'],
    ['content-rating-teen', 'T', 'teen'],
    // Fimfiction's Mature is its sexual-content tier, hence explicit.
    ['content-rating-mature', 'M', 'explicit'],
    ['content-rating-mature', 'Mature', 'explicit'],
  ])('maps %s "%s" to %s', (cls, label, level) => {
    expect(read(storyBox(`<a class="${cls}">${label}</a>`)).rating).toEqual({ level, label, source: 'site' });
  });

  it('leaves a story box without a badge unknown, never general', () => {
    expect(read(storyBox('')).rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });

  it('reads the adult-content check as an explicit gate', () => {
    const r = read(
      '<html><body><p>This story has been marked as having adult content. Please click below to confirm you are of legal age to view adult material in your country.</p></body></html>',
    );
    expect(r.kind).toBe('gate');
    expect(r.rating).toEqual({ level: 'explicit', label: null, source: 'site' });
  });

  it('reads a story password form as a gate', () => {
    expect(read('<html><body><form id="password_form"><input type="password"></form></body></html>').kind).toBe('gate');
  });
});

describe('fimfiction chapter page', () => {
  const url = (n: number) => `https://www.fimfiction.net/story/77/${n}/a-story/ch-${n}`;

  it('reads a middle chapter: index from the URL, total unknown', () => {
    const r = read(chapterPage(2, link('previous', 1) + link('next', 3)), url(2));
    expect(r.kind).toBe('chapter');
    expect(r.title).toBe('A Story');
    expect(r.author).toBe('Pen');
    expect(r.chapter).toEqual({ index: 2, count: null, title: 'Chapter 2' });
    expect(r.rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });

  it('knows the total on the last chapter', () => {
    expect(read(chapterPage(4, link('previous', 3)), url(4)).chapter).toEqual({ index: 4, count: 4, title: 'Chapter 4' });
  });

  it('knows the total from a full chapter list', () => {
    const list = `<ul class="chapter-list">${[1, 2, 3, 4, 5].map((n) => `<li>${link('item', n)}</li>`).join('')}</ul>`;
    expect(read(chapterPage(2, link('previous', 1) + link('next', 3), list), url(2)).chapter?.count).toBe(5);
  });

  it('reads a one-chapter story as a story', () => {
    const r = read(chapterPage(1, ''), url(1));
    expect(r.kind).toBe('story');
    expect(r.chapter).toBeNull();
  });
});

describe('fimfiction other pages', () => {
  it.each([
    ['https://www.fimfiction.net/stories?q=lamps', 'listing'],
    ['https://www.fimfiction.net/tag/slice-of-life', 'listing'],
    ['https://www.fimfiction.net/bookshelf/123/favourites', 'listing'],
    ['https://www.fimfiction.net/user/5/Pen', 'none'],
    ['https://www.fimfiction.net/', 'none'],
  ])('reads %s as %s', (u, kind) => {
    expect(read('<html><body><h1>Fimfiction</h1></body></html>', u).kind).toBe(kind);
  });

  it('reads a missing story as an error', () => {
    expect(read('<html><head><title>Story Not Found | Fimfiction</title></head><body><h1>Not Found</h1></body></html>').kind).toBe('error');
  });
});
