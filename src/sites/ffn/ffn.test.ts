import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ffn } from './ffn';
import { parseHtml } from '../../../scripts/lib/html';
import { CORPUS_DIR } from '../../../tests/lib/corpus';

const STORY = 'https://www.fanfiction.net/s/4242/2/A-Title';

function read(html: string, url = STORY) {
  return ffn.read(parseHtml(html, url), new URL(url));
}

function claims(url: string, html = '<html><body></body></html>') {
  return ffn.claims(parseHtml(html, url), new URL(url));
}

/** A desktop story page: breadcrumb, #profile_top with the metadata line, optional chapter menu. */
function storyPage({
  rated = '<a class="xcontrast_txt" href="https://www.fictionratings.com/" target="rating">Fiction  K+</a>',
  meta = ' - English - Hurt/Comfort/Romance - [Harry P., Hermione G.] Ron W. - Chapters: 3 - Words: 12,345 - Reviews: 3 - Status: Complete - id: 4242',
  menu = true,
  crumbs = '<a class="xcontrast_txt" href="/book/">Books</a><span class="icon-chevron-right"></span><a class="xcontrast_txt" href="/book/Harry-Potter/">Harry Potter</a>',
} = {}) {
  const select = menu
    ? `<select id="chap_select" name="chapter"><option value="1">1. Start</option><option value="2" selected>2. The Middle Part</option><option value="3">3. End</option></select>`
    : '';
  return `<html><head><title>A Title | FanFiction</title></head><body>
<div id="pre_story_links"><span class="lc-left">${crumbs}</span></div>
<div id="profile_top"><button class="btn pull-right icon-heart" type="button">Follow/Fav</button>
<b class="xcontrast_txt">A Title</b> <span class="xcontrast_txt">By:</span> <a class="xcontrast_txt" href="/u/77/Some-Author">Some Author</a>
<div class="xcontrast_txt" style="margin-top:2px">A short summary.</div>
<span class="xgray xcontrast_txt">Rated: ${rated}${meta}</span></div>
<span style="float:right">${select}</span>
<div id="storytextp"><div id="storytext" class="storytext"><p>Text.</p></div></div></body></html>`;
}

describe('ffn claims', () => {
  it.each([
    'https://www.fanfiction.net/s/4242/2/A-Title',
    'https://m.fanfiction.net/s/4242/1/',
    'https://fanfiction.net/s/4242/1/',
    'https://www.fictionpress.com/s/2961893/1/Mother-of-Learning',
    'https://m.fictionpress.com/s/2961893/3/',
    'https://www.fanfiction.net/book/Harry-Potter/',
  ])('claims %s', (url) => {
    expect(claims(url)).toBe(true);
  });

  it.each([
    'https://archiveofourown.org/works/168768',
    'https://notfanfiction.net/s/4242/1/',
    'https://fanfiction.net.example.com/s/4242/1/',
    'https://fanfiction.mugglenet.com/viewstory.php?sid=1',
    'https://www.fimfiction.net/story/482913/x',
    'https://www.wattpad.com/1187654321-glass-harbor',
  ])('refuses %s', (url) => {
    expect(claims(url)).toBe(false);
  });

  it("refuses another site's page even when its markup looks like FanFiction.net", () => {
    expect(claims('https://archiveofourown.org/works/1', storyPage())).toBe(false);
  });

  it("refuses other archives' corpus pages", () => {
    const cases: [string, string][] = [
      ['ao3/pages/ao3js-works-168768.html', 'https://archiveofourown.org/works/168768'],
      ['efiction/pages/webtoepub-muggleNet.html', 'http://fanfiction.mugglenet.com/viewstory.php?sid=123456&chapter=2'],
      ['tth/pages/story-31415-2.html', 'https://www.tthfanfic.org/Story-31415-2/Corvid+Lane+The+Long+Way+Round.htm'],
    ];
    for (const [file, url] of cases) {
      expect(claims(url, readFileSync(join(CORPUS_DIR, file), 'utf8'))).toBe(false);
    }
  });

  it('lists only the real hosts', () => {
    expect(ffn.hosts).toEqual([
      '*://www.fanfiction.net/*',
      '*://m.fanfiction.net/*',
      '*://www.fictionpress.com/*',
      '*://m.fictionpress.com/*',
    ]);
  });
});

describe('ffn story pages', () => {
  it('reads a chapter page: title, author, rating, chapter, words, fandom, tags', () => {
    const r = read(storyPage());
    expect(r.kind).toBe('chapter');
    expect(r.title).toBe('A Title');
    expect(r.author).toBe('Some Author');
    expect(r.summary).toBe('A short summary.');
    expect(r.rating).toEqual({ level: 'general', label: 'Fiction K+', source: 'site' });
    expect(r.chapter).toEqual({ index: 2, count: 3, title: 'The Middle Part' });
    expect(r.words).toBe(12345);
    expect(r.fandoms).toEqual(['Harry Potter']);
    expect(r.tags).toEqual(['Hurt/Comfort', 'Romance', 'Harry P.', 'Hermione G.', 'Ron W.']);
    expect(r.warnings).toEqual([]);
  });

  it.each([
    ['Fiction  K', 'general', 'Fiction K'],
    ['Fiction  T', 'teen', 'Fiction T'],
    ['Fiction  M', 'mature', 'Fiction M'],
    ['Fiction  MA', 'explicit', 'Fiction MA'],
  ])('maps %s to %s', (text, level, label) => {
    const rated = `<a class="xcontrast_txt" href="https://www.fictionratings.com/" target="rating">${text}</a>`;
    expect(read(storyPage({ rated })).rating).toEqual({ level, label, source: 'site' });
  });

  it('reads a plain-text rating when the rating link is missing', () => {
    expect(read(storyPage({ rated: 'Fiction T' })).rating).toEqual({ level: 'teen', label: 'Fiction T', source: 'site' });
  });

  it('leaves a page without a Rated field unrated, never general', () => {
    const r = read(storyPage({ rated: '', meta: 'English - Words: 500' }));
    expect(r.rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });

  it('reads a one-shot (no chapter menu) as a whole story', () => {
    const r = read(
      storyPage({ menu: false, meta: ' - English - Humor - Words: 900 - id: 4242' }),
      'https://www.fanfiction.net/s/4242/1/A-Title',
    );
    expect(r.kind).toBe('story');
    expect(r.chapter).toBeNull();
    expect(r.words).toBe(900);
  });

  it('reads a menu with a single chapter as a whole story', () => {
    const html = storyPage({ meta: ' - English - Humor - Words: 900' }).replace(/<option value="2"[^]*<\/select>/, '</select>');
    const r = read(html, 'https://www.fanfiction.net/s/4242/1/A-Title');
    expect(r.kind).toBe('story');
    expect(r.chapter).toBeNull();
  });
});

describe('ffn story pages: chapters, fandoms and the mobile edition', () => {
  it('takes the chapter from the URL when no option is marked selected', () => {
    const html = storyPage().replace(' selected>', '>');
    expect(read(html, 'https://www.fanfiction.net/s/4242/3/A-Title').chapter).toEqual({ index: 3, count: 3, title: 'End' });
  });

  it('falls back to the Chapters field when there is no menu', () => {
    const r = read(storyPage({ menu: false }), 'https://www.fanfiction.net/s/4242/2/A-Title');
    expect(r.kind).toBe('chapter');
    expect(r.chapter).toEqual({ index: 2, count: 3, title: null });
  });

  it('splits a crossover breadcrumb into its fandoms', () => {
    const crumbs = '<a class="xcontrast_txt" href="/Harry-Potter-and-Naruto-Crossovers/224/1402/">Harry Potter + Naruto Crossover</a>';
    expect(read(storyPage({ crumbs })).fandoms).toEqual(['Harry Potter', 'Naruto']);
  });

  it('reads the mobile edition header and its "Ch 2 of 5" navigation', () => {
    const html = `<html><body><div id="content"><div align="center"><b>Pocket Title</b> by <a href="/u/77/">Some Author</a></div>
Rated: Fiction T, English, Drama</div>
<div id="storycontent" class="storycontent"><p>Text.</p></div>
<div align="center">Ch 2 of <a href="/s/4242/5/">5</a></div></body></html>`;
    const r = read(html, 'https://m.fanfiction.net/s/4242/2/');
    expect(r.kind).toBe('chapter');
    expect(r.title).toBe('Pocket Title');
    expect(r.author).toBe('Some Author');
    expect(r.rating).toEqual({ level: 'teen', label: 'Fiction T', source: 'site' });
    expect(r.chapter).toEqual({ index: 2, count: 5, title: null });
  });

  it('reads "Story Not Found" as an error', () => {
    const html = `<html><body><div id="content_wrapper_inner"><span class="gui_warning">Story Not Found<hr size="1" noshade>Story is unavailable for reading. (A)</span></div></body></html>`;
    const r = read(html, 'https://www.fanfiction.net/s/1/1/');
    expect(r.kind).toBe('error');
    expect(r.title).toBeNull();
  });

  it('reads a story URL with neither story nor error message as none', () => {
    expect(read('<html><body><p>Just a moment...</p></body></html>').kind).toBe('none');
  });
});

describe('ffn other pages', () => {
  const blurbs = `<html><body><div class="z-list zhover zpointer"><a class="stitle" href="/s/4242/1/A-Title">A Title</a> by <a href="/u/77/Some-Author">Some Author</a>
<div class="z-indent z-padtop">Summary.<div class="z-padtop2 xgray">Rated: T - English - Romance - Chapters: 3 - Words: 12,345</div></div></div></body></html>`;

  it.each([
    'https://www.fanfiction.net/book/Harry-Potter/',
    'https://www.fanfiction.net/anime/',
    'https://www.fanfiction.net/Harry-Potter-and-Naruto-Crossovers/224/1402/',
    'https://www.fanfiction.net/community/Best-of-Harry-Potter/12345/',
    'https://www.fanfiction.net/search/?keywords=spike&type=story',
    'https://www.fictionpress.com/fiction/Romance/',
  ])('reads %s as a listing', (url) => {
    const r = read('<html><body><div id="content_wrapper_inner"></div></body></html>', url);
    expect(r.kind).toBe('listing');
    expect(r.rating.level).toBe('unknown');
  });

  it('reads an author profile with story blurbs as a listing, not a story', () => {
    expect(read(blurbs, 'https://www.fanfiction.net/u/77/Some-Author').kind).toBe('listing');
  });

  it.each(['https://www.fanfiction.net/', 'https://www.fanfiction.net/forum/Some-Forum/123/', 'https://www.fanfiction.net/r/4242/'])(
    'reads %s as none',
    (url) => {
      expect(read('<html><body><p>Welcome</p></body></html>', url).kind).toBe('none');
    },
  );
});
