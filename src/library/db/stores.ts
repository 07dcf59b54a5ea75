/**
 * The library database's stores and their records, as idb types. Types only: the jobs, the search
 * index and the save code name them without importing the schema's migrations (schema.ts).
 */
import type { DBSchema, IDBPTransaction, StoreNames } from 'idb';
import type { JobPage, JobRecord } from '../jobs/job-records';
import type { MemoryRecord } from '../memory/reading-state';
import type { ChapterRecord, ProgressRecord, StoryRecord, VersionRecord } from '../types';

export interface SearchKeysRecord {
  /** Index keys: per term, the letter of each field holding it, then the term. */
  keys: string[];
}

/**
 * A story's index keys waiting to be written in (../search/waiting.ts): in one string, each key
 * between newlines (no term holds one), as a search reads every waiting record, and one string
 * is read back many times faster than thousands.
 */
export interface WaitingKeysRecord {
  keys: string;
}

/** A fandom with its number of stories (counts.ts). */
export interface FandomCount {
  fandom: string;
  count: number;
}

export interface LibrarySchema extends DBSchema {
  stories: {
    key: string;
    value: StoryRecord;
    indexes: {
      title: string;
      author: string;
      fandom: string;
      rating: string;
      updated: number;
      words: number;
      lastRead: number;
      status: string;
    };
  };
  chapters: { key: [string, number, number]; value: ChapterRecord };
  versions: { key: [string, number]; value: VersionRecord };
  progress: { key: string; value: ProgressRecord };
  searchKeys: { key: number; value: SearchKeysRecord; indexes: { keys: string } };
  indexedStories: { key: number; value: { id: string }; indexes: { id: string } };
  /** A story's index keys waiting to be written in (../search/waiting.ts), by its number. */
  waitingKeys: { key: number; value: WaitingKeysRecord };
  fandoms: { key: string; value: FandomCount };
  jobs: { key: string; value: JobRecord };
  jobPages: { key: [string, number]; value: JobPage };
  memory: { key: string; value: MemoryRecord; indexes: { seen: number } };
  /** Counts of the whole library, by what they count (counts.ts): 'stories'. */
  totals: { key: string; value: number };
}

export type StoreName = StoreNames<LibrarySchema>;

/** A transaction that may write every store: a save touches most of them. */
export type WriteTx = IDBPTransaction<LibrarySchema, StoreName[], 'readwrite' | 'versionchange'>;
