/**
 * The end of a save job: the chapters it fetched put together with what the library holds, as
 * the job's scope asks (a whole story, one chapter merged in, or an update's new chapters), and
 * saved through the save policy (../db/save.ts), which never replaces a copy with a worse one.
 */
import { isWorkPage, type PageReport } from '../../core/model';
import { loadStory, type StoryBundle } from '../db/reading';
import { metaFromReport, saveStory } from '../db/save';
import { storyIdOf } from '../db/build-records';
import type { LibraryDb } from '../db/db';
import type { ChapterCopy, SaveResult } from '../types';
import { jobPages, type HeldPage, type JobPlan, type JobRecord } from './jobs';
import { prepareChapter } from '../db/build-records';
import { reconcile, type KnownCopy, type Reconciled, type SiteEntry } from './chapter-identity';
import { orderedChapters } from './job-pages';
import { JobFailure, outcomeText, problemText, type JobTally } from './job-words';
import { chaptersLacking, postedSince } from './updates';
import { mergeChapters, pageKey, savedCopy } from './merge-chapters';

interface SaveDeps {
  db: LibraryDb;
  win: Window & typeof globalThis;
  now(): number;
}

/** Saves what a finished job holds; the result and the words that tell the reader. */
export async function saveJobStory(deps: SaveDeps, job: JobRecord): Promise<{ result: SaveResult; message: string }> {
  const root = job.root!;
  const pages = await jobPages(deps.db, job.id);
  const fetched = orderedChapters(job.plan, root, pages);
  const storyId = job.storyId ?? storyIdFor(root.report, root.url)!;
  const held = await loadStory(deps.db, storyId);
  // A story whose text is in the sync folder (dav/awaiting.ts) has no text here to merge with: the
  // fetched copy stands on its own, and the save policy holds it beside the listed one if it is less.
  const bundle = held?.story.textIn ? null : held;
  const { chapters, tally, moved } = combine(job, root, fetched, bundle, deps);
  // The work's details from the page the job started on; the chapter count from another page when it has none.
  const report: PageReport = {
    ...root.report,
    chapter: root.report.chapter ?? pages.find((p) => p.report.chapter)?.report.chapter ?? null,
  };
  // The longest chapter list any fetched page shows: what the site has posted.
  const posted = Math.max(root.nav.chapters.length, ...pages.map((p) => p.nav.chapters.length)) || null;
  const meta = metaFromReport(report, chapters.filter((c) => c.removedAt == null).length, posted);
  let result: SaveResult;
  const changes = tally.added + tally.removed + tally.changed;
  if (job.scope === 'update' && changes === 0 && sameJson(meta, bundle!.story.meta))
    result = { id: storyId, outcome: 'unchanged', problems: [] };
  else {
    const copy = {
      site: root.report.site,
      url: held?.story.url ?? root.url,
      kind: root.report.kind,
      meta,
      chapters,
      fetchedAt: deps.now(),
    };
    result = await saveStory(deps.db, copy, deps.win, { newChapters: tally.fresh, ...(moved && { moved }) });
  }
  if (result.outcome === 'rejected') throw new JobFailure(`Nothing was saved: ${result.problems.map(problemText).join('; ')}.`);
  return { result, message: outcomeText(job.scope, result, chapters.length, tally) };
}

interface Combined {
  chapters: ChapterCopy[];
  tally: JobTally;
  /** For each saved chapter, its index in `chapters`, when an update may have moved it. */
  moved?: number[];
}

/** The fetched chapters put together with the saved ones, as the job's scope asks. */
function combine(job: JobRecord, root: HeldPage, fetched: ChapterCopy[], bundle: StoryBundle | null, deps: SaveDeps): Combined {
  const saved = bundle?.chapters.map(savedCopy) ?? [];
  const tally: JobTally = { added: 0, fresh: 0, notices: 0, removed: 0, changed: 0 };
  const view = bundle && job.scope !== 'chapter' ? siteView(job.plan, root, fetched) : null;
  if (bundle && view) {
    // The archive's whole list is known: every chapter is matched by identity, not by its place.
    const known = (c: ChapterCopy): KnownCopy => (c.fingerprint ? { ...c, fingerprint: c.fingerprint } : withFacts(c, deps.win));
    const r = reconcile(saved.map(known), view.site, view.fetched.map(known), deps.now());
    const { added, notices, removed, changed } = r;
    return {
      chapters: r.chapters,
      moved: r.moved,
      tally: { added, notices, removed, changed, fresh: job.scope === 'update' ? postedLately(bundle, r) : 0 },
    };
  }
  // A partly saved work keeps what it holds; the site's other chapters go in among them.
  if (job.scope === 'story') return { chapters: bundle?.story.savedNumbers ? mergeChapters(saved, fetched) : fetched, tally };
  if (job.scope === 'chapter') return { chapters: mergeChapters(saved, fetched), tally };
  if (!bundle) throw new JobFailure('This story is no longer in the library.');
  // A walk sees only what follows the last saved chapter: it adds, and marks nothing removed.
  const lacking = chaptersLacking(saved, fetched);
  tally.added = lacking.length;
  tally.fresh = postedSince(bundle.story.meta.chaptersPosted, saved, lacking).length;
  return { chapters: mergeChapters(saved, lacking, fetched), tally };
}

/**
 * The archive's whole chapter list, in order, when the job saw it (a chapter list it fetched from,
 * the list on the work's page, or a whole-work view's chapters), with the fetched chapters under
 * the list's addresses. Null for a walk of next links, which sees only what follows the last saved
 * chapter and can tell nothing of a chapter gone.
 */
function siteView(plan: JobPlan, root: HeldPage, fetched: ChapterCopy[]): { site: SiteEntry[]; fetched: ChapterCopy[] } | null {
  const listed = root.nav.chapters.map(({ url, title }) => ({ url, title }));
  const titles = new Map(listed.map((c) => [pageKey(c.url), c.title]));
  if (plan.kind === 'chapters') return { site: plan.urls.map((url) => ({ url, title: titles.get(pageKey(url)) ?? null })), fetched };
  if (plan.kind !== 'whole' && plan.kind !== 'complete') return null;
  const keys = new Set(fetched.map((c) => pageKey(c.url)));
  const ownAddresses = keys.size === fetched.length;
  if (listed.length && ownAddresses && [...keys].every((k) => titles.has(k))) return { site: listed, fetched };
  // A whole-work view that gives its chapters no addresses of their own: the same list, in order.
  if (listed.length && fetched.length === listed.length)
    return { site: listed, fetched: fetched.map((c, i) => ({ ...c, url: listed[i]!.url })) };
  if (!listed.length && ownAddresses && fetched.length)
    return { site: fetched.map((c) => ({ url: c.url, title: c.listTitle ?? c.title })), fetched };
  return null;
}

/**
 * Of the story chapters an update added, those the site has posted since the library last knew the
 * work: the site then listed `chaptersPosted`, and the chapters of those the library lacked (a
 * partly saved work's) are only filled in.
 */
function postedLately(bundle: StoryBundle, r: Reconciled): number {
  const held = bundle.chapters.filter((c) => c.removedAt === undefined).length;
  const lacked = Math.max(0, (bundle.story.meta.chaptersPosted ?? held) - held);
  return Math.max(0, r.added - r.notices - lacked);
}

/** A chapter with its text's fingerprint and whether it is only a notice. */
function withFacts(c: ChapterCopy, win: Window & typeof globalThis): KnownCopy {
  const { fingerprint, notice } = prepareChapter(c, win);
  return { ...c, fingerprint, notice };
}

/** The chapters the library holds of a story an update job is for. */
export async function savedChapters(db: LibraryDb, storyId: string): Promise<ChapterCopy[]> {
  const bundle = await loadStory(db, storyId);
  if (!bundle) throw new JobFailure('This story is no longer in the library.');
  return bundle.chapters.map(savedCopy);
}

export function storyIdFor(report: PageReport, url: string): string | null {
  return isWorkPage(report.kind) ? storyIdOf(report.site, url, metaFromReport(report, 0)) : null;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
