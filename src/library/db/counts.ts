/**
 * The library's counts, kept beside its stories so that reading them is one request at any size:
 * the number of stories in each fandom (the fandoms store, one record a fandom: counting the
 * fandom index instead takes a request per fandom, hundreds in a large library), and the number
 * of stories (the totals store: counting the stories store reads every record, 37-58 ms in
 * Chromium at 10,000 stories, most of the library's first page). Every write that may add or drop
 * a story or change its fandoms (a save, a held copy kept, an import, a repair, a delete, its undo)
 * hands the record before and after to countStory in the same transaction, so the counts move with
 * the stories or not at all. A record damaged outside the library's writes may have left the
 * counts behind it: repairing it (and the migrations that add the stores) counts afresh.
 */
import type { WriteTx } from './stores';
import { each } from './batch-requests';

/** The totals store's key for the number of stories. */
export const STORY_TOTAL = 'stories';

/** The fandoms a story record counts in, each once (as the multi-entry fandom index holds them). */
export function fandomsOf(story: unknown): Set<string> {
  const fandoms = (story as { meta?: { fandoms?: unknown } } | undefined)?.meta?.fandoms;
  return new Set(Array.isArray(fandoms) ? fandoms.filter((f): f is string => typeof f === 'string') : []);
}

/** Moves the counts from a story's record `before` (undefined: none) to `after` (undefined: deleted). */
export async function countStory(tx: WriteTx, before: unknown, after: unknown): Promise<void> {
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
  const added = Number(after !== undefined) - Number(before !== undefined);
  if (added === 0) return;
  const totals = tx.objectStore('totals');
  await totals.put(((await totals.get(STORY_TOTAL)) ?? 0) + added, STORY_TOTAL);
}

/** Counts every fandom anew from the fandom index. */
export async function recountFandoms(tx: WriteTx): Promise<void> {
  const index = tx.objectStore('stories').index('fandom');
  const fandoms: string[] = [];
  for (let cursor = await index.openKeyCursor(null, 'nextunique'); cursor; cursor = await cursor.continue())
    if (typeof cursor.key === 'string') fandoms.push(cursor.key);
  const store = tx.objectStore('fandoms');
  await store.clear();
  await each(fandoms, async (fandom) => store.put({ fandom, count: await index.count(fandom) }));
}

/** Counts the stories anew. */
export async function recountTotal(tx: WriteTx): Promise<void> {
  await tx.objectStore('totals').put(await tx.objectStore('stories').count(), STORY_TOTAL);
}

/** Every count anew. */
export async function recountStories(tx: WriteTx): Promise<void> {
  await recountFandoms(tx);
  await recountTotal(tx);
}
