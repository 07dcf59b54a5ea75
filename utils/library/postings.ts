/**
 * The search index: an inverted index kept in the `postings` store, one key per (term, story):
 * [term, storyId, mask], the mask naming the fields the term occurs in. A word's stories are one
 * key-range read of keys alone ([term] to [term, []]), whatever the library's size; a prefix is
 * one range too. An update rewrites only the postings whose mask changed (storyTerms remembers
 * the old ones).
 *
 * Only a story's current copy is indexed; held copies are not searchable.
 */
import type { ChapterRecord, StoryMeta } from './types';
import type { WriteTx } from './schema';
import { each } from './requests';
import { htmlText, tokens } from './text';

/** Where a term occurs. Warnings count as tags; chapter titles as text. */
export const FIELDS = { title: 1, author: 2, fandom: 4, tag: 8, summary: 16, text: 32 } as const;
export type SearchField = keyof typeof FIELDS;
export const ALL_FIELDS = 0b111111;

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

/** Points the index at a story's new terms: stale postings go, changed ones are rewritten. */
export async function indexStory(tx: WriteTx, storyId: string, terms: ReadonlyMap<string, number>): Promise<void> {
  const old = await tx.objectStore('storyTerms').get(storyId);
  const before = new Map(old?.terms.map((t, i) => [t, old.masks[i]]));
  const postings = tx.objectStore('postings');
  const stale = [...before].filter(([t, mask]) => terms.get(t) !== mask);
  const fresh = [...terms].filter(([t, mask]) => before.get(t) !== mask);
  await each(stale, ([t, mask]) => postings.delete([t, storyId, mask!]));
  await each(fresh, ([t, mask]) => postings.put(0, [t, storyId, mask]));
  await tx.objectStore('storyTerms').put({ storyId, terms: [...terms.keys()], masks: [...terms.values()] });
}

export async function unindexStory(tx: WriteTx, storyId: string): Promise<void> {
  await indexStory(tx, storyId, new Map());
  await tx.objectStore('storyTerms').delete(storyId);
}

/** What a lookup reads from: any transaction over the postings store. */
interface PostingsReader {
  getAllKeys(range: IDBKeyRange): Promise<[string, string, number][]>;
}

/**
 * The stories holding `term` in any of `fields` (a mask), with the fields they hold it in. With
 * `prefix`, every term starting with it counts.
 */
export async function lookup(postings: PostingsReader, term: string, fields: number, prefix: boolean): Promise<Map<string, number>> {
  const range = prefix ? IDBKeyRange.bound([term], [term + '\uffff']) : IDBKeyRange.bound([term], [term, []]);
  const hits = new Map<string, number>();
  for (const [, storyId, mask] of await postings.getAllKeys(range)) {
    if (mask & fields) hits.set(storyId, (hits.get(storyId) ?? 0) | (mask & fields));
  }
  return hits;
}
