import { describe, expect, it } from 'vitest';
import { mediaminer, mediaminerLevel, statedWords } from './mediaminer';
import { parseHtml } from '../../../scripts/lib/html';

const INDEX = 'https://www.mediaminer.org/fanfic/s/ranma-fan-fiction/quiet-dojo/555';
const CHAPTER = 'https://www.mediaminer.org/fanfic/c/ranma-fan-fiction/quiet-dojo/555/902';

function read(html: string, url = INDEX) {
  return mediaminer.read(parseHtml(html, url), new URL(url));
}

function claims(url: string) {
  return mediaminer.claims(parseHtml('<html><body></body></html>', url), new URL(url));
}

function page(rating: string, body = '') {
  return `<html><body><h1 id="post-title">Ranma 1/2 Fan Fiction &#10095; Quiet Dojo &#10095; Chapter 2: Rain</h1>${rating}
<div class="post-meta"><a href="/user_info.php/7">Akane_Fan</a><br/>A summary.<br/><b>Words:</b> 1.0M | <b>Status:</b> Completed</div>${body}</body></html>`;
}

const MENU =
  '<select name="cid"><option value="901">One</option><option value="902">Two</option><option value="903">Three</option></select>';

describe('mediaminer claims', () => {
  it.each([INDEX, CHAPTER, 'https://mediaminer.org/fanfic/view_st.php/76882', 'https://www.mediaminer.org/fanfic/a/ranma/567'])(
    'claims %s',
    (url) => expect(claims(url)).toBe(true),
  );

  it.each(['https://notmediaminer.org/fanfic/s/x/1', 'https://mediaminer.org.example.com/fanfic/s/x/1', 'https://www.fanfiction.net/s/1'])(
    'refuses %s',
    (url) => expect(claims(url)).toBe(false),
  );
});

describe('mediaminer rating scale', () => {
  it.each([
    ['G', 'general'],
    ['PG - Parental Guidance', 'general'],
    ['PG-13', 'teen'],
    ['R - Restricted', 'mature'],
    ['NC-17', 'explicit'],
    ['A - All Readers', 'general'],
    ['P - Pre-Teen', 'general'],
    ['T - Teen', 'teen'],
    ['M - Mature', 'mature'],
    ['X - Adult', 'explicit'],
    ['X', 'unknown'],
    ['Q - Questionable', 'unknown'],
  ])('%s → %s', (label, level) => expect(mediaminerLevel(label)).toBe(level));

  it('reads the bracketed label and keeps it; a page without one is unknown', () => {
    expect(read(page('<div id="post-rating">[ R - Restricted ]</div>')).rating).toEqual({
      level: 'mature',
      label: 'R - Restricted',
      source: 'site',
    });
    expect(read(page('<div id="post-rating">[ Q - Questionable ]</div>')).rating).toEqual({
      level: 'unknown',
      label: 'Q - Questionable',
      source: 'site',
    });
    expect(read(page('')).rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });
});

describe('mediaminer pages', () => {
  it.each([
    ['812', 812],
    ['4.2K', 4200],
    ['1.0M', 1_000_000],
  ])('reads "Words: %s" as %i', (words, n) => expect(statedWords(`Chapters: 3 | Words: ${words} | Status: Completed`)).toBe(n));

  it('reads the index: title after the category, summary, stated words', () => {
    const r = read(page('<div id="post-rating">[ NC-17 ]</div>'));
    expect(r.kind).toBe('index');
    expect(r.title).toBe('Quiet Dojo');
    expect(r.author).toBe('Akane_Fan');
    expect(r.summary).toBe('A summary.');
    expect(r.words).toBe(1_000_000);
    expect(r.rating.level).toBe('explicit');
    const list = '<p style="margin-left:10px;"><a href="/fanfic/c/r/q/555/901">One</a><br/><a href="/fanfic/c/r/q/555/902">Two</a></p>';
    expect(mediaminer.nav(parseHtml(page('', list), INDEX), new URL(INDEX)).chapters.map((c) => [c.title, c.url])).toEqual([
      ['One', 'https://www.mediaminer.org/fanfic/c/r/q/555/901'],
      ['Two', 'https://www.mediaminer.org/fanfic/c/r/q/555/902'],
    ]);
  });

  it("reads a chapter's place from the menu and its title from the heading", () => {
    const r = read(page('', `${MENU}<div id="fanfic-text"><p>T</p></div>`), CHAPTER);
    expect(r.kind).toBe('chapter');
    expect(r.chapter).toEqual({ index: 2, count: 3, title: 'Chapter 2: Rain' });
    expect(r.words).toBeNull();
    const nav = mediaminer.nav(parseHtml(page('', MENU), CHAPTER), new URL(CHAPTER));
    expect(nav.prev).toBe('https://www.mediaminer.org/fanfic/c/ranma-fan-fiction/quiet-dojo/555/901');
    expect(nav.next).toBe('https://www.mediaminer.org/fanfic/c/ranma-fan-fiction/quiet-dojo/555/903');
  });

  it('is an error without the heading or without the chapter text, a listing on category and genre pages', () => {
    expect(read('<html><body><p>Story not found.</p></body></html>').kind).toBe('error');
    expect(read(page(''), CHAPTER).kind).toBe('error');
    expect(read('<html><body></body></html>', 'https://www.mediaminer.org/fanfic/a/ranma/567').kind).toBe('listing');
    expect(read('<html><body></body></html>', 'https://www.mediaminer.org/fanfic/src.php/g/7').kind).toBe('listing');
    expect(read('<html><body></body></html>', 'https://www.mediaminer.org/user_info.php/7').kind).toBe('none');
  });
});
