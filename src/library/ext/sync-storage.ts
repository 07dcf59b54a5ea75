/**
 * Syncing the library's list and reading progress between the reader's browsers: the storage
 * calls around src/library/sync/list-sync.ts, which decides everything. Runs in the background (storage
 * and IndexedDB, no DOM). What this browser remembers between pushes (its device id, the stories
 * it held, its deletions) lives in storage.local.
 */
import { readableStory } from '../db/repair';
import { browser } from 'wxt/browser';
import { read, type LibraryDb } from '../db/db';
import { LIBRARY_LIST, LIBRARY_SYNC_MEMORY } from '../../core/storage-keys';
import { storedItem } from '../../core/ext/storage-items';
import { setProgress } from '../db/reading';
import { takeSyncedStates } from '../db/memory';
import { mergeRemote, normalizeMemory, planPush, type RemoteView } from '../sync/list-sync';
import { deviceOfKey, isLibraryKey, syncStory, type SyncMemory, type SyncStory } from '../sync/list-records';

const memoryItem = storedItem(LIBRARY_SYNC_MEMORY);

/** Storage calls one at a time: a push reads the memory the previous one wrote. */
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work);
  queue = run.catch(() => {});
  return run;
}

function newDeviceId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(10)), (b) => (b % 36).toString(36)).join('');
}

async function loadMemory(): Promise<SyncMemory> {
  const stored = normalizeMemory(await memoryItem.getValue());
  if (stored) return stored;
  const fresh: SyncMemory = { device: newDeviceId(), held: [], deleted: {}, dropped: {} };
  await memoryItem.setValue(fresh);
  return fresh;
}

/** Every saved story as synced, with the reader's place in it. */
async function localStories(db: LibraryDb): Promise<SyncStory[]> {
  const tx = read(db);
  const [stories, progress, memory] = await Promise.all([
    tx.objectStore('stories').getAll(),
    tx.objectStore('progress').getAll(),
    tx.objectStore('memory').getAll(),
  ]);
  const places = new Map(progress.map((p) => [p.storyId, p]));
  const states = new Map(memory.map((m) => [m.id, m]));
  // A damaged record syncs what can be read of it (db/repair.ts) rather than stopping the sync.
  return stories.map((s) => syncStory(readableStory(s), places.get(s.id) ?? null, states.get(s.id) ?? null));
}

async function snapshot(db: LibraryDb) {
  const [all, memory, local] = await Promise.all([browser.storage.sync.get(null), loadMemory(), localStories(db)]);
  return { all: all as Record<string, unknown>, memory, local };
}

export interface PushResult {
  /** Stories and deletions this browser lists now. */
  listed: number;
  /** Items written and removed (none when nothing changed). */
  written: string[];
  removed: string[];
}

/**
 * Writes this browser's list and progress, only the items that changed. Debounce calls: sync
 * allows 120 writes a minute, 1,800 an hour, shared with the settings. Rejects with the browser's
 * error when sync refuses a write (its quota or write rate); the next push tries again.
 */
export function pushLibrarySync(db: LibraryDb, now: number = Date.now()): Promise<PushResult> {
  return serial(async () => {
    const { all, memory, local } = await snapshot(db);
    const plan = planPush(all, local, memory, now);
    if (JSON.stringify(plan.memory) !== JSON.stringify(memory)) await memoryItem.setValue(plan.memory);
    // Removing first frees the space the new items may need; a story briefly unlisted means nothing.
    if (plan.remove.length) await browser.storage.sync.remove(plan.remove);
    if (Object.keys(plan.set).length) await browser.storage.sync.set(plan.set);
    return { listed: plan.listed.length, written: Object.keys(plan.set), removed: plan.remove };
  });
}

function remoteView(db: LibraryDb, now: number): Promise<RemoteView> {
  return serial(async () => {
    const { all, memory, local } = await snapshot(db);
    return mergeRemote(all, local, memory, now);
  });
}

/**
 * Takes the places other browsers reached, and the reading states they set, later than this one.
 * Returns how many stories moved.
 */
export async function pullLibrarySync(db: LibraryDb, now: number = Date.now()): Promise<number> {
  let moved = 0;
  const view = await remoteView(db, now);
  for (const p of view.progress) if (await setProgress(db, p.id, { chapter: p.chapter, fraction: p.fraction }, p.at)) moved++;
  return moved + (await takeSyncedStates(db, view.states));
}

/** Stories the reader's other browsers hold and this one lacks, most recently read or saved first: offer to fetch them. */
export async function missingStories(db: LibraryDb, now: number = Date.now()): Promise<{ id: string; url: string; title: string }[]> {
  return (await remoteView(db, now)).missing.map(({ id, url, title }) => ({ id, url, title }));
}

/** Stories saved here that another browser deleted since they were last read or saved here: kept here, listed no more. */
export async function deletedElsewhere(db: LibraryDb, now: number = Date.now()): Promise<string[]> {
  return (await remoteView(db, now)).deletedElsewhere;
}

/**
 * The reader does not want these missing stories: they leave the synced list in every browser (a
 * browser holding one keeps its text), then the list is pushed.
 */
export async function dismissMissing(db: LibraryDb, ids: readonly string[], now: number = Date.now()): Promise<PushResult> {
  await serial(async () => {
    const memory = await loadMemory();
    const deleted = { ...memory.deleted };
    for (const id of ids) deleted[id] = Math.floor(now / 1000) * 1000;
    await memoryItem.setValue({ ...memory, deleted });
  });
  return pushLibrarySync(db, now);
}

/** Calls `onChange` when another browser's synced list changes (not for this browser's own pushes). Returns the unsubscribe. */
export function watchRemoteSync(onChange: () => void): () => void {
  let device: string | null = null;
  void serial(loadMemory).then((m) => (device = m.device));
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === LIBRARY_LIST.area && Object.keys(changes).some((key) => isLibraryKey(key) && deviceOfKey(key) !== device)) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
