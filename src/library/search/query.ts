/**
 * Finding stories in the library: words in the title, authors, fandoms, tags, summary and the
 * full text of the saved chapters, with filters and a sort order.
 *
 * Every part of a query is an id set read from an index without touching the story records:
 * each word is a key range of the search index per field (search-index.ts), each filter one index read.
 * Then the page: with nothing to match, it is read straight off the sort index (the cost is the
 * page, not the library); with matches, page-order.ts takes each score's stories only as far as
 * the page reaches.
 */
import { readableStory, type ReadStory } from '../db/repair';
import type { RatingLevel } from '../../core/model';
import type { LibraryDb } from '../db/db';
import { FIELDS, lookup, storyIds, type KnownIds, type SearchField } from './search-index';
import { tokens } from './text-keys';
import { readWaiting } from './waiting';
import { FEW, pageOfMatches } from './page-order';
import type { StoryRecord, StoryStatus } from '../types';
import type { FandomCount, LibrarySchema } from '../db/stores';
import { STORY_TOTAL } from '../db/counts';
import { unwrap, wrap, type IDBPIndex } from 'idb';

export type SortKey = 'relevance' | 'updated' | 'title' | 'author' | 'words' | 'lastRead';

export interface LibraryQuery {
  /**
   * Words that must all occur (in any of `fields`). So that a search can run as the reader types,
   * the last word also matches longer words in the title, authors, fandoms and tags once it has
   * three letters and is not followed by a space. In the summary and the text it matches whole
   * words only: three letters begin a dozen words of every story's text ("the": then, there,
   * they…), and reading all of them would take seconds in a large library.
   */
  text?: string;
  /** Where the words may occur; all fields when absent. */
  fields?: SearchField[];
  /** Any of these ratings. */
  rating?: RatingLevel[];
  /** Exactly as the site names it. */
  fandom?: string;
  status?: StoryStatus;
  /** read: opened at least once; unread: never. */
  read?: 'read' | 'unread';
  /** Relevance when there are words, else the latest update first. */
  sort?: SortKey;
  /**
   * Reverses the sort's natural order (newest, A–Z, longest, most recently read first). Equal
   * keys go in id order, reversed along with a descending order, so pages never overlap.
   */
  reverse?: boolean;
  offset?: number;
  /** Page size; 50 when absent. */
  limit?: number;
}

export interface SearchResult {
  /** Stories matching, across all pages. */
  total: number;
  /** As the library reads them back: a damaged record shown with what can be read (db/repair.ts). */
  stories: ReadStory[];
}

/** The sort indexes and whether each one's natural order is descending. */
type SortIndexName = 'updated' | 'title' | 'author' | 'words' | 'lastRead';
const SORTS: Record<Exclude<SortKey, 'relevance'>, { index: SortIndexName; descending: boolean }> = {
  updated: { index: 'updated', descending: true },
  title: { index: 'title', descending: false },
  author: { index: 'author', descending: false },
  words: { index: 'words', descending: true },
  lastRead: { index: 'lastRead', descending: true },
};

/** A title word outranks an author's name, which outranks a tag, the summary and the text. */
const WEIGHTS: [number, number][] = [
  [FIELDS.title, 8],
  [FIELDS.author, 6],
  [FIELDS.fandom, 4],
  [FIELDS.tag, 4],
  [FIELDS.summary, 2],
  [FIELDS.text, 1],
];
const weight = (mask: number) => WEIGHTS.reduce((best, [field, w]) => (mask & field && w > best ? w : best), 0);

const MIN_PREFIX = 3;
/** The fields a word being typed matches as a prefix in (see LibraryQuery.text). */
const PREFIX_FIELDS = FIELDS.title | FIELDS.author | FIELDS.fandom | FIELDS.tag;

/** Each connection's story ids by number (search-index.ts#KnownIds). */
const knownIds = new WeakMap<LibraryDb, KnownIds>();

type ReadTx = ReturnType<typeof searchTx>;
const searchTx = (db: LibraryDb) => db.transaction(['stories', 'searchKeys', 'indexedStories', 'waitingKeys', 'totals'], 'readonly');

/**
 * Stories holding every word of `text`, with their relevance: for each word the weight of the
 * best field it occurs in, summed. The words are matched among story numbers (search-index.ts),
 * and only the stories holding them all are turned into ids.
 */
async function textMatches(tx: ReadTx, text: string, fields: number, known: KnownIds): Promise<Map<string, number> | null> {
  const words = [...new Set(tokens(text))];
  if (words.length === 0) return null;
  const last = words[words.length - 1]!;
  const prefixLast = last.length >= MIN_PREFIX && !/\s$/.test(text);
  const index = {
    keys: tx.objectStore('searchKeys').index('keys'),
    numbers: tx.objectStore('indexedStories'),
    waiting: await readWaiting(tx.objectStore('waitingKeys')),
  };
  let scores: Map<number, number> | null = null;
  for (const word of words) {
    const hits = await lookup(index, word, fields, prefixLast && word === last ? PREFIX_FIELDS : 0);
    const next = new Map<number, number>();
    for (const [n, mask] of hits) {
      if (scores && !scores.has(n)) continue;
      next.set(n, (scores?.get(n) ?? 0) + weight(mask));
    }
    scores = next;
    if (scores.size === 0) break;
  }
  const numbers = [...scores!.keys()];
  const ids = await storyIds(tx.objectStore('indexedStories'), numbers, known);
  const byId = new Map<string, number>();
  ids.forEach((id, i) => id !== undefined && byId.set(id, scores!.get(numbers[i]!)!));
  return byId;
}

/** One id set per filter in the query: a story must be in all of them. */
async function filterIds(tx: ReadTx, q: LibraryQuery): Promise<Set<string>[]> {
  const stories = tx.objectStore('stories');
  const sets: Promise<string[]>[] = [];
  if (q.rating) sets.push(Promise.all(q.rating.map((r) => stories.index('rating').getAllKeys(r))).then((ids) => ids.flat()));
  if (q.fandom !== undefined) sets.push(stories.index('fandom').getAllKeys(q.fandom));
  if (q.status) sets.push(stories.index('status').getAllKeys(q.status));
  if (q.read) sets.push(stories.index('lastRead').getAllKeys(q.read === 'read' ? IDBKeyRange.lowerBound(0, true) : 0));
  return (await Promise.all(sets)).map((ids) => new Set(ids));
}

/**
 * A fandom's records, when it is the query's only filter (the side list's) and holds a few
 * stories: one read of the fandom index, where its ids and then each record would be one a story.
 */
async function fewOfFandom(tx: ReadTx, q: LibraryQuery): Promise<StoryRecord[] | null> {
  if (q.fandom === undefined || q.text || q.rating || q.status || q.read) return null;
  const index = tx.objectStore('stories').index('fandom');
  return (await index.count(q.fandom)) <= FEW ? index.getAll(q.fandom) : null;
}

/** The number of stories: the kept count (db/counts.ts); a library whose count record was lost is counted. */
async function libraryTotal(tx: ReadTx): Promise<number> {
  return (await tx.objectStore('totals').get(STORY_TOTAL)) ?? (await tx.objectStore('stories').count());
}

export async function searchLibrary(db: LibraryDb, q: LibraryQuery = {}): Promise<SearchResult> {
  const tx = searchTx(db);
  const stories = tx.objectStore('stories');
  const mask = q.fields ? q.fields.reduce((m, f) => m | FIELDS[f], 0) : ~0;
  let known = knownIds.get(db);
  if (!known) knownIds.set(db, (known = new Map()));
  const from = q.offset ?? 0;
  const to = from + (q.limit ?? 50);
  const fandom = await fewOfFandom(tx, q);
  if (fandom) {
    const byFandom = ordered(fandom, q.sort === 'relevance' || !q.sort ? 'updated' : q.sort, !!q.reverse);
    return { total: fandom.length, stories: byFandom.slice(from, to).map(readableStory) };
  }
  const [scores, filters, library] = await Promise.all([
    q.text ? textMatches(tx, q.text, mask, known) : null,
    filterIds(tx, q),
    libraryTotal(tx),
  ]);
  const sets = scores ? [new Set(scores.keys()), ...filters] : filters;
  const sort = q.sort === 'relevance' && !scores ? 'updated' : (q.sort ?? (scores ? 'relevance' : 'updated'));

  // Nothing to match: the page is read straight off the sort index.
  if (sets.length === 0 && sort !== 'relevance') {
    const { index, descending } = SORTS[sort];
    const page = await pageOf(stories.index(index), descending !== !!q.reverse ? 'prev' : 'next', from, to - from);
    return { total: library, stories: page.map(readableStory) };
  }

  const ids = sets.slice(1).reduce((kept, set) => new Set([...kept].filter((id) => set.has(id))), sets[0]!);
  // Relevance ranks by score, then puts equal scores in the latest update's order.
  const within = sort === 'relevance' ? 'updated' : sort;
  const { index, descending } = SORTS[within];
  const page = await pageOfMatches(
    { ids, scores: sort === 'relevance' ? scores : null, lowFirst: !!q.reverse, from, to, library },
    {
      walk: () => stories.index(index).openKeyCursor(null, descending !== !!q.reverse ? 'prev' : 'next'),
      records: async (wanted) => (await Promise.all(wanted.map((id) => stories.get(id)))).filter((s): s is StoryRecord => s !== undefined),
      inOrder: (records) => ordered(records, within, !!q.reverse),
    },
  );
  return { total: ids.size, stories: page.map(readableStory) };
}

type SortIndex = IDBPIndex<LibrarySchema, ['stories', 'searchKeys', 'indexedStories', 'waitingKeys', 'totals'], 'stories', SortIndexName>;
/** IndexedDB 3.0's read of an index's records in either direction (Chromium 141 and later). */
type RecordsIndex = IDBIndex & {
  getAllRecords?(options: { direction: IDBCursorDirection; count: number }): IDBRequest<{ value: StoryRecord }[]>;
};

/**
 * `count` records from `from` in the sort index's order. The first page, the one every visit
 * shows, is one request where the browser has one for it: a cursor's steps took 15-45 ms for 50
 * stories of 10,000 in Chromium, one getAllRecords 5-8 ms. Later pages step a cursor.
 */
async function pageOf(index: SortIndex, direction: 'next' | 'prev', from: number, count: number): Promise<StoryRecord[]> {
  if (from === 0) {
    const raw = unwrap(index) as RecordsIndex;
    if (raw.getAllRecords) return (await wrap(raw.getAllRecords({ direction, count }))).map((r) => r.value);
    if (direction === 'next') return index.getAll(null, count);
  }
  const page: StoryRecord[] = [];
  let cursor = await index.openCursor(null, direction);
  if (cursor && from > 0) cursor = await cursor.advance(from);
  for (; cursor && page.length < count; cursor = await cursor.continue()) page.push(cursor.value);
  return page;
}

/** The order the sort index gives (key, then id; reversed for a descending sort), from the records. */
function ordered(records: StoryRecord[], sort: Exclude<SortKey, 'relevance'>, reverse: boolean): StoryRecord[] {
  const [key, descending] = [SORT_KEYS[sort], SORTS[sort].descending];
  const byIndex = (a: StoryRecord, b: StoryRecord) => compareKeys(key(a), key(b)) || compareKeys(a.id, b.id);
  const sorted = records.sort(descending ? (a, b) => byIndex(b, a) : byIndex);
  return reverse ? sorted.reverse() : sorted;
}

/** Each sort index's key, as its key path reads it. */
const SORT_KEYS: Record<Exclude<SortKey, 'relevance'>, (s: StoryRecord) => string | number> = {
  updated: (s) => s.updatedAt,
  title: (s) => s.sortTitle,
  author: (s) => s.sortAuthor,
  words: (s) => s.words,
  lastRead: (s) => s.lastReadAt,
};

/** IndexedDB's order for string or number keys: strings by UTF-16 code units, as `<` compares them. */
const compareKeys = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** Every fandom in the library with its number of stories, most stories first: one read of the counts (db/counts.ts). */
export async function fandomCounts(db: LibraryDb): Promise<FandomCount[]> {
  const counts = await db.getAll('fandoms');
  return counts.sort((a, b) => b.count - a.count || a.fandom.localeCompare(b.fandom));
}
