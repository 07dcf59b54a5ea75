/**
 * Library search against a brute-force oracle: every query's result set is compared with a scan
 * of every saved story's fields and text, and every sort with sorting the matches by hand. The
 * library is big enough (600 stories) for each way of ordering a page to be used: straight off
 * the sort index, from a few hundred records, and by the sort index's keys.
 */
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textLines } from '../../core/dom';
import type { LibraryDb } from '../db/db';
import type { SearchField } from '../search/search-index';
import { loadStory, setProgress } from '../db/reading';
import { saveStory } from '../db/save';
import { fandomCounts, searchLibrary, type LibraryQuery, type SortKey } from '../search/query';
import { fold, tokens } from '../search/text-keys';
import { MOST_WAITING, writeInNext } from '../search/waiting';
import type { StoryCopy, StoryRecord } from '../types';
import { freshLibrary, makeStory, pick, seeded, testWindow, wordOfRank } from './library-fixtures';

const win = testWindow();
const rand = seeded(2024);
let db: LibraryDb;

/** Per story id: its record and the words of each field, as the oracle sees them. */
const oracle = new Map<string, { story: StoryRecord; fields: Record<SearchField, string[]> }>();

const copies: StoryCopy[] = Array.from({ length: 600 }, (_, i) => makeStory(rand, 1000 + i, { chapters: [1, 2], words: [10, 60] }));
const special: StoryCopy = {
  ...makeStory(rand, 5000),
  meta: {
    ...makeStory(rand, 5000).meta,
    title: 'The Pokémon Trainer’s Return',
    authors: ['Harriet Vane'],
    fandoms: ['Pokémon'],
    tags: ['Alternate Universe - Coffee Shops', "Don't Copy To Another Site"],
  },
};

function plainText(html: string): string {
  return textLines(JSDOM.fragment(`<div>${html}</div>`)).join('\n');
}

beforeAll(async () => {
  db = await freshLibrary();
  for (const copy of [...copies, special]) {
    const { id } = await saveStory(db, copy, win);
    const { story, chapters } = (await loadStory(db, id))!;
    const m = story.meta;
    oracle.set(id, {
      story,
      fields: {
        title: tokens(m.title),
        author: m.authors.flatMap(tokens),
        fandom: m.fandoms.flatMap(tokens),
        tag: [...m.tags, ...m.warnings].flatMap(tokens),
        summary: tokens(m.summary ?? ''),
        text: chapters.flatMap((c) => [...tokens(c.title ?? ''), ...tokens(plainText(c.html))]),
      },
    });
  }
  // Some stories read, at distinct times.
  for (const [i, id] of [...oracle.keys()].entries()) {
    if (i % 3 === 0) await setProgress(db, id, { chapter: 0, fraction: 0.5 }, 1_800_000_000_000 + i);
  }
  for (const [id, o] of oracle) o.story = (await loadStory(db, id))!.story;
}, 120_000);
afterAll(() => db.close());

/** What the oracle says a query matches (ignoring sort and paging). */
function expected(q: LibraryQuery): string[] {
  const words = [...new Set(tokens(q.text ?? ''))];
  const prefixLast = words.length > 0 && words[words.length - 1]!.length >= 3 && !/\s$/.test(q.text ?? '');
  const fields = q.fields ?? (['title', 'author', 'fandom', 'tag', 'summary', 'text'] as SearchField[]);
  return [...oracle]
    .filter(([, o]) => {
      // A word being typed is completed in the names (title, authors, fandoms, tags), not in the summary or text.
      const completes = (f: SearchField) => f !== 'summary' && f !== 'text';
      const has = (w: string, prefix: boolean) =>
        fields.some((f) => o.fields[f].some((t) => (prefix && completes(f) ? t.startsWith(w) : t === w)));
      const s = o.story;
      return (
        words.every((w, i) => has(w, prefixLast && i === words.length - 1)) &&
        (!q.rating || q.rating.includes(s.meta.rating.level)) &&
        (q.fandom === undefined || s.meta.fandoms.includes(q.fandom)) &&
        (!q.status || s.meta.status === q.status) &&
        (!q.read || (q.read === 'read') === s.lastReadAt > 0)
      );
    })
    .map(([id]) => id)
    .sort();
}

async function found(q: LibraryQuery): Promise<string[]> {
  const r = await searchLibrary(db, { ...q, limit: 10_000 });
  expect(r.total).toBe(r.stories.length);
  return r.stories.map((s) => s.id).sort();
}

/**
 * A search must find the same whether the saves' index keys still wait or have been written in
 * (waiting.ts): the same library in three states, in this order. The first MOST_WAITING saves'
 * keys wait; the rest, saved with that many waiting, went in at once.
 */
const STATES: [state: string, waitingLeft: number][] = [
  [`the first ${MOST_WAITING} stories' keys waiting, the rest written in`, MOST_WAITING],
  ['half of those written in', MOST_WAITING / 2],
  ['all of them written in', 0],
];

describe.each(STATES)('searchLibrary, %s', (_state, waitingLeft) => {
  beforeAll(async () => {
    while ((await db.count('waitingKeys')) > waitingLeft) await writeInNext(db);
    expect(await db.count('waitingKeys')).toBe(waitingLeft);
  });

  it('finds exactly the stories holding every word, for words drawn from the stories themselves', async () => {
    const r = seeded(5);
    const all = [...oracle.values()];
    for (let i = 0; i < 40; i++) {
      const o = pick(r, all);
      const field = pick(r, ['title', 'author', 'fandom', 'tag', 'summary', 'text'] as SearchField[]);
      if (o.fields[field].length === 0) continue;
      const text = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, o.fields[field])).join(' ') + ' ';
      const ids = await found({ text });
      expect(ids, text).toEqual(expected({ text }));
      expect(ids).toContain(o.story.id);
    }
  });

  it('searches only the fields asked for', async () => {
    const o = oracle.get('ao3:archiveofourown.org:5000')!;
    for (const fields of [['title'], ['author'], ['text'], ['tag', 'fandom']] as SearchField[][]) {
      for (const text of ['pokemon ', 'harriet ', 'coffee ', o.fields.text[10]! + ' ']) {
        expect(await found({ text, fields }), `${text} in ${fields}`).toEqual(expected({ text, fields }));
      }
    }
  });

  it('completes the last word in the names asked for, and only there; in the summary and text it matches whole words', async () => {
    const r = seeded(9);
    const all = [...oracle.values()];
    const choices: SearchField[][] = [
      ['title'],
      ['author'],
      ['fandom'],
      ['tag'],
      ['summary'],
      ['text'],
      ['title', 'summary'],
      ['author', 'tag', 'text'],
    ];
    for (let i = 0; i < 40; i++) {
      const o = pick(r, all);
      const from = pick(r, ['title', 'author', 'fandom', 'tag', 'summary', 'text'] as SearchField[]);
      const word = o.fields[from].find((w) => w.length >= 4);
      if (!word) continue;
      const prefix = word.slice(0, 3 + Math.floor(r() * (word.length - 3)));
      for (const fields of [undefined, pick(r, choices)]) {
        const ids = await found({ text: prefix, fields });
        expect(ids, `${prefix} in ${fields}`).toEqual(expected({ text: prefix, fields }));
        const completed = from !== 'summary' && from !== 'text';
        if ((!fields || fields.includes(from)) && (completed || prefix === word)) expect(ids).toContain(o.story.id);
      }
    }
  });

  it('folds case, accents and apostrophes, and completes the last word as it is typed', async () => {
    const id = 'ao3:archiveofourown.org:5000';
    expect(await found({ text: 'POKEMON trainers' })).toEqual([id]);
    expect(await found({ text: 'pokémon trainer’s' })).toEqual([id]);
    expect(await found({ text: 'dont copy' })).toEqual([id]);
    expect(await found({ text: 'harr' })).toContain(id);
    expect(await found({ text: 'harr ' })).toEqual([]);
    expect(await found({ text: 'coffee sho' })).toEqual([id]);
    expect(await found({ text: 'coffee sh' })).toEqual([]);
  });

  it('applies every filter, alone and together, as the oracle does', async () => {
    const fandom = [...oracle.values()][0]!.story.meta.fandoms[0]!;
    const queries: LibraryQuery[] = [
      { rating: ['explicit'] },
      { rating: ['general', 'teen'] },
      { rating: ['unknown'] },
      { fandom },
      { status: 'complete' },
      { status: 'wip' },
      { read: 'read' },
      { read: 'unread' },
      { rating: ['mature', 'explicit'], status: 'wip', read: 'unread' },
      { fandom, text: [...oracle.values()][0]!.fields.text[0]! + ' ' },
    ];
    for (const q of queries) expect(await found(q), JSON.stringify(q)).toEqual(expected(q));
    expect(await found({ rating: [] })).toEqual([]);
  });

  /** Each sort's key and natural direction; ties go by id, in the same direction. */
  const SORT_BY: Record<Exclude<SortKey, 'relevance'>, [(s: StoryRecord) => string | number, 'asc' | 'desc']> = {
    updated: [(s) => s.updatedAt, 'desc'],
    title: [(s) => s.sortTitle, 'asc'],
    author: [(s) => s.sortAuthor, 'asc'],
    words: [(s) => s.words, 'desc'],
    lastRead: [(s) => s.lastReadAt, 'desc'],
  };
  const byHand = (q: LibraryQuery & { sort: Exclude<SortKey, 'relevance'> }): string[] => {
    const [key, direction] = SORT_BY[q.sort];
    const cmp = (a: StoryRecord, b: StoryRecord) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const order = expected(q)
      .map((id) => oracle.get(id)!.story)
      .sort(cmp)
      .map((s) => s.id);
    return (direction === 'desc') !== !!q.reverse ? order.reverse() : order;
  };

  it.each(Object.keys(SORT_BY) as Exclude<SortKey, 'relevance'>[])(
    'sorts by %s, forwards and reversed, whatever the number of matches',
    async (sort) => {
      const common = wordOfRank(0) + ' ';
      const queries: LibraryQuery[] = [
        {},
        { read: 'unread' },
        { status: 'wip' },
        { rating: ['general', 'teen', 'mature'] },
        { text: common },
        { text: common, read: 'read' },
        { fandom: [...oracle.values()][0]!.story.meta.fandoms[0]! },
      ];
      const sizes = new Set<string>();
      for (const base of queries)
        for (const reverse of [false, true]) {
          const q = { ...base, sort, reverse };
          const r = await searchLibrary(db, { ...q, limit: 10_000 });
          expect(
            r.stories.map((s) => s.id),
            JSON.stringify(q),
          ).toEqual(byHand(q));
          expect(r.total).toBe(r.stories.length);
          sizes.add(r.total > 500 ? 'many' : r.total > 0 ? 'few' : 'none');
        }
      expect([...sizes].sort()).toEqual(['few', 'many']);
    },
  );

  it('reads the first page of the whole library in the same order where the browser lacks getAllRecords', async () => {
    const proto = IDBIndex.prototype as { getAllRecords?: unknown };
    const own = Object.getOwnPropertyDescriptor(proto, 'getAllRecords');
    expect(own).toBeDefined();
    delete proto.getAllRecords;
    try {
      for (const sort of Object.keys(SORT_BY) as Exclude<SortKey, 'relevance'>[])
        for (const reverse of [false, true]) {
          const r = await searchLibrary(db, { sort, reverse });
          expect(
            r.stories.map((s) => s.id),
            `${sort} ${reverse}`,
          ).toEqual(byHand({ sort, reverse }).slice(0, 50));
          expect(r.total).toBe(oracle.size);
        }
    } finally {
      Object.defineProperty(proto, 'getAllRecords', own!);
    }
  });

  it('pages through the whole order, whichever way it is read', async () => {
    for (const q of [
      { sort: 'title' as const },
      { sort: 'words' as const, text: wordOfRank(0) },
      { sort: 'author' as const, read: 'unread' as const },
    ]) {
      const all = (await searchLibrary(db, { ...q, limit: 10_000 })).stories.map((s) => s.id);
      const pages: string[] = [];
      for (let offset = 0; offset < all.length + 50; offset += 50)
        pages.push(...(await searchLibrary(db, { ...q, offset })).stories.map((s) => s.id));
      expect(pages).toEqual(all);
    }
  });

  it.each([
    ['a word of one title', () => [...oracle.values()][3]!.fields.title.find((w) => !/^\d+$/.test(w))!],
    ['the commonest word', () => wordOfRank(0)],
  ])('ranks a title match above a match in the text only, ties by the latest update: %s', async (_name, pickWord) => {
    const word = pickWord();
    const r = await searchLibrary(db, { text: word + ' ', limit: 1000 });
    expect(r.stories.map((s) => s.id).sort()).toEqual(expected({ text: word + ' ' }));
    const inTitle = (s: StoryRecord) => oracle.get(s.id)!.fields.title.includes(word);
    const flags = r.stories.map(inTitle);
    expect(flags.indexOf(false) === -1 || flags.lastIndexOf(true) < flags.indexOf(false)).toBe(true);
    expect(flags[0]).toBe(true);
    const sameRank = r.stories.filter(inTitle);
    expect(sameRank.map((s) => s.updatedAt)).toEqual(sameRank.map((s) => s.updatedAt).sort((a, b) => b - a));
  });

  it('a query of punctuation alone filters nothing out', async () => {
    expect((await searchLibrary(db, { text: ' -- ' })).total).toBe(oracle.size);
  });
});

describe('the index of a story saved again', () => {
  it("holds the new copy's words only, when the new copy has fewer", async () => {
    const lib = await freshLibrary();
    const first = makeStory(seeded(8), 7000, { chapters: [3, 3], words: [400, 400] });
    const { id } = await saveStory(lib, first, win);
    await writeInNext(lib);
    const before = (await loadStory(lib, id))!.chapters.flatMap((c) => tokens(plainText(c.html)));
    // As many words as before, nearly all one word: far fewer distinct terms to index.
    const same = (html: string) => `<p>${'lorem '.repeat(tokens(plainText(html)).length)}</p>`;
    const second = { ...first, chapters: first.chapters.map((c) => ({ ...c, html: same(c.html) })), fetchedAt: first.fetchedAt! + 1 };
    expect((await saveStory(lib, second, win)).outcome).toBe('updated');
    const m = second.meta;
    const kept = new Set(
      tokens(
        [
          m.title,
          m.summary ?? '',
          ...m.authors,
          ...m.fandoms,
          ...m.tags,
          ...m.warnings,
          ...second.chapters.map((c) => c.title ?? ''),
          'lorem',
        ].join(' '),
      ),
    );
    const gone = [...new Set(before)].filter((w) => !kept.has(w));
    expect(gone.length).toBeGreaterThan(100);
    // The first copy's keys written in, the second's waiting; then the second's written in too.
    for (const written of [1, 2]) {
      expect(await lib.count('waitingKeys')).toBe(2 - written);
      for (const w of gone) expect((await searchLibrary(lib, { text: `${w} ` })).total, w).toBe(0);
      expect((await searchLibrary(lib, { text: 'lorem ', fields: ['text'] })).stories.map((s) => s.id)).toEqual([id]);
      await writeInNext(lib);
    }
    lib.close();
  });
});

describe('fandomCounts', () => {
  it('counts the stories in each fandom', async () => {
    const counts = new Map<string, number>();
    for (const o of oracle.values()) for (const f of new Set(o.story.meta.fandoms)) counts.set(f, (counts.get(f) ?? 0) + 1);
    const listed = await fandomCounts(db);
    expect(new Map(listed.map((c) => [c.fandom, c.count]))).toEqual(counts);
    expect(listed.map((c) => c.count)).toEqual([...listed.map((c) => c.count)].sort((a, b) => b - a));
    expect(fold(listed.find((c) => c.fandom.startsWith('Pok'))!.fandom)).toBe('pokemon');
  });
});
