// @vitest-environment jsdom
/**
 * Importing the reader's lists: the stories each page of AO3's bookmarks, History and Marked for
 * Later and an FFN profile's favourites hold (in page order, the same keys their own pages
 * report), the list's other pages, and the import walking them politely into the reading memory.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { listEntries, listKindOf, listPages, type ImportView } from '../imports/reading-lists';
import { ListImport } from '../imports/list-import';
import { PoliteClock } from '../jobs/polite-clock';
import { rememberOpened } from '../db/memory';
import { storyKey } from '../../warnings/policy';
import { parseHtml } from '../../../scripts/lib/html';
import type { LibraryDb } from '../db/db';
import { freshLibrary } from './library-fixtures';
import { FakeClock, FakeWeb } from './library-web';
import { until } from '../../../tests/lib/wait';

const PAGES = join(import.meta.dirname, '../imports/pages');
const BOOKMARKS = 'https://archiveofourown.org/users/dove/bookmarks';
const BOOKMARKS_2 = `${BOOKMARKS}?page=2`;
const HISTORY = 'https://archiveofourown.org/users/dove/readings';
const PROFILE = 'https://www.fanfiction.net/u/4242/Dove-Writes';
const html = (file: string) => readFileSync(join(PAGES, file), 'utf8');
const page = (file: string, url: string) => parseHtml(html(file), url);
const ao3 = (work: number) => `ao3:archiveofourown.org:${work}`;

describe('reading the lists', () => {
  it('knows each list by its address, and no other page', () => {
    expect(listKindOf(new URL(BOOKMARKS))).toBe('ao3-bookmarks');
    expect(listKindOf(new URL('https://archiveofourown.org/users/dove/pseuds/wren/bookmarks?page=3'))).toBe('ao3-bookmarks');
    expect(listKindOf(new URL(HISTORY))).toBe('ao3-history');
    expect(listKindOf(new URL(`${HISTORY}?show=to-read`))).toBe('ao3-later');
    expect(listKindOf(new URL(PROFILE))).toBe('ffn-favourites');
    expect(listKindOf(new URL('https://archiveofourown.org/bookmarks'))).toBeNull();
    expect(listKindOf(new URL('https://archiveofourown.org/users/dove/works'))).toBeNull();
    expect(listKindOf(new URL('https://evil.example/users/dove/bookmarks'))).toBeNull();
  });

  it('reads the works a bookmarks page holds, in order, leaving out series and external works', () => {
    const one = listEntries(page('ao3-users-dove-bookmarks.html', BOOKMARKS), new URL(BOOKMARKS), 'ao3-bookmarks');
    expect(one.map((e) => [e.id, e.title, e.posted])).toEqual([
      [ao3(52266019), 'Ledger of Small Mercies', 3],
      [ao3(52101177), 'Sunrise, Eventually', expect.any(Number)],
      [ao3(51877340), expect.any(String), expect.any(Number)],
      [ao3(51733902), expect.any(String), expect.any(Number)],
    ]);
    // The key is the one the work's own page reports.
    expect(one[0]!.id).toBe(
      storyKey({ url: 'https://archiveofourown.org/works/52266019/chapters/156798060', site: 'ao3', title: null, author: null }),
    );
    const two = listEntries(page('ao3-users-dove-bookmarks-page2.html', BOOKMARKS_2), new URL(BOOKMARKS_2), 'ao3-bookmarks');
    expect(two.map((e) => e.id)).toEqual([ao3(51699514)]);
  });

  it('reads History with the last visit and the marked-for-later flag, skipping deleted works', () => {
    const entries = listEntries(page('ao3-users-dove-readings.html', HISTORY), new URL(HISTORY), 'ao3-history');
    expect(entries.map((e) => [e.id, e.visitedAt, e.later])).toEqual([
      [ao3(52266019), Date.UTC(2026, 11, 3), false],
      [ao3(51540028), Date.UTC(2026, 11, 1), true],
      [ao3(51402211), Date.UTC(2026, 10, 15), false],
    ]);
  });

  it('reads an FFN profile’s favourites, not the author’s own stories', () => {
    const entries = listEntries(page('ffn-u-4242-profile.html', PROFILE), new URL(PROFILE), 'ffn-favourites');
    expect(entries.map((e) => [e.id, e.title, e.author, e.posted])).toEqual([
      ['ffn:fanfiction.net:1234567', 'WebToEpub', 'writer', 5],
      ['ffn:fanfiction.net:7654321', 'Night Shift', 'nightowl', 12],
      ['ffn:fanfiction.net:1111111', 'Untouched', 'quiet', 3],
    ]);
  });

  it('finds the list’s other pages from its pagination, and only pages of the same list', () => {
    expect(listPages(page('ao3-users-dove-bookmarks.html', BOOKMARKS), new URL(BOOKMARKS))).toEqual([BOOKMARKS, BOOKMARKS_2]);
    expect(listPages(page('ao3-users-dove-bookmarks-page2.html', BOOKMARKS_2), new URL(BOOKMARKS_2))).toEqual([
      BOOKMARKS_2,
      `${BOOKMARKS}?page=1`,
    ]);
    const hostile = parseHtml(
      `<ol class="pagination"><li><a href="https://evil.example/users/dove/bookmarks?page=99">99</a></li><li><a href="/users/dove/works?page=50">50</a></li><li><a href="/users/dove/bookmarks?page=3&amp;show=x">3</a></li></ol>`,
      BOOKMARKS,
    );
    expect(listPages(hostile, new URL(BOOKMARKS))).toEqual([BOOKMARKS, BOOKMARKS_2, `${BOOKMARKS}?page=3`]);
  });
});

describe('the import', () => {
  let db: LibraryDb;
  let clock: FakeClock;
  let web: FakeWeb;
  let views: ImportView[];
  let importer: ListImport;
  /** Requests from now on wait until aborted, as a slow archive's would. */
  let hold: boolean;

  beforeEach(async () => {
    hold = false;
    db = await freshLibrary();
    clock = new FakeClock();
    web = new FakeWeb(clock);
    views = [];
    const politeClock = new PoliteClock(clock.now, clock.sleep);
    const fetch = (url: string, signal: AbortSignal) =>
      hold ? new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))) : web.fetch(url, signal);
    importer = new ListImport({
      db,
      win: window,
      fetch,
      clock: politeClock,
      now: clock.now,
      sleep: clock.sleep,
      onChange: (v) => views.push(v),
    });
  });

  const finished = () => until(async () => ['done', 'failed', 'cancelled'].includes(importer.current()?.state ?? ''), 'the import ends');

  it('remembers the open page at once, then fetches the list’s other pages one by one, a second apart', async () => {
    const first = await importer.start({ url: BOOKMARKS, html: html('ao3-users-dove-bookmarks.html') }, 'read');
    expect(first).toMatchObject({ name: 'AO3 bookmarks', page: 1, pages: 2, found: 4, added: 4, state: 'running' });
    await finished();
    expect(importer.current()).toMatchObject({ state: 'done', page: 2, pages: 2, found: 5, added: 5 });
    // The open page is the reader's own: only page 2 is fetched, after the polite spacing.
    expect(web.requests.map((r) => r.url)).toEqual([BOOKMARKS_2]);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(1000);
    const ledger = await db.get('memory', ao3(52266019));
    expect(ledger).toMatchObject({ state: 'caught-up', chapter: 3, chapters: 3, chosen: false, title: 'Ledger of Small Mercies' });
    expect(await db.get('memory', ao3(51699514))).toBeDefined();
  });

  it('keeps what the memory knows, and takes bookmarks as wanted when the reader says so', async () => {
    await rememberOpened(db, {
      id: ao3(52266019),
      site: 'ao3',
      url: 'https://archiveofourown.org/works/52266019',
      title: 'Ledger of Small Mercies',
      author: null,
      chapter: 1,
      chapters: 3,
      at: 5,
    });
    await importer.start({ url: BOOKMARKS, html: html('ao3-users-dove-bookmarks.html') }, 'want');
    await finished();
    expect(importer.current()).toMatchObject({ found: 5, added: 4 });
    expect(await db.get('memory', ao3(52266019))).toMatchObject({ state: 'reading', chapter: 1, seenAt: 5 });
    expect(await db.get('memory', ao3(52101177))).toMatchObject({ state: 'want', chosen: true, chapter: null });
  });

  it('remembers History as opened (or wanted, when marked for later), on the day it was last visited', async () => {
    await importer.start({ url: HISTORY, html: html('ao3-users-dove-readings.html') }, 'read');
    await finished();
    expect(web.requests).toEqual([]);
    expect(await db.get('memory', ao3(52266019))).toMatchObject({ state: 'reading', chapter: null, seenAt: Date.UTC(2026, 11, 3) });
    expect(await db.get('memory', ao3(51540028))).toMatchObject({ state: 'want', chosen: true });
  });

  it('stops at a page that comes back without the list (logged out), keeping what it read', async () => {
    web.route(BOOKMARKS_2, {
      html: '<html><body><form action="/users/login"><input name="user[login]"></form></body></html>',
      url: 'https://archiveofourown.org/users/login',
    });
    await importer.start({ url: BOOKMARKS, html: html('ao3-users-dove-bookmarks.html') }, 'read');
    await finished();
    expect(importer.current()).toMatchObject({ state: 'failed', added: 4 });
    expect(importer.current()!.message).toMatch(/did not show page 2 of the list: log in there/);
    expect(await db.count('memory')).toBe(4);
  });

  it('waits as long as a busy archive asks, then goes on', async () => {
    web.route(BOOKMARKS_2, { status: 429, headers: { 'Retry-After': '30' } }, { html: html('ao3-users-dove-bookmarks-page2.html') });
    await importer.start({ url: BOOKMARKS, html: html('ao3-users-dove-bookmarks.html') }, 'read');
    await finished();
    expect(views.some((v) => v.state === 'waiting' && /busy/.test(v.message ?? ''))).toBe(true);
    expect(clock.sleeps).toContain(30_000);
    expect(importer.current()).toMatchObject({ state: 'done', found: 5 });
  });

  it('refuses a page that is not a list, and a second import while one runs', async () => {
    await expect(importer.start({ url: 'https://archiveofourown.org/works/1', html: '<p>no</p>' }, 'read')).rejects.toThrow(/not a list/);
    hold = true;
    // Two clicks at once: the second is refused before the first has read its page.
    const first = importer.start({ url: BOOKMARKS, html: html('ao3-users-dove-bookmarks.html') }, 'read');
    await expect(importer.start({ url: HISTORY, html: html('ao3-users-dove-readings.html') }, 'read')).rejects.toThrow(/running already/);
    await first;
    await expect(importer.start({ url: HISTORY, html: html('ao3-users-dove-readings.html') }, 'read')).rejects.toThrow(/running already/);
  });

  it('stops when asked, keeping the stories read so far', async () => {
    hold = true;
    await importer.start({ url: BOOKMARKS, html: html('ao3-users-dove-bookmarks.html') }, 'read');
    await until(async () => clock.sleeps.length === 1, 'page 2 on its way');
    importer.stop();
    await finished();
    expect(importer.current()).toMatchObject({ state: 'cancelled', added: 4 });
    expect(await db.count('memory')).toBe(4);
  });

  it('imports an FFN profile’s favourites from the page alone', async () => {
    const view = await importer.start({ url: PROFILE, html: html('ffn-u-4242-profile.html') }, 'read');
    await finished();
    expect(view).toMatchObject({ pages: 1, found: 3 });
    expect(web.requests).toEqual([]);
    expect(await db.get('memory', 'ffn:fanfiction.net:7654321')).toMatchObject({ state: 'caught-up', chapter: 12 });
    expect(await db.get('memory', 'ffn:fanfiction.net:9990001')).toBeUndefined();
  });
});
