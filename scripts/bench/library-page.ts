/**
 * The library benchmark's side in the browser (bundled and served by library.ts): the library's
 * own code on the page's real IndexedDB, driven from Node through `window.libraryBench`.
 * Times are taken here with performance.now(), so the driver's round trips are not in them.
 */
import { openLibrary, write, type LibraryDb } from '../../src/library/db/db';
import { indexKeys, indexStory, termsOf } from '../../src/library/search/search-index';
import { loadStory } from '../../src/library/db/reading';
import { prepareChapter, storyIdOf, storyRecord, versionRecord, type PreparedChapter } from '../../src/library/db/build-records';
import { saveStory } from '../../src/library/db/save';
import { fandomCounts, searchLibrary, type LibraryQuery } from '../../src/library/search/query';
import { tokens } from '../../src/library/search/text-keys';
import type { StoryCopy } from '../../src/library/types';
import { putVersion } from '../../src/library/db/versions';
import { countFandoms } from '../../src/library/db/fandom-counts';
import { StoryWorld, type Vocabulary } from './library-stories';

export interface FillStats {
  stories: number;
  chapters: number;
  words: number;
  /** Characters of stored chapter HTML. */
  html: number;
  /** Search index keys: one per (field, term) pair of a story. */
  indexKeys: number;
  ms: number;
  /** Where the time went: making the stories up, prepareChapter, termsOf, the transaction. */
  generateMs: number;
  prepareMs: number;
  termsMs: number;
  writeMs: number;
}

export interface Timed {
  ms: number;
  /** Matches (search), chapters (open), or the story's words (save). */
  size: number;
  /** IndexedDB requests made: every call that returns an IDBRequest, each cursor step included. */
  requests: number;
}

let requests = 0;

/** Counts every IndexedDB request the page makes from here on (the methods of `proto` named). */
function countRequests(proto: object, names: string[]): void {
  const methods = proto as Record<string, (...args: unknown[]) => unknown>;
  for (const name of names) {
    const original = methods[name]!;
    methods[name] = function (this: unknown, ...args: unknown[]) {
      requests++;
      return original.apply(this, args);
    };
  }
}
const READS = ['get', 'getAll', 'getAllKeys', 'getKey', 'count', 'openCursor', 'openKeyCursor'];
countRequests(IDBObjectStore.prototype, [...READS, 'put', 'add', 'delete', 'clear']);
countRequests(IDBIndex.prototype, READS);
countRequests(IDBCursor.prototype, ['continue', 'advance', 'continuePrimaryKey', 'update', 'delete']);

let world: StoryWorld;
const libraries = new Map<string, LibraryDb>();
const win = window as Window & typeof globalThis;

async function library(name: string): Promise<LibraryDb> {
  let db = libraries.get(name);
  if (!db) libraries.set(name, (db = await openLibrary(indexedDB, { name })));
  return db;
}

/**
 * Stores stories [from, to) as saveStory stores a first save: the same record builders and index
 * writer, a transaction per story, without its policy read (nothing is saved yet to compare
 * with). A transaction per story, as one of many stories would pass the 1 MB Chromium's
 * IndexedDB buffers in memory, and then read back every key it writes (search-index.ts).
 */
async function fill(name: string, from: number, to: number): Promise<FillStats> {
  const t = performance.now();
  const db = await library(name);
  const stats: FillStats = {
    stories: 0,
    chapters: 0,
    words: 0,
    html: 0,
    indexKeys: 0,
    ms: 0,
    generateMs: 0,
    prepareMs: 0,
    termsMs: 0,
    writeMs: 0,
  };
  const prepared: { copy: StoryCopy; chapters: PreparedChapter[]; terms: Map<string, number> }[] = [];
  for (let n = from; n < to; n++) {
    let mark = performance.now();
    const lap = () => -mark + (mark = performance.now());
    const copy = world.story(n);
    stats.generateMs += lap();
    const chapters = copy.chapters.map((c) => prepareChapter(c, win));
    stats.prepareMs += lap();
    const terms = termsOf(copy.meta, chapters);
    stats.termsMs += lap();
    prepared.push({ copy, chapters, terms });
    stats.stories++;
    stats.chapters += chapters.length;
    stats.words += chapters.reduce((a, c) => a + c.words, 0);
    stats.html += chapters.reduce((a, c) => a + c.html.length, 0);
    stats.indexKeys += indexKeys(terms).length;
  }
  const writing = performance.now();
  for (const { copy, chapters, terms } of prepared) {
    await write(db, async (tx) => {
      const at = copy.fetchedAt!;
      const current = versionRecord(
        { storyId: storyIdOf(copy.site, copy.url, copy.meta), version: 1, state: 'current', createdAt: at, url: copy.url, meta: copy.meta },
        chapters,
      );
      await putVersion(tx, current, chapters);
      const record = storyRecord(copy.site, current, { savedAt: at, updatedAt: at, lastReadAt: 0, newChapters: 0 }, null);
      await tx.objectStore('stories').put(record);
      await countFandoms(tx, undefined, record);
      await indexStory(tx, current.storyId, terms);
    });
  }
  stats.writeMs = performance.now() - writing;
  stats.ms = performance.now() - t;
  return stats;
}

async function timed(run: () => Promise<number>): Promise<Timed> {
  const before = requests;
  const t = performance.now();
  const size = await run();
  return { ms: performance.now() - t, size, requests: requests - before };
}

/** saveStory of stories [from, to), one at a time, as the runner saves them. */
async function saves(name: string, from: number, to: number): Promise<Timed[]> {
  const db = await library(name);
  const out: Timed[] = [];
  for (let n = from; n < to; n++) {
    const copy = world.story(n);
    out.push(
      await timed(async () => {
        const r = await saveStory(db, copy, win);
        if (r.outcome !== 'saved') throw new Error(`story ${n}: ${r.outcome}`);
        return copy.meta.words ?? 0;
      }),
    );
  }
  return out;
}

async function opens(name: string, ns: number[]): Promise<Timed[]> {
  const db = await library(name);
  const out: Timed[] = [];
  for (const n of ns) {
    const copy = world.story(n);
    const id = storyIdOf(copy.site, copy.url, copy.meta);
    out.push(
      await timed(async () => {
        const bundle = await loadStory(db, id);
        if (!bundle) throw new Error(`story ${n} is not in the library`);
        return bundle.chapters.length;
      }),
    );
  }
  return out;
}

async function searches(name: string, queries: LibraryQuery[]): Promise<Timed[]> {
  const db = await library(name);
  const out: Timed[] = [];
  for (const q of queries) out.push(await timed(async () => (await searchLibrary(db, q)).total));
  return out;
}

async function fandoms(name: string, runs: number): Promise<Timed[]> {
  const db = await library(name);
  const out: Timed[] = [];
  for (let i = 0; i < runs; i++) out.push(await timed(async () => (await fandomCounts(db)).length));
  return out;
}

/** What a reader would search story n by: its title's rarest word, its first author. */
function handles(n: number): { titleWord: string; author: string; fandom: string } {
  const { meta } = world.story(n);
  const rank = (w: string) => {
    const i = world.head.findIndex((h) => h.toLowerCase() === w);
    return i < 0 ? Infinity : i;
  };
  const titleWord = tokens(meta.title).reduce((a, b) => (rank(b) > rank(a) ? b : a));
  return { titleWord, author: meta.authors[0]!, fandom: meta.fandoms[0]! };
}

const api = {
  setup(vocab: Vocabulary, seed: number) {
    world = new StoryWorld(vocab, seed);
  },
  fill,
  saves,
  opens,
  searches,
  fandoms,
  handles,
  /** A tail word of this rank (0: the commonest of the rare words). */
  tailWord: (rank: number) => world.tail[rank]!,
  fandomNames: () => world.fandoms.map((f) => f.name),
};

export type LibraryBench = typeof api;
(window as unknown as { libraryBench: LibraryBench }).libraryBench = api;
