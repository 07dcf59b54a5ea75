/**
 * The library's database, opened in the extension page's own origin, once per page. Extension
 * pages only: a content script's IndexedDB would be the site's (tests/unit/architecture.test.ts
 * checks that none imports this).
 */
import { sharedLibrary, type LibraryDb } from '../db/db';
import { writeInWhenIdle } from '../search/waiting';

const shared = sharedLibrary(() => indexedDB);

/**
 * The context's connection, which writes in the search index's waiting keys when idle: a page
 * saves too (it keeps a held copy), and any that opens the library takes over what a closed one left.
 */
export async function libraryDb(): Promise<LibraryDb> {
  const db = await shared();
  writeInWhenIdle(db);
  return db;
}
