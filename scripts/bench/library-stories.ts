/**
 * Stories shaped like an archive reader's library, for the library benchmark (library.ts): a
 * seeded generator, so story n is the same on every run and can be rebuilt on its own.
 *
 * Sizes follow fan fiction's: words per story lognormal (median 4,500, σ 1.2: mean about 9,200,
 * one in a hundred over 70,000, the longest of 10,000 near 400,000), chapters of about 3,000
 * words. The prose is drawn from a real vocabulary: the words of the corpus's story texts with
 * their frequencies (the head of the language), plus a long tail of rarer words spliced from
 * them (Zipf-distributed, 7% of the text) and each fandom's cast of names, so a story holds as
 * many distinct terms as real prose of its length (about 1,600 in 4,500 words).
 */
import type { ChapterCopy, StoryCopy, StoryMeta } from '../../src/library/types';
import type { RatingLevel } from '../../src/core/model';
import { seeded, type Rand } from '../../tests/lib/seeded';

/** Corpus words, most frequent first, with how often each occurs there. */
export interface Vocabulary {
  words: string[];
  counts: number[];
}

export const SIZE = { medianWords: 4500, sigma: 1.2, minWords: 100, maxWords: 600_000, wordsPerChapter: 3000 } as const;
const TAIL_SHARE = 0.07;
const TAIL_WORDS = 300_000;
const NAME_SHARE = 0.02;
const FANDOMS = 120;
const AUTHORS = 4000;
const TAG_POOL = 2500;
const BASE_TIME = Date.UTC(2021, 0, 1);
const SPAN = 3 * 365 * 24 * 3600 * 1000;

const between = (rand: Rand, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** A standard normal deviate (Box–Muller). */
function normal(rand: Rand): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Draws indexes in proportion to `weights`, by binary search of the running sums. */
class Weighted {
  private readonly sums: Float64Array;
  constructor(weights: ArrayLike<number>) {
    this.sums = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) this.sums[i] = sum += weights[i]!;
  }
  draw(rand: Rand): number {
    const target = rand() * this.sums[this.sums.length - 1]!;
    let lo = 0;
    let hi = this.sums.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sums[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Weights falling off as 1/(rank + 1)^s. */
const zipf = (n: number, s = 1) => Float64Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);

/**
 * `count` new words made of the starts and ends of corpus words ("reflec" + "tapes"), distinct
 * from each other and from the corpus's, in a fixed order.
 */
function splicedWords(corpus: string[], count: number, rand: Rand, taken: Set<string>): string[] {
  const long = corpus.filter((w) => /^\p{Ll}{4,}$/u.test(w));
  const out: string[] = [];
  while (out.length < count) {
    const a = pick(rand, long);
    const b = pick(rand, long);
    const w = a.slice(0, between(rand, 2, a.length - 1)) + b.slice(between(rand, 1, b.length - 2));
    if (w.length > 3 && !taken.has(w)) {
      taken.add(w);
      out.push(w);
    }
  }
  return out;
}

export interface Fandom {
  name: string;
  cast: string[];
}

/** Everything stories are drawn from; built once per page from the corpus vocabulary. */
export class StoryWorld {
  readonly head: string[];
  readonly tail: string[];
  readonly fandoms: Fandom[];
  readonly authors: string[];
  private readonly tags: string[];
  private readonly headDraw: Weighted;
  private readonly tailDraw: Weighted;
  private readonly fandomDraw: Weighted;
  private readonly authorDraw: Weighted;
  private readonly tagDraw: Weighted;
  /** Mid-frequency corpus words: what titles and tags are made of. */
  private readonly plain: string[];

  constructor(
    vocab: Vocabulary,
    readonly seed: number,
  ) {
    const rand = seeded(seed);
    this.head = vocab.words;
    this.headDraw = new Weighted(vocab.counts);
    const taken = new Set(vocab.words.map((w) => w.toLowerCase()));
    this.tail = splicedWords(vocab.words, TAIL_WORDS, rand, taken);
    this.tailDraw = new Weighted(zipf(TAIL_WORDS));
    this.plain = vocab.words.slice(50, 3000).filter((w) => /^\p{Ll}{3,}$/u.test(w));
    const names = splicedWords(vocab.words, FANDOMS * 30, rand, taken).map(capital);
    this.fandoms = Array.from({ length: FANDOMS }, (_, i) => ({
      name: `${capital(pick(rand, this.plain))} ${capital(pick(rand, this.plain))}${rand() < 0.4 ? ` (${pick(rand, ['TV', 'Anime', 'Video Game', 'Movies', 'Comics'])})` : ''}`,
      cast: names.slice(i * 30, i * 30 + 30),
    }));
    this.fandomDraw = new Weighted(zipf(FANDOMS, 1.1));
    this.authors = splicedWords(vocab.words, AUTHORS, rand, taken).map((w, i) => (i % 3 ? w : `${w}${between(rand, 1, 999)}`));
    this.authorDraw = new Weighted(zipf(AUTHORS, 0.8));
    this.tags = Array.from({ length: TAG_POOL }, () =>
      capital(Array.from({ length: between(rand, 1, 4) }, () => pick(rand, this.plain)).join(' ')),
    );
    this.tagDraw = new Weighted(zipf(TAG_POOL));
  }

  /** Words of story n's text (its chapters'), the lognormal draw. */
  static wordsOf(rand: Rand): number {
    const w = Math.round(SIZE.medianWords * Math.exp(SIZE.sigma * normal(rand)));
    return Math.min(SIZE.maxWords, Math.max(SIZE.minWords, w));
  }

  private word(rand: Rand, cast: readonly string[]): string {
    const r = rand();
    if (r < NAME_SHARE) return pick(rand, cast);
    if (r < NAME_SHARE + TAIL_SHARE) return this.tail[this.tailDraw.draw(rand)]!;
    return this.head[this.headDraw.draw(rand)]!;
  }

  /** A sentence of 4–24 words, now and then spoken. */
  private sentence(rand: Rand, cast: readonly string[], words: number): string {
    const out: string[] = [];
    for (let i = 0; i < words; i++) out.push(this.word(rand, cast));
    const s = capital(out.join(' ')) + pick(rand, ['.', '.', '.', '.', '?', '!', '…']);
    return rand() < 0.25 ? `“${s}” ${capital(pick(rand, cast))} said.` : s;
  }

  /** Paragraphs of prose, about `words` words, with the odd emphasis and scene break. */
  private prose(rand: Rand, cast: readonly string[], words: number): string {
    const paragraphs: string[] = [];
    for (let left = words; left > 0;) {
      const sentences: string[] = [];
      for (let n = between(rand, 1, 6); n > 0 && left > 0; n--) {
        const k = Math.min(left, between(rand, 4, 24));
        left -= k;
        sentences.push(this.sentence(rand, cast, k));
      }
      const text = sentences.join(' ');
      paragraphs.push(rand() < 0.06 ? `<p><em>${text}</em></p>` : rand() < 0.02 ? `<hr>\n<p>${text}</p>` : `<p>${text}</p>`);
    }
    return paragraphs.join('\n');
  }

  private phrase(rand: Rand, words: number): string {
    return Array.from({ length: words }, () => pick(rand, this.plain)).join(' ');
  }

  /** Story number n, always the same for the same n and seed. */
  story(n: number): StoryCopy {
    const rand = seeded(this.seed * 1_000_003 + n);
    const words = StoryWorld.wordsOf(rand);
    const chapterCount = Math.max(1, Math.round((words / SIZE.wordsPerChapter) * Math.exp(0.3 * normal(rand))));
    const fandom = this.fandoms[this.fandomDraw.draw(rand)]!;
    const crossover = rand() < 0.12 ? this.fandoms[this.fandomDraw.draw(rand)]! : null;
    const cast = [...fandom.cast.slice(0, between(rand, 2, 12)), ...(crossover?.cast.slice(0, 3) ?? [])];
    const url = `https://archiveofourown.org/works/${1_000_000 + n}`;
    const split = Array.from({ length: chapterCount }, () => Math.exp(0.3 * normal(rand)));
    const total = split.reduce((a, b) => a + b, 0);
    const chapters: ChapterCopy[] = split.map((share, i) => ({
      title: chapterCount === 1 ? null : rand() < 0.5 ? `Chapter ${i + 1}` : capital(this.phrase(rand, between(rand, 1, 5))),
      url: chapterCount === 1 ? url : `${url}/chapters/${50_000_000 + n * 100 + i}`,
      html: this.prose(rand, cast, Math.max(20, Math.round((words * share) / total))),
      kind: 'chapter',
      number: i + 1,
    }));
    const rating = pick(rand, RATINGS);
    const status = rand() < 0.35 ? 'wip' : 'complete';
    const meta: StoryMeta = {
      title: capital(`${rand() < 0.3 ? pick(rand, cast) + ' ' : ''}${this.phrase(rand, between(rand, 1, 5))}`),
      authors: Array.from({ length: rand() < 0.05 ? 2 : 1 }, () => this.authors[this.authorDraw.draw(rand)]!),
      fandoms: crossover && crossover !== fandom ? [fandom.name, crossover.name] : [fandom.name],
      summary: this.sentence(rand, cast, between(rand, 15, 60)) + ' ' + this.sentence(rand, cast, between(rand, 5, 40)),
      rating: { level: rating.level, label: rating.label, source: rating.label ? 'site' : 'none' },
      warnings: [pick(rand, WARNINGS)],
      warningsHidden: false,
      tags: [
        `${pick(rand, cast)}/${pick(rand, cast)}`,
        ...cast.slice(0, between(rand, 1, cast.length)),
        ...Array.from({ length: between(rand, 0, 20) }, () => this.tags[this.tagDraw.draw(rand)]!),
      ],
      words: rand() < 0.9 ? words : null,
      chapterTotal: status === 'complete' ? chapterCount : rand() < 0.5 ? null : chapterCount + between(rand, 1, 10),
      chaptersPosted: null,
      status,
    };
    const fetchedAt = BASE_TIME + Math.floor(rand() * SPAN);
    return { site: 'ao3', url, kind: 'story', meta, chapters, fetchedAt };
  }
}

const RATINGS: { level: RatingLevel; label: string | null }[] = [
  ...Array<{ level: RatingLevel; label: string }>(5).fill({ level: 'general', label: 'General Audiences' }),
  ...Array<{ level: RatingLevel; label: string }>(6).fill({ level: 'teen', label: 'Teen And Up Audiences' }),
  ...Array<{ level: RatingLevel; label: string }>(3).fill({ level: 'mature', label: 'Mature' }),
  ...Array<{ level: RatingLevel; label: string }>(4).fill({ level: 'explicit', label: 'Explicit' }),
  { level: 'unknown', label: null },
  { level: 'unknown', label: null },
];
const WARNINGS = [
  'No Archive Warnings Apply',
  'Creator Chose Not To Use Archive Warnings',
  'Graphic Depictions Of Violence',
  'Major Character Death',
];
