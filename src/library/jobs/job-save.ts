/**
 * The end of a save job: the chapters it fetched put together with what the library holds, as
 * the job's scope asks (a whole story, one chapter merged in, or an update's new chapters), and
 * saved through the save policy (../db/save.ts), which never replaces a copy with a worse one.
 */
import { isWorkPage, type PageReport } from '../../core/model';
import { loadStory } from '../db/reading';
import { metaFromReport, saveStory } from '../db/save';
import { storyIdOf } from '../db/build-records';
import type { LibraryDb } from '../db/db';
import type { ChapterCopy, SaveResult } from '../types';
import { jobPages, type JobRecord } from './jobs';
import { orderedChapters } from './job-pages';
import { JobFailure, outcomeText, problemText } from './job-words';
import { chaptersLacking, postedSince } from './updates';
import { mergeChapters, savedCopy } from './merge-chapters';

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
  const bundle = await loadStory(deps.db, storyId);
  const saved = bundle?.chapters.map(savedCopy) ?? [];
  let chapters: ChapterCopy[];
  // An update's chapters: all it adds, and those of them the site has posted since (new to the reader).
  let added = 0;
  let fresh = 0;
  // A partly saved work keeps what it holds; the site's other chapters go in among them.
  if (job.scope === 'story') chapters = bundle?.story.savedNumbers ? mergeChapters(saved, fetched) : fetched;
  else if (job.scope === 'chapter') chapters = mergeChapters(saved, fetched);
  else {
    if (!bundle) throw new JobFailure('This story is no longer in the library.');
    const lacking = chaptersLacking(saved, fetched);
    added = lacking.length;
    fresh = postedSince(bundle.story.meta.chaptersPosted, saved, lacking).length;
    chapters = mergeChapters(saved, lacking, fetched);
  }
  // The work's details from the page the job started on; the chapter count from another page when it has none.
  const report: PageReport = {
    ...root.report,
    chapter: root.report.chapter ?? pages.find((p) => p.report.chapter)?.report.chapter ?? null,
  };
  // The longest chapter list any fetched page shows: what the site has posted.
  const posted = Math.max(root.nav.chapters.length, ...pages.map((p) => p.nav.chapters.length)) || null;
  const meta = metaFromReport(report, chapters.length, posted);
  let result: SaveResult;
  if (job.scope === 'update' && added === 0 && sameJson(meta, bundle!.story.meta))
    result = { id: storyId, outcome: 'unchanged', problems: [] };
  else {
    const copy = {
      site: root.report.site,
      url: bundle?.story.url ?? root.url,
      kind: root.report.kind,
      meta,
      chapters,
      fetchedAt: deps.now(),
    };
    result = await saveStory(deps.db, copy, deps.win, { newChapters: fresh });
  }
  if (result.outcome === 'rejected') throw new JobFailure(`Nothing was saved: ${result.problems.map(problemText).join('; ')}.`);
  return { result, message: outcomeText(job.scope, result, chapters.length, { added, fresh }) };
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
