import { describe, expect, it } from 'vitest';
import { nifty } from './nifty';
import { parseHtml } from '../../../scripts/lib/html';
import { readFullPage } from '../../reader/view';

const FOLDER = 'https://www.nifty.org/nifty/gay/romance/paper-boats/';
const PART = FOLDER + 'paper-boats-3';
const EXPLICIT = { level: 'explicit', label: null, source: 'site' };

function textFile(text: string, url = PART) {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return parseHtml(
    `<html><head></head><body><pre style="word-wrap: break-word; white-space: pre-wrap;">${escaped}</pre></body></html>`,
    url,
  );
}

function read(text: string, url = PART) {
  return nifty.read(textFile(text, url), new URL(url));
}

function readHtml(html: string, url: string) {
  return nifty.read(parseHtml(`<html><body>${html}</body></html>`, url), new URL(url));
}

function claims(url: string) {
  return nifty.claims(parseHtml('<p></p>', url), new URL(url));
}

describe('nifty claims', () => {
  it.each([PART, 'https://nifty.org/nifty/', 'http://www.nifty.org/nifty/gay/college/x/x-1'])('claims %s', (url) =>
    expect(claims(url)).toBe(true),
  );

  it.each(['https://www.notnifty.org/nifty/x', 'https://nifty.org.example.com/nifty/x', 'https://www.nifty.com/nifty/x'])(
    'refuses %s',
    (url) => expect(claims(url)).toBe(false),
  );
});

describe('nifty text files', () => {
  it('reads the mail headers: title without the part number, author without the address', () => {
    const r = read('Date: Mon, 3 Feb 2025\nFrom: Sam Reed <sam@example.org>\nSubject: Paper Boats - Chapter 3\n\nThe river ran high.');
    expect(r.kind).toBe('chapter');
    expect(r.title).toBe('Paper Boats');
    expect(r.author).toBe('Sam Reed');
    expect(r.rating).toEqual(EXPLICIT);
    expect(r.chapter).toEqual({ index: 3, count: null, title: null });
  });

  it('keeps a number in the title that is not the part number', () => {
    expect(read('From: a@example.org\nSubject: Summer 1994 3\n\nText.').title).toBe('Summer 1994');
    expect(read('From: a@example.org\nSubject: Summer 1994\n\nText.', FOLDER.replace('paper-boats/', 'summer-1994')).title).toBe(
      'Summer 1994',
    );
  });

  it('names an author given only by address, and a file without headers by its name', () => {
    expect(read('From: quietwriter@example.org\nSubject: T 3\n\nText.').author).toBe('quietwriter');
    const bare = read('Just a story.', 'https://www.nifty.org/nifty/gay/romance/one-quiet-night');
    expect(bare).toMatchObject({ kind: 'story', title: 'one quiet night', author: null, rating: EXPLICIT });
  });

  it('reflows the text into paragraphs and leaves the headers out of it', () => {
    const doc = textFile('Date: today\nFrom: Sam <s@example.org>\nSubject: T 3\n\nOne line\nwrapped here.\n\n  Second paragraph.\n');
    expect(readFullPage(doc, PART, { content: true }).content?.text).toBe('One line wrapped here.\nSecond paragraph.');
  });

  it('guesses the neighbouring parts from the numbering', () => {
    expect(nifty.nav(textFile('x'), new URL(PART))).toEqual({
      prev: FOLDER + 'paper-boats-2',
      next: FOLDER + 'paper-boats-4',
      chapters: [],
    });
    expect(nifty.nav(textFile('x'), new URL(FOLDER + 'paper-boats-1')).prev).toBeNull();
  });
});

describe('nifty directories', () => {
  const listing = (hrefs: string[]) => hrefs.map((h, i) => `<a href="${h}">Paper Boats ${i + 1}</a>`).join('<br>');

  it('reads a story folder listing its own numbered files as the index', () => {
    const r = readHtml(listing(['paper-boats-1', 'paper-boats-2']), FOLDER);
    expect(r).toMatchObject({ kind: 'index', title: 'Paper Boats', rating: EXPLICIT });
    expect(
      nifty.nav(parseHtml(listing(['paper-boats-1', 'paper-boats-2', '../other/']), FOLDER), new URL(FOLDER)).chapters.map((c) => c.url),
    ).toEqual([FOLDER + 'paper-boats-1', FOLDER + 'paper-boats-2']);
  });

  it('reads a folder of other stories as a listing', () => {
    expect(readHtml(listing(['paper-boats/', 'other-story']), 'https://www.nifty.org/nifty/gay/romance/').kind).toBe('listing');
    expect(readHtml(listing(['a-1', 'b-2']), FOLDER).kind).toBe('listing');
  });

  it.each([
    ['<h1>404 Not Found</h1>', PART, 'error'],
    ['<p>Donate</p>', 'https://www.nifty.org/nifty/donate.html', 'none'],
    ['<p>Welcome</p>', 'https://www.nifty.org/', 'none'],
  ])('reads %s at %s as %s', (html, url, kind) => {
    expect(readHtml(html, url).kind).toBe(kind);
  });
});
