import { describe, expect, it } from 'vitest';
import { hpff } from './hpff';
import { parseHtml } from '../../../scripts/lib/html';

const INDEX = 'https://harrypotterfanfiction.com/viewstory.php?psid=500';
const CHAPTER = 'https://harrypotterfanfiction.com/viewstory.php?chapterid=9002';
const UNRATED = { level: 'unknown', label: null, source: 'none' };

function doc(html: string, url = INDEX) {
  return parseHtml(`<html><body>${html}</body></html>`, url);
}

function read(html: string, url = INDEX) {
  return hpff.read(doc(html, url), new URL(url));
}

function claims(url: string) {
  return hpff.claims(doc('', url), new URL(url));
}

const HEADING = '<h2>Nine Owls <i><a href="viewuser.php?uid=7">by Quill</a></i></h2>';
const entry = (key: string, value: string) =>
  `<div class="entry"><div class="entry__key">${key}</div><div class="entry__value">${value}</div></div>`;
const TABLE =
  '<table class="table-chapters"><tbody><tr><td><a href="viewstory.php?chapterid=9001">1. One</a></td><td></td><td>900</td></tr></tbody></table>';

describe('hpff claims', () => {
  it.each([INDEX, CHAPTER, 'http://www.harrypotterfanfiction.com/viewstory.php?psid=1', 'https://harrypotterfanfiction.com/browse.php'])(
    'claims %s',
    (url) => expect(claims(url)).toBe(true),
  );

  it.each([
    'https://harrypotterfanfiction.com.example.org/viewstory.php?psid=1',
    'https://notharrypotterfanfiction.com/viewstory.php?psid=1',
    'https://www.fanfiction.net/s/1/1/',
    'https://www.potionsandsnitches.org/fanfiction/viewstory.php?sid=1',
  ])('refuses %s', (url) => expect(claims(url)).toBe(false));
});

describe('hpff rating', () => {
  it.each([
    ['General', 'general'],
    ['12+', 'teen'],
    ['15+', 'mature'],
    ['Mature', 'explicit'],
    ['18+', 'explicit'],
    ['Unrated', 'unknown'],
  ])('maps %s to %s, keeping the label', (label, level) => {
    expect(read(HEADING + entry('Rating', label) + TABLE).rating).toEqual({ level, label, source: 'site' });
  });

  it('leaves a page without a rating unknown, never general', () => {
    expect(read(HEADING + TABLE).rating).toEqual(UNRATED);
  });
});

describe('hpff read', () => {
  it('reads the index: title without byline, author without "by", the metadata pairs', () => {
    const r = read(
      HEADING + entry('Advisory', 'Mild Violence, Language') + entry('Words', '1,234') + entry('Characters', 'Luna, Neville') + TABLE,
    );
    expect(r).toMatchObject({ kind: 'index', title: 'Nine Owls', author: 'Quill', warnings: ['Mild Violence', 'Language'], words: 1234 });
    expect(r.tags).toEqual(['Luna', 'Neville']);
  });

  it('reads a one-chapter story page without a chapter menu as the story', () => {
    const r = read(HEADING + '<div class="storytext-container"><p>Text.</p></div>', CHAPTER);
    expect(r.kind).toBe('story');
    expect(r.chapter).toBeNull();
  });

  it('finds the chapter by the menu when no option is selected', () => {
    const menu = '<select name="chapterid"><option value="9001">1. One</option><option value="9002">2. Two</option></select>';
    const r = read(HEADING + menu + '<div class="storytext-container"><p>Text.</p></div>', CHAPTER);
    expect(r.chapter).toEqual({ index: 2, count: 2, title: 'Two' });
    expect(hpff.nav(doc(HEADING + menu, CHAPTER), new URL(CHAPTER)).prev).toBe(
      'https://harrypotterfanfiction.com/viewstory.php?chapterid=9001',
    );
  });

  it('reads the restricted notice as an explicit gate that continues with &showRestricted', () => {
    const page = doc(HEADING + '<p>This story may contain chapters not appropriate for a general audience.</p>');
    expect(hpff.read(page, new URL(INDEX))).toMatchObject({ kind: 'gate', title: 'Nine Owls', rating: { level: 'explicit', label: null } });
    expect(hpff.adultGate!(page, new URL(INDEX))).toBe(INDEX + '&showRestricted');
    expect(hpff.adultGate!(doc(HEADING + TABLE), new URL(INDEX))).toBeNull();
  });

  it.each([
    ['<p>ERROR locating story meta for psid 500</p>', INDEX, 'error'],
    ['<p>Nothing here.</p>', INDEX, 'error'],
    ['<p>x</p>', 'https://harrypotterfanfiction.com/viewuser.php?uid=7', 'listing'],
    ['<p>x</p>', 'https://harrypotterfanfiction.com/search.php?q=owl', 'listing'],
    ['<p>x</p>', 'https://harrypotterfanfiction.com/', 'none'],
    ['<p>x</p>', 'https://harrypotterfanfiction.com/viewstory.php', 'none'],
  ])('reads %s at %s as %s', (html, url, kind) => {
    expect(read(html, url).kind).toBe(kind);
  });
});
