/**
 * What the WebDAV sync keeps between runs (issue #19), in a database of its own beside the library
 * (the library's schema needs no new version for it): this device's id and clock, the replica the
 * last sync left, how far each other device's packs were read, the blobs already uploaded, and the
 * status the options page shows. Every step of a run writes what it finished here, so a run cut
 * off (Chrome stops an idle service worker, a browser quits) starts again where it stopped.
 */
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { Stamp } from './clock';
import type { Replica } from './replica';
import { BLOB_GRACE_MS } from './guards';
import type { ShelfState } from './shelf-run';
import type { KosyncState } from './kosync-run';

export const SYNC_DB_NAME = 'slipcase-sync';

/** What the last sync read of a story's saved copy: its version, and each chapter's blob. */
export interface StoryMark {
  version: number;
  updatedAt: number;
  blobs: string[];
}

/** One line of the log of what changed, newest first in the status. */
export interface SyncLogLine {
  at: number;
  text: string;
}

export interface SyncStatus {
  /** When the last run finished (ms); 0: never. */
  lastSynced: number;
  running: boolean;
  /** The step under way and how far it is, for the progress bar. */
  step: string | null;
  done: number;
  total: number;
  /** Why the last run stopped, in words for the reader; null when it finished. */
  error: string | null;
  /** The last run stopped before a deletion this large: it goes on only when the reader says so. */
  ask: { removing: number; before: number } | null;
  log: SyncLogLine[];
}

export const IDLE_STATUS: SyncStatus = { lastSynced: 0, running: false, step: null, done: 0, total: 0, error: null, ask: null, log: [] };

/** What a run starts from: kept per folder, and started afresh for another folder. */
export interface SyncState {
  folder: string;
  device: string;
  clock: Stamp | null;
  /** The library as of the last sync, and what this device's packs have said. */
  base: Replica;
  /** Every other device's replica as read so far, merged. */
  remote: Replica;
  /** Per other device, the last of its packs read, and its name. */
  seen: Record<string, number>;
  names: Record<string, string>;
  marks: Record<string, StoryMark>;
  /** This device's last pack and snapshot numbers. */
  pack: number;
  snapshot: number;
  /** When each blob in the folder that nothing names was first seen so, and the last sweep (sweep.ts). */
  unnamedSince?: Record<string, number>;
  sweptAt?: number;
  /** What the e-reader shelf holds, when this device keeps it, and the places shared with KOReader. */
  shelf?: ShelfState;
  kosync?: KosyncState;
}

interface SyncSchema extends DBSchema {
  kv: { key: string; value: unknown };
  uploaded: { key: string; value: { name: string; at: number } };
}

export type SyncDb = IDBPDatabase<SyncSchema>;

/** Opens the sync's database through `factory` (the page's indexedDB, or fake-indexeddb in tests). */
export function openSyncDb(factory: IDBFactory, name = SYNC_DB_NAME): Promise<SyncDb> {
  const request = factory.open(name, 1);
  request.onupgradeneeded = () => {
    request.result.createObjectStore('kv');
    request.result.createObjectStore('uploaded', { keyPath: 'name' });
  };
  return wrap(request) as unknown as Promise<SyncDb>;
}

export async function loadState(db: SyncDb, folder: string, newDevice: () => string): Promise<SyncState> {
  const state = (await db.get('kv', 'state')) as SyncState | undefined;
  if (state?.folder === folder) return state;
  // Another folder: nothing of the old one's holds there. The device keeps its id.
  await db.clear('uploaded');
  return {
    folder,
    device: state?.device ?? newDevice(),
    clock: null,
    base: {},
    remote: {},
    seen: {},
    names: {},
    marks: {},
    pack: 0,
    snapshot: 0,
  };
}

export const saveState = (db: SyncDb, state: SyncState): Promise<unknown> => db.put('kv', state, 'state');

export async function loadStatus(db: SyncDb): Promise<SyncStatus> {
  return { ...IDLE_STATUS, ...((await db.get('kv', 'status')) as Partial<SyncStatus> | undefined) };
}

export const saveStatus = (db: SyncDb, status: SyncStatus): Promise<unknown> => db.put('kv', status, 'status');

/**
 * Whether this device uploaded the blob lately. Lately: a blob is swept from the folder only after
 * a week that nothing named it (sweep.ts), so one uploaded within half that is surely still there;
 * an older one is sent again rather than named on trust.
 */
export async function isUploaded(db: SyncDb, name: string, now: number): Promise<boolean> {
  const at = (await db.get('uploaded', name))?.at;
  return at !== undefined && now - at < BLOB_GRACE_MS / 2;
}

export const markUploaded = (db: SyncDb, name: string, now: number): Promise<unknown> => db.put('uploaded', { name, at: now });

/** Forgets the folder: the next connection starts afresh (the device keeps its id). */
export async function forgetFolder(db: SyncDb): Promise<void> {
  const state = (await db.get('kv', 'state')) as SyncState | undefined;
  await db.clear('uploaded');
  await db.delete('kv', 'status');
  if (state) await saveState(db, { ...state, folder: '' });
}
