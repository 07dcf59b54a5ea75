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
 * Only a story's current copy is indexed; held copies are not searchable.
 */
import type { ChapterRecord, StoryMeta } from './types';
import type { SearchKeysRecord, WriteTx } from './schema';
import { each } from './requests';
import { htmlText, tokens } from './text';

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

/** Index keys in one searchKeys record: small records keep index hits cheap, few keep writes cheap. */
const PART = 128;

/** The index keys of terms with their field masks: per term, one for each of its fields. */
export function indexKeys(terms: ReadonlyMap<string, number>): string[] {
  const keys: string[] = [];
  for (const [term, mask] of terms) for (const [field, letter] of LETTERS) if (mask & field) keys.push(letter + term);
  return keys;
}

/** A story's searchKeys records for its index keys. */
export function indexParts(storyId: string, keys: readonly string[]): SearchKeysRecord[] {
  const parts: SearchKeysRecord[] = [];
  for (let at = 0; at < keys.length; at += PART) parts.push({ storyId, part: parts.length, keys: keys.slice(at, at + PART) });
  return parts;
}

/** Points the index at a story's new terms. */
export async function indexStory(tx: WriteTx, storyId: string, terms: ReadonlyMap<string, number>): Promise<void> {
  await unindexStory(tx, storyId);
  const store = tx.objectStore('searchKeys');
  await each(indexParts(storyId, indexKeys(terms)), (part) => store.put(part));
}

export async function unindexStory(tx: WriteTx, storyId: string): Promise<void> {
  await tx.objectStore('searchKeys').delete(IDBKeyRange.bound([storyId], [storyId, []]));
}

/** What a lookup reads from: the searchKeys store's `keys` index, in any transaction. */
interface IndexReader {
  getAllKeys(range: IDBKeyRange): Promise<[string, number][]>;
}

/**
 * The stories holding `term` in any of `fields` (a mask), with the fields they hold it in. With
 * `prefix`, every term starting with it counts.
 */
export async function lookup(index: IndexReader, term: string, fields: number, prefix: boolean): Promise<Map<string, number>> {
  const asked = LETTERS.filter(([field]) => field & fields);
  const reads = asked.map(([, letter]) => index.getAllKeys(prefix ? IDBKeyRange.bound(letter + term, letter + term + '\uffff') : IDBKeyRange.only(letter + term)));
  const found = await Promise.all(reads);
  const hits = new Map<string, number>();
  asked.forEach(([field], i) => {
    for (const [storyId] of found[i]!) hits.set(storyId, (hits.get(storyId) ?? 0) | field);
  });
  return hits;
}
