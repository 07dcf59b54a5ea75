/**
 * The whole library as one JSON object, and back. A backup holds what cannot be rebuilt: each
 * story's metadata and chapter HTML (its saved copy and any held copy), its times and the reader's
 * progress. Ids, word counts, sort keys and the search index are derived again on import, so a
 * backup stays valid whatever the database layout becomes.
 *
 * Import merges: a story the library lacks is added; for one it has, the more recently updated
 * copy wins, the reader's furthest position and latest reading time are kept, and the earliest
 * save time. Importing a backup twice changes nothing the second time. A backup is untrusted
 * input: it is checked field by field, and every chapter is sanitised before it is stored.
 */
import type { LibraryDb } from '../db/db';
import { read, write } from '../db/db';
import { clampPosition } from '../db/reading';
import type { WriteTx } from '../db/stores';
import { indexStory, termsOf } from '../search/search-index';
import { prepareChapter, storyIdOf, storyRecord, versionRecord, type PreparedChapter } from '../db/build-records';
import { dropVersion, putVersion, versionRange } from '../db/versions';
import { judgeCopy } from '../db/save';
import { countStory } from '../db/counts';
import { BackupError, fail, list, metaCheck, nullable, num, oneOf, optional, record, str, url, type Check } from './backup-checks';
import type { ChapterRecord, EarlierText, Position, Problem, StoryMeta, StoryRecord, VersionRecord } from '../types';
import { normalizeRules, type SiteRule } from '../../sites/rules/rule';

export const BACKUP_FORMAT = 'slipcase-library';
/** Goes up when the backup's shape changes; an import refuses versions newer than it knows. */
export const BACKUP_VERSION = 1;

export interface BackupChapter {
  title: string | null;
  url: string;
  html: string;
  /** The site's chapter number, when known: a story saved chapter by chapter is ordered by it. */
  number?: number;
  /** Its name in the site's chapter list, when the page listed chapters. */
  listTitle?: string;
  /** Update marks (ChapterRecord): when the archive stopped listing it, and its text before a change. */
  removedAt?: number;
  earlier?: EarlierText;
}

export interface BackupStory {
  site: string;
  url: string;
  meta: StoryMeta;
  savedAt: number;
  updatedAt: number;
  chapters: BackupChapter[];
  /** A fetched copy held back by the save policy (save.ts), with why. */
  pending: { url: string; meta: StoryMeta; createdAt: number; problems: Problem[]; chapters: BackupChapter[] } | null;
  progress: (Position & { at: number }) | null;
}

export interface LibraryBackup {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  /** In id order. */
  stories: BackupStory[];
  /**
   * The reader's site rules (src/sites/rules/), where there are any. Kept apart from the library:
   * the export and import shell passes them in and stores what an import brings.
   */
  siteRules?: SiteRule[];
}

export { BackupError } from './backup-checks';

// ---- export ----

const chapterOut = (c: ChapterRecord): BackupChapter => ({
  title: c.title,
  url: c.url,
  html: c.html,
  ...(c.number !== undefined && { number: c.number }),
  ...(c.listTitle !== undefined && { listTitle: c.listTitle }),
  ...(c.removedAt !== undefined && { removedAt: c.removedAt }),
  ...(c.earlier !== undefined && { earlier: c.earlier }),
});

/**
 * The library as a backup. A story whose text is only in the sync folder (StoryRecord.textIn) has
 * no text here to back up: it is left out, and its id added to `leftOut`.
 */
export async function exportLibrary(
  db: LibraryDb,
  now: Date = new Date(),
  siteRules: SiteRule[] = [],
  leftOut: string[] = [],
): Promise<LibraryBackup> {
  const tx = read(db);
  const [all, progress] = await Promise.all([tx.objectStore('stories').getAll(), tx.objectStore('progress').getAll()]);
  const stories = all.filter((s) => !s.textIn || void leftOut.push(s.id));
  const progressOf = new Map(progress.map((p) => [p.storyId, p]));
  const chaptersOf = (id: string, version: number) => tx.objectStore('chapters').getAll(versionRange(id, version));
  const out = await Promise.all(
    stories.map(async (s): Promise<BackupStory> => {
      const p = progressOf.get(s.id);
      const held = s.pending ? await tx.objectStore('versions').get([s.id, s.pending.version]) : undefined;
      return {
        site: s.site,
        url: s.url,
        meta: s.meta,
        savedAt: s.savedAt,
        updatedAt: s.updatedAt,
        chapters: (await chaptersOf(s.id, s.version)).map(chapterOut),
        pending: held
          ? {
              url: held.url,
              meta: held.meta,
              createdAt: held.createdAt,
              problems: held.problems,
              chapters: (await chaptersOf(s.id, held.version)).map(chapterOut),
            }
          : null,
        progress: p ? { chapter: p.chapter, fraction: p.fraction, at: p.at, ...(p.text !== undefined && { text: p.text }) } : null,
      };
    }),
  );
  const backup: LibraryBackup = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now.toISOString(), stories: out };
  return siteRules.length ? { ...backup, siteRules } : backup;
}

/**
 * The backup as JSON text in pieces, one per story, to hand to `new Blob(parts)`: a large
 * library's JSON is longer than a JavaScript string may be.
 */
export function* backupJson(backup: LibraryBackup): Generator<string> {
  const { stories, ...head } = backup;
  yield JSON.stringify(head).slice(0, -1) + ',"stories":[';
  for (let i = 0; i < stories.length; i++) yield (i ? ',' : '') + JSON.stringify(stories[i]);
  yield ']}';
}

// ---- checking a backup ----

const problemCheck: Check<Problem> = (v, p) => {
  const kind = oneOf(
    'error-page',
    'gate-page',
    'not-a-story',
    'no-chapters',
    'fewer-chapters',
    'shorter-chapter',
  )((v as { kind?: unknown })?.kind, `${p}.kind`);
  switch (kind) {
    case 'error-page':
    case 'gate-page':
      return record({ kind: oneOf(kind), chapter: nullable(num) })(v, p);
    case 'not-a-story':
      return record({ kind: oneOf(kind), chapter: num })(v, p);
    case 'no-chapters':
      return record({ kind: oneOf(kind) })(v, p);
    case 'fewer-chapters':
      return record({ kind: oneOf(kind), before: num, after: num })(v, p);
    case 'shorter-chapter':
      return record({ kind: oneOf(kind), chapter: num, before: num, after: num })(v, p);
  }
};

const chapterNumber: Check<number> = (v, p) =>
  Number.isInteger(v) && (v as number) > 0 ? (v as number) : fail(p, 'a chapter number (1 or more)');

const chaptersCheck: Check<BackupChapter[]> = (v, p) => {
  const chapters = list(
    record<BackupChapter>({
      title: nullable(str),
      url,
      html: str,
      number: optional(chapterNumber),
      listTitle: optional(str),
      removedAt: optional(num),
      earlier: optional(record<EarlierText>({ html: str, changedAt: num })),
    }),
  )(v, p);
  return chapters.length ? chapters : fail(p, 'a list of at least one chapter');
};

const storyCheck = record<BackupStory>({
  site: str,
  url,
  meta: metaCheck,
  savedAt: num,
  updatedAt: num,
  chapters: chaptersCheck,
  pending: nullable(record({ url, meta: metaCheck, createdAt: num, problems: list(problemCheck), chapters: chaptersCheck })),
  progress: nullable(record({ chapter: num, fraction: num, at: num, text: optional(str) })),
});

/** The earliest date a backup may name: Slipcase's records all come after it. */
const EARLIEST = Date.UTC(2000, 0, 1);
/** How far ahead of this machine's clock a date may be: another device's clock may run a little fast. */
const CLOCK_SLACK_MS = 24 * 3600_000;

/**
 * Every date in a story, checked against a sane range. A date far in the future would win every
 * later merge ("the more recently updated copy"), so a bad or hostile backup could pin a story.
 */
function checkDates(story: BackupStory, path: string, now: number): void {
  const dates: [number, string][] = [
    [story.savedAt, 'savedAt'],
    [story.updatedAt, 'updatedAt'],
    ...(story.pending ? [[story.pending.createdAt, 'pending.createdAt'] as [number, string]] : []),
    ...(story.progress ? [[story.progress.at, 'progress.at'] as [number, string]] : []),
  ];
  for (const [t, field] of dates)
    if (!(t >= EARLIEST && t <= now + CLOCK_SLACK_MS)) fail(`${path}.${field}`, 'a date between 2000 and today');
}

/** Checks parsed JSON is a backup this version can read, and returns only the fields it knows. */
export function parseBackup(json: unknown, now: number = Date.now()): LibraryBackup {
  const head = record({ format: str, version: num, exportedAt: str })(json, 'backup');
  if (head.format !== BACKUP_FORMAT) throw new BackupError('Not a Slipcase library backup.');
  if (head.version > BACKUP_VERSION)
    throw new BackupError(`This backup comes from a newer Slipcase (backup version ${head.version}); update Slipcase to import it.`);
  const stories = list(storyCheck)((json as { stories?: unknown }).stories, 'stories');
  stories.forEach((story, i) => checkDates(story, `stories[${i}]`, now));
  const backup: LibraryBackup = { format: BACKUP_FORMAT, version: head.version, exportedAt: head.exportedAt, stories };
  // Rules are the reader's own and optional: invalid ones are dropped, not a reason to refuse the stories.
  const rules = (json as { siteRules?: unknown }).siteRules;
  return rules === undefined ? backup : { ...backup, siteRules: normalizeRules(rules) };
}

// ---- import ----

export interface ImportResult {
  added: number;
  /** Stories the library had that the backup changed: a newer copy, a held copy, or progress. */
  updated: number;
  unchanged: number;
}

/** A backup copy sanitised and measured, ready to write as a version. */
interface Incoming {
  id: string;
  story: BackupStory;
  chapters: PreparedChapter[];
  pending: PreparedChapter[] | null;
}

/**
 * Merges a backup (already parsed, see parseBackup) into the library, in one transaction: all of
 * it or, on an error such as a full disk (LibraryQuotaError), none of it.
 */
export async function importLibrary(db: LibraryDb, backup: LibraryBackup, win: Window & typeof globalThis): Promise<ImportResult> {
  const incoming = new Map<string, Incoming>();
  for (const story of backup.stories) {
    const id = storyIdOf(story.site, story.url, story.meta);
    const prepare = (chapters: BackupChapter[]) => chapters.map((c) => prepareChapter(c, win));
    const prior = incoming.get(id);
    // A backup naming a story twice: the later update is the one kept.
    if (!prior || story.updatedAt > prior.story.updatedAt)
      incoming.set(id, { id, story, chapters: prepare(story.chapters), pending: story.pending && prepare(story.pending.chapters) });
  }
  return write(db, async (tx) => {
    const result: ImportResult = { added: 0, updated: 0, unchanged: 0 };
    for (const item of incoming.values()) result[await merge(tx, item)]++;
    return result;
  });
}

async function merge(tx: WriteTx, item: Incoming): Promise<keyof ImportResult> {
  const { id, story: b, chapters } = item;
  const local = await tx.objectStore('stories').get(id);
  const localProgress = (await tx.objectStore('progress').get(id)) ?? null;
  let next = local?.pending ? Math.max(local.version, local.pending.version) : (local?.version ?? 0);

  // A newer copy replaces the saved one only where the save policy would let a fetch replace it:
  // never with fewer chapters or much shorter text. Such a copy is held beside it instead.
  const saved = local ? (await tx.objectStore('versions').get([id, local.version]))! : null;
  const verdict = local && b.updatedAt > local.updatedAt ? judgeCopy(saved, importedCopy(b, chapters)) : null;
  let current: VersionRecord;
  if (!local || verdict?.action === 'save') {
    current = versionRecord({ storyId: id, version: ++next, state: 'current', createdAt: b.updatedAt, url: b.url, meta: b.meta }, chapters);
    await putVersion(tx, current, chapters);
    if (local) await dropVersion(tx, id, local.version);
    await indexStory(tx, id, termsOf(b.meta, chapters));
  } else {
    current = saved!;
  }
  const replaced = current !== saved;

  // The latest held copy is kept, if it is newer than the saved copy that won.
  let held = local?.pending ?? null;
  for (const candidate of heldCandidates(item, verdict?.action === 'hold' ? verdict.problems : null)) {
    if (candidate.createdAt <= (held?.createdAt ?? -Infinity)) continue;
    if (held) await dropVersion(tx, id, held.version);
    const v = versionRecord(
      { storyId: id, version: ++next, state: 'pending', createdAt: candidate.createdAt, url: candidate.url, meta: candidate.meta },
      candidate.chapters,
      candidate.problems,
    );
    await putVersion(tx, v, candidate.chapters);
    held = { version: v.version, problems: v.problems, createdAt: v.createdAt };
  }
  if (held && held.createdAt <= current.createdAt) {
    await dropVersion(tx, id, held.version);
    held = null;
  }

  const progress = furthest(localProgress, b.progress && { ...clampPosition(b.progress, current.chapterWords.length), at: b.progress.at });
  if (progress) await tx.objectStore('progress').put({ storyId: id, ...progress });
  const times = {
    savedAt: Math.min(local?.savedAt ?? b.savedAt, b.savedAt),
    updatedAt: current.createdAt,
    lastReadAt: progress?.at ?? 0,
    newChapters: local?.newChapters ?? 0,
  };
  const merged = storyRecord(local && !replaced ? local.site : b.site, current, times, held);
  await tx.objectStore('stories').put(merged);
  await countStory(tx, local, merged);
  if (!local) return 'added';
  return sameStory(local, merged) && sameProgress(localProgress, progress) ? 'unchanged' : 'updated';
}

/** A backup's copy of a story as the save policy sees a fetched one. */
function importedCopy(b: BackupStory, chapters: readonly PreparedChapter[]): Parameters<typeof judgeCopy>[1] {
  return { kind: 'story', meta: b.meta, chapters: chapters.map((c) => ({ kind: 'chapter' as const, words: c.words, hash: c.hash })) };
}

interface HeldCandidate {
  createdAt: number;
  url: string;
  meta: StoryMeta;
  chapters: PreparedChapter[];
  problems: Problem[];
}

/** Copies a backup offers to hold: its own held copy, and its main copy when the policy would not let it replace the saved one. */
function heldCandidates({ story: b, chapters, pending }: Incoming, demoted: Problem[] | null): HeldCandidate[] {
  const out: HeldCandidate[] = [];
  if (b.pending && pending) out.push({ ...b.pending, chapters: pending });
  if (demoted) out.push({ createdAt: b.updatedAt, url: b.url, meta: b.meta, chapters, problems: demoted });
  return out.sort((x, y) => x.createdAt - y.createdAt);
}

/** The further position of two, read at the later of their times. */
function furthest(a: (Position & { at: number }) | null, b: (Position & { at: number }) | null): (Position & { at: number }) | null {
  if (!a || !b) return a ?? b;
  const ahead = b.chapter > a.chapter || (b.chapter === a.chapter && b.fraction > a.fraction) ? b : a;
  return { chapter: ahead.chapter, fraction: ahead.fraction, at: Math.max(a.at, b.at) };
}

function sameStory(a: StoryRecord, b: StoryRecord): boolean {
  return a.version === b.version && a.pending?.version === b.pending?.version && a.savedAt === b.savedAt && a.lastReadAt === b.lastReadAt;
}

function sameProgress(a: (Position & { at: number }) | null, b: (Position & { at: number }) | null): boolean {
  return a?.chapter === b?.chapter && a?.fraction === b?.fraction && a?.at === b?.at;
}
