/**
 * Common words, which the index finds in the text by the stories that lack them
 * (search-index.ts): every search holding one must find what a scan of the stories finds, in
 * every field it is asked in, with other words, as typed, and after a story is saved again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibraryDb } from '../db/db';
import { saveStory } from '../db/save';
import { COMMON_WORDS } from '../search/common-words';
import { LACKING, lackingKeys, termsOf, type SearchField } from '../search/search-index';
import { searchLibrary, type LibraryQuery } from '../search/query';
import { tokens } from '../search/text-keys';
import type { StoryCopy } from '../types';
import { freshLibrary, makeStory, pick, seeded, testWindow } from './library-fixtures';

const win = testWindow();
const rand = seeded(77);
let db: LibraryDb;

/** Each story's text holds a random share of the common words (none, some, all), and its summary a few. */
function withCommonWords(copy: StoryCopy): StoryCopy {
  const share = pick(rand, [0, 0.1, 0.5, 0.9, 1]);
  const held = COMMON_WORDS.filter(() => rand() < share);
  const chapters = copy.chapters.map((c, i) => (i === 0 ? { ...c, html: `${c.html}<p>${held.join(' ')}</p>` } : c));
  const summary = `${copy.meta.summary ?? ''} ${COMMON_WORDS.filter(() => rand() < 0.5).join(' ')}`;
  return { ...copy, chapters, meta: { ...copy.meta, summary } };
}

const copies = Array.from({ length: 120 }, (_, i) => withCommonWords(makeStory(rand, 7000 + i, { chapters: [1, 2], words: [10, 40] })));
/** Each story's words per field, as the index sees them. */
const fieldsOf = new Map<string, Map<string, number>>();

const id = (c: StoryCopy) => `ao3:archiveofourown.org:${c.url.split('/').pop()}`;
const FIELD_BITS: Record<SearchField, number> = { title: 1, author: 2, fandom: 4, tag: 8, summary: 16, text: 32 };
const FIELDS_TEXT = FIELD_BITS.text;

beforeAll(async () => {
  db = await freshLibrary();
  for (const c of copies) {
    await saveStory(db, c, win);
    fieldsOf.set(id(c), termsOf(c.meta, c.chapters));
  }
}, 60_000);
afterAll(() => db.close());

/** The stories holding every word of `text` (whole words) in any of `fields`, by a scan. */
function scan(text: string, fields: SearchField[] = ['title', 'author', 'fandom', 'tag', 'summary', 'text']): string[] {
  const mask = fields.reduce((m, f) => m | FIELD_BITS[f], 0);
  return [...fieldsOf]
    .filter(([, terms]) => tokens(text).every((w) => (terms.get(w) ?? 0) & mask))
    .map(([storyId]) => storyId)
    .sort();
}

async function found(q: LibraryQuery): Promise<string[]> {
  const r = await searchLibrary(db, { ...q, limit: 10_000 });
  expect(r.total).toBe(r.stories.length);
  return r.stories.map((s) => s.id).sort();
}

describe('common words', () => {
  it('the lacking keys name exactly the common words the text and the summary lack', () => {
    const terms = new Map([
      ['the', FIELDS_TEXT],
      ['said', FIELDS_TEXT | FIELD_BITS.title],
      ['and', FIELD_BITS.summary],
    ]);
    expect(lackingKeys(terms)).toEqual([...COMMON_WORDS.filter((w) => w !== 'the' && w !== 'said').map((w) => `X${w}`), 'Sthe']);
    expect(lackingKeys(new Map([['the', FIELD_BITS.summary | FIELDS_TEXT]]))).not.toContain('Sthe');
  });

  it('are folded as the tokeniser folds words, and their lacking keys take no field letter', () => {
    for (const [, letter, words] of LACKING) {
      expect(letter).toMatch(/^[A-Z]$/);
      for (const word of words) expect(tokens(word)).toEqual([word]);
      expect(new Set(words).size).toBe(words.length);
    }
    expect(new Set(LACKING.map(([, letter]) => letter)).size).toBe(LACKING.length);
  });

  it('finds the stories whose text holds each of them, alone, in every field, and with other words', async () => {
    for (const word of COMMON_WORDS) {
      for (const fields of [['text'], undefined, ['summary', 'text'], ['summary']] as (SearchField[] | undefined)[]) {
        const ids = await found({ text: `${word} `, fields });
        expect(ids, `${word} in ${fields}`).toEqual(scan(word, fields));
      }
    }
    // Both kinds of story are there, in the text and in the summary: holding the word and lacking it.
    for (const field of ['text', 'summary'] as SearchField[]) {
      const the = scan('the', [field]).length;
      expect(the).toBeGreaterThan(10);
      expect(the).toBeLessThan(copies.length - 10);
    }
  });

  it('combines them with rare words and with each other, as the scan does', async () => {
    const r = seeded(3);
    for (let i = 0; i < 40; i++) {
      const terms = pick(r, [...fieldsOf.values()]);
      const own = [...terms.keys()].filter((t) => !COMMON_WORDS.includes(t));
      const text = `${pick(r, COMMON_WORDS)} ${pick(r, own)} ${pick(r, COMMON_WORDS)} `;
      expect(await found({ text }), text).toEqual(scan(text));
      expect(await found({ text, fields: ['text'] }), text).toEqual(scan(text, ['text']));
    }
  });

  it('as the last word typed, completes in the names and matches whole words in the text', async () => {
    const ids = await found({ text: 'the' });
    const names = [...fieldsOf]
      .filter(([, terms]) => [...terms].some(([t, m]) => t.startsWith('the') && m & 15))
      .map(([storyId]) => storyId);
    expect(ids).toEqual([...new Set([...scan('the', ['summary', 'text']), ...names])].sort());
  });

  it('follows a story saved again: a word it lost is lacking, a word it gained is held', async () => {
    const before = copies.find(
      (c) => fieldsOf.get(id(c))!.get('said')! & FIELDS_TEXT && !(fieldsOf.get(id(c))!.get('there')! & FIELDS_TEXT),
    )!;
    // As long as before, so that it replaces the copy: "said" becomes "there".
    const chapters = before.chapters.map((c) => ({ ...c, html: c.html.replace(/\bsaid\b/g, 'there') }));
    const again: StoryCopy = { ...before, chapters, fetchedAt: (before.fetchedAt ?? 0) + 1 };
    expect((await saveStory(db, again, win)).outcome).toBe('updated');
    fieldsOf.set(id(before), termsOf(again.meta, again.chapters));
    expect(await found({ text: 'said ', fields: ['text'] })).not.toContain(id(before));
    expect(await found({ text: 'there ', fields: ['text'] })).toContain(id(before));
    expect(await found({ text: 'said ', fields: ['text'] })).toEqual(scan('said', ['text']));
  });
});
