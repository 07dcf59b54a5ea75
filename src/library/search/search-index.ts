/**
 * The search index: a story's index keys, one per (field, term) pair: the field's letter, then
 * the term ("xdragon": "dragon" in the text), stored in the searchKeys store in parts of up to
 * PART keys. The store's `keys` index is multi-entry, so the stories holding a term in a field
 * are one key-range read of the index's primary keys, whatever the library's size; a prefix is
 * one range too, and a lookup in every field is one read per field.
 *
 * Why parts: writing a key per request (as a store of postings would) makes a realistic story's
 * ~2,000 keys cost ~0.3 s in Chromium, while a record's index entries are written together. But
 * Chromium reads the record behind each index hit, so hits in one record of all a story's keys
 * (~25 KB) cost ~0.2 ms each, ~20 times what they cost in parts of 128 keys: "the", in every
 * story, would take seconds at 10,000 stories.
 *
 * Why 512 keys a part: each record put costs more the larger the library. Chromium reads the
 * database inside every put (a trace shows LevelDB's files opened and read in each PutRecord), and
 * a read in a transaction that has written first writes out what it holds, reading back each key
 * for its undo log (TransactionalLevelDBTransaction::Get). At 3,000 stories a save took 155 ms in
 * parts of 128 keys (3.9× an empty library's), 74 ms in parts of 512 (1.9×) and 73 ms in parts of
 * 1,024 (1.8×); no search was slower in parts of 512 (scripts/bench/library.ts, one machine).
 *
 * Why numbers: every index entry holds the part's primary key twice (in its key, and in its
 * value), so the primary key is one number, the story's number times PARTS plus the part, not the
 * story's id (~30 characters, 60 bytes in Chromium's encoding). That makes a story's entries
 * about a quarter of the size: fewer bytes for a save to write, and to read back for its undo log.
 * The indexedStories store numbers the stories (its key generator never hands out a number twice)
 * and maps each number to its story's id.
 *
 * Common words (common-words.ts) in the text and the summary are also indexed the other way round:
 * a story whose text lacks one has its lacking key ("Xthe"), and a search for one reads those few
 * entries and takes their stories from all of them, not the one entry per story its own key has.
 *
 * A save does not write its keys here at once: they wait in one record (waiting.ts), and a lookup
 * reads them in place of what the index holds of that story.
 *
 * Only a story's current copy is indexed; held copies are not searchable.
 */
import type { ChapterRecord, StoryMeta } from '../types';
import type { WriteTx } from '../db/stores';
import { each } from '../db/batch-requests';
import { htmlText, tokens } from './text-keys';
import { COMMON_IN_SUMMARIES, COMMON_WORDS } from './common-words';

/** Where a term occurs. Warnings count as tags; chapter titles as text. */
export const FIELDS = { title: 1, author: 2, fandom: 4, tag: 8, summary: 16, text: 32 } as const;
export type SearchField = keyof typeof FIELDS;
export const ALL_FIELDS = 0b111111;

/** Each field's letter in an index key. Stored keys depend on these: a change needs a migration step. */
const LETTERS: readonly [field: number, letter: string][] = [
  [FIELDS.title, 't'],
  [FIELDS.author, 'a'],
  [FIELDS.fandom, 'f'],
  [FIELDS.tag, 'g'],
  [FIELDS.summary, 's'],
  [FIELDS.text, 'x'],
];

/** Every term of a story with the fields it occurs in. */
export function termsOf(meta: StoryMeta, chapters: readonly Pick<ChapterRecord, 'title' | 'html'>[]): Map<string, number> {
  const terms = new Map<string, number>();
  const add = (text: string | null, field: number) => {
    if (text) for (const t of tokens(text)) terms.set(t, (terms.get(t) ?? 0) | field);
  };
  add(meta.title, FIELDS.title);
  for (const a of meta.authors) add(a, FIELDS.author);
  for (const f of meta.fandoms) add(f, FIELDS.fandom);
  for (const t of [...meta.tags, ...meta.warnings]) add(t, FIELDS.tag);
  add(meta.summary, FIELDS.summary);
  for (const c of chapters) {
    add(c.title, FIELDS.text);
    add(htmlText(c.html), FIELDS.text);
  }
  return terms;
}

/** Index keys in one searchKeys record: small records keep index hits cheap, few keep writes cheap (see above). */
const PART = 512;
/** Parts a story may have: its parts' primary keys are number × PARTS + part. 2^16 parts hold 33 million keys. */
export const PARTS = 2 ** 16;

/** The index keys of terms with their field masks: per term, one for each of its fields. */
export function indexKeys(terms: ReadonlyMap<string, number>): string[] {
  const keys: string[] = [];
  for (const [term, mask] of terms) for (const [field, letter] of LETTERS) if (mask & field) keys.push(letter + term);
  return keys;
}

/**
 * The fields whose common words have lacking keys, each with its lacking keys' letter: upper case,
 * where every field's is lower, as terms are folded to lower case. Stored keys depend on these.
 */
export const LACKING: readonly [field: number, letter: string, words: readonly string[]][] = [
  [FIELDS.text, 'X', COMMON_WORDS],
  [FIELDS.summary, 'S', COMMON_IN_SUMMARIES],
];

/** The lacking keys of the common words a story's fields do not hold (the text: its chapters and their titles). */
export function lackingKeys(terms: ReadonlyMap<string, number>): string[] {
  return LACKING.flatMap(([field, letter, words]) =>
    words.filter((word) => !((terms.get(word) ?? 0) & field)).map((word) => letter + word),
  );
}

/** A field's letter in an index key. */
export const letterOf = (field: number): string => LETTERS.find(([f]) => f === field)![1];

/** Every index key of a story: its terms' keys, then its lacking keys (db/schema.ts's v10 relies on that order). */
export const storyKeys = (terms: ReadonlyMap<string, number>) => [...indexKeys(terms), ...lackingKeys(terms)];

/** Index keys in parts of PART, each with its primary key for the story numbered `n`. */
export function indexParts(n: number, keys: readonly string[]): [key: number, keys: string[]][] {
  const parts: [number, string[]][] = [];
  for (let at = 0; at < keys.length; at += PART) parts.push([n * PARTS + parts.length, keys.slice(at, at + PART)]);
  return parts;
}

/** The primary keys of the parts of the story numbered `n`. */
const partsOf = (n: number) => IDBKeyRange.bound(n * PARTS, (n + 1) * PARTS, false, true);

/** The story's number for the index, and whether it was numbered just now (so it has no parts yet). */
export async function storyNumber(tx: WriteTx, storyId: string): Promise<[n: number, fresh: boolean]> {
  const numbers = tx.objectStore('indexedStories');
  const n = await numbers.index('id').getKey(storyId);
  return n === undefined ? [await numbers.add({ id: storyId }), true] : [n, false];
}

/** Writes the story numbered `n`'s keys into the index, in place of its parts unless it has none (`fresh`). */
export async function writeParts(tx: WriteTx, n: number, keys: readonly string[], fresh = false): Promise<void> {
  const store = tx.objectStore('searchKeys');
  if (!fresh) await store.delete(partsOf(n));
  await each(indexParts(n, keys), ([key, part]) => store.put({ keys: part }, key));
}

/**
 * Points the index at a story's new terms at once, in place of any that wait to be written in
 * (waiting.ts): for writes of many stories together (an import, an undo), where a search should
 * not have to read them all as waiting keys.
 */
export async function indexStory(tx: WriteTx, storyId: string, terms: ReadonlyMap<string, number>): Promise<void> {
  const [n, fresh] = await storyNumber(tx, storyId);
  await indexNumbered(tx, n, fresh, terms);
}

/** indexStory for a story already numbered (storyNumber). */
export async function indexNumbered(tx: WriteTx, n: number, fresh: boolean, terms: ReadonlyMap<string, number>): Promise<void> {
  if (!fresh) await tx.objectStore('waitingKeys').delete(n);
  await writeParts(tx, n, storyKeys(terms), fresh);
}

/** Takes a story out of the index, number, waiting keys and all. */
export async function unindexStory(tx: WriteTx, storyId: string): Promise<void> {
  const numbers = tx.objectStore('indexedStories');
  const n = await numbers.index('id').getKey(storyId);
  if (n === undefined) return;
  await Promise.all([tx.objectStore('searchKeys').delete(partsOf(n)), tx.objectStore('waitingKeys').delete(n), numbers.delete(n)]);
}

/** The keys of the stories whose keys wait to be written in (waiting.ts), by number: each key between newlines. */
export type Waiting = ReadonlyMap<number, string>;

/** What a lookup reads from, in any transaction: the searchKeys store's `keys` index, and the indexedStories store. */
export interface IndexReader {
  keys: { getAllKeys(range: IDBKeyRange): Promise<number[]> };
  numbers: { getAllKeys(): Promise<number[]> };
  /** A waiting story's keys stand in for what the index holds of it (an older copy's, or none). */
  waiting: Waiting;
}

const storyOf = (part: number) => Math.floor(part / PARTS);

/** The stories (by number) whose field holds a common word: all but those with its lacking key (`key`). */
async function holdingCommon(index: IndexReader, key: string): Promise<number[]> {
  const [all, lacking] = await Promise.all([index.numbers.getAllKeys(), index.keys.getAllKeys(IDBKeyRange.only(key))]);
  const without = new Set(lacking.map(storyOf));
  return all.filter((n) => !without.has(n));
}

/**
 * The stories (by number) holding `term` in any of `fields` (a mask), with the fields they hold
 * it in. In `prefixFields` (a mask), every term starting with `term` counts.
 */
export async function lookup(index: IndexReader, term: string, fields: number, prefixFields = 0): Promise<Map<number, number>> {
  const asked = LETTERS.filter(([field]) => field & fields);
  const range = (field: number, key: string) => (field & prefixFields ? IDBKeyRange.bound(key, key + '\uffff') : IDBKeyRange.only(key));
  const written = async ([field, letter]: readonly [number, string]) => {
    const lacking = field & prefixFields ? undefined : LACKING.find(([f, , words]) => f === field && words.includes(term));
    if (lacking) return holdingCommon(index, lacking[1] + term);
    return (await index.keys.getAllKeys(range(field, letter + term))).map(storyOf);
  };
  const holding = async ([field, letter]: readonly [number, string]) => {
    const found = await written([field, letter]);
    if (index.waiting.size === 0) return found;
    return [...found.filter((n) => !index.waiting.has(n)), ...waitingHolding(index.waiting, letter + term, (field & prefixFields) !== 0)];
  };
  const found = await Promise.all(asked.map(holding));
  const hits = new Map<number, number>();
  asked.forEach(([field], i) => {
    for (const n of found[i]!) hits.set(n, (hits.get(n) ?? 0) | field);
  });
  return hits;
}

/** The waiting stories holding `key`, or with `prefix` a key starting with it. */
function waitingHolding(waiting: Waiting, key: string, prefix: boolean): number[] {
  const sought = prefix ? `\n${key}` : `\n${key}\n`;
  return [...waiting].filter(([, keys]) => keys.includes(sought)).map(([n]) => n);
}

/** What turns story numbers into ids: the indexedStories store, in any transaction. */
interface NumberReader {
  get(n: number): Promise<{ id: string } | undefined>;
  getAll(): Promise<{ id: string }[]>;
  getAllKeys(): Promise<number[]>;
}

/**
 * Story ids by number, as far as they have been read. A number is never given to another story
 * (nor back to its own once deleted), so what was read stays true for as long as the database's
 * schema does: a connection can keep its map.
 */
export type KnownIds = Map<number, string>;

/** Up to this many unknown numbers are looked up one by one; more, by reading every number at once. */
const FEW_NUMBERS = 100;

/** The ids of the stories numbered `numbers`, in the same order (a number no longer in use gives none). */
export async function storyIds(
  store: NumberReader,
  numbers: readonly number[],
  known: KnownIds = new Map(),
): Promise<(string | undefined)[]> {
  const unknown = numbers.filter((n) => !known.has(n));
  if (unknown.length > FEW_NUMBERS) {
    const [all, keys] = await Promise.all([store.getAll(), store.getAllKeys()]);
    keys.forEach((k, i) => known.set(k, all[i]!.id));
  } else {
    const found = await Promise.all(unknown.map((n) => store.get(n)));
    unknown.forEach((n, i) => found[i] && known.set(n, found[i].id));
  }
  return numbers.map((n) => known.get(n));
}
