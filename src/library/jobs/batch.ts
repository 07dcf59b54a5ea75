/**
 * Batch jobs: the works an AO3 series or creator's page, or an FFN author page, lists (src/sites/kit/work-list.ts), saved
 * one after another in the list's order, each by a story job of its own, so each work is fetched,
 * read and saved exactly as a single save would. The batch keeps its place in its plan (BatchPlan):
 * after a restart it waits for the story job under way, then starts the next work. A work that
 * fails is noted and the batch goes on.
 */
import type { LibraryDb } from '../db/db';
import { write } from '../db/db';
import { isUnfinished } from '../types';
import { storyKey } from '../../warnings/policy';
import { readWorkList, type WorkList } from '../../sites/kit/work-list';
import { decodeHtml } from '../../core/decode-html';
import type { RunKind } from '../../sites/types';
import { finishJob, progress, putNewJob, updateJob, JobGone, type BatchPlan, type BatchWork, type JobRecord, type NewJob } from './jobs';

/** The part of a fetch Response a batch reads (the runner's FetchResponse). */
interface ListResponse {
  status: number;
  url: string;
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface BatchDeps {
  db: LibraryDb;
  /** For DOMParser. */
  win: Window & typeof globalThis;
  now(): number;
  /** A request through the runner's polite clock. */
  request(url: string, signal: AbortSignal): Promise<ListResponse>;
}

/** A batch to start: the list page the reader has open, its site, and whether to leave out works saved already. */
export interface BatchRequest {
  snapshot: { url: string; html: string };
  site: string;
  onlyNew: boolean;
  followAdultGate: boolean;
  runs: RunKind[];
}

/** The library's id for a work known by its address (as a save of its page files it). */
export const workStoryId = (site: string, url: string): string => storyKey({ site, url, title: null, author: null });

/** The works to save of those listed: all, or with `onlyNew` those the library lacks. */
export async function worksToSave(db: LibraryDb, site: string, works: readonly BatchWork[], onlyNew: boolean): Promise<BatchWork[]> {
  if (!onlyNew) return [...works];
  const tx = db.transaction('stories');
  const held = await Promise.all(works.map((w) => tx.store.getKey(workStoryId(site, w.url))));
  return works.filter((_, i) => held[i] === undefined);
}

/** A batch's title and plan from the list page the reader has open; throws when there is nothing to save. */
export async function newBatch(
  deps: Pick<BatchDeps, 'db' | 'win'>,
  snapshot: { url: string; html: string },
  site: string,
  onlyNew: boolean,
): Promise<{ title: string; plan: BatchPlan }> {
  const list = readWorkList(site, new deps.win.DOMParser().parseFromString(snapshot.html, 'text/html'), snapshot.url);
  if (!list) throw new Error('This page is not a series or a list of works.');
  const works = await worksToSave(deps.db, site, list.works, onlyNew);
  if (!works.length && !list.next)
    throw new Error(onlyNew ? 'Every story on this page is in your library already.' : 'This page lists no works.');
  const series = list.kind === 'series' ? { title: list.title, url: list.url } : null;
  const plan: BatchPlan = { kind: 'batch', works, next: 0, child: null, listing: list.next, series, site, onlyNew, saved: 0, failed: [] };
  return { title: list.title, plan };
}

/** Whether the job is a batch whose current work's story job is still to finish: it has nothing to do till then. */
export function waitsOnChild(job: JobRecord, open: readonly JobRecord[]): boolean {
  const child = job.plan.kind === 'batch' ? job.plan.child : null;
  return child !== null && open.some((j) => j.id === child);
}

/** The story job a batch has under way, if any: a cancelled batch cancels it too. */
export async function batchChild(db: LibraryDb, jobId: string): Promise<string | null> {
  const job = await db.get('jobs', jobId);
  return job?.plan.kind === 'batch' ? job.plan.child : null;
}

/**
 * One step of a batch: note how its last work ended, read the list's next page, start the next
 * work, or finish. Returns the stories it changed.
 */
export async function stepBatch(deps: BatchDeps, job: JobRecord, plan: BatchPlan): Promise<string[]> {
  if (plan.child) return childEnded(deps, job, plan, plan.child);
  if (plan.listing) {
    await readListing(deps, job, plan, plan.listing);
    return [];
  }
  if (plan.next < plan.works.length) {
    await startWork(deps, job, plan, plan.works[plan.next]!);
    return [];
  }
  const total = plan.works.length;
  const failed = plan.failed.length ? ` Not saved: ${plan.failed.join(' · ')}` : '';
  const message = `Saved ${plan.saved} of ${total} ${total === 1 ? 'story' : 'stories'}.${failed}`;
  const state = plan.saved || !total ? 'done' : 'failed';
  await finishJob(deps.db, job.id, { state, outcome: plan.saved ? 'saved' : null, message, done: total, total }, deps.now());
  return [];
}

/** Notes how the current work's story job ended; a saved work of a series gets its part. */
async function childEnded(deps: BatchDeps, job: JobRecord, plan: BatchPlan, childId: string): Promise<string[]> {
  const child = await deps.db.get('jobs', childId);
  const work = plan.works[plan.next - 1]!;
  const saved = child?.state === 'done' && child.outcome !== 'rejected' && child.storyId !== null;
  const why = child?.state === 'cancelled' ? 'cancelled' : (child?.message ?? 'not saved');
  const next: BatchPlan = {
    ...plan,
    child: null,
    saved: plan.saved + (saved ? 1 : 0),
    failed: saved ? plan.failed : [...plan.failed, `${work.title} (${why})`],
  };
  if (saved && plan.series && work.part !== null) await setSeries(deps.db, child.storyId!, { ...plan.series, part: work.part });
  await updateJob(deps.db, job.id, (j) => ({ ...j, plan: next, ...progress(next, 0, null), updatedAt: deps.now() }));
  return saved ? [child.storyId!] : [];
}

async function setSeries(db: LibraryDb, storyId: string, series: NonNullable<BatchPlan['series']> & { part: number }): Promise<void> {
  await write(db, async (tx) => {
    const story = await tx.objectStore('stories').get(storyId);
    if (story) await tx.objectStore('stories').put({ ...story, meta: { ...story.meta, series } });
  });
}

/** Starts the work's story job and notes it on the batch, in one transaction: a restart finds both or neither. */
async function startWork(deps: BatchDeps, job: JobRecord, plan: BatchPlan, work: BatchWork): Promise<void> {
  const child: NewJob = {
    id: crypto.randomUUID(),
    scope: 'story',
    url: work.url,
    title: work.title,
    storyId: null,
    followAdultGate: job.followAdultGate,
    runs: job.runs,
    root: null,
    plan: { kind: 'root', url: work.url },
  };
  const next: BatchPlan = { ...plan, next: plan.next + 1, child: child.id };
  const now = deps.now();
  await write(deps.db, async (tx) => {
    const batch = await tx.objectStore('jobs').get(job.id);
    if (!batch || !isUnfinished(batch)) throw new JobGone(job.id);
    await putNewJob(tx, child, now);
    await tx.objectStore('jobs').put({ ...batch, plan: next, ...progress(next, 0, null), message: null, updatedAt: now });
  });
}

/** Reads the list's next page through the polite clock; a page that cannot be read ends the list there, noted. */
async function readListing(deps: BatchDeps, job: JobRecord, plan: BatchPlan, url: string): Promise<void> {
  const list = await fetchList(deps, plan.site, job.url, url);
  const known = new Set(plan.works.map((w) => w.url));
  const fresh = list ? await worksToSave(deps.db, plan.site, list.works, plan.onlyNew) : [];
  const next: BatchPlan = {
    ...plan,
    works: [...plan.works, ...fresh.filter((w) => !known.has(w.url))],
    listing: list && pageNumber(list.next) > pageNumber(url) ? list.next : null,
    failed: list ? plan.failed : [...plan.failed, `the list's page ${url} (could not be read)`],
  };
  await updateJob(deps.db, job.id, (j) => ({ ...j, plan: next, ...progress(next, 0, null), updatedAt: deps.now() }));
}

async function fetchList(deps: BatchDeps, site: string, first: string, url: string): Promise<WorkList | null> {
  try {
    const response = await deps.request(url, new AbortController().signal);
    const at = response.url || url;
    if (response.status >= 400 || new URL(at).host !== new URL(first).host) return null;
    const html = decodeHtml(await response.arrayBuffer(), response.headers.get('content-type'));
    return readWorkList(site, new deps.win.DOMParser().parseFromString(html, 'text/html'), at);
  } catch {
    return null;
  }
}

const pageNumber = (url: string | null): number => Number((url && new URL(url).searchParams.get('page')) ?? 1);
