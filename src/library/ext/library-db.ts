/**
 * The library's database, opened in the extension page's own origin, once per page. Extension
 * pages only: a content script's IndexedDB would be the site's (tests/unit/architecture.test.ts
 * checks that none imports this).
 */
import { sharedLibrary } from '../db/db';

export const libraryDb = sharedLibrary(() => indexedDB);
