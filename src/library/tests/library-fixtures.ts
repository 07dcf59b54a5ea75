/**
 * Test and benchmark material for the offline library: a seeded generator of stories that look
 * like archive works (Zipf-distributed words, a few fandoms and many tags), a jsdom window for
 * the sanitiser and a fresh fake IndexedDB per test.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { JSDOM } from 'jsdom';
import type { RatingLevel } from '../../core/model';
import { openLibrary, type LibraryDb, type OpenOptions } from '../db/db';
import type { ChapterCopy, StoryCopy, StoryMeta } from '../types';

import { seeded, type Rand } from '../../../tests/lib/seeded';

export { seeded, type Rand };

export const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const between = (rand: Rand, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

const SYLLABLES =
  'ka lo mi ren sa tho vel an ir os ul ber cal dor fen gal har ith jor kel mor nar pel quin ros sil tar ur vin wen yor zel'.split(' ');

/** A vocabulary of made-up words, most common first. */
function vocabulary(size: number): string[] {
  const rand = seeded(7);
  const words = new Set<string>();
  while (words.size < size) {
    let w = '';
    for (let i = between(rand, 1, 3); i > 0; i--) w += pick(rand, SYLLABLES);
    words.add(w);
  }
  return [...words];
}

/** Word frequencies fall off as 1/rank, as in natural text. */
class Zipf {
  private readonly cumulative: Float64Array;
  constructor(readonly words: string[]) {
    this.cumulative = new Float64Array(words.length);
    let sum = 0;
    words.forEach((_, i) => (this.cumulative[i] = sum += 1 / (i + 1)));
  }
  word(rand: Rand): string {
    const target = rand() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return this.words[lo]!;
  }
}

const ZIPF = new Zipf(vocabulary(20000));

/** The generated language's word of this frequency rank (0: the most common). */
export const wordOfRank = (rank: number): string => ZIPF.words[rank]!;
const FANDOMS = Array.from({ length: 40 }, (_, i) => `Fandom ${ZIPF.words[100 + i]} ${i}`);
const TAGS = Array.from({ length: 300 }, (_, i) => `${ZIPF.words[200 + i]} ${ZIPF.words[600 + i]}`);
const AUTHORS = Array.from({ length: 2000 }, (_, i) => `${ZIPF.words[1000 + i]}_${i}`);
const RATINGS: { level: RatingLevel; label: string | null }[] = [
  { level: 'general', label: 'General Audiences' },
  { level: 'teen', label: 'Teen And Up Audiences' },
  { level: 'mature', label: 'Mature' },
  { level: 'explicit', label: 'Explicit' },
  { level: 'unknown', label: null },
];
const WARNINGS = [
  'No Archive Warnings Apply',
  'Graphic Depictions Of Violence',
  'Major Character Death',
  'Creator Chose Not To Use Archive Warnings',
];

export function sentence(rand: Rand, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(ZIPF.word(rand));
  const s = out.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

/** A chapter of about `words` words in paragraphs, with the odd emphasis and scene break. */
export function chapterHtml(rand: Rand, words: number): string {
  const paragraphs: string[] = [];
  for (let left = words; left > 0;) {
    const n = Math.min(left, between(rand, 20, 120));
    left -= n;
    const text = sentence(rand, n);
    paragraphs.push(rand() < 0.1 ? `<p><em>${text}</em></p>` : rand() < 0.03 ? `<hr><p>${text}</p>` : `<p>${text}</p>`);
  }
  return paragraphs.join('\n');
}

export interface StoryShape {
  chapters: [number, number];
  words: [number, number];
}

/** Story number `n`: ids and titles differ per n; everything else follows `rand`. */
export function makeStory(rand: Rand, n: number, shape: StoryShape = { chapters: [1, 4], words: [50, 400] }): StoryCopy {
  const chapterCount = between(rand, ...shape.chapters);
  const chapters: ChapterCopy[] = Array.from({ length: chapterCount }, (_, i) => ({
    title: rand() < 0.5 ? `Chapter ${i + 1}` : sentence(rand, between(rand, 1, 4)),
    url: `https://archiveofourown.org/works/${n}/chapters/${n * 100 + i}`,
    html: chapterHtml(rand, between(rand, ...shape.words)),
    kind: 'chapter',
  }));
  const rating = pick(rand, RATINGS);
  const meta: StoryMeta = {
    title: `${sentence(rand, between(rand, 1, 5)).slice(0, -1)} ${n}`,
    authors: rand() < 0.1 ? [pick(rand, AUTHORS), pick(rand, AUTHORS)] : [pick(rand, AUTHORS)],
    fandoms: rand() < 0.2 ? [pick(rand, FANDOMS), pick(rand, FANDOMS)] : [pick(rand, FANDOMS)],
    summary: rand() < 0.9 ? sentence(rand, between(rand, 10, 60)) : null,
    rating: { level: rating.level, label: rating.label, source: rating.label ? 'site' : 'none' },
    warnings: rand() < 0.2 ? [] : [pick(rand, WARNINGS)],
    warningsHidden: rand() < 0.05,
    tags: Array.from({ length: between(rand, 0, 12) }, () => pick(rand, TAGS)),
    words: rand() < 0.8 ? between(rand, 100, 100000) : null,
    chapterTotal: rand() < 0.3 ? null : chapterCount + (rand() < 0.3 ? between(rand, 1, 5) : 0),
    chaptersPosted: null,
    status: pick(rand, ['complete', 'wip', 'unknown'] as const),
  };
  return {
    site: 'ao3',
    url: `https://archiveofourown.org/works/${n}`,
    kind: 'story',
    meta,
    chapters,
    fetchedAt: 1_700_000_000_000 + n * 1000,
  };
}

/** A window for the sanitiser; nothing in it runs. */
export function testWindow(): Window & typeof globalThis {
  return new JSDOM('').window as unknown as Window & typeof globalThis;
}

/** A library in a fake IndexedDB of its own. */
export function freshLibrary(options: OpenOptions = {}): Promise<LibraryDb> {
  return openLibrary(new IDBFactory(), options);
}

/** Every record of every store, keys included: two equal dumps are the same library. */
export async function dump(db: LibraryDb): Promise<Record<string, [IDBValidKey, unknown][]>> {
  const out: Record<string, [IDBValidKey, unknown][]> = {};
  for (const name of Array.from(db.objectStoreNames)) {
    const store = db.transaction(name).objectStore(name);
    const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
    out[name] = keys.map((k, i) => [k, values[i]]);
  }
  return out;
}
