/**
 * The local text estimator: a quick, offline guess at a story's audience from its words, for pages
 * the site does not rate. It never leaves the machine and never calls the network.
 *
 * How it works. The text is cut into passages (paragraphs, gathered until a passage holds at
 * least PASSAGE_MIN words; long paragraphs are cut every PASSAGE_MAX words). One precompiled
 * regular expression built from the lexicon (src/warnings/estimate/lexicon.ts) finds every flagged word
 * in a single pass, and each hit is counted in its passage. A passage is
 * - *explicit* when its explicit terms (counting 2) and distinct suggestive terms (counting 1)
 *   reach EXPLICIT_SCORE;
 * - *sexual* when it holds an explicit term or two distinct suggestive ones;
 * - *graphic* when it holds two gore terms, or one amid other violence;
 * - *violent* when it holds a gore term or two violent ones.
 * Counting passages rather than words keeps a stray swearword, a crude insult or a word said five
 * times in one breath from rating a whole story, while a real scene, which keeps its vocabulary up
 * over several passages, counts however it is worded.
 *
 * Levels follow AO3's guidance: any explicit sex scene makes a work Explicit; non-explicit sex,
 * graphic violence or pervasive strong swearing make it Mature; references, some violence or
 * swearing make it Teen. Violence and language alone never reach Explicit: the estimator's
 * Explicit means explicit sexual content, the case a false alarm or a miss matters most for.
 */
import type { Estimate, RatingLevel } from '../../core/model';
import { LEXICON, LOWER_CASE_ONLY, type LexiconCategory } from './lexicon';
import { FINDINGS, type FindingKind, type Signal } from './findings';
import { readsAsEnglish } from './language';
import { thousands } from '../../core/numbers';

/** Texts shorter than this are not estimated: a few words say nothing about a story. */
export const MIN_WORDS = 50;
/** A passage is closed at the first paragraph end after this many words ... */
const PASSAGE_MIN = 120;
/** ... or after this many words inside one long paragraph (or text without line breaks). */
const PASSAGE_MAX = 250;
/** Two explicit terms, one with two suggestive ones, or four suggestive ones in one passage. */
const EXPLICIT_SCORE = 4;
/** Sexual passages that, with one explicit passage among them, make a sustained explicit scene. */
const SCENE_PASSAGES = 5;

const CATEGORIES = Object.keys(LEXICON) as LexiconCategory[];
const LOWER_CASE_CATEGORIES = Object.keys(LOWER_CASE_ONLY) as LexiconCategory[];

/**
 * One alternation with a capture group per category (then one per lower-case-only list), so a
 * match's group index says its category. `\b` keeps the regex fast (four times faster than
 * Unicode look-arounds); `gluedToLetter` then rejects the hits `\b` lets through next to a
 * non-ASCII letter, so boundaries are Unicode-aware: "cocktail" never matches, nor does "cocké".
 */
const LEXICON_RE = new RegExp(
  '\\b(?:' +
    [...CATEGORIES.map((c) => LEXICON[c]), ...LOWER_CASE_CATEGORIES.map((c) => LOWER_CASE_ONLY[c]!)]
      .map((words) => `(${words.join('|')})`)
      .join('|') +
    ')\\b',
  'gi',
);

const LETTER = /[\p{L}\p{N}\p{M}]/u;

function gluedToLetter(text: string, start: number, end: number): boolean {
  return (start > 0 && LETTER.test(text[start - 1]!)) || (end < text.length && LETTER.test(text[end]!));
}

type Counts = Record<LexiconCategory, number>;

interface Passage {
  /** Offset just past the passage's last word (the next passage's first word, or the end). */
  end: number;
  counts: Counts;
  /** Suggestive words already counted here: each counts once, so "breast" said five times is one. */
  suggestive: Set<string>;
}

function zeroCounts(): Counts {
  return { sexExplicit: 0, sexSuggestive: 0, violenceGraphic: 0, violence: 0, languageStrong: 0, languageMild: 0 };
}

/**
 * Whitespace as `\s` knows it (control characters too). Scanned with a character loop: a regex
 * scan making a match per word is ten times slower on the first, cold call a content script makes.
 */
function isSpace(c: number): boolean {
  return (
    c <= 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Cut the text into passages and count its words (runs of non-space), in one scan. */
function passagesOf(text: string): { passages: Passage[]; words: number } {
  const passages: Passage[] = [];
  let words = 0;
  let inPassage = 0;
  let inWord = false;
  let paragraphEnded = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      inWord = false;
      if (c === 10) paragraphEnded = true;
      continue;
    }
    if (inWord) continue;
    inWord = true;
    if ((paragraphEnded && inPassage >= PASSAGE_MIN) || inPassage >= PASSAGE_MAX) {
      passages.push({ end: i, counts: zeroCounts(), suggestive: new Set() });
      inPassage = 0;
    }
    paragraphEnded = false;
    inPassage++;
    words++;
  }
  passages.push({ end: text.length, counts: zeroCounts(), suggestive: new Set() });
  return { passages, words };
}

/** Count every lexicon hit in its passage: one regex pass, passages walked alongside. */
function countHits(text: string, passages: Passage[]): void {
  let p = 0;
  for (const m of text.matchAll(LEXICON_RE)) {
    while (m.index >= passages[p]!.end) p++;
    if (gluedToLetter(text, m.index, m.index + m[0].length)) continue;
    const group = m.findIndex((g, i) => i > 0 && g !== undefined);
    const lowerCaseList = group > CATEGORIES.length;
    if (lowerCaseList && m[0] !== m[0].toLowerCase()) continue;
    const category = lowerCaseList ? LOWER_CASE_CATEGORIES[group - CATEGORIES.length - 1]! : CATEGORIES[group - 1]!;
    const passage = passages[p]!;
    if (category === 'sexSuggestive') {
      const word = m[0].toLowerCase().replace(/s$/, '');
      if (passage.suggestive.has(word)) continue;
      passage.suggestive.add(word);
    }
    passage.counts[category]++;
  }
}

interface Tally {
  explicit: number;
  sexual: number;
  graphic: number;
  violent: number;
  strong: number;
  mild: number;
  sexTerms: number;
}

function tally(passages: Passage[]): Tally {
  const t: Tally = { explicit: 0, sexual: 0, graphic: 0, violent: 0, strong: 0, mild: 0, sexTerms: 0 };
  for (const { counts: c } of passages) {
    if (c.sexExplicit * 2 + c.sexSuggestive >= EXPLICIT_SCORE) t.explicit++;
    if (c.sexExplicit >= 1 || c.sexSuggestive >= 2) t.sexual++;
    if (c.violenceGraphic >= 2 || (c.violenceGraphic >= 1 && c.violence >= 2)) t.graphic++;
    if (c.violenceGraphic >= 1 || c.violence >= 2) t.violent++;
    t.strong += c.languageStrong;
    t.mild += c.languageMild;
    t.sexTerms += c.sexExplicit + c.sexSuggestive;
  }
  return t;
}

const finding = (kind: FindingKind, amount: string): Signal => ({
  level: FINDINGS[kind][1],
  reason: `${FINDINGS[kind][0]}: ${amount}`,
});

const plural = (n: number, one: string, many = one + 's') => `${thousands(n)} ${n === 1 ? one : many}`;

/** The level each kind of content reaches, with its reason. Thresholds are per 1,000 words. */
function signals(t: Tally, words: number): Signal[] {
  const perK = (n: number) => (n * 1000) / words;
  const inWords = ` in ${plural(words, 'word')}`;
  const passages = (n: number) => plural(n, 'passage') + inWords;
  const uses = (n: number) => plural(n, 'use') + inWords;
  const out: Signal[] = [];

  // Two explicit passages, or one in a short text or amid a sustained sexual scene.
  if (t.explicit >= 2 || (t.explicit === 1 && (perK(1) >= 1 || t.sexual >= SCENE_PASSAGES)))
    out.push(finding('explicit', passages(t.explicit)));
  else if (t.explicit === 1 || t.sexual >= 2 || (t.sexual === 1 && perK(1) >= 1)) out.push(finding('sexual', passages(t.sexual)));
  else if (t.sexual === 1 || t.sexTerms >= 2) out.push(finding('references', uses(t.sexTerms)));

  if (t.graphic >= 2 || (t.graphic === 1 && perK(1) >= 1)) out.push(finding('graphic', passages(t.graphic)));
  else if (t.violent >= 2 || (t.violent === 1 && perK(1) >= 1)) out.push(finding('violence', passages(t.violent)));

  if (t.strong >= 6 && perK(t.strong) >= 6) out.push(finding('pervasive', uses(t.strong)));
  else if (t.strong >= 1) out.push(finding('strong', uses(t.strong)));
  else if (t.mild >= 3) out.push(finding('mild', uses(t.mild)));

  return out;
}

const RANK: Record<RatingLevel, number> = { unknown: -1, general: 0, teen: 1, mature: 2, explicit: 3 };

/**
 * Estimate a story's audience from its plain text (blocks separated by newlines). The reasons
 * name what was found and how much, most severe first; a text too short to judge is 'unknown'.
 */
export function estimateText(text: string): Estimate {
  const { passages, words } = passagesOf(text);
  if (!readsAsEnglish(text)) return { level: 'unknown', reasons: ['its text is not in English, the only language the estimator reads'] };
  if (words < MIN_WORDS) return { level: 'unknown', reasons: [`only ${plural(words, 'word')} of text, too few to judge`] };
  countHits(text, passages);
  const found = signals(tally(passages), words).sort((a, b) => RANK[b.level] - RANK[a.level]);
  if (found.length === 0) return { level: 'general', reasons: [`nothing flagged in ${plural(words, 'word')}`] };
  return { level: found[0]!.level, reasons: found.map((s) => s.reason) };
}
