/**
 * Save jobs as stored (jobs.ts), chapters merged by number (merge.ts) and what an update check
 * fetches (updates.ts#updatePlan): the pure parts of the runner, without fetching.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryDb } from '../db/db';
import {
  JobGone,
  KEEP_FINISHED,
  KEEP_FINISHED_MS,
  addJob,
  allJobs,
  finishJob,
  hasUnfinishedJobs,
  heldSlots,
  jobPages,
  progress,
  rootSlot,
  storyJobPlan,
  updateJob,
  type HeldPage,
  type JobPage,
  type NewJob,
} from '../jobs/jobs';
import { mergeChapters, savedCopy } from '../jobs/merge-chapters';
import { updatePlan } from '../jobs/updates';
import type { ChapterCopy } from '../types';
import { emptyInfo, type PageReport } from '../../core/model';
import { freshLibrary } from './library-fixtures';

let db: LibraryDb;
beforeEach(async () => {
  db = await freshLibrary();
});
afterEach(() => db.close());

const T = 1_750_000_000_000;
const newJob = (id: string): NewJob => ({
  id,
  scope: 'story',
  url: `https://example.org/${id}`,
  title: id,
  storyId: null,
  followAdultGate: false,
  root: null,
  plan: { kind: 'root', url: `https://example.org/${id}` },
});
const report = (over: Partial<PageReport> = {}): PageReport => ({
  ...emptyInfo('chapter'),
  url: 'https://example.org/s/1/1',
  site: 'generic',
  estimate: null,
  content: null,
  ...over,
});
const chapter = (number: number | null, url = `https://example.org/s/1/${number}`, html = `<p>Chapter ${number}</p>`): ChapterCopy => ({
  title: null,
  url,
  html,
  kind: 'chapter',
  number,
});
const page = (url: string, chapters: ChapterCopy[], over: Partial<HeldPage> = {}): HeldPage => ({
  url,
  report: report({ url }),
  chapters,
  nav: { prev: null, next: null, chapters: [] },
  ...over,
});
const jobPage = (jobId: string, n: number): JobPage => ({ jobId, n, ...page(`https://example.org/s/1/${n + 1}`, [chapter(n + 1)]) });

describe('the jobs store', () => {
  it('numbers jobs in order, lists them oldest first and knows when some are unfinished', async () => {
    expect(await hasUnfinishedJobs(db)).toBe(false);
    const a = await addJob(db, newJob('a'), T);
    const b = await addJob(db, { ...newJob('b'), done: 2, total: 5, detour: 'https://example.org/adult' }, T);
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(b).toMatchObject({
      state: 'queued',
      done: 2,
      total: 5,
      detour: 'https://example.org/adult',
      attempts: 0,
      notBefore: 0,
      createdAt: T,
    });
    expect((await allJobs(db)).map((j) => j.id)).toEqual(['a', 'b']);
    expect(await hasUnfinishedJobs(db)).toBe(true);
  });

  it('writes a change and a fetched page together, and refuses both once the job has finished', async () => {
    await addJob(db, newJob('a'), T);
    await updateJob(
      db,
      'a',
      (j) => ({ ...j, state: 'running', done: 1 }),
      (tx) => tx.objectStore('jobPages').put(jobPage('a', 0)),
    );
    expect([...(await heldSlots(db, 'a'))]).toEqual([0]);
    expect(await finishJob(db, 'a', { state: 'cancelled', message: null, outcome: null }, T + 1)).toBe(true);
    expect(await jobPages(db, 'a')).toEqual([]);
    await expect(
      updateJob(
        db,
        'a',
        (j) => ({ ...j, done: 2 }),
        (tx) => tx.objectStore('jobPages').put(jobPage('a', 1)),
      ),
    ).rejects.toBeInstanceOf(JobGone);
    expect(await jobPages(db, 'a')).toEqual([]);
    expect((await allJobs(db))[0]).toMatchObject({ state: 'cancelled', done: 1, updatedAt: T + 1 });
    expect(await finishJob(db, 'a', { state: 'failed', message: 'late', outcome: null }, T + 2)).toBe(false);
    expect(await hasUnfinishedJobs(db)).toBe(false);
  });

  it('keeps the pages of other jobs when one finishes', async () => {
    await addJob(db, newJob('a'), T);
    await addJob(db, newJob('b'), T);
    await updateJob(
      db,
      'a',
      (j) => j,
      (tx) => tx.objectStore('jobPages').put(jobPage('a', 0)),
    );
    await updateJob(
      db,
      'b',
      (j) => j,
      (tx) => tx.objectStore('jobPages').put(jobPage('b', 0)),
    );
    await finishJob(db, 'a', { state: 'done', message: null, outcome: 'saved' }, T);
    expect((await db.getAll('jobPages')).map((p) => p.jobId)).toEqual(['b']);
  });

  it(`forgets finished jobs past the newest ${KEEP_FINISHED}, or older than a day, never unfinished ones`, async () => {
    const old = T - KEEP_FINISHED_MS - 1;
    await addJob(db, newJob('stale'), old);
    await finishJob(db, 'stale', { state: 'done', message: null, outcome: 'saved' }, old);
    await addJob(db, newJob('waiting'), old);
    for (let i = 0; i < KEEP_FINISHED + 5; i++) {
      await addJob(db, newJob(`j${i}`), T + i);
      await finishJob(db, `j${i}`, { state: 'done', message: null, outcome: 'saved' }, T + i);
    }
    const ids = (await allJobs(db)).map((j) => j.id);
    expect(ids).toHaveLength(KEEP_FINISHED + 1);
    expect(ids).toContain('waiting');
    expect(ids).not.toContain('stale');
    expect(ids).not.toContain('j4');
    expect(ids).toContain('j5');
  });
});

describe('mergeChapters', () => {
  it('puts each chapter in its place by number and replaces the same number', () => {
    const saved = [chapter(2), chapter(5)];
    const merged = mergeChapters(saved, [chapter(4), chapter(1), chapter(7), chapter(5, 'https://example.org/s/1/5', '<p>New five</p>')]);
    expect(merged.map((c) => c.number)).toEqual([1, 2, 4, 5, 7]);
    expect(merged[3]!.html).toBe('<p>New five</p>');
    expect(saved.map((c) => c.number)).toEqual([2, 5]);
  });

  it('matches unnumbered chapters by address (fragment aside) and adds the others at the end', () => {
    const saved = [chapter(null, 'https://example.org/a'), chapter(null, 'https://example.org/b')];
    const merged = mergeChapters(saved, [
      chapter(null, 'https://example.org/a#top', '<p>A again</p>'),
      chapter(null, 'https://example.org/c'),
    ]);
    expect(merged.map((c) => [c.url, c.html])).toEqual([
      ['https://example.org/a#top', '<p>A again</p>'],
      ['https://example.org/b', '<p>Chapter null</p>'],
      ['https://example.org/c', '<p>Chapter null</p>'],
    ]);
  });

  it('never drops a saved chapter', () => {
    const saved = [1, 2, 3].map((n) => chapter(n));
    for (const incoming of [[], [chapter(2)], [chapter(3), chapter(1)], [chapter(null, 'https://example.org/s/1/2')]])
      expect(mergeChapters(saved, incoming).length).toBeGreaterThanOrEqual(3);
  });

  it('numbers saved chapters by their place when they carry no number', () => {
    const record = { storyId: 's', version: 1, index: 4, title: 'Five', url: 'u', html: '<p>x</p>', words: 1, textLength: 1, fetchedAt: 0 };
    expect(savedCopy(record).number).toBe(5);
    expect(savedCopy({ ...record, number: 9 }).number).toBe(9);
  });
});

describe('plans', () => {
  const urls = [1, 2, 3, 4].map((n) => `https://example.org/s/1/${n}`);

  it("finds the root's own slot in a chapter list by address, else by number", () => {
    expect(rootSlot(urls, page(urls[2]!, [chapter(3)]))).toBe(2);
    expect(rootSlot(urls, page('https://example.org/elsewhere', [chapter(2, 'https://example.org/elsewhere')]))).toBe(1);
    expect(rootSlot(urls, page('https://example.org/index', []))).toBeNull();
    expect(storyJobPlan({ kind: 'chapters', urls }, page(urls[2]!, [chapter(3)]))).toEqual({
      kind: 'chapters',
      urls,
      wanted: [0, 1, 3],
      rootSlot: 2,
    });
  });

  it('counts progress in chapters in hand of the work’s, not in requests', () => {
    const open = page(urls[2]!, [chapter(3)]);
    // The open chapter, and one of the three others fetched.
    expect(progress({ kind: 'chapters', urls, wanted: [0, 1, 3], rootSlot: 2 }, 1, open)).toEqual({ done: 2, total: 4 });
    expect(progress({ kind: 'walk', next: 'x', steps: 4, seen: [] }, 4, open)).toEqual({ done: 5, total: null });
    expect(progress({ kind: 'walk', next: null, steps: 4, seen: [] }, 4, open)).toEqual({ done: 5, total: 5 });
    // One request for AO3's whole-work view brings all three chapters: "1 of 3", then "3 of 3", never "0 of 1".
    const ao3 = page(urls[0]!, [chapter(1)], { report: { ...open.report, chapter: { index: 1, count: 3, title: null } } });
    expect(progress({ kind: 'whole', url: urls[0]! }, 0, ao3)).toEqual({ done: 1, total: 3 });
    expect(progress({ kind: 'whole', url: urls[0]! }, 1, ao3)).toEqual({ done: 3, total: 3 });
    expect(progress({ kind: 'complete' }, 0, open)).toEqual({ done: 1, total: 1 });
  });

  describe('of an update check', () => {
    const saved = [chapter(1), chapter(2)];

    it('wants only the chapters the library lacks, known by an address that names the chapter', () => {
      const own = [1, 2, 3, 4].map((n) => `https://example.org/works/1/chapters/90${n}`);
      const held = [chapter(1, own[0]), chapter(2, own[1])];
      expect(updatePlan({ kind: 'chapters', urls: own }, page(own[0]!, [held[0]!]), held)).toEqual({
        kind: 'chapters',
        urls: own,
        wanted: [2, 3],
        rootSlot: 0,
      });
      expect(updatePlan({ kind: 'chapters', urls: own }, page(own[3]!, [chapter(4, own[3])]), held)).toMatchObject({ wanted: [2] });
    });

    it('knows chapters at place-named addresses by their titles, and fetches them all when titles tell nothing', () => {
      const nav = (titles: string[]) => ({
        prev: null,
        next: null,
        chapters: urls.map((url, i) => ({ title: titles[i]!, url, current: i === 0 })),
      });
      const named = [chapter(1), chapter(2)].map((c, i) => ({ ...c, listTitle: `${i + 1}. ${['Alpha', 'Beta'][i]}` }));
      // Beta moved to place 3: the author put a chapter before it.
      const titled = page(urls[0]!, [named[0]!], { nav: nav(['1. Alpha', '2. Gamma', '3. Beta', '4. Delta']) });
      expect(updatePlan({ kind: 'chapters', urls }, titled, named)).toMatchObject({ wanted: [1, 3] });
      const plain = page(urls[0]!, [chapter(1)], { nav: nav(['1. Chapter 1', '2. Chapter 2', '3. Chapter 3', '4. Chapter 4']) });
      expect(updatePlan({ kind: 'chapters', urls }, plain, saved)).toMatchObject({ wanted: [1, 2, 3] });
    });

    it('fetches the whole-work view only when the page lists a chapter the library does not hold', () => {
      const whole = { kind: 'whole' as const, url: 'https://example.org/works/1?view_full_work=true' };
      const own = [1, 2, 3].map((n) => `https://example.org/works/1/chapters/90${n}`);
      const held = [chapter(1, own[0]), chapter(2, own[1])];
      const listing = (list: string[]) => ({ prev: null, next: null, chapters: list.map((url) => ({ title: '', url, current: false })) });
      expect(updatePlan(whole, page(own[0]!, [held[0]!], { nav: listing(own.slice(0, 2)) }), held)).toEqual({ kind: 'complete' });
      expect(updatePlan(whole, page(own[0]!, [held[0]!], { nav: listing(own) }), held)).toEqual(whole);
      // Chapter 2 gone and a new one in its place: the count is the same, the chapters are not.
      expect(updatePlan(whole, page(own[0]!, [held[0]!], { nav: listing([own[0]!, own[2]!]) }), held)).toEqual(whole);
      expect(
        updatePlan(whole, page(urls[0]!, [chapter(1)], { report: report({ chapter: { index: 1, count: 2, title: null } }) }), saved),
      ).toEqual({ kind: 'complete' });
      expect(updatePlan(whole, page(urls[0]!, [chapter(1)]), saved)).toEqual(whole);
    });

    it('walks on from the last saved chapter', () => {
      // From the first chapter's page, the walk starts at the last saved chapter, not at its next.
      const walk = { kind: 'walk' as const, next: 'https://example.org/after-one' };
      expect(updatePlan(walk, page(urls[0]!, [chapter(1)]), saved)).toEqual({ kind: 'walk', next: urls[1], steps: 0, seen: [urls[0]] });
      expect(updatePlan({ kind: 'walk', next: urls[2]! }, page(urls[1]!, [chapter(2)]), saved)).toMatchObject({ next: urls[2] });
    });
  });
});
