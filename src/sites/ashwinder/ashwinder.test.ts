import { describe, expect, it } from 'vitest';
import { ashwinder } from './ashwinder';
import { parseHtml } from '../../../scripts/lib/html';

const BASE = 'https://ashwinder.sycophanthex.com/viewstory.php?sid=';

function doc(body: string, url: string) {
  return parseHtml(`<html><body>${body}</body></html>`, url);
}

function read(body: string, url = `${BASE}5`) {
  return ashwinder.read(doc(body, url), new URL(url));
}

const LINE = '<b><a href="viewstory.php?sid=5">Bitter Draught</a></b> by <b><a href="viewuser.php?uid=9">Nightshade</a></b>';
const TEXT = '<div align="left">He measured twice.</div>';

describe('ashwinder claims', () => {
  it('claims its own host only', () => {
    for (const u of [`${BASE}1`, 'https://ashwinder.sycophanthex.com/viewuser.php?uid=2'])
      expect(ashwinder.claims(doc('', u), new URL(u))).toBe(true);
    for (const u of ['https://sycophanthex.com/viewstory.php?sid=1', 'https://ashwinder.sycophanthex.com.evil.org/viewstory.php?sid=1'])
      expect(ashwinder.claims(doc('', u), new URL(u))).toBe(false);
  });
});

describe('ashwinder pages', () => {
  it('reads a one-chapter story (text, no menu) as a story with no rating', () => {
    const r = read(LINE + TEXT);
    expect(r).toMatchObject({ kind: 'story', title: 'Bitter Draught', author: 'Nightshade', chapter: null });
    expect(r.rating.level).toBe('unknown');
  });

  it('finds the chapter by its own sid when the menu marks none selected', () => {
    const menu =
      '<select><option value="">Chapters</option><option value="viewstory.php?sid=5">1. One</option><option value="viewstory.php?sid=8">2. Two</option></select>';
    const url = `${BASE}8`;
    expect(read(LINE + menu + TEXT, url).chapter).toEqual({ index: 2, count: 2, title: 'Two' });
    const nav = ashwinder.nav(doc(LINE + menu + TEXT, url), new URL(url));
    expect(nav.chapters.map((c) => c.url)).toEqual([`${BASE}5`, `${BASE}8`]);
    expect(nav.prev).toBe(`${BASE}5`);
    expect(nav.next).toBeNull();
  });

  it("lists a page's &i=1 chapter links when it has no menu", () => {
    const links =
      '<a href="viewstory.php?sid=5&amp;i=1">One</a> <a href="viewstory.php?sid=8&amp;i=1">Two</a> <a href="viewstory.php?sid=5">Title</a>';
    const nav = ashwinder.nav(doc(LINE + links, `${BASE}5`), new URL(`${BASE}5`));
    expect(nav.chapters.map((c) => c.title)).toEqual(['One', 'Two']);
  });

  it('is a gate behind the adult-content login, an error without an author, and a listing on browse pages', () => {
    expect(read('<p>This story contains adult content and/or themes.</p><form action="user.php"></form>').kind).toBe('gate');
    expect(read('<p>Access denied. This story has not been validated by the adminstrators of this site.</p>').kind).toBe('error');
    expect(read('', 'https://ashwinder.sycophanthex.com/viewuser.php?uid=9').kind).toBe('listing');
    expect(read('', 'https://ashwinder.sycophanthex.com/index.php').kind).toBe('none');
  });
});
