import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ao3WorkList as readWorkList, ao3WorkListKind as workListKind } from './work-list';
import { parseHtml } from '../../../scripts/lib/html';

function pageAt(name: string, url: string) {
  return readWorkList(parseHtml(readFileSync(new URL(`./pages/${name}.html`, import.meta.url), 'utf8'), url), url);
}

describe('readWorkList', () => {
  it('reads a series page in series order, with each part and the next page', () => {
    const list = pageAt('series-2196', 'https://archiveofourown.org/series/2196');
    expect(list).toEqual({
      kind: 'series',
      title: 'Small Mercies',
      url: 'https://archiveofourown.org/series/2196',
      works: [
        { url: 'https://archiveofourown.org/works/61000101', title: 'The First Ledger', part: 1 },
        { url: 'https://archiveofourown.org/works/61000202', title: 'A Second Accounting', part: 2 },
        { url: 'https://archiveofourown.org/works/61000303', title: 'Third & Last', part: 3 },
      ],
      next: 'https://archiveofourown.org/series/2196?page=2',
    });
  });

  it('ends on the last page of a series', () => {
    const list = pageAt('series-2196-page2', 'https://archiveofourown.org/series/2196?page=2');
    expect(list?.url).toBe('https://archiveofourown.org/series/2196');
    expect(list?.works.map((w) => [w.part, w.title])).toEqual([[4, 'Coda']]);
    expect(list?.next).toBeNull();
  });

  it("reads a creator's works page, dropping off-site links and repeats", () => {
    const list = pageAt('users-quietcartographer-works', 'https://archiveofourown.org/users/quietcartographer/works');
    expect(list?.kind).toBe('author');
    expect(list?.title).toBe('Works by quietcartographer');
    expect(list?.works).toEqual([
      { url: 'https://archiveofourown.org/works/61000303', title: 'Third & Last', part: null },
      { url: 'https://archiveofourown.org/works/61000101', title: 'The First Ledger', part: null },
      { url: 'https://archiveofourown.org/works/61000505', title: 'Standalone', part: null },
    ]);
    expect(list?.next).toBeNull();
  });

  it('follows only a next page of the same list on the same host', () => {
    const html = (href: string) =>
      `<div id="main"><h2 class="heading">S</h2><ol class="pagination"><li class="next"><a rel="next" href="${href}">Next</a></li></ol></div>`;
    const next = (href: string) =>
      readWorkList(parseHtml(html(href), 'https://archiveofourown.org/series/5'), 'https://archiveofourown.org/series/5')?.next;
    expect(next('/series/5?page=2')).toBe('https://archiveofourown.org/series/5?page=2');
    expect(next('https://evil.example/series/5?page=2')).toBeNull();
    expect(next('/series/6?page=2')).toBeNull();
    expect(next('/series/5?page=x')).toBeNull();
    expect(next('javascript:alert(1)')).toBeNull();
  });

  it('knows series and works pages by their address only', () => {
    expect(workListKind('https://archiveofourown.org/series/12')).toBe('series');
    expect(workListKind('https://archiveofourown.org/users/a/pseuds/b/works')).toBe('author');
    expect(workListKind('https://archiveofourown.org/users/a/works?page=3')).toBe('author');
    expect(workListKind('https://archiveofourown.org/users/a/bookmarks')).toBeNull();
    expect(workListKind('https://archiveofourown.org/works/12')).toBeNull();
    const titled = (url: string) => readWorkList(parseHtml('<p>x</p>', url), url)?.title;
    expect(titled('https://archiveofourown.org/users/a%20b/pseuds/C%C3%A9/works')).toBe('Works by Cé');
    expect(titled('https://archiveofourown.org/users/a%20b/works')).toBe('Works by a b');
    expect(titled('https://archiveofourown.org/users/a%E0/works')).toBe('Works by a%E0');
    expect(readWorkList(parseHtml('<p>x</p>', 'https://archiveofourown.org/works/1'), 'https://archiveofourown.org/works/1')).toBeNull();
  });
});
