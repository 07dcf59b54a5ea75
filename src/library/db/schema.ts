/**
 * The library's IndexedDB schema and its history. MIGRATIONS[n] upgrades a database at version n
 * to n + 1; a new schema version is a new step at the end, never an edit of an old one, as a
 * reader's database may sit at any earlier version. Steps read and write old records through an
 * untyped view, since the record types in types.ts describe only the latest version.
 *
 * Stores (latest):
 * - stories     StoryRecord by id; indexes title, author, fandom (multi-entry), rating, updated,
 *               words, lastRead, status
 * - chapters    ChapterRecord by [storyId, version, index]
 * - versions    VersionRecord by [storyId, version]: the current copy and at most one held copy
 * - progress    ProgressRecord by storyId
 * - searchKeys  the search index (search-index.ts): per story its index keys, one per (field, term)
 *               pair, then its lacking keys, in parts, each by its story's number × PARTS + part;
 *               index keys (multi-entry)
 * - indexedStories  each indexed story's id by its number (a key generator); index id (unique)
 * - waitingKeys the index keys of saved stories not yet written into searchKeys, a record per story
 *               by its number, with no index (../search/waiting.ts)
 * - fandoms     FandomCount by fandom: the stories in each fandom (counts.ts)
 * - jobs        JobRecord by id: save jobs, unfinished and recently finished (jobs.ts)
 * - jobPages    JobPage by [jobId, n]: the pages an unfinished job has fetched, so it resumes after
 *               a restart without fetching them again
 * - memory      MemoryRecord by id: the reader's state and place in every story they opened, saved
 *               or not (../memory/reading-state.ts); index seen (seenAt)
 * - totals      the number of stories, by the key 'stories' (counts.ts)
 *
 * History: v1 stories, chapters by [storyId, index], progress. v2 keeps versions: chapters gain a
 * version in their key, each story's copy becomes version 1. v3 adds the search index and the
 * words / lastRead / status indexes, built from the stored copies. v4 adds save jobs and their
 * fetched pages, and every story's count of new chapters (0). v5 moves the search index from the
 * `postings` store (a key [term, storyId, field mask] per term, written one by one) and
 * `storyTerms` (per story its terms and masks) to searchKeys, converted from storyTerms. v6 keys
 * the parts by a number per story (indexedStories) instead of [storyId, part]. v7 adds the fandom
 * counts, counted from the stories. v8 adds the reading memory, empty. v9 adds the totals, counted
 * from the stories. v10 adds each story's lacking keys of the common words (search-index.ts). v11
 * adds the waiting keys, empty.
 * Since v6, without a new version (nothing to convert): stories' meta.chaptersPosted and
 * savedNumbers, and versions' chapterNumbers; records saved before lack them and are read with the
 * defaults (repair.ts).
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { ChapterRecord, StoryRecord, VersionRecord } from '../types';
import type { SearchKeysRecord, StoreName, WriteTx } from './stores';
import { LACKING, PARTS, indexKeys, indexParts, letterOf, termsOf } from '../search/search-index';
import { each } from './batch-requests';
import { recountFandoms, recountTotal } from './counts';
import { contentHash } from '../search/text-keys';

export const STORES: StoreName[] = [
  'stories',
  'chapters',
  'versions',
  'progress',
  'searchKeys',
  'indexedStories',
  'waitingKeys',
  'fandoms',
  'jobs',
  'jobPages',
  'memory',
  'totals',
];

type RawDb = IDBPDatabase<unknown>;
export type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;
type Migration = (db: RawDb, tx: UpgradeTx) => Promise<void>;

/** Records as version 1 wrote them. */
type V1Story = Omit<StoryRecord, 'version' | 'pending' | 'newChapters'>;
type V1Chapter = Omit<ChapterRecord, 'version'>;
/** Stories as versions 2 and 3 wrote them. */
type V3Story = Omit<StoryRecord, 'newChapters'>;
/** Search index parts as version 5 wrote them. */
interface V5SearchKeys {
  storyId: string;
  part: number;
  keys: string[];
}
/** Index records as versions 3 and 4 wrote them. */
interface V3StoryTerms {
  storyId: string;
  terms: string[];
  /** Field mask per term, same order. */
  masks: number[];
}

/** Every record of a store, in key order, each handed to `visit` (which may issue more requests). */
async function eachRecord<T>(tx: UpgradeTx, store: string, visit: (value: T) => Promise<void>): Promise<void> {
  let cursor = await tx.objectStore(store).openCursor();
  while (cursor) {
    await visit(cursor.value as T);
    cursor = await cursor.continue();
  }
}

const v1: Migration = async (db) => {
  const stories = db.createObjectStore('stories', { keyPath: 'id' });
  stories.createIndex('title', 'sortTitle');
  stories.createIndex('author', 'sortAuthor');
  stories.createIndex('fandom', 'meta.fandoms', { multiEntry: true });
  stories.createIndex('rating', 'meta.rating.level');
  stories.createIndex('updated', 'updatedAt');
  db.createObjectStore('chapters', { keyPath: ['storyId', 'index'] });
  db.createObjectStore('progress', { keyPath: 'storyId' });
};

const v2: Migration = async (db, tx) => {
  // IndexedDB cannot change a store's key: copy into a new store, drop the old, take its name.
  const chapters = db.createObjectStore('chapters-v2', { keyPath: ['storyId', 'version', 'index'] });
  const copies = new Map<string, { words: number[]; hashes: string[] }>();
  await eachRecord(tx, 'chapters', async (ch: V1Chapter) => {
    await chapters.put({ ...ch, version: 1 } satisfies ChapterRecord);
    const copy = copies.get(ch.storyId) ?? { words: [], hashes: [] };
    copy.words.push(ch.words);
    copy.hashes.push(contentHash(ch.html));
    copies.set(ch.storyId, copy);
  });
  db.deleteObjectStore('chapters');
  chapters.name = 'chapters';

  const versions = db.createObjectStore('versions', { keyPath: ['storyId', 'version'] });
  await eachRecord(tx, 'stories', async (story: V1Story) => {
    const copy = copies.get(story.id) ?? { words: [], hashes: [] };
    await versions.put({
      storyId: story.id,
      version: 1,
      state: 'current',
      createdAt: story.updatedAt,
      url: story.url,
      meta: story.meta,
      chapterWords: copy.words,
      chapterHashes: copy.hashes,
      problems: [],
    } satisfies VersionRecord);
    await tx.objectStore('stories').put({ ...story, version: 1, pending: null } satisfies V3Story);
  });
};

// v3's index is written here rather than by search-index.ts, whose layout has moved on since (v5).
const v3: Migration = async (db, tx) => {
  const stories = tx.objectStore('stories');
  stories.createIndex('words', 'words');
  stories.createIndex('lastRead', 'lastReadAt');
  stories.createIndex('status', 'meta.status');
  db.createObjectStore('postings');
  db.createObjectStore('storyTerms', { keyPath: 'storyId' });
  await eachRecord(tx, 'stories', async (story: V3Story) => {
    const range = IDBKeyRange.bound([story.id, story.version, 0], [story.id, story.version, Infinity]);
    const chapters: ChapterRecord[] = await tx.objectStore('chapters').getAll(range);
    const terms = termsOf(story.meta, chapters);
    await each(terms, ([term, mask]) => tx.objectStore('postings').put(0, [term, story.id, mask]));
    await tx
      .objectStore('storyTerms')
      .put({ storyId: story.id, terms: [...terms.keys()], masks: [...terms.values()] } satisfies V3StoryTerms);
  });
};

const v4: Migration = async (db, tx) => {
  db.createObjectStore('jobs', { keyPath: 'id' });
  db.createObjectStore('jobPages', { keyPath: ['jobId', 'n'] });
  await eachRecord(tx, 'stories', async (story: V3Story) => {
    await tx.objectStore('stories').put({ ...story, newChapters: 0 } satisfies StoryRecord);
  });
};

// v5's parts are written here, as v6 has moved them on since.
const v5: Migration = async (db, tx) => {
  const searchKeys = db.createObjectStore('searchKeys', { keyPath: ['storyId', 'part'] });
  searchKeys.createIndex('keys', 'keys', { multiEntry: true });
  await eachRecord(tx, 'storyTerms', async ({ storyId, terms, masks }: V3StoryTerms) => {
    const keys = indexKeys(new Map(terms.map((t, i) => [t, masks[i]!])));
    // In parts as a save writes them now (their size is free to change: no later step relies on it).
    const parts = indexParts(0, keys).map(([, keys], part): V5SearchKeys => ({ storyId, part, keys }));
    await each(parts, (part) => searchKeys.put(part));
  });
  db.deleteObjectStore('postings');
  db.deleteObjectStore('storyTerms');
};

// Stories are numbered in id order, as the parts come; each part keeps its keys and its place.
const v6: Migration = async (db, tx) => {
  const numbers = db.createObjectStore('indexedStories', { autoIncrement: true });
  numbers.createIndex('id', 'id', { unique: true });
  const searchKeys = db.createObjectStore('searchKeys-v6');
  searchKeys.createIndex('keys', 'keys', { multiEntry: true });
  let story: { id: string; n: number } | null = null;
  await eachRecord(tx, 'searchKeys', async ({ storyId, part, keys }: V5SearchKeys) => {
    if (story?.id !== storyId) story = { id: storyId, n: (await numbers.add({ id: storyId })) as number };
    await searchKeys.put({ keys } satisfies SearchKeysRecord, story.n * PARTS + part);
  });
  db.deleteObjectStore('searchKeys');
  searchKeys.name = 'searchKeys';
};

const v7: Migration = async (db, tx) => {
  db.createObjectStore('fandoms', { keyPath: 'fandom' });
  // The upgrade transaction covers every store, the new one included.
  await recountFandoms(tx as unknown as WriteTx);
};

const v8: Migration = async (db) => {
  db.createObjectStore('memory', { keyPath: 'id' }).createIndex('seen', 'seenAt');
};

const v9: Migration = async (db, tx) => {
  db.createObjectStore('totals');
  await recountTotal(tx as unknown as WriteTx);
};

/**
 * Every indexed story's lacking keys (search-index.ts), found from its keys of the common words:
 * one read of the index per word, not of every story's parts. They go after its other keys,
 * filling its last part first, as a save now writes them.
 */
const v10: Migration = async (_db, tx) => {
  const store = tx.objectStore('searchKeys');
  const numbers = (await tx.objectStore('indexedStories').getAllKeys()) as number[];
  const lacking = new Map<number, string[]>(numbers.map((n) => [n, []]));
  for (const [field, letter, words] of LACKING) {
    for (const word of words) {
      const parts = (await store.index('keys').getAllKeys(IDBKeyRange.only(letterOf(field) + word))) as number[];
      const holding = new Set(parts.map((key) => Math.floor(key / PARTS)));
      for (const n of numbers) if (!holding.has(n)) lacking.get(n)!.push(letter + word);
    }
  }
  for (const [n, keys] of lacking) {
    if (keys.length === 0) continue;
    const last = await store.openCursor(IDBKeyRange.bound(n * PARTS, (n + 1) * PARTS, false, true), 'prev');
    const [from, held] = last ? [(last.key as number) - n * PARTS, (last.value as SearchKeysRecord).keys] : [0, []];
    await each(indexParts(n, [...held, ...keys]), ([key, part]) => store.put({ keys: part } satisfies SearchKeysRecord, key + from));
  }
};

const v11: Migration = async (db) => {
  db.createObjectStore('waitingKeys');
};

export const MIGRATIONS: readonly Migration[] = [v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11];
export const DB_VERSION = MIGRATIONS.length;

/** Runs the steps from `from` up to `to`, in order, each finished before the next begins. */
export async function migrate(db: RawDb, tx: UpgradeTx, from: number, to: number): Promise<void> {
  for (let v = from; v < to; v++) await MIGRATIONS[v]!(db, tx);
}
