import { describe, expect, it } from 'vitest';
import { siye } from './siye';
import { parseHtml } from '../../../scripts/lib/html';

const STORY = 'https://www.siye.co.uk/siye/viewstory.php?sid=7';

function doc(body: string, url = STORY) {
  return parseHtml(`<html><body>${body}</body></html>`, url);
}

function read(body: string, url = STORY) {
  return siye.read(doc(body, url), new URL(url));
}

const BYLINE = '<h3>Rain at the Burrow by <a href="viewuser.php?uid=3">Ottery Owl</a></h3>';
const TEXT = '<span style="font-size: 100%;"><p>It rained.</p></span>';
const meta = (rating: string) =>
  `<table width="95%"><tr><td><b>Warnings:</b> None<br><b>Rating:</b> ${rating}<br><b>Summary:</b> Wet.<br></td></tr></table>`;

describe('siye claims', () => {
  it.each(['https://www.siye.co.uk/siye/viewstory.php?sid=1', 'https://siye.co.uk/siye/browse.php?type=recent'])('claims %s', (u) =>
    expect(siye.claims(doc('', u), new URL(u))).toBe(true),
  );
  it.each(['https://siye.co.uk.example.net/siye/viewstory.php?sid=1', 'https://notsiye.co.uk/viewstory.php?sid=1'])('refuses %s', (u) =>
    expect(siye.claims(doc('', u), new URL(u))).toBe(false),
  );
});

describe('siye rating scale', () => {
  it.each([
    ['G', 'general'],
    ['PG', 'general'],
    ['PG-13', 'teen'],
    ['R', 'mature'],
  ])('%s → %s', (label, level) => expect(read(BYLINE + meta(label)).rating).toEqual({ level, label, source: 'site' }));

  it('keeps an unmapped label and calls a page without a rating line unknown', () => {
    expect(read(BYLINE + meta('Ages 15+')).rating).toEqual({ level: 'unknown', label: 'Ages 15+', source: 'site' });
    expect(read(BYLINE + TEXT).rating.level).toBe('unknown');
  });
});

describe('siye pages', () => {
  it('reads a one-shot (text, no chapter menu) as a story, and "None" warnings as none', () => {
    const r = read(BYLINE + meta('PG') + TEXT);
    expect(r.kind).toBe('story');
    expect(r.title).toBe('Rain at the Burrow');
    expect(r.author).toBe('Ottery Owl');
    expect(r.warnings).toEqual([]);
    expect(r.summary).toBe('Wet.');
  });

  it('is an error when the story page names no author (a removed or unknown sid)', () => {
    expect(read('<p>That story does not exist.</p>').kind).toBe('error');
  });

  it('reads listings and other pages', () => {
    expect(read('', 'https://www.siye.co.uk/siye/browse.php?type=recent').kind).toBe('listing');
    expect(read('', 'https://www.siye.co.uk/siye/viewuser.php?uid=3').kind).toBe('listing');
    expect(read('', 'https://www.siye.co.uk/siye/index.php').kind).toBe('none');
  });

  it('navigates by the jump menu and its Previous / Next links', () => {
    const url = `${STORY}&chapter=2`;
    const menu =
      '<form name="jump"><select name="chapter"><option value="1">1. One</option><option value="2" selected>2. Two</option><option value="3">3. Three</option></select></form>';
    const nav = siye.nav(doc(BYLINE + menu + TEXT, url), new URL(url));
    expect(nav.chapters.map((c) => c.url)).toEqual([1, 2, 3].map((k) => `${STORY}&chapter=${k}`));
    expect(nav.prev).toBe(`${STORY}&chapter=1`);
    expect(nav.next).toBe(`${STORY}&chapter=3`);
  });

  it("lists the index's own chapter links, not another story's", () => {
    const links = `<a href="viewstory.php?sid=7&amp;chapter=1">One</a><a href="viewstory.php?sid=7&amp;chapter=2">Two</a><a href="viewstory.php?sid=70&amp;chapter=1">Other</a>`;
    const nav = siye.nav(doc(BYLINE + meta('PG') + links), new URL(STORY));
    expect(nav.chapters.map((c) => c.title)).toEqual(['One', 'Two']);
  });
});
