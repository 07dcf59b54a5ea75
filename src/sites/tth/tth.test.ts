import { describe, expect, it } from 'vitest';
import { tth } from './tth';
import { parseHtml } from '../../../scripts/lib/html';

const STORY = 'https://www.tthfanfic.org/Story-100-2/Some+Author+A+Title.htm';

function read(html: string, url = STORY) {
  return tth.read(parseHtml(html, url), new URL(url));
}

function claims(url: string) {
  return tth.claims(parseHtml('<html><body></body></html>', url), new URL(url));
}

/** A story page: the metadata table, an optional chapter menu and the text. */
function storyPage({ rating = 'FR18', chapters = '3', menu = true } = {}) {
  const select = menu
    ? `<select id="chapnav" name="chapnav"><option value="/Story-100-1/x.htm">1. One</option><option value="/Story-100-2/x.htm" selected="selected">2. Two Roads</option><option value="/Story-100-3/x.htm">3. Three</option></select>`
    : '';
  return `<html><head><title>TtH</title></head><body><div id="pagebody"><h2>A Title</h2>
<div class="storysummary formbody defaultcolors"><p style="margin-top:0px"></p><p><strong>Summary:</strong> Things happen.</p>
<table class="verticaltable"><tr><th>Categories</th><th>Author</th><th>Rating</th><th>Chapters</th><th>Words</th></tr>
<tr><td><a href="/Category-2">Stargate</a> &gt; <a href="/Category-3">SG-1</a></td><td><a href="/AuthorStories-9/Some+Author.htm">Some Author</a></td><td>${rating}</td><td>${chapters}</td><td>1,234</td></tr></table></div>
${select}<div id="storyinnerbody"><h3>Two Roads</h3><p>Text.</p></div></div></body></html>`;
}

describe('tth claims', () => {
  it.each([
    'https://www.tthfanfic.org/Story-31415-2/Corvid+Lane+The+Long+Way+Round.htm',
    'http://www.tthfanfic.org/Story-1234',
    'https://www.tthfanfic.org/T-99999999/Story-1234-1/Author+Story+Title.htm',
    'https://www.tthfanfic.org/story.php?no=12345',
    'https://tthfanfic.org/Category-2',
  ])('claims %s', (url) => expect(claims(url)).toBe(true));

  it.each([
    'https://archiveofourown.org/works/1',
    'https://www.fanfiction.net/s/1/1/',
    'https://www.fimfiction.net/story/1/x',
    'https://nottthfanfic.org/Story-1-1/x.htm',
    'https://tthfanfic.org.example.com/Story-1-1/x.htm',
  ])('refuses %s', (url) => expect(claims(url)).toBe(false));

  it('lists only its own hosts', () => {
    expect(tth.hosts).toEqual(['*://tthfanfic.org/*', '*://*.tthfanfic.org/*']);
  });
});

describe('tth read', () => {
  it('reads a chapter from the menu and the metadata table', () => {
    const r = read(storyPage());
    expect(r.kind).toBe('chapter');
    expect(r.title).toBe('A Title');
    expect(r.author).toBe('Some Author');
    expect(r.rating).toEqual({ level: 'mature', label: 'FR18', source: 'site' });
    expect(r.chapter).toEqual({ index: 2, count: 3, title: 'Two Roads' });
    expect(r.words).toBe(1234);
    expect(r.summary).toBe('Things happen.');
    expect(r.tags).toEqual(['Stargate', 'SG-1']);
    expect(r.warnings).toEqual([]);
  });

  it.each([
    ['FR7', 'general'],
    ['FR13', 'teen'],
    ['FR15', 'teen'],
    ['FR18', 'mature'],
    ['FR21', 'explicit'],
    ['FR99', 'unknown'],
  ])('maps %s to %s', (label, level) => {
    expect(read(storyPage({ rating: label })).rating).toEqual({ level, label, source: 'site' });
  });

  it('leaves a missing rating unknown, never general', () => {
    expect(read(storyPage({ rating: '' })).rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });

  it('reads a one-chapter story as a story without chapter', () => {
    const r = read(storyPage({ chapters: '1', menu: false }), 'https://www.tthfanfic.org/Story-100/Some+Author+A+Title.htm');
    expect(r.kind).toBe('story');
    expect(r.chapter).toBeNull();
  });

  it('falls back to the URL and the chapter total without a menu', () => {
    const r = read(storyPage({ chapters: '5', menu: false }), 'https://www.tthfanfic.org/Story-100-4/x.htm');
    expect(r.kind).toBe('chapter');
    expect(r.chapter).toEqual({ index: 4, count: 5, title: 'Two Roads' });
  });

  it('reads "Story Not Found" as an error', () => {
    const r = read('<html><body><div id="pagebody"><h2>Story Not Found</h2><p>Sorry.</p></div></body></html>');
    expect(r.kind).toBe('error');
  });

  it('reads the rating-filter note as a gate with the rating it names', () => {
    const r = read(
      '<html><body><div id="pagebody"><h2>A Title</h2><p>NOTE: This story is rated FR21 which is above your chosen filter level.</p></div></body></html>',
    );
    expect(r.kind).toBe('gate');
    expect(r.title).toBe('A Title');
    expect(r.rating).toEqual({ level: 'explicit', label: 'FR21', source: 'site' });
  });

  it.each([
    ['https://www.tthfanfic.org/Category-2/BtVS.htm', 'listing'],
    ['https://www.tthfanfic.org/AuthorStories-3449/Greywizard.htm', 'listing'],
    ['https://www.tthfanfic.org/Series-4242', 'listing'],
    ['https://www.tthfanfic.org/FAQ', 'none'],
    ['https://www.tthfanfic.org/News-1287', 'none'],
    ['https://www.tthfanfic.org/Search?q=x', 'listing'],
    ['https://www.tthfanfic.org/', 'none'],
  ])('reads %s as %s', (url, kind) => {
    expect(read('<html><body><h2>Twisting the Hellmouth</h2></body></html>', url).kind).toBe(kind);
  });
});
