/**
 * The library's synced records and the keys of their items (see list-sync.ts for the layout):
 * a story and the reader's place in it, a deletion, and what a device remembers between pushes.
 * Pure.
 */
import type { ProgressRecord, StoryRecord } from '../types';
import type { MemoryRecord, SyncedState } from '../memory/reading-state';
import { LIBRARY_LIST } from '../../core/storage-keys';

/** Titles are cut to this many characters: enough to know a story by. */
export const TITLE_MAX = 40;
const PREFIX = LIBRARY_LIST.prefix;

/** A saved story as synced. Times are ms since the epoch, in whole seconds; readAt 0: never opened. */
export interface SyncStory {
  kind: 'story';
  id: string;
  url: string;
  title: string;
  chapter: number;
  /** How far through the chapter, 0..1, to a thousandth. */
  fraction: number;
  readAt: number;
  savedAt: number;
  /** The reader's state for it (the reading memory), when there is one; its time in whole seconds. */
  state?: SyncedState;
}

export interface SyncDeletion {
  kind: 'deleted';
  id: string;
  deletedAt: number;
}

export type SyncRecord = SyncStory | SyncDeletion;

/** What a device remembers locally (storage.local) between pushes. Times in ms. */
export interface SyncMemory {
  device: string;
  /** The stories held here at the last push: one gone since was deleted here. */
  held: string[];
  /** Stories deleted here, with when: listed as deletions until they expire. */
  deleted: Record<string, number>;
  /** Stories held here that another device deleted after they were last read or saved here. */
  dropped: Record<string, number>;
}

export interface DeviceList {
  /** When the device last renewed its manifest (ms). */
  at: number;
  buckets: number;
  records: SyncRecord[];
}

// ---- keys ----

export const isLibraryKey = (key: string) => key.startsWith(PREFIX);
export const manifestKey = (device: string) => `${PREFIX}${device}`;
/** The device a manifest at `key` would be of; what follows the prefix, checked by isDeviceId. */
export const deviceOfManifest = (key: string) => (key.startsWith(PREFIX) ? key.slice(PREFIX.length) : '');
export const bucketKey = (device: string, k: number) => `${PREFIX}${device}.${k}`;
export const isDeviceKey = (device: string, key: string) => key === manifestKey(device) || key.startsWith(`${manifestKey(device)}.`);
/** The device whose item `key` is, or null for any other item. */
export function deviceOfKey(key: string): string | null {
  if (!key.startsWith(PREFIX)) return null;
  return key.slice(PREFIX.length).match(/^([a-z0-9]+)(?:\.\d+)?$/)?.[1] ?? null;
}
export const isDeviceId = (s: unknown): s is string => typeof s === 'string' && /^[a-z0-9]{4,16}$/.test(s);

export const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
export const isString = (v: unknown): v is string => typeof v === 'string';

// ---- records ----

export const wholeSecond = (ms: number) => Math.max(0, Math.floor(ms / 1000)) * 1000;
export const seconds = (ms: number) => Math.floor(ms / 1000);

/** Ranks records: a story by its latest reading or saving, a deletion by when it was made. */
export const clockOf = (r: SyncRecord) => (r.kind === 'story' ? Math.max(r.readAt, r.savedAt) : r.deletedAt);
export const byRecency = (a: SyncRecord, b: SyncRecord) => clockOf(b) - clockOf(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function shortTitle(title: string): string {
  const chars = Array.from(title.trim().replace(/\s+/g, ' '));
  return chars.length <= TITLE_MAX ? chars.join('') : `${chars.slice(0, TITLE_MAX - 1).join('')}…`;
}

/** A saved story and the reader's place in it as synced: title cut, fraction and times rounded. */
export function syncStory(
  story: Pick<StoryRecord, 'id' | 'url' | 'savedAt'> & { meta: { title: string } },
  progress: Pick<ProgressRecord, 'chapter' | 'fraction' | 'at'> | null,
  memory: Pick<MemoryRecord, 'state' | 'chosen' | 'stateAt'> | null = null,
): SyncStory {
  return {
    kind: 'story',
    id: story.id,
    url: story.url,
    title: shortTitle(story.meta.title),
    chapter: progress ? Math.max(0, Math.trunc(progress.chapter)) || 0 : 0,
    fraction: progress ? Math.round(Math.min(1, Math.max(0, progress.fraction || 0)) * 1000) / 1000 : 0,
    readAt: progress ? wholeSecond(progress.at) : 0,
    savedAt: wholeSecond(story.savedAt),
    ...(memory && { state: { state: memory.state, chosen: memory.chosen, at: wholeSecond(memory.stateAt) } }),
  };
}
