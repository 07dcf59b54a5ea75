/**
 * The library's database, opened in the extension page's own origin, once per page. Extension
 * pages only: a content script's IndexedDB would be the site's (tests/unit/architecture.test.ts
 * checks that none imports this).
 */
import { sharedLibrary, type LibraryDb } from '../db/db';
import { writeInWhenIdle } from '../search/waiting';

const shared = sharedLibrary(() => indexedDB);

/** The page's connection, which writes in the search index's waiting keys when idle (a page keeps a held copy, say). */
export async function libraryDb(): Promise<LibraryDb> {
  const db = await shared();
  writeInWhenIdle(db);
  return db;
}
