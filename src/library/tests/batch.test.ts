// @vitest-environment jsdom
/**
 * Batch saves: an AO3 series page's works saved one story job after another, in series order,
 * the list's next page read first, each work's part kept; only the works the library lacks when
 * asked; carried on by a runner started after a kill; a failing work noted while the rest go on.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LibraryDb } from '../db/db';
import { POLITE } from '../jobs/polite-clock';
import { Runner } from '../jobs/runner';
import { freshLibrary } from './library-fixtures';
import { FakeClock, FakeWeb, corpusHtml, fakeDeps } from './library-web';

let db: LibraryDb;
let clock: FakeClock;
let web: FakeWeb;

vi.setConfig({ testTimeout: 30_000 });

const SERIES = 'https://archiveofourown.org/series/2196';
const PAGE_2 = `${SERIES}?page=2`;
const WORKS = [
  { id: '61000101', title: 'The First Ledger' },
  { id: '61000202', title: 'A Second Accounting' },
  { id: '61000303', title: 'Third & Last' },
  { id: '61000404', title: 'Coda' },
];
const workUrl = (id: string) => `https://archiveofourown.org/works/${id}`;
const SINGLE = corpusHtml('https://archiveofourown.org/works/235');

/** A one-chapter AO3 work page with this id and title. */
const workHtml = (id: string, title: string) =>
  SINGLE.replaceAll('Single-Chapter Story', title.replace('&', '&amp;')).replaceAll('/works/235', `/works/${id}`);

beforeEach(async () => {
  db = await freshLibrary();
  clock = new FakeClock();
  web = new FakeWeb(clock);
  for (const w of WORKS) web.route(workUrl(w.id), { html: workHtml(w.id, w.title) });
});
afterEach(() => db.close());

const runner = () => new Runner(fakeDeps(db, web, clock).deps);
const seriesSnapshot = () => ({ url: SERIES, html: corpusHtml(SERIES) });
const batch = (r: Runner, onlyNew = false) =>
  r.enqueueBatch({ snapshot: seriesSnapshot(), site: 'ao3', onlyNew, followAdultGate: false, runs: ['story'] });
const storyId = (id: string) => `ao3:archiveofourown.org:${id}`;

async function savedSeries() {
  const stories = await db.getAll('stories');
  return stories.map((s) => [s.id, s.meta.title, s.meta.series?.part, s.meta.series?.title]).sort((a, b) => Number(a[2]) - Number(b[2]));
}

describe('a batch save of an AO3 series', () => {
  it('reads the next page of the list, then saves each work in series order, politely', async () => {
    const r = runner();
    const id = await batch(r);
    await r.resume();
    const jobs = await r.jobs();
    expect(jobs.find((j) => j.id === id)).toMatchObject({
      scope: 'batch',
      title: 'Small Mercies',
      state: 'done',
      outcome: 'saved',
      done: 4,
      total: 4,
      message: 'Saved 4 of 4 stories.',
    });
    expect(web.requests.map((q) => q.url)).toEqual([PAGE_2, ...WORKS.map((w) => workUrl(w.id))]);
    const gaps = web.requests.slice(1).map((q, i) => q.at - web.requests[i]!.at);
    expect(gaps.every((g) => g >= POLITE.spacingMs)).toBe(true);
    // One story job per work, started in series order.
    const stories = jobs.filter((j) => j.scope === 'story').reverse();
    expect(stories.map((j) => [j.url, j.state])).toEqual(WORKS.map((w) => [workUrl(w.id), 'done']));
    expect(await savedSeries()).toEqual(WORKS.map((w, i) => [storyId(w.id), w.title, i + 1, 'Small Mercies']));
  });

  it('saves only the works the library lacks when asked', async () => {
    const r = runner();
    await r.enqueueUrl(workUrl('61000202'), 'A Second Accounting', false);
    await r.resume();
    const before = web.requests.length;
    const id = await batch(r, true);
    await r.resume();
    expect(web.requests.slice(before).map((q) => q.url)).toEqual([PAGE_2, workUrl('61000101'), workUrl('61000303'), workUrl('61000404')]);
    expect((await r.jobs()).find((j) => j.id === id)).toMatchObject({ state: 'done', done: 3, total: 3, message: 'Saved 3 of 3 stories.' });
  });

  it('refuses a batch of nothing new', async () => {
    web.route(PAGE_2, { html: '<div id="main"><h2 class="heading">Small Mercies</h2></div>' });
    const html = corpusHtml(SERIES).replace(/<li class="next">.*?<\/li>/g, '');
    const r = runner();
    for (const w of WORKS.slice(0, 3)) await r.enqueueUrl(workUrl(w.id), w.title, false);
    await r.resume();
    await expect(
      r.enqueueBatch({ snapshot: { url: SERIES, html }, site: 'ao3', onlyNew: true, followAdultGate: false, runs: [] }),
    ).rejects.toThrow('Every story on this page is in your library already.');
  });

  it('goes on past a work that fails, and says which', async () => {
    web.route(workUrl('61000202'), { status: 404, html: '<title>404</title><h1>Error 404</h1>' });
    const r = runner();
    const id = await batch(r);
    await r.resume();
    const job = (await r.jobs()).find((j) => j.id === id)!;
    expect(job).toMatchObject({ state: 'done', outcome: 'saved', done: 4, total: 4 });
    expect(job.message).toMatch(/^Saved 3 of 4 stories\. Not saved: A Second Accounting \(archiveofourown\.org answered 404/);
    expect((await savedSeries()).map((s) => s[2])).toEqual([1, 3, 4]);
  });

  it('carries on after a kill with the next unsaved work, fetching nothing twice', async () => {
    // The worker dies on its fourth request (the third work).
    web.hangAfter = 3;
    const first = runner();
    const id = await batch(first);
    void first.resume();
    await vi.waitFor(() => expect(web.requests).toHaveLength(4));
    expect((await first.jobs()).find((j) => j.id === id)).toMatchObject({ state: 'running', done: 2, total: 4 });

    web.hangAfter = Infinity;
    const second = runner();
    await second.resume();
    expect((await second.jobs()).find((j) => j.id === id)).toMatchObject({
      state: 'done',
      done: 4,
      total: 4,
      message: 'Saved 4 of 4 stories.',
    });
    expect(web.requests.map((q) => q.url)).toEqual([PAGE_2, ...[0, 1, 2, 2, 3].map((i) => workUrl(WORKS[i]!.id))]);
    expect((await savedSeries()).map((s) => s[2])).toEqual([1, 2, 3, 4]);
  });

  it('cancelling the batch cancels the work under way and starts no other', async () => {
    web.hangAfter = 2;
    const r = runner();
    const id = await batch(r);
    const done = r.resume();
    await vi.waitFor(() => expect(web.requests).toHaveLength(3));
    await r.cancel(id);
    web.hangAfter = Infinity;
    const jobs = await r.jobs();
    expect(jobs.find((j) => j.id === id)!.state).toBe('cancelled');
    expect(jobs.filter((j) => j.scope === 'story').map((j) => j.state)).toEqual(['cancelled', 'done']);
    void done;
  });
});

describe('a batch save of an FFN author page', () => {
  it("saves each of the author's stories whole, by its first chapter's address", async () => {
    const author = 'https://www.fanfiction.net/u/77/Some-Author';
    const html = `<title>Some Author | FanFiction</title><div class="z-list mystories"><a class="stitle" href="/s/1234567/3/WebToEpub">Story</a></div>`;
    const r = runner();
    const id = await r.enqueueBatch({
      snapshot: { url: author, html },
      site: 'ffn',
      onlyNew: false,
      followAdultGate: false,
      runs: ['story'],
    });
    await r.resume();
    expect((await r.jobs()).find((j) => j.id === id)).toMatchObject({
      title: 'Works by Some Author',
      state: 'done',
      message: 'Saved 1 of 1 story.',
    });
    expect(web.requests.map((q) => q.url)).toEqual([1, 2, 3, 4, 5].map((n) => `https://www.fanfiction.net/s/1234567/${n}/WebToEpub`));
    const [story] = await db.getAll('stories');
    expect([story!.id, story!.chapterCount, story!.meta.series]).toEqual(['ffn:fanfiction.net:1234567', 5, undefined]);
  });
});

describe('a batch save of an eFiction author page', () => {
  it('saves each listed story by its sid', async () => {
    const author = 'http://fanfiction.mugglenet.com/viewuser.php?uid=42';
    const html = `<title>Quill</title><div class="listbox"><a href="viewstory.php?sid=123456&amp;chapter=2">Story</a></div>`;
    const r = runner();
    const id = await r.enqueueBatch({
      snapshot: { url: author, html },
      site: 'efiction',
      onlyNew: false,
      followAdultGate: false,
      runs: ['story'],
    });
    await r.resume();
    expect((await r.jobs()).find((j) => j.id === id)).toMatchObject({ state: 'done', message: 'Saved 1 of 1 story.' });
    expect(web.requests[0]!.url).toBe('http://fanfiction.mugglenet.com/viewstory.php?sid=123456');
    const [story] = await db.getAll('stories');
    expect(story!.id).toBe('efiction:fanfiction.mugglenet.com:/123456');
    expect(story!.chapterCount).toBeGreaterThan(0);
  });
});
