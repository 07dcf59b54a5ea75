/**
 * Save jobs as the jobs and jobPages stores hold them (see jobs.ts). Types only, so the database
 * schema can name them without importing the code that runs jobs.
 */
import type { ChapterNav, PageReport } from '../../core/model';
import type { ChapterCopy, JobView } from '../types';
import type { RunKind } from '../../sites/types';

/** What a job keeps of a page: its report (without content), its chapters and its navigation. */
export interface HeldPage {
  /** The address it was read at (after redirects and a followed adult gate). */
  url: string;
  report: PageReport;
  chapters: ChapterCopy[];
  nav: ChapterNav;
}

/** A page fetched by an unfinished job; `n` is its slot in the job's plan (see JobPlan). */
export interface JobPage extends HeldPage {
  jobId: string;
  n: number;
}

/**
 * What a job still has to fetch. The pages it holds are its jobPages records by slot `n`; the root
 * page (the one the plan came from) is on the job itself.
 * - root:      fetch the page to plan from (a save by address, an update check, a followed gate)
 * - complete:  nothing: the root holds what is wanted
 * - whole:     the site's whole-work view, into slot 0
 * - chapters:  urls[i] into slot i, for each i in `wanted` (the root's own slot is not wanted)
 * - walk:      `next` into slot `steps`, then that page's next link, until none (or a loop, or the cap);
 *              then the next run's first page from `queue`, if any. A walk over runs (`runs`) holds
 *              every chapter wanted: the root's are not kept apart from them; `found` counts
 *              the chapters its pages held (a reader page holds several).
 * - batch:     the works a list page names (BatchPlan), each saved by a story job of its own.
 */
export type JobPlan =
  | { kind: 'root'; url: string }
  | { kind: 'complete' }
  | { kind: 'whole'; url: string }
  | { kind: 'chapters'; urls: string[]; wanted: number[]; rootSlot: number | null }
  | { kind: 'walk'; next: string | null; steps: number; seen: string[]; queue?: string[]; runs?: boolean; found?: number }
  | BatchPlan;

/** A work a batch saves: its address, title, and part in the series (null off a series). */
export interface BatchWork {
  url: string;
  title: string;
  part: number | null;
}

/**
 * A batch's works in the list's order. `next` indexes the work to start; `child` is the story job
 * saving works[next - 1], if one was started; `listing` the list's page still to read (all are
 * read before the first work). `onlyNew` leaves out works the library holds; `failed` says which
 * works were not saved, and why.
 */
export interface BatchPlan {
  kind: 'batch';
  works: BatchWork[];
  next: number;
  child: string | null;
  listing: string | null;
  series: { title: string; url: string } | null;
  site: string;
  onlyNew: boolean;
  saved: number;
  failed: string[];
}

export interface JobRecord extends JobView {
  /** Order of creation, for ties in createdAt. */
  seq: number;
  followAdultGate: boolean;
  /** The runs of a work filed in several the reader saves (SaveSettings); absent on jobs of older versions. */
  runs?: RunKind[];
  root: HeldPage | null;
  plan: JobPlan;
  /** An adult gate's "continue" address to fetch for the next slot instead of its own (only when allowed). */
  detour: string | null;
  /** Failed tries of the next request (429, 503, network). */
  attempts: number;
  /** No request for this job before this time (ms): the site asked to slow down. */
  notBefore: number;
}
