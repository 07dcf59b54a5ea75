/**
 * Save jobs as the library stores them (schema v4: the jobs and jobPages stores). A job keeps, as
 * it goes, the page it plans from, what is left to fetch, and every page fetched (one record each,
 * written with the job's new state in one transaction), so after a browser restart or a killed
 * worker it carries on from there and fetches nothing twice. Finished jobs stay a while so the
 * pages can show how they ended.
 */
import type { LibraryDb } from '../db/db';
import { write } from '../db/db';
import type { PageCopy } from './page-copy';
import { pageKey } from './merge-chapters';
import type { Plan } from './fetch-plan';
import type { WriteTx } from '../db/stores';
import { isUnfinished, type JobScope, type JobView } from '../types';
import type { HeldPage, JobPage, JobPlan, JobRecord } from './job-records';
import type { RunKind } from '../../sites/types';

// The records' types live apart so the schema can name them; the job code's callers find them here.
export type { BatchPlan, BatchWork, HeldPage, JobPage, JobPlan, JobRecord } from './job-records';

/** Finished jobs kept to show how they ended: at most this many, for at most this long. */
export const KEEP_FINISHED = 50;
export const KEEP_FINISHED_MS = 24 * 60 * 60_000;

export function heldPage(page: PageCopy, url: string): HeldPage {
  return { url, report: { ...page.report, content: null }, chapters: page.chapters, nav: page.nav };
}

export function jobView(job: JobRecord): JobView {
  const { id, scope, url, title, storyId, state, done, total, message, outcome, createdAt, updatedAt } = job;
  return { id, scope, url, title, storyId, state, done, total, message, outcome, createdAt, updatedAt };
}

export interface NewJob extends Partial<Pick<JobRecord, 'done' | 'total' | 'detour'>> {
  id: string;
  scope: JobScope;
  url: string;
  title: string;
  storyId: string | null;
  followAdultGate: boolean;
  runs?: RunKind[];
  root: HeldPage | null;
  plan: JobPlan;
}

/** Stores a new queued job, numbered after every job there is. */
export async function addJob(db: LibraryDb, job: NewJob, now: number): Promise<JobRecord> {
  return write(db, (tx) => putNewJob(tx, job, now));
}

/** addJob within a transaction: a batch starts its next work and notes it in one. */
export async function putNewJob(tx: WriteTx, job: NewJob, now: number): Promise<JobRecord> {
  const last = await tx.objectStore('jobs').getAll();
  const seq = last.reduce((m, j) => Math.max(m, j.seq), 0) + 1;
  const record: JobRecord = {
    done: 0,
    total: null,
    detour: null,
    ...job,
    seq,
    state: 'queued',
    message: null,
    outcome: null,
    attempts: 0,
    notBefore: 0,
    createdAt: now,
    updatedAt: now,
  };
  await tx.objectStore('jobs').put(record);
  return record;
}

/** Every job, oldest first. */
export async function allJobs(db: LibraryDb): Promise<JobRecord[]> {
  const jobs = await db.getAll('jobs');
  return jobs.sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
}

/** Whether any job is left to run: a restart that finds one starts the runner. */
export async function hasUnfinishedJobs(db: LibraryDb): Promise<boolean> {
  return (await db.getAll('jobs')).some(isUnfinished);
}

/** Thrown by updateJob when the job has finished meanwhile (cancelled, most likely): its result is not wanted. */
export class JobGone extends Error {
  override name = 'JobGone';
}

/**
 * Changes an unfinished job, with `also` writing in the same transaction (a fetched page). Throws
 * JobGone when the job is finished or gone, writing nothing, so a cancel is never undone by a
 * fetch that was under way.
 */
export async function updateJob(
  db: LibraryDb,
  id: string,
  change: (job: JobRecord) => JobRecord,
  also?: (tx: WriteTx) => Promise<unknown>,
): Promise<JobRecord> {
  return write(db, async (tx) => {
    const job = await tx.objectStore('jobs').get(id);
    if (!job || !isUnfinished(job)) throw new JobGone(id);
    const next = change(job);
    await tx.objectStore('jobs').put(next);
    if (also) await also(tx);
    return next;
  });
}

/** The slots a job holds pages for. */
export async function heldSlots(db: LibraryDb, jobId: string): Promise<Set<number>> {
  const keys = await db.getAllKeys('jobPages', pagesOf(jobId));
  return new Set(keys.map(([, n]) => n));
}

/** A job's pages, by slot. */
export async function jobPages(db: LibraryDb, jobId: string): Promise<JobPage[]> {
  return db.getAll('jobPages', pagesOf(jobId));
}

function pagesOf(jobId: string): IDBKeyRange {
  return IDBKeyRange.bound([jobId, -Infinity], [jobId, Infinity]);
}

/**
 * Finishes a job (done, failed or cancelled) and drops its pages; forgets finished jobs past
 * KEEP_FINISHED or older than KEEP_FINISHED_MS. False when it had finished already.
 */
export async function finishJob(
  db: LibraryDb,
  id: string,
  end: Pick<JobRecord, 'state' | 'message' | 'outcome'> & Partial<Pick<JobRecord, 'storyId' | 'done' | 'total'>>,
  now: number,
): Promise<boolean> {
  return write(db, async (tx) => {
    const jobs = tx.objectStore('jobs');
    const job = await jobs.get(id);
    if (!job || !isUnfinished(job)) return false;
    await jobs.put({ ...job, ...end, updatedAt: now, root: null, detour: null });
    await tx.objectStore('jobPages').delete(pagesOf(id));
    const finished = (await jobs.getAll()).filter((j) => !isUnfinished(j)).sort((a, b) => b.updatedAt - a.updatedAt || b.seq - a.seq);
    const stale = finished.filter((j, i) => i >= KEEP_FINISHED || j.updatedAt < now - KEEP_FINISHED_MS);
    for (const j of stale) await jobs.delete(j.id);
    return true;
  });
}

/** Pages a walk follows at most: a site whose `next` links never end is not fetched forever. */
export const MAX_WALK = 1000;

/**
 * The root's own place in a chapter list: the entry with its address, else the entry of its
 * chapter number. Null for a page that is no chapter of the list (an index page).
 */
export function rootSlot(urls: readonly string[], root: HeldPage): number | null {
  const own = new Set([root.url, ...root.chapters.map((c) => c.url)].map(pageKey));
  const byUrl = urls.findIndex((u) => own.has(pageKey(u)));
  if (byUrl >= 0) return byUrl;
  const n = root.chapters.length === 1 ? root.chapters[0]!.number : null;
  return n != null && n >= 1 && n <= urls.length ? n - 1 : null;
}

/** A story job's plan: the site's plan, less what the root already holds. */
export function storyJobPlan(plan: Plan, root: HeldPage): JobPlan {
  switch (plan.kind) {
    case 'complete':
    case 'whole':
      return plan;
    case 'chapters': {
      const slot = rootSlot(plan.urls, root);
      return { kind: 'chapters', urls: plan.urls, wanted: plan.urls.map((_, i) => i).filter((i) => i !== slot), rootSlot: slot };
    }
    case 'walk':
      return { kind: 'walk', next: plan.next, steps: 0, seen: [pageKey(root.url)] };
    case 'runs':
      return { kind: 'walk', next: plan.starts[0]!, steps: 0, seen: [], queue: plan.starts.slice(1), runs: true };
  }
}

/**
 * The chapter-by-chapter plan for a job whose whole-work view failed (an error status, or no answer
 * after its retries) or came back short of the work (`got`, holding fewer chapters than the root's list or count): AO3's Entire
 * Work can time out on a long work, and one chapter's broken markup can swallow the chapters after
 * it. Null when the job is not on the whole-work view, or the root lists no chapters to fetch instead.
 */
export function wholeViewFallback(plan: JobPlan, root: HeldPage | null, got?: PageCopy): JobPlan | null {
  if (plan.kind !== 'whole' || !root) return null;
  const urls = Array.from(new Set(root.nav.chapters.map((c) => c.url)));
  if (urls.length < 2) return null;
  // An error page says the work is gone: its chapters would say so too.
  if (got && (got.report.kind === 'error' || got.chapters.length >= Math.max(urls.length, root.report.chapter?.count ?? 0))) return null;
  return storyJobPlan({ kind: 'chapters', urls }, root);
}

/**
 * How far a job is, in chapters as the reader counts them (null total while unknown): those in
 * hand (the open page's, the library's for an update, and those fetched) of the work's. One
 * request may bring many chapters (AO3's whole-work view), so requests would say "0 of 1".
 */
export function progress(plan: JobPlan, held: number, root: HeldPage | null): Pick<JobRecord, 'done' | 'total'> {
  const open = root?.chapters.length ?? 0;
  switch (plan.kind) {
    case 'root':
      return { done: 0, total: null };
    case 'batch':
      return { done: plan.next - (plan.child ? 1 : 0), total: plan.listing ? null : plan.works.length };
    case 'complete':
      return { done: open, total: open };
    case 'whole': {
      const count = root?.report.chapter?.count ?? null;
      return { done: held ? (count ?? open) : open, total: count };
    }
    case 'chapters':
      return { done: plan.urls.length - plan.wanted.length + held, total: plan.urls.length };
    case 'walk': {
      // A walk over runs counts the chapters its pages held, the root's among them.
      const done = plan.runs ? (plan.found ?? 0) : open + plan.steps;
      return { done, total: plan.next === null ? done : null };
    }
  }
}
