/**
 * A story record as the library reads it back. A record damaged on disk, by an old bug or by a
 * browser's fault, must not vanish from the list or break the pages that show it: what can be
 * read is kept, the rest takes a safe default (a missing rating is `unknown`, never `general`),
 * and the record is marked damaged, so the reader sees it and can save it again or delete it.
 * Nothing here writes: the record on disk stays as it is until the reader acts.
 */
import { LEVEL_ORDER } from '../../core/rating';
import { storyRecord } from './build-records';
import { recountStories } from './counts';
import { write, type LibraryDb } from './db';
import type { Rating, RatingLevel } from '../../core/model';
import type { StoryMeta, StoryRecord, StoryStatus, VersionRecord } from '../types';

export type ReadStory = StoryRecord & {
  /** Set when some fields could not be read and were given defaults. */
  damaged?: true;
};

type Raw = Record<string, unknown>;

const LEVELS: readonly string[] = [...LEVEL_ORDER, 'unknown'] satisfies RatingLevel[];
const STATUSES: readonly string[] = ['complete', 'wip', 'unknown'] satisfies StoryStatus[];

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const orNull = (v: unknown, ok: (v: unknown) => boolean) => v === null || ok(v);

function isRating(v: unknown): v is Rating {
  return (
    isObject(v) &&
    LEVELS.includes(v.level as string) &&
    orNull(v.label, (l) => typeof l === 'string') &&
    (v.source === 'site' || v.source === 'none')
  );
}

/** Each field: its check, and the default a damaged record gets (from the record's id where useful). */
const META: { [K in keyof StoryMeta]: [check: (v: unknown) => boolean, fallback: (id: string) => StoryMeta[K]] } = {
  title: [(v) => typeof v === 'string' && v !== '', (id) => `Damaged record (${id})`],
  authors: [isStrings, () => []],
  fandoms: [isStrings, () => []],
  summary: [(v) => orNull(v, (s) => typeof s === 'string'), () => null],
  rating: [isRating, () => ({ level: 'unknown', label: null, source: 'none' })],
  warnings: [isStrings, () => []],
  warningsHidden: [(v) => typeof v === 'boolean', () => false],
  tags: [isStrings, () => []],
  words: [(v) => orNull(v, isCount), () => null],
  chapterTotal: [(v) => orNull(v, isCount), () => null],
  chaptersPosted: [(v) => orNull(v, isCount), () => null],
  status: [(v) => STATUSES.includes(v as string), () => 'unknown'],
};

const isString = (v: unknown) => typeof v === 'string';
/** An id is "site:host:work" (src/warnings/policy.ts#storyKey): the site and host can be read back from it. */
const idPart = (id: string, n: number) => id.split(':')[n] ?? '';
const RECORD: {
  [K in Exclude<keyof StoryRecord, 'id' | 'meta'>]: [check: (v: unknown) => boolean, fallback: (id: string) => StoryRecord[K]];
} = {
  site: [(v) => isString(v) && v !== '', (id) => idPart(id, 0) || 'generic'],
  host: [isString, (id) => idPart(id, 1)],
  url: [isString, () => ''],
  version: [isCount, () => 1],
  pending: [(v) => v === null || (isObject(v) && isCount(v.version) && Array.isArray(v.problems)), () => null],
  chapterCount: [isCount, () => 0],
  savedNumbers: [(v) => v === null || (Array.isArray(v) && v.every(isCount)), () => null],
  words: [isCount, () => 0],
  savedAt: [isCount, () => 0],
  updatedAt: [isCount, () => 0],
  lastReadAt: [isCount, () => 0],
  newChapters: [isCount, () => 0],
  removedChapters: [(v) => v === undefined || isCount(v), () => undefined],
  changedChapters: [(v) => v === undefined || isCount(v), () => undefined],
  sortTitle: [isString, () => ''],
  sortAuthor: [isString, () => ''],
  textIn: [(v) => v === undefined || v === 'folder', () => undefined],
};

/** The record as stored when it is whole; otherwise a copy with defaults where it is not, marked damaged. */
/** Fields records saved before they were kept lack: the default, and no damage. */
const KEPT_LATER = { meta: { chaptersPosted: null }, record: { savedNumbers: null } };

export function readableStory(record: StoryRecord): ReadStory {
  const stored = record as unknown as Raw;
  const older = !('savedNumbers' in stored) || (isObject(stored.meta) && !('chaptersPosted' in stored.meta));
  const raw: Raw = older ? { ...KEPT_LATER.record, ...stored } : stored;
  if (older && isObject(stored.meta)) raw.meta = { ...KEPT_LATER.meta, ...stored.meta };
  const id = String(raw.id);
  const meta = isObject(raw.meta) ? raw.meta : {};
  let damaged = !isObject(raw.meta);
  const fixedMeta: Raw = { ...meta };
  for (const [key, [check, fallback]] of Object.entries(META)) {
    if (check(meta[key])) continue;
    fixedMeta[key] = fallback(id);
    damaged = true;
  }
  const fixed: Raw = { ...raw, id, meta: fixedMeta };
  for (const [key, [check, fallback]] of Object.entries(RECORD)) {
    if (check(raw[key])) continue;
    fixed[key] = fallback(id);
    damaged = true;
  }
  return damaged ? ({ ...fixed, damaged: true } as ReadStory) : older ? (fixed as unknown as ReadStory) : record;
}

/**
 * Rebuilds a damaged story record from its saved copy's version record, which keeps the work's
 * address and details as they were saved. True when the record was rebuilt; false when it was
 * whole, is gone, or has no readable saved copy to rebuild it from (then only saving it again
 * from its site, or deleting it, is left).
 */
export async function repairStory(db: LibraryDb, id: string): Promise<boolean> {
  return write(db, async (tx) => {
    const raw = await tx.objectStore('stories').get(id);
    if (!raw) return false;
    const story = readableStory(raw);
    if (!story.damaged) return false;
    const { savedAt, updatedAt, lastReadAt, newChapters } = story;
    const rebuilt = (v: VersionRecord) => storyRecord(story.site, v, { savedAt, updatedAt, lastReadAt, newChapters }, null);
    const versions = await tx.objectStore('versions').getAll(IDBKeyRange.bound([id, 0], [id, Infinity]));
    const current = versions.filter((v) => v.state === 'current' && !readableStory(rebuilt(v)).damaged).pop();
    if (!current) return false;
    const pending = story.pending && versions.some((v) => v.version === story.pending!.version) ? story.pending : null;
    const record = { ...rebuilt(current), pending };
    await tx.objectStore('stories').put(record);
    await recountStories(tx);
    return true;
  });
}
