import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHtml } from '../../../scripts/lib/html';
import { splitPosts, threadBase, threadmarkRuns } from './threadmarks';
import { xenforo } from './xenforo';

const PAGES = join(import.meta.dirname, 'pages');
const SV = 'https://forums.sufficientvelocity.com/threads/the-cartographers-apprentice.118204/';
const PAGE_17 = `${SV}page-17`;
const load = (name: string, url: string) => parseHtml(readFileSync(join(PAGES, name), 'utf8'), url);
const thread17 = () => load('sufficientvelocity-the-cartographers-apprentice-118204-thread-page-17.html', PAGE_17);

function menus(...cats: [id: string, name: string][]) {
  const buttons = cats
    .map(
      ([id, name]) =>
        `<a class="button--link menuTrigger button" href="/threads/t.9/threadmarks?threadmark_category=${id}" title="${name}" data-categoryId="${id}">${name}</a>`,
    )
    .join('');
  return parseHtml(
    `<html id="XF"><body><div class="block-outer-main--threadmarks">${buttons}</div></body></html>`,
    'https://forums.spacebattles.com/threads/t.9/page-3',
  );
}

describe('threadmark categories as runs of reader pages', () => {
  it('names each category by the kind a reader chooses, in the forum’s order, once each', () => {
    const doc = menus(
      ['1', 'Threadmarks'],
      ['16', 'Sidestory'],
      ['13', 'Apocrypha'],
      ['4', 'Informational'],
      ['10', 'Media'],
      ['7', 'Staff Post'],
      ['16', 'Sidestory'],
    );
    const runs = threadmarkRuns(doc, new URL('https://forums.spacebattles.com/threads/t.9/page-3'))!;
    expect(runs.map((r) => [r.kind, r.name])).toEqual([
      ['story', 'Threadmarks'],
      ['sidestory', 'Sidestory'],
      ['apocrypha', 'Apocrypha'],
      ['informational', 'Informational'],
      ['media', 'Media'],
      ['other', 'Staff Post'],
    ]);
    expect(runs[0]!.url).toBe('https://forums.spacebattles.com/threads/t.9/reader/');
    expect(runs[1]!.url).toBe('https://forums.spacebattles.com/threads/t.9/reader/page-1?threadmark_category=16');
  });

  it('reads "Omake" and "Side Story" as the kinds they are, and category 1 as the story whatever its name', () => {
    const runs = threadmarkRuns(
      menus(['1', 'Chapters'], ['5', 'Omake'], ['6', 'Side Story']),
      new URL('https://forums.spacebattles.com/threads/t.9/'),
    )!;
    expect(runs.map((r) => r.kind)).toEqual(['story', 'apocrypha', 'sidestory']);
  });

  it('reads the threadmark list’s category tabs', () => {
    const url = 'https://www.alternatehistory.com/forum/threads/a-lantern-on-the-tagus-a-portuguese-republic-in-1891.531877/threadmarks';
    const runs = threadmarkRuns(load('alternatehistory-a-lantern-on-the-tagus-531877-threadmarks.html', url), new URL(url))!;
    const base = 'https://www.alternatehistory.com/forum/threads/a-lantern-on-the-tagus-a-portuguese-republic-in-1891.531877/';
    expect(runs).toEqual([
      { kind: 'story', name: 'Threadmarks', url: `${base}reader/` },
      { kind: 'informational', name: 'Informational', url: `${base}reader/page-1?threadmark_category=3` },
    ]);
  });

  it('gives no runs off a thread, nor on a thread page without threadmarks', () => {
    expect(threadmarkRuns(menus(), new URL('https://forums.spacebattles.com/forums/creative-writing.18/'))).toBeNull();
    expect(threadmarkRuns(menus(), new URL('https://forums.spacebattles.com/threads/t.9/'))).toBeNull();
  });

  it('finds the thread’s own address under a board’s folder, and for a thread without a slug', () => {
    expect(threadBase(new URL('https://www.alternatehistory.com/forum/threads/x.531877/page-4#post-9'))).toBe(
      'https://www.alternatehistory.com/forum/threads/x.531877/',
    );
    expect(threadBase(new URL('https://forums.spacebattles.com/threads/555/threadmarks?category_id=1'))).toBe(
      'https://forums.spacebattles.com/threads/555/',
    );
  });
});

describe('a thread page with threadmarked posts among the replies', () => {
  it('reads as a chapter of the thread, its threadmarked posts the reader’s text and no reply', () => {
    const doc = thread17();
    expect(xenforo.read(doc, new URL(PAGE_17))).toMatchObject({
      kind: 'chapter',
      title: "The Cartographer's Apprentice",
      author: 'Inkwell Tern',
    });
    const body = xenforo
      .extract(doc, new URL(PAGE_17))!
      .body.map((n) => n.textContent ?? '')
      .join('\n');
    expect(body).toContain('Chapter 2: Contour Lines');
    expect(body).toContain('Omake: The Brass Warmer');
    for (const reply of ['unheated attic', 'secret-keeper energy', 'Seconding the warmer']) expect(body).not.toContain(reply);
    expect(body.indexOf('Contour')).toBeLessThan(body.indexOf('Omake'));
  });

  it('saves each threadmarked post as its own chapter, under its label and permalink, unnumbered', () => {
    const chapters = splitPosts(thread17(), new URL(PAGE_17))!;
    expect(chapters.map((c) => [c.title, c.url, c.number])).toEqual([
      ['Chapter 2: Contour Lines', `${SV}post-30177845`, null],
      ['Omake: The Brass Warmer', `${SV}post-30179012`, null],
    ]);
  });

  it('navigates from the threadmark before its first post to the one after its last', () => {
    expect(xenforo.nav(thread17(), new URL(PAGE_17))).toMatchObject({ prev: `${SV}post-30115502`, next: `${SV}post-30241190` });
  });
});
