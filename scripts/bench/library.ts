/**
 * How fast the offline library is at 10,000 stories: `npx tsx scripts/bench/library.ts`
 * (options: --stories N --chapters C --words W, per chapter).
 *
 * Fills a fake-indexeddb library through saveStory with generated stories (Zipf-distributed
 * words, tags, fandoms; tests/unit/library-fixtures.ts), then prints medians of:
 * - save: every save while filling, and the last 1,000 alone (a library near full size); then
 *   saves of full-size stories (C chapters × 3,000 words) into the full library;
 * - open: a story and its chapters (loadStory);
 * - list: the first page of 50, latest update first;
 * - search: a title word, an author, a full-text word of middling frequency, and the commonest
 *   word (in every story: the longest postings list there is).
 *
 * A realistic story is 5 chapters × 3,000 words. Filling 10,000 of those would take hours here
 * (jsdom's sanitiser alone takes ~45 ms per such chapter) and about 40 million postings, more
 * than Node's default heap holds in fake-indexeddb; so the filling stories default to 300 words a
 * chapter (about 8 million postings, ~20 minutes on two shared cores; the output says what was
 * used), and full-size saves are timed separately. The index's worst case does not depend on text
 * size: the commonest word's postings list holds every story either way.
 *
 * fake-indexeddb is an in-memory model, not a browser's database: read the numbers as the cost of
 * the library's own work (requests issued, keys read), comparable between runs on one machine.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadStory } from '../../utils/library/read';
import { saveStory } from '../../utils/library/save';
import { searchLibrary, type LibraryQuery } from '../../utils/library/search';
import type { StoryMeta } from '../../utils/library/types';
import { freshLibrary, makeStory, pick, rankOf, seeded, testWindow, wordOfRank } from '../../tests/unit/library-fixtures';

const { values } = parseArgs({
  options: { stories: { type: 'string', default: '10000' }, chapters: { type: 'string', default: '5' }, words: { type: 'string', default: '300' } },
});
const STORIES = Number(values.stories);
const CHAPTERS = Number(values.chapters);
const WORDS = Number(values.words);
const FULL_WORDS = 3000;
const RUNS = 30;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (x: number) => x.toFixed(2);

async function time(run: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await run();
  return performance.now() - t;
}

async function medianOf(queries: LibraryQuery[], db: Awaited<ReturnType<typeof freshLibrary>>): Promise<{ ms: number; hits: number }> {
  const times: number[] = [];
  const hits: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    const r = await searchLibrary(db, q);
    times.push(performance.now() - t);
    hits.push(r.total);
  }
  return { ms: median(times), hits: median(hits) };
}

const win = testWindow();
const rand = seeded(20240601);
const db = await freshLibrary();
const metas: StoryMeta[] = [];
const ids: string[] = [];
const saves: number[] = [];

const started = performance.now();
for (let n = 0; n < STORIES; n++) {
  const copy = makeStory(rand, n + 1, { chapters: [CHAPTERS, CHAPTERS], words: [WORDS, WORDS] });
  const t = performance.now();
  const { id } = await saveStory(db, copy, win);
  saves.push(performance.now() - t);
  ids.push(id);
  if (n % 50 === 0) metas.push(copy.meta);
  if ((n + 1) % 1000 === 0) process.stderr.write(`${n + 1} stories saved, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}

const fullSaves: number[] = [];
for (let i = 0; i < 20; i++) {
  const copy = makeStory(rand, STORIES + 1 + i, { chapters: [CHAPTERS, CHAPTERS], words: [FULL_WORDS, FULL_WORDS] });
  fullSaves.push(await time(() => saveStory(db, copy, win)));
}

const opens: number[] = [];
for (let i = 0; i < RUNS * 4; i++) {
  const id = pick(rand, ids);
  opens.push(await time(() => loadStory(db, id)));
}

/** The title's rarest word: what a reader remembers of a title. */
const titleWord = (m: StoryMeta) => m.title.split(' ').reduce((a, b) => (rankOf(b) > rankOf(a) ? b : a));
const sample = Array.from({ length: RUNS }, () => pick(rand, metas));
const list = await medianOf(Array.from({ length: RUNS }, () => ({ sort: 'updated' as const, limit: 50 })), db);
const title = await medianOf(sample.map((m) => ({ text: titleWord(m) + ' ' })), db);
const author = await medianOf(sample.map((m) => ({ text: m.authors[0]! })), db);
const textWord = await medianOf(Array.from({ length: RUNS }, (_, i) => ({ text: wordOfRank(2000 + i * 37) + ' ', fields: ['text' as const] })), db);
const common = await medianOf(Array.from({ length: 5 }, () => ({ text: wordOfRank(0) + ' ' })), db);

const postings = await db.count('postings');
const lines: [string, string | number][] = [
  ['stories', STORIES],
  ['chapters_per_story', CHAPTERS],
  ['words_per_chapter', WORDS],
  ['postings', postings],
  ['fill_seconds', ((performance.now() - started) / 1000).toFixed(0)],
  ['heap_mb', (process.memoryUsage().heapUsed / 1e6).toFixed(0)],
  ['save_ms_median_all', ms(median(saves))],
  ['save_ms_median_last_1000', ms(median(saves.slice(-1000)))],
  [`save_ms_median_full_size_${CHAPTERS}x${FULL_WORDS}`, ms(median(fullSaves))],
  ['open_ms_median', ms(median(opens))],
  ['list_first_50_by_updated_ms_median', ms(list.ms)],
  ['search_title_word_ms_median', ms(title.ms)],
  ['search_title_word_hits_median', title.hits],
  ['search_author_ms_median', ms(author.ms)],
  ['search_author_hits_median', author.hits],
  ['search_fulltext_word_ms_median', ms(textWord.ms)],
  ['search_fulltext_word_hits_median', textWord.hits],
  ['search_commonest_word_ms_median', ms(common.ms)],
  ['search_commonest_word_hits', common.hits],
];
for (const [k, v] of lines) console.log(`${k} ${v}`);
