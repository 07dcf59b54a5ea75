/** Reading positions for the stories a page of the list shows, in one read. */
import type { LibraryDb } from '../db/db';
import type { ProgressRecord } from '../types';

export async function progressFor(db: LibraryDb, ids: readonly string[]): Promise<Map<string, ProgressRecord>> {
  const store = db.transaction('progress').store;
  const records = await Promise.all(ids.map((id) => store.get(id)));
  return new Map(records.filter((p): p is ProgressRecord => p !== undefined).map((p) => [p.storyId, p]));
}
