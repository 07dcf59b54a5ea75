import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ao3 } from './ao3';
import { parseHtml } from '../../../scripts/lib/html';
import { CORPUS_DIR, corpusHtmlFiles, corpusPages } from '../../../tests/lib/corpus';

const EMPTY = '<html><head><title>x</title></head><body><p>Hello</p></body></html>';

function page(body: string, url = 'https://archiveofourown.org/works/1') {
  const u = new URL(url);
  const doc = parseHtml(`<html><body>${body}</body></html>`, url);
  return { doc, url: u, info: ao3.read(doc, u), claimed: ao3.claims(doc, u) };
}

interface WorkOpts {
  rating?: string | null;
  warnings?: string;
  chapters?: string;
  shown?: string;
  select?: string;
}

/** A work page as otwarchive renders it, cut down to what the adapter reads. */
function work(o: WorkOpts = {}): string {
  const rating =
    o.rating === null
      ? ''
      : `<dt class="rating tags">Rating:</dt><dd class="rating tags"><ul class="commas"><li><a class="tag" href="/tags/x/works">${o.rating ?? 'Mature'}</a></li></ul></dd>`;
  const warnings = o.warnings ?? '<li><a class="tag" href="/tags/y/works">No Archive Warnings Apply</a></li>';
  const shown = o.shown ?? '<div class="userstuff"><p>One shot text.</p></div>';
  return `
    <div id="main" class="works-show region">
      <ul class="work navigation actions"><li class="chapter">${o.select ?? ''}</li></ul>
      <div class="wrapper"><dl class="work meta group">
        ${rating}
        <dt class="warning tags">Archive Warning:</dt><dd class="warning tags"><ul class="commas">${warnings}</ul></dd>
        <dt class="fandom tags">Fandom:</dt><dd class="fandom tags"><ul class="commas"><li><a class="tag" href="/tags/f/works">Buffy the Vampire Slayer (TV)</a></li></ul></dd>
        <dt class="stats">Stats:</dt><dd class="stats"><dl class="stats">
          <dt class="words">Words:</dt><dd class="words">12,345</dd>
          <dt class="chapters">Chapters:</dt><dd class="chapters">${o.chapters ?? '1/1'}</dd>
        </dl></dd>
      </dl></div>
      <div id="workskin">
        <div class="preface group">
          <h2 class="title heading">A Work</h2>
          <h3 class="byline heading"><a rel="author" href="/users/a/pseuds/a">a</a>, <a rel="author" href="/users/b/pseuds/b">b (bee)</a></h3>
          <div class="summary module"><h3 class="heading">Summary:</h3><blockquote class="userstuff"><p>First.</p><p>Second.</p></blockquote></div>
        </div>
        <div id="chapters">${shown}</div>
      </div>
    </div>`;
}

function chapterDiv(n: number, heading: string): string {
  return `<div class="chapter" id="chapter-${n}"><div class="chapter preface group"><h3 class="title">${heading}</h3></div>
    <div class="userstuff module" role="article"><h3 class="landmark heading" id="work">Chapter Text</h3><p>Text.</p></div></div>`;
}

const blurb = (heading: string, extra = '') => `
  <ol class="work index group"><li id="work_7" class="work blurb group" role="article">
    <div class="header module">
      <h4 class="heading">${heading}</h4>
      <h5 class="fandoms heading"><a class="tag" href="/tags/f/works">Fandom A</a></h5>
      <ul class="required-tags"><li><a class="help symbol question modal" href="/help/symbols-key.html"><span class="rating-teen rating" title="Teen And Up Audiences"><span class="text">Teen And Up Audiences</span></span></a></li></ul>
    </div>
    <ul class="tags commas">${extra}</ul>
    <dl class="stats"><dt class="words">Words:</dt><dd class="words">1,024</dd><dt class="chapters">Chapters:</dt><dd class="chapters">1/1</dd></dl>
  </li></ol>`;

const adultNotice = (text: string, link: string) => `
  <div id="main" class="works-show region">
    <h2 class="landmark heading">Adult Content Warning</h2>
    <p class="caution notice">${text}</p>
    <ul class="actions"><li><a href="/works/7?view_adult=true">${link}</a></li><li><a href="javascript:history.back()">No, Go Back</a></li></ul>
    ${blurb('<a href="/works/7">Seven</a> by <a rel="author" href="/users/s/pseuds/s">s</a>', '<li class="warnings"><strong><a class="tag" href="/tags/w/works">Major Character Death</a></strong></li>')}
  </div>`;

describe('ao3 claims by URL', () => {
  it.each([
    'https://archiveofourown.org/works/168768',
    'https://www.archiveofourown.org/works/168768/chapters/1',
    'https://archiveofourown.com/works/1',
    'https://archiveofourown.net/works/1',
    'https://archiveofourown.gay/works/1',
    'https://ao3.org/works/1',
    'https://download.archiveofourown.org/downloads/1/x.html',
    'https://archive.transformativeworks.org/works/1',
    'https://squidgeworld.org/works/1',
    'https://www.adastrafanfic.com/works/1',
    'https://www.cfaarchive.org/works/1',
    'https://superlove.sayitditto.net/works/1',
  ])('claims %s', (url) => {
    expect(ao3.claims(parseHtml(EMPTY, url), new URL(url))).toBe(true);
  });

  it.each([
    'https://www.fanfiction.net/s/123/1/Title',
    'https://www.royalroad.com/fiction/1/x',
    'https://forums.spacebattles.com/threads/x.1/reader/',
    'https://www.tthfanfic.org/Story-1-2/x.htm',
    'https://www.fimfiction.net/story/1/x',
    'https://www.wattpad.com/1-x',
    'https://www.literotica.com/s/x',
    'http://www.allaboutspike.com/fic.html?id=1',
    'https://notarchiveofourown.org/works/1',
    'https://archiveofourown.org.evil.example/works/1',
    'https://transformativeworks.org/faq',
    'https://sayitditto.net/works/1',
  ])('refuses %s', (url) => {
    expect(ao3.claims(parseHtml(EMPTY, url), new URL(url))).toBe(false);
  });

  it('lists each host bare and with subdomains as match patterns', () => {
    expect(ao3.hosts).toContain('*://archiveofourown.org/*');
    expect(ao3.hosts).toContain('*://*.archiveofourown.org/*');
    expect(ao3.hosts).toContain('*://squidgeworld.org/*');
    for (const h of ao3.hosts) expect(h).toMatch(/^\*:\/\/(\*\.)?[a-z0-9.-]+\/\*$/);
  });
});

describe('ao3 claims otwarchive markup on other hosts', () => {
  it('claims a saved AO3 work page served from an unknown install', () => {
    const html = readFileSync('src/sites/ao3/pages/ao3js-works-323217.html', 'utf8');
    const url = 'https://fics.example.org/works/323217';
    expect(ao3.claims(parseHtml(html, url), new URL(url))).toBe(true);
  });

  it('claims a work page without the footer, and a bare blurb listing', () => {
    expect(page(work(), 'https://otw.example.org/works/1').claimed).toBe(true);
    const listing = `<div id="main">${blurb('<a href="/works/7">Seven</a> by <a rel="author" href="/users/s">s</a>')}</div>`;
    expect(page(listing, 'https://otw.example.org/tags/x/works').claimed).toBe(true);
  });

  it('refuses pages that only mention the archive', () => {
    const blog = `<div id="main"><p>This work could have adult content.</p><a href="https://archiveofourown.org/works/1?view_adult=true">Proceed</a>
      <div id="workskin"><p>My skin notes</p></div></div><div id="footer"><a href="https://github.com/otwcode">OTW code</a></div>`;
    expect(page(blog, 'https://blog.example.com/post/1').claimed).toBe(false);
  });

  // Pages without ground truth yet are loaded from a neutral host: their markup alone must not pass.
  const urls = new Map(corpusPages().map((p) => [p.htmlPath, p.expected.url]));
  const others = corpusHtmlFiles().filter((f) => !/[\\/]ao3[\\/]/.test(f));

  it("has other sites' pages to check", () => {
    expect(others.length).toBeGreaterThan(10);
  });

  it.each(others.map((f) => [relative(CORPUS_DIR, f), f]))('does not claim %s', (_name, file) => {
    const url = urls.get(file) ?? 'https://pages.example.org/page.html';
    const doc = parseHtml(readFileSync(file, 'utf8'), url);
    expect(ao3.claims(doc, new URL(url))).toBe(false);
  });
});

describe('ao3 work pages', () => {
  it('reads a one-shot as a story with its metadata', () => {
    const { info } = page(work());
    expect(info).toMatchObject({
      kind: 'story',
      title: 'A Work',
      author: 'a, b (bee)',
      fandoms: ['Buffy the Vampire Slayer (TV)'],
      summary: 'First.\nSecond.',
      rating: { level: 'mature', label: 'Mature', source: 'site' },
      warnings: ['No Archive Warnings Apply'],
      warningsHidden: false,
      chapter: null,
      words: 12345,
    });
  });

  it('keeps a missing rating unknown, never general', () => {
    expect(page(work({ rating: null })).info.rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });

  it('reads Not Rated as a site label with an unknown level', () => {
    expect(page(work({ rating: 'Not Rated' })).info.rating).toEqual({ level: 'unknown', label: 'Not Rated', source: 'site' });
  });

  it('tells hidden warnings from no warnings', () => {
    const hidden =
      '<li id="work_1_category_warnings"><strong><a data-remote="true" href="/tags/show_hidden?creation_id=1&amp;creation_type=Work&amp;tag_type=warnings">Show warnings</a></strong></li>';
    const { info } = page(work({ warnings: hidden }));
    expect(info.warnings).toEqual([]);
    expect(info.warningsHidden).toBe(true);
  });

  it.each([
    ['<a href="/works/1/chapters/2">Chapter 2</a>: Inventory', 'Inventory'],
    ['<a href="/works/1/chapters/2">Chapter 2</a>: Part Two: The Return', 'Part Two: The Return'],
    ['<a href="/works/1/chapters/2">Chapter 2</a>: 2. Tim', '2. Tim'],
    ['<a href="/works/1/chapters/2">Chapter 2</a>', null],
    ['Chapter 2: Unlinked', 'Unlinked'],
  ])('chapter heading %s → title %s', (heading, title) => {
    const { info } = page(work({ chapters: '2/?', shown: chapterDiv(2, heading) }));
    expect(info.kind).toBe('chapter');
    expect(info.chapter).toEqual({ index: 2, count: null, title });
  });

  it('takes the total from the stats and the index from the chapter menu when the id is missing', () => {
    const shown = chapterDiv(3, '<a href="/works/1/chapters/3">Chapter 3</a>').replace('id="chapter-3"', '');
    const select =
      '<select id="selected_id"><option value="1">1. A</option><option value="2">2. B</option><option selected="selected" value="3">3. Chapter 3</option></select>';
    const { info } = page(work({ chapters: '3/1,200', shown, select }));
    expect(info.chapter).toEqual({ index: 3, count: 1200, title: null });
  });

  it('reads the first chapter of a work with one chapter posted and no chapter menu', () => {
    const shown = chapterDiv(1, '<a href="/works/1/chapters/1">Chapter 1</a>: Start').replace('id="chapter-1"', '');
    expect(page(work({ chapters: '1/?', shown })).info.chapter).toEqual({ index: 1, count: null, title: 'Start' });
  });

  it('reads the Entire Work view as a story', () => {
    const { info } = page(work({ chapters: '2/2', shown: chapterDiv(1, '<a>Chapter 1</a>') + chapterDiv(2, '<a>Chapter 2</a>') }));
    expect(info.kind).toBe('story');
    expect(info.chapter).toBeNull();
  });

  it('is not fooled by notice wording inside the story text', () => {
    const shown =
      '<div class="userstuff"><h2>Error 404</h2><p>This work could have adult content.</p><a href="?view_adult=true">Proceed</a></div>';
    expect(page(work({ shown })).info.kind).toBe('story');
  });
});

describe('ao3 other page kinds', () => {
  it('reads the adult-content notice as a gate with the blurb metadata', () => {
    const { info } = page(
      adultNotice(
        'This work could have adult content. If you continue, you have agreed that you are willing to see such content.',
        'Yes, Continue',
      ),
    );
    expect(info).toMatchObject({
      kind: 'gate',
      title: 'Seven',
      author: 's',
      fandoms: ['Fandom A'],
      rating: { level: 'teen', label: 'Teen And Up Audiences', source: 'site' },
      warnings: ['Major Character Death'],
      words: 1024,
    });
  });

  it('knows the older "Proceed" wording of the notice', () => {
    const { info } = page(
      adultNotice(
        'This work potentially has adult content. If you proceed you have agreed that you are willing to see such content.',
        'Proceed',
      ),
    );
    expect(info.kind).toBe('gate');
    expect(info.title).toBe('Seven');
  });

  it('names an anonymous creator and leaves a gift recipient out', () => {
    const html = adultNotice('This work could have adult content.', 'Yes, Continue').replace(
      '<a href="/works/7">Seven</a> by <a rel="author" href="/users/s/pseuds/s">s</a>',
      '<a href="/works/7">Seven by Night</a> by Anonymous for <a href="/users/r/gifts">r</a>',
    );
    const { info } = page(html);
    expect(info.title).toBe('Seven by Night');
    expect(info.author).toBe('Anonymous');
  });

  it('reads the registered-users wall as a gate with nothing known', () => {
    const wall = `<div id="main" class="sessions-new system session region"><div id="signin"><h3 class="heading">Sorry!</h3>
      <p>This work is only available to registered users of the Archive.</p></div></div>`;
    const { info } = page(wall, 'https://archiveofourown.org/users/login?return_to=%2Fworks%2F1');
    expect(info.kind).toBe('gate');
    expect(info.title).toBeNull();
    expect(info.rating.source).toBe('none');
  });

  it('reads a plain login page as none', () => {
    const login = '<div id="main" class="sessions-new"><div id="signin"><h3 class="heading">Log In</h3></div></div>';
    expect(page(login, 'https://archiveofourown.org/users/login').info.kind).toBe('none');
  });

  it('reads Error 404 as an error', () => {
    const err = '<div id="main" class="system errors error-404 region"><h2 class="heading">Error 404</h2></div>';
    expect(page(err).info.kind).toBe('error');
    expect(page('<div id="main"><h2 class="heading">Error 500</h2></div>').info.kind).toBe('error');
  });

  it('reads the chapter index with an anonymous creator', () => {
    const nav = `<div id="main" class="works-navigate region"><h2 class="heading">Chapter Index for <a href="/works/9">Nine</a> by Anonymous</h2>
      <ol class="chapter index group"><li><a href="/works/9/chapters/1">1. One</a></li></ol></div>`;
    const { info } = page(nav, 'https://archiveofourown.org/works/9/navigate');
    expect(info).toMatchObject({ kind: 'index', title: 'Nine', author: 'Anonymous', chapter: null });
  });

  it('reads work lists as listings, even with no results', () => {
    const results = `<div id="main">${blurb('<a href="/works/7">Seven</a> by <a rel="author" href="/users/s">s</a>')}</div>`;
    expect(page(results, 'https://archiveofourown.org/users/s/works').info.kind).toBe('listing');
    const empty = '<div id="main" class="works-search region"><h3 class="heading">0 Found</h3></div>';
    expect(page(empty, 'https://archiveofourown.org/works/search?work_search%5Bquery%5D=zzz').info.kind).toBe('listing');
    expect(page(empty, 'https://archiveofourown.org/tags/X/works').info.kind).toBe('listing');
    expect(page(empty, 'https://archiveofourown.org/series/12').info.kind).toBe('listing');
    const listing = page(results, 'https://archiveofourown.org/works?page=2').info;
    expect(listing.rating.level).toBe('unknown');
    expect(listing.title).toBeNull();
  });

  it('reads an unrelated archive page as none', () => {
    expect(page('<div id="main"><h2 class="heading">About</h2></div>', 'https://archiveofourown.org/about').info.kind).toBe('none');
  });
});

describe('ao3 work language', () => {
  const read = (name: string) => {
    const p = corpusPages().find((c) => c.name === `ao3/pages/${name}`)!;
    return parseHtml(readFileSync(p.htmlPath, 'utf8'), p.expected.url);
  };

  it('is the work’s stated language, not the English interface’s', () => {
    const doc = read('works-61234567-chapters-156789012-zh.html');
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
    expect(ao3.language!(doc)).toBe('zh');
  });

  it('is none where the page states no work language', () => {
    expect(ao3.language!(page('<div id="workskin"><p>Text.</p></div>').doc)).toBeNull();
  });
});
