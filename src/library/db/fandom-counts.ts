/**
 * The number of stories in each fandom, one record per fandom in the fandoms store, so that the
 * library's fandom list is one request (a getAll) at any size. Counting the fandom index instead
 * takes a request per fandom, hundreds in a large library. Every write that may change a story's
 * fandoms (a save, a held copy kept, an import, a repair, a delete) hands the record before and
 * after to countFandoms in the same transaction, so the counts move with the stories or not at all.
 * A record damaged outside the library's writes may have left the counts behind it: repairing it
 * (and the migration that adds the store) counts the fandom index afresh.
 */
import type { WriteTx } from './stores';
import { each } from './batch-requests';

/** The fandoms a story record counts in, each once (as the multi-entry fandom index holds them). */
export function fandomsOf(story: unknown): Set<string> {
  const fandoms = (story as { meta?: { fandoms?: unknown } } | undefined)?.meta?.fandoms;
  return new Set(Array.isArray(fandoms) ? fandoms.filter((f): f is string => typeof f === 'string') : []);
}

/** Moves the counts from a story's record `before` (undefined: none) to `after` (undefined: deleted). */
export async function countFandoms(tx: WriteTx, before: unknown, after: unknown): Promise<void> {
  const [was, is] = [fandomsOf(before), fandomsOf(after)];
  const changes: [string, number][] = [
    ...[...was].filter((f) => !is.has(f)).map((f): [string, number] => [f, -1]),
    ...[...is].filter((f) => !was.has(f)).map((f): [string, number] => [f, 1]),
  ];
  const store = tx.objectStore('fandoms');
  await each(changes, async ([fandom, by]) => {
    const count = ((await store.get(fandom))?.count ?? 0) + by;
    await (count > 0 ? store.put({ fandom, count }) : store.delete(fandom));
  });
}

/** Counts every fandom anew from the fandom index, as the library's fandom list used to. */
export async function recountFandoms(tx: WriteTx): Promise<void> {
  const index = tx.objectStore('stories').index('fandom');
  const fandoms: string[] = [];
  for (let cursor = await index.openKeyCursor(null, 'nextunique'); cursor; cursor = await cursor.continue())
    if (typeof cursor.key === 'string') fandoms.push(cursor.key);
  const store = tx.objectStore('fandoms');
  await store.clear();
  await each(fandoms, async (fandom) => store.put({ fandom, count: await index.count(fandom) }));
}
