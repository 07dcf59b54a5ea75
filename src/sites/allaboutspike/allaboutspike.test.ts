import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../scripts/lib/html';
import { allaboutspike } from './allaboutspike';

const FIC = 'http://www.allaboutspike.com/fic.html?id=96';

function read(body: string, url = FIC, title = 'All About Spike') {
  const doc = parseHtml(`<html><head><title>${title}</title></head><body>${body}</body></html>`, url);
  return allaboutspike.read(doc, new URL(url));
}

function fic(header = '', extra = '') {
  return `<font size="2"><p align="center"><font size="4"><b>Salt Roads</b></font><br>
    By <a href="author.html?id=77">Ashling Vey</a></p>${extra}
    ${header ? `<p>${header}</p>` : ''}
    <p>The Desoto made it as far as Barstow.</p><p>So he did that.</p></font>`;
}

describe('allaboutspike claims', () => {
  const doc = parseHtml('<html><body></body></html>', FIC);
  it.each([
    'http://www.allaboutspike.com/fic.html?id=562',
    'http://allaboutspike.com/print.html?id=33',
    'http://www.allaboutspike.com/index.html',
  ])('claims %s', (u) => expect(allaboutspike.claims(doc, new URL(u))).toBe(true));
  it.each([
    'http://notallaboutspike.com/fic.html?id=1',
    'https://archiveofourown.org/works/168768',
    'https://www.royalroad.com/fiction/555/great-story',
    'https://forums.spacebattles.com/threads/x.1/reader/',
  ])('refuses %s', (u) => expect(allaboutspike.claims(doc, new URL(u))).toBe(false));
  it('lists only the archive hosts', () => {
    expect(allaboutspike.hosts).toEqual(['*://allaboutspike.com/*', '*://*.allaboutspike.com/*']);
  });
});

describe('allaboutspike read', () => {
  it('reads a one-part fic without a rating line as an unrated story', () => {
    const r = read(fic());
    expect(r.kind).toBe('story');
    expect(r.title).toBe('Salt Roads');
    expect(r.author).toBe('Ashling Vey');
    expect(r.rating).toEqual({ level: 'unknown', label: null, source: 'none' });
    expect(r.chapter).toBeNull();
  });

  it.each([
    ['NC-17', 'explicit'],
    ['PG-13', 'teen'],
    ['R', 'mature'],
    ['PG', 'general'],
    ['FRAO', 'unknown'],
  ])('maps "Rating: %s" from the author header', (label, level) => {
    const r = read(fic(`<b>Summary:</b> Road trip.<br><b>Rating:</b> ${label}<br><b>Disclaimer:</b> Not mine.`));
    expect(r.rating).toEqual({ level, label, source: 'site' });
    expect(r.summary).toBe('Road trip.');
  });

  it('splits an author warning line and treats "None" as no warnings', () => {
    expect(read(fic('<b>Warnings:</b> Violence, character death')).warnings).toEqual(['Violence', 'character death']);
    expect(read(fic('<b>Warning:</b> None')).warnings).toEqual([]);
  });

  it('ignores a "Rating:" line deep in the story text', () => {
    const paras = Array.from({ length: 20 }, (_, i) => `<p>Paragraph ${i}.</p>`).join('');
    const r = read(fic('', '') + paras + '<p>Rating: NC-17 was on the motel sign.</p>');
    expect(r.rating.source).toBe('none');
  });

  it('reads the chapter list: bold current chapter, highest number as the count', () => {
    const list = '<p>Chapter: 1 2 <b>3</b> <a href="fic.html?id=96&amp;chapter=4">4</a> <a href="x">5</a></p>';
    const r = read(fic('<b>Rating:</b> R', list));
    expect(r.kind).toBe('chapter');
    expect(r.chapter).toEqual({ index: 3, count: 5, title: null });
  });

  it('prefers the chapter named in the URL', () => {
    const list = '<p>Chapter: <a href="a">1</a> <b>2</b> <a href="b">3</a></p>';
    expect(read(fic('', list), `${FIC}&chapter=2`).chapter).toEqual({ index: 2, count: 3, title: null });
  });

  it('falls back to the document title when there is no byline', () => {
    const r = read('<p>Some text.</p>', FIC, 'All About Spike - Lost Boys by Jane Roe');
    expect(r.kind).toBe('story');
    expect(r.title).toBe('Lost Boys');
    expect(r.author).toBe('Jane Roe');
  });

  it('keeps " by " inside a title from the document title', () => {
    const r = read('<p>Some text.</p>', FIC, 'All About Spike - Stand by Me by Jane Roe');
    expect(r.title).toBe('Stand by Me');
    expect(r.author).toBe('Jane Roe');
  });

  it('calls a fic URL with no fic on it an error', () => {
    expect(read('<p>No such story.</p>').kind).toBe('error');
  });

  it('reads site pages: fic lists are listings, the rest none', () => {
    const list = '<a href="fic.html?id=1">A</a> <a href="fic.html?id=2">B</a> <a href="fic.html?id=3">C</a>';
    expect(read(list, 'http://www.allaboutspike.com/author.html?id=77').kind).toBe('listing');
    expect(read('<a href="sitemap.html">Site Map</a>', 'http://www.allaboutspike.com/index.html').kind).toBe('none');
  });
});
