/** The pages of a save job: passing an adult gate, following `next` links, and putting the chapters the job holds in reading order. */
import { MAX_WALK, heldSlots, type HeldPage, type JobPage, type JobPlan, type JobRecord } from './jobs';
import type { LibraryDb } from '../db/db';
import { adultGateUrl } from './fetch-plan';
import { JobFailure, hostOf, nothingDone } from './job-words';
import type { PageCopy } from './page-copy';
import { mergeChapters, pageKey } from './merge-chapters';
import type { ChapterCopy } from '../types';

/** The walk after a page: its next link, unless seen already or past the cap; at a run's end, the next run's first page. */
export function walkOn(plan: Extract<JobPlan, { kind: 'walk' }>, urls: string[], next: string | null, chapters = 1): JobPlan {
  const seen = [...new Set([...plan.seen, ...urls.map(pageKey)])];
  const steps = plan.steps + 1;
  const walked = { ...plan, steps, seen, ...(plan.runs ? { found: (plan.found ?? 0) + chapters } : {}) };
  if (steps >= MAX_WALK) return { ...walked, next: null, queue: [] };
  if (next !== null && !seen.includes(pageKey(next))) return { ...walked, next };
  const [start = null, ...queue] = plan.queue ?? [];
  return { ...walked, next: start, queue };
}

/** Every chapter the job holds, in reading order; the root's replace fetched copies of the same chapter. */
export function orderedChapters(plan: JobPlan, root: HeldPage, pages: JobPage[]): ChapterCopy[] {
  const bySlot = new Map(pages.map((p) => [p.n, p.chapters]));
  switch (plan.kind) {
    case 'root':
    case 'complete':
      return root.chapters;
    case 'batch':
      return [];
    case 'whole':
      return mergeChapters(bySlot.get(0) ?? [], root.chapters);
    case 'chapters':
      return plan.urls.flatMap((_, i) => (i === plan.rootSlot ? root.chapters : (bySlot.get(i) ?? [])));
    case 'walk': {
      const fetched = [...bySlot.keys()].sort((a, b) => a - b).flatMap((n) => bySlot.get(n)!);
      return plan.runs ? uniqueChapters(fetched) : [...root.chapters, ...fetched];
    }
  }
}

/** On an adult gate: the address past it when the job may follow it; a failure when not. Null on any other page. */
export function passGate(
  job: Pick<JobRecord, 'scope' | 'followAdultGate' | 'detour'>,
  got: { page: PageCopy; doc: Document; url: string },
): string | null {
  if (got.page.report.kind !== 'gate') return null;
  const host = hostOf(got.url);
  const through = adultGateUrl(got.doc, got.url);
  if (!through || job.detour !== null)
    throw new JobFailure(`${host} shows a sign-in or age wall in front of ${got.url} that Slipcase cannot pass, ${nothingDone(job.scope)}`);
  if (!job.followAdultGate)
    throw new JobFailure(
      `${host} asks to confirm you are an adult before showing this work, and your settings do not let Slipcase confirm it for you, ${nothingDone(job.scope)}`,
    );
  return through;
}

/** The first copy of each chapter: runs can meet (a post threadmarked in two categories). */
function uniqueChapters(chapters: ChapterCopy[]): ChapterCopy[] {
  const seen = new Set<string>();
  return chapters.filter((c) => {
    const key = pageKey(c.url);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A page a job fetches next: the root to plan from, or a slot of its plan. */
export type Target = { slot: number | 'root'; url: string };

/** The job's next page to fetch; null when it has all it needs (or is a batch, whose works are jobs of their own). */
export async function nextFetch(db: LibraryDb, job: JobRecord): Promise<Target | null> {
  const plan = job.plan;
  switch (plan.kind) {
    case 'root':
      return { slot: 'root', url: plan.url };
    case 'complete':
    case 'batch':
      return null;
    case 'whole':
      return (await heldSlots(db, job.id)).has(0) ? null : { slot: 0, url: plan.url };
    case 'chapters': {
      const held = await heldSlots(db, job.id);
      const slot = plan.wanted.find((i) => !held.has(i));
      return slot === undefined ? null : { slot, url: plan.urls[slot]! };
    }
    case 'walk':
      return plan.next === null ? null : { slot: plan.steps, url: plan.next };
  }
}
