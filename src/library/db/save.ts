/**
 * Saving a story, and the policy that guards a saved copy. Archives fail in ways that look like
 * pages: a "work not found", an age or login wall, a chapter cut short by a timeout. A saved copy
 * is never replaced by such a fetch:
 *
 * - an error or gate page, or a chapter read from a page that is no story, is rejected: nothing is
 *   written, and a held copy would hold nothing worth keeping;
 * - a copy with fewer chapters than the saved one, or a chapter with under half the words it had,
 *   is held as a pending version beside the saved copy, until the reader keeps it
 *   (promotePending) or drops it (discardPending), or a later fetch checks out and replaces both;
 * - a copy that checks out becomes the saved copy, and the old one goes.
 *
 * judgeCopy is the pure decision; saveStory applies it in one transaction (db.ts#write), so a
 * failed write — a full disk included — leaves the library exactly as it was.
 */
import type { PageKind, PageReport } from '../../core/model';
import type { WriteTx } from './stores';
import type { LibraryDb } from './db';
import { write } from './db';
import { termsOf, unindexStory } from '../search/search-index';
import { queueStory } from '../search/waiting';
import { prepareChapter, storyIdOf, storyRecord, versionRecord } from './build-records';
import { each } from './batch-requests';
import { countStory } from './counts';
import { dropVersion, putVersion, versionRange } from './versions';
import type { Problem, SaveResult, StoryCopy, StoryMeta, StoryRecord, StoryStatus, VersionRecord } from '../types';

/** save: becomes the saved copy; hold: kept as a pending version; reject: not written; unchanged: nothing new. */
export type SaveAction = 'save' | 'hold' | 'reject' | 'unchanged';

export interface Verdict {
  action: SaveAction;
  problems: Problem[];
}

/** What the policy needs to know of a fetched copy. */
export interface Fetched {
  kind: PageKind;
  meta: StoryMeta;
  chapters: readonly { kind: PageKind; words: number; hash: string }[];
}

/** Pages whose text is the story. */
const TEXT_KINDS: ReadonlySet<PageKind> = new Set(['story', 'chapter']);

/** The policy: what to do with a fetched copy, given the saved one (null when there is none). */
export function judgeCopy(saved: VersionRecord | null, fetched: Fetched): Verdict {
  const rejected: Problem[] = [];
  const pageProblem = (kind: PageKind, chapter: number | null): Problem | null =>
    kind === 'error' ? { kind: 'error-page', chapter } : kind === 'gate' ? { kind: 'gate-page', chapter } : null;
  const storyPage = pageProblem(fetched.kind, null);
  if (storyPage) rejected.push(storyPage);
  fetched.chapters.forEach((c, i) => {
    const p = pageProblem(c.kind, i) ?? (TEXT_KINDS.has(c.kind) ? null : ({ kind: 'not-a-story', chapter: i } as const));
    if (p) rejected.push(p);
  });
  if (fetched.chapters.length === 0) rejected.push({ kind: 'no-chapters' });
  if (rejected.length) return { action: 'reject', problems: rejected };
  if (!saved) return { action: 'save', problems: [] };

  const hashes = fetched.chapters.map((c) => c.hash);
  if (sameData(hashes, saved.chapterHashes) && sameData(fetched.meta, saved.meta)) return { action: 'unchanged', problems: [] };

  const held: Problem[] = [];
  const before = saved.chapterWords.length;
  if (fetched.chapters.length < before) held.push({ kind: 'fewer-chapters', before, after: fetched.chapters.length });
  // A chapter whose text the saved copy holds is unchanged wherever it now stands (a chapter saved
  // on its own goes in among the saved ones); the others are compared in order.
  const savedHashes = new Set(saved.chapterHashes);
  const fetchedHashes = new Set(hashes);
  const savedLeft = saved.chapterWords.filter((_, i) => !fetchedHashes.has(saved.chapterHashes[i]!));
  const fetchedLeft = fetched.chapters.flatMap((c, i) => (savedHashes.has(c.hash) ? [] : [{ c, i }]));
  fetchedLeft.forEach(({ c, i }, k) => {
    const words = savedLeft[k];
    if (words !== undefined && c.words * 2 < words) held.push({ kind: 'shorter-chapter', chapter: i, before: words, after: c.words });
  });
  return held.length ? { action: 'hold', problems: held } : { action: 'save', problems: [] };
}

/** Equality of JSON-like data, key order aside. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export interface SaveOptions {
  /** Chapters this copy brings that the reader has not seen (an update check's): added to the story's newChapters when it is saved. */
  newChapters?: number;
  /** For each saved chapter, its index in this copy (chapter-identity.ts#reconcile): the reader's place follows its chapter. */
  moved?: readonly number[];
}

/**
 * Saves a fetched story. Its chapters are sanitised again here (see src/reader/sanitize.ts: before
 * rendering and before storing), with a sanitiser built on `win`. Throws LibraryQuotaError when
 * the browser is out of space; nothing is written then.
 */
export async function saveStory(
  db: LibraryDb,
  copy: StoryCopy,
  win: Window & typeof globalThis,
  options: SaveOptions = {},
): Promise<SaveResult> {
  const at = copy.fetchedAt ?? Date.now();
  const chapters = copy.chapters.map((c) => prepareChapter(c, win));
  const id = storyIdOf(copy.site, copy.url, copy.meta);
  const fetched: Fetched = {
    kind: copy.kind,
    meta: copy.meta,
    chapters: chapters.map((c, i) => ({ kind: copy.chapters[i]!.kind, words: c.words, hash: c.hash })),
  };
  return write(db, async (tx) => {
    const story = await tx.objectStore('stories').get(id);
    const saved = story ? ((await tx.objectStore('versions').get([id, story.version])) ?? null) : null;
    const { action, problems } = judgeCopy(saved, fetched);
    if (action === 'reject') return { id, outcome: 'rejected', problems };
    if (action === 'unchanged') {
      if (story?.pending) await dropPending(tx, story);
      return { id, outcome: 'unchanged', problems };
    }
    const version = story ? Math.max(story.version, story.pending?.version ?? 0) + 1 : 1;
    const base = { storyId: id, version, createdAt: at, url: copy.url, meta: copy.meta };
    if (story?.pending) await dropVersion(tx, id, story.pending.version);
    if (action === 'hold') {
      await putVersion(tx, versionRecord({ ...base, state: 'pending' }, chapters, problems), chapters);
      await tx.objectStore('stories').put({ ...story!, pending: { version, problems, createdAt: at } });
      return { id, outcome: 'held', problems };
    }
    const current = versionRecord({ ...base, state: 'current' }, chapters);
    await putVersion(tx, current, chapters);
    if (story) await dropVersion(tx, id, story.version);
    const times = {
      savedAt: story?.savedAt ?? at,
      updatedAt: at,
      lastReadAt: story?.lastReadAt ?? 0,
      newChapters: (story?.newChapters ?? 0) + (options.newChapters ?? 0),
    };
    const record = storyRecord(copy.site, current, times, null);
    await tx.objectStore('stories').put(record);
    if (options.moved) await followPlace(tx, id, options.moved);
    await countStory(tx, story, record);
    await queueStory(tx, id, termsOf(copy.meta, chapters));
    return { id, outcome: story ? 'updated' : 'saved', problems };
  });
}

/** The reader keeps the held copy: it becomes the saved copy. False when there is none. */
export async function promotePending(db: LibraryDb, id: string): Promise<boolean> {
  return write(db, async (tx) => {
    const story = await tx.objectStore('stories').get(id);
    if (!story?.pending) return false;
    const held = await tx.objectStore('versions').get([id, story.pending.version]);
    if (!held) throw new Error(`The held copy of ${id} is missing`);
    const chapters = await tx.objectStore('chapters').getAll(versionRange(id, held.version));
    await dropVersion(tx, id, story.version);
    const current: VersionRecord = { ...held, state: 'current', problems: [] };
    await tx.objectStore('versions').put(current);
    const times = { savedAt: story.savedAt, updatedAt: held.createdAt, lastReadAt: story.lastReadAt, newChapters: story.newChapters };
    const record = storyRecord(story.site, current, times, null);
    await tx.objectStore('stories').put(record);
    await countStory(tx, story, record);
    await queueStory(tx, id, termsOf(held.meta, chapters));
    return true;
  });
}

/** The reader drops the held copy. False when there is none. */
export async function discardPending(db: LibraryDb, id: string): Promise<boolean> {
  return write(db, async (tx) => {
    const story = await tx.objectStore('stories').get(id);
    if (!story?.pending) return false;
    await dropPending(tx, story);
    return true;
  });
}

/** Removes a story with every version, its progress and its index entries. False when there was none. */
export async function deleteStory(db: LibraryDb, id: string): Promise<boolean> {
  return write(db, async (tx) => {
    const story = await tx.objectStore('stories').get(id);
    if (!story) return false;
    const versions = await tx.objectStore('versions').getAll(IDBKeyRange.bound([id], [id, []]));
    await each(versions, (v) => dropVersion(tx, id, v.version));
    await tx.objectStore('progress').delete(id);
    await unindexStory(tx, id);
    await tx.objectStore('stories').delete(id);
    await countStory(tx, story, undefined);
    return true;
  });
}

/** The reader's place moved to where its chapter now stands, when an update put chapters before it. */
async function followPlace(tx: WriteTx, id: string, moved: readonly number[]): Promise<void> {
  const place = await tx.objectStore('progress').get(id);
  const to = place ? moved[place.chapter] : undefined;
  if (place && to !== undefined && to >= 0 && to !== place.chapter) await tx.objectStore('progress').put({ ...place, chapter: to });
}

async function dropPending(tx: WriteTx, story: StoryRecord): Promise<void> {
  await dropVersion(tx, story.id, story.pending!.version);
  await tx.objectStore('stories').put({ ...story, pending: null });
}

/**
 * A story's metadata from the report of its first page. The model has no completion flag, so the
 * status comes from the chapter count: a known total reached by the chapters the site has posted
 * (`posted`, see StoryMeta.chaptersPosted; else the `chapters` saved) is complete, an unknown
 * total (AO3 "3/?") or one not yet reached is a work in progress, and a page without chapter
 * information says nothing. The status is the work's, not the saved copy's: a finished work saved
 * in part is complete (StoryRecord.savedNumbers tells what is saved).
 */
export function metaFromReport(report: PageReport, chapters: number, posted: number | null = null): StoryMeta {
  const total = report.chapter?.count ?? null;
  const reached = Math.max(chapters, posted ?? 0);
  const status: StoryStatus = !report.chapter ? 'unknown' : total !== null && reached >= total ? 'complete' : 'wip';
  return {
    title: report.title ?? report.url,
    authors: report.author ? report.author.split(/\s*,\s*/).filter((a) => a !== '') : [],
    fandoms: [...report.fandoms],
    summary: report.summary,
    rating: { ...report.rating },
    warnings: [...report.warnings],
    warningsHidden: report.warningsHidden,
    tags: [...report.tags],
    words: report.words,
    chapterTotal: total,
    chaptersPosted: posted,
    status,
  };
}
