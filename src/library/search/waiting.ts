/**
 * Index keys waiting to be written in. A save puts its story's index keys (search-index.ts) in one
 * record of the waitingKeys store, which has no index, and they are written into the search index
 * later, a story a transaction, once the connection has had no save for a moment.
 *
 * Why: the index's cost grows with the library. At 10,000 stories Chromium took ~33 ms to put
 * each 512-key part (against 3.6 ms in an empty library), so a save that wrote its parts took
 * 4.5–4.8× an empty library's save, where issue #16 asks for 3×. A record without index entries
 * costs about what a chapter's does. The work is the same, but a save no longer waits on it.
 *
 * A search reads the waiting records too, and a waiting story's keys stand in for whatever the
 * index holds of it (search-index.ts#lookup): what a search finds does not depend on whether they
 * have been written in. A write of the keys at once (indexStory) drops the story's waiting ones,
 * and a delete drops both.
 */
import type { LibraryDb } from '../db/db';
import { write } from '../db/db';
import type { WaitingKeysRecord, WriteTx } from '../db/stores';
import { indexNumbered, storyKeys, storyNumber, writeParts, type Waiting } from './search-index';

/**
 * Past this many stories waiting, a save writes its keys in at once: every search reads all the
 * waiting records (40 added up to 45 ms to a search for "the" at 10,000 stories), and only a
 * library written to where nothing writes in (a page closed, say) piles them up.
 */
export const MOST_WAITING = 50;

/** A connection's schedule: write in after this long without a save… */
const IDLE_MS = 2_000;
/** …or this long after the oldest unwritten save, should saves keep coming. */
const MOST_MS = 20_000;

interface Schedule {
  idleMs: number;
  timer?: ReturnType<typeof setTimeout>;
  /** When the first save since the last write-in queued its keys. */
  since: number | null;
  running: boolean;
  /** Whether a timer fired while writing in. */
  again: boolean;
}

const schedules = new WeakMap<LibraryDb, Schedule>();

/**
 * Queues a story's new terms for the index, numbering the story if it has none yet, in place of
 * any keys of it already waiting (unless MOST_WAITING stories wait already). They are written in
 * after the transaction, if the connection writes in when idle (writeInWhenIdle).
 */
export async function queueStory(tx: WriteTx, storyId: string, terms: ReadonlyMap<string, number>): Promise<void> {
  const waiting = tx.objectStore('waitingKeys');
  const [[n, fresh], count] = await Promise.all([storyNumber(tx, storyId), waiting.count()]);
  // A story already waiting takes its own record's place, adding none.
  if (count >= MOST_WAITING && (fresh || (await waiting.getKey(n)) === undefined)) return indexNumbered(tx, n, fresh, terms);
  await waiting.put({ keys: `\n${storyKeys(terms).join('\n')}\n` }, n);
  const schedule = schedules.get(tx.db);
  // Only once committed: an aborted save leaves nothing to write in.
  if (schedule)
    tx.done.then(
      () => writeInSoon(tx.db, schedule),
      () => {},
    );
}

/** Every waiting story's keys, by number: for a search (search-index.ts#IndexReader). */
export async function readWaiting(store: { getAll(): Promise<WaitingKeysRecord[]>; getAllKeys(): Promise<number[]> }): Promise<Waiting> {
  const [records, numbers] = await Promise.all([store.getAll(), store.getAllKeys()]);
  // A damaged record is left out (its story is found by what the index holds of it), not let break every search.
  return new Map(numbers.flatMap((n, i) => (typeof records[i]?.keys === 'string' ? [[n, records[i].keys] as const] : [])));
}

/** Writes the first waiting story's keys into the index, in a transaction of its own. False when none waits. */
export async function writeInNext(db: LibraryDb): Promise<boolean> {
  return write(
    db,
    async (tx) => {
      const waiting = await tx.objectStore('waitingKeys').openCursor();
      if (!waiting) return false;
      // A damaged record goes, as searches leave it out: what the index holds of its story stays.
      const { keys } = waiting.value as Partial<WaitingKeysRecord>;
      if (typeof keys === 'string') await writeParts(tx, waiting.key, keys.slice(1, -1).split('\n'));
      await waiting.delete();
      return true;
    },
    ['searchKeys', 'waitingKeys'],
  );
}

/**
 * Makes this connection write waiting keys in once it has been idle for `idleMs` after a save
 * (and at most MOST_MS after the first), starting with any a closed page or worker left waiting.
 * For the connections of the contexts that save: the background's runner and the extension's pages.
 */
export function writeInWhenIdle(db: LibraryDb, idleMs = IDLE_MS): void {
  if (schedules.has(db)) return;
  const schedule: Schedule = { idleMs, since: null, running: false, again: false };
  schedules.set(db, schedule);
  writeInSoon(db, schedule);
}

/** After a failed write-in: again once MOST_MS have passed, unless a save asks sooner. */
function retryLater(db: LibraryDb, schedule: Schedule): void {
  clearTimeout(schedule.timer);
  schedule.timer = setTimeout(() => void writeInAll(db, schedule), MOST_MS);
}

function writeInSoon(db: LibraryDb, schedule: Schedule): void {
  const now = Date.now();
  schedule.since ??= now;
  clearTimeout(schedule.timer);
  const at = Math.min(now + schedule.idleMs, schedule.since + MOST_MS);
  schedule.timer = setTimeout(() => void writeInAll(db, schedule), at - now);
}

/**
 * Writes in every waiting story, a transaction each, so a save that comes meanwhile waits for one
 * story (one a connection writing in: every extension context that opens the library writes in).
 */
async function writeInAll(db: LibraryDb, schedule: Schedule): Promise<void> {
  // A save's timer that fires meanwhile asks for another round: this one may have looked before its commit.
  if (schedule.running) {
    schedule.again = true;
    return;
  }
  schedule.running = true;
  let failed = false;
  try {
    do {
      schedule.again = false;
      schedule.since = null;
      while (await writeInNext(db));
    } while (schedule.again);
  } catch (e) {
    // The keys stay waiting, and searches still read them. A closed connection (a newer version
    // opened) leaves them to the next; anything else (a full disk, say) is tried again later.
    failed = (e as { name?: unknown } | null)?.name !== 'InvalidStateError';
    if (failed) console.warn('Slipcase: writing the search index in failed; trying again later', e);
  } finally {
    schedule.running = false;
  }
  if (failed) retryLater(db, schedule);
}
