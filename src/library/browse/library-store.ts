/**
 * What the library page reads from and writes to the database, as one service. The page itself
 * never opens or names the database: the options page builds this from the open library
 * (src/entrypoints/options/LibrarySection.tsx), the tests from a fake one.
 */
import { LibraryBlockedError, LibraryQuotaError, type LibraryDb } from '../db/db';
import { readerPath } from '../db/reading';
import { repairStory } from '../db/repair';
import { discardPending, promotePending } from '../db/save';
import { deleteStories, restoreStories, type DeletedStories } from '../db/undo-delete';
import { BackupError, type ImportResult } from '../export/backup';
import { exportBackup, importBackupFile, storyEpub, type NamedBlob, type SiteRulesIo } from '../export/transfer';
import { fandomCounts, type LibraryQuery } from '../search/query';
import { ResultPages } from './list-rows';

export type { DeletedStories };

export interface LibraryStore {
  /** One query's results, loaded a page at a time; `onChange` runs as pages arrive. */
  results(query: LibraryQuery, onChange: () => void): ResultPages;
  fandomCounts(): Promise<{ fandom: string; count: number }[]>;
  /** Deletes at once and returns what Undo needs (undo-delete.ts). */
  deleteStories(ids: readonly string[]): Promise<DeletedStories>;
  restoreStories(deleted: DeletedStories): Promise<ImportResult>;
  /** Rebuilds a damaged story record from its saved copy (db/repair.ts); false when it cannot. */
  repairStory(id: string): Promise<boolean>;
  /** Resolves a held copy: the new one replaces the saved one, or is dropped. */
  keepCopy(id: string, which: 'new' | 'saved'): Promise<boolean>;
  /** A story as an EPUB file; null when it is no longer in the library. */
  storyEpub(id: string): Promise<NamedBlob | null>;
  /** `leftOut`: stories whose text is only in the sync folder, not in the file. */
  exportBackup(): Promise<NamedBlob & { leftOut: number }>;
  importBackup(file: Blob): Promise<ImportResult>;
  /** The offline reader's address for a story. */
  readerPath(id: string): string;
}

/**
 * The library page's store over an open library; `win` builds EPUBs and sanitises imports; backups
 * carry `rules`; `fetchText` brings a story's text from the sync folder (dav/awaiting.ts) for an EPUB.
 */
export function libraryStore(
  db: LibraryDb,
  win: Window & typeof globalThis,
  rules?: SiteRulesIo,
  fetchText: (id: string) => Promise<string | null> = async () => 'This browser is not connected to a sync folder.',
): LibraryStore {
  return {
    results: (query, onChange) => new ResultPages(db, query, onChange),
    fandomCounts: () => fandomCounts(db),
    deleteStories: (ids) => deleteStories(db, ids),
    restoreStories: (deleted) => restoreStories(db, deleted, win),
    repairStory: (id) => repairStory(db, id),
    keepCopy: (id, which) => (which === 'new' ? promotePending(db, id) : discardPending(db, id)),
    storyEpub: (id) => storyEpub(db, id, win, fetchText),
    exportBackup: () => exportBackup(db, new Date(), rules),
    importBackup: (file) => importBackupFile(db, file, win, rules),
    readerPath: (id) => readerPath(id),
  };
}

/** A sentence for an error: the library's own errors already are one. */
export function errorText(e: unknown, doing: string): string {
  if (e instanceof LibraryQuotaError || e instanceof LibraryBlockedError || e instanceof BackupError) return e.message;
  return `Could not ${doing}: ${e instanceof Error ? e.message : String(e)}`;
}
