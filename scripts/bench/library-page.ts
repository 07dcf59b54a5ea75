/**
 * The library benchmark's side in the browser (bundled and served by library.ts): the library's
 * own code on the page's real IndexedDB, driven from Node through `window.libraryBench`.
 * Times are taken here with performance.now(), so the driver's round trips are not in them.
 */
import { openLibrary, type LibraryDb } from '../../src/library/db/db';
import { loadStory } from '../../src/library/db/reading';
import { storyIdOf } from '../../src/library/db/build-records';
import { saveStory } from '../../src/library/db/save';
import { fandomCounts, searchLibrary, type LibraryQuery } from '../../src/library/search/query';
import { tokens } from '../../src/library/search/text-keys';
import { writeInNext, writeInWhenIdle } from '../../src/library/search/waiting';
import { StoryWorld, type Vocabulary } from './library-stories';
import { fillLibrary, type FillStats } from './library-fill';

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

/** Stories [from, to) of the world into the library `name` (library-fill.ts). */
async function fill(name: string, from: number, to: number): Promise<FillStats> {
  return fillLibrary(await library(name), world, from, to, win);
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

/** Writes in every story's waiting index keys (search/waiting.ts), one a transaction, as a connection does when idle. */
async function writeIns(name: string): Promise<Timed[]> {
  const db = await library(name);
  const out: Timed[] = [];
  for (;;) {
    const run = await timed(async () => Number(await writeInNext(db)));
    if (run.size === 0) return out;
    out.push(run);
  }
}

/** From now on the connection writes waiting keys in when idle, as the runner's does. */
async function writeInIdle(name: string): Promise<void> {
  writeInWhenIdle(await library(name));
}

/** Stories whose index keys wait to be written in. */
const waitingCount = async (name: string) => (await library(name)).count('waitingKeys');

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
  writeIns,
  writeInIdle,
  waitingCount,
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
