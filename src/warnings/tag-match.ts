/**
 * The reader's own warn-list: tags and phrases, matched against a work's tags, warnings and
 * summary.
 *
 * Pattern rules:
 * - Case-insensitive, Unicode-aware (Unicode case folding; text and patterns NFC-normalised).
 * - Whole words only: "rape" finds "Rape/Non-Con" but not "grapes". Boundaries are letters and
 *   digits of any script, so punctuation ("/", "-", "(") separates words.
 * - `*` stands for any run of non-space characters, letters included: "non*con" finds "Non-Con",
 *   "noncon" and "non/con"; "*con" finds "dubcon"; "vamp*" finds "Vampires". It never spans a
 *   space, so "non*con" does not run across a sentence ("none of the con men").
 * - Spaces match any whitespace; the apostrophe and hyphen match their typographic variants.
 * - A pattern with no letter or digit ("", "*", "* *") is ignored: it would match everything.
 */

export type MatchField = 'tag' | 'warning' | 'summary';

export interface TagHit {
  /** The pattern as the reader wrote it. */
  pattern: string;
  field: MatchField;
  /** The whole tag or warning that matched; for the summary, the words that matched. */
  text: string;
}

export interface MatchTarget {
  tags: readonly string[];
  warnings: readonly string[];
  summary: string | null;
}

interface Compiled {
  pattern: string;
  re: RegExp;
}

export interface TagMatcher {
  /** The patterns kept (trimmed; the ones that match nothing are dropped). */
  readonly patterns: readonly string[];
  /** Every (pattern, field, text) that matches, in pattern order, then tags, warnings, summary. */
  match(target: MatchTarget): TagHit[];
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const APOSTROPHES = "'\u2019\u02bc";
const HYPHENS = '-\u2010\u2011\u2012\u2013\u2014';

function escapeChar(c: string): string {
  if (APOSTROPHES.includes(c)) return `[${APOSTROPHES}]`;
  if (HYPHENS.includes(c)) return `[${HYPHENS}]`;
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function compile(raw: string): Compiled | null {
  const pattern = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!WORD_CHAR.test(pattern)) return null;
  const body = Array.from(pattern, (c) => (c === '*' ? '\\S*?' : c === ' ' ? '\\s+' : escapeChar(c))).join('');
  // Word boundaries only where the pattern starts or ends with a letter, digit or wildcard.
  const first = pattern.replace(/^\*+/, '')[0]!;
  const last = pattern.replace(/\*+$/, '').slice(-1);
  const before = pattern.startsWith('*') || WORD_CHAR.test(first) ? '(?<![\\p{L}\\p{N}\\p{M}])' : '';
  const after = pattern.endsWith('*') || WORD_CHAR.test(last) ? '(?![\\p{L}\\p{N}\\p{M}])' : '';
  return { pattern, re: new RegExp(before + body + after, 'iu') };
}

/** Compile the reader's patterns once; the matcher is then reused for every page. */
export function compilePatterns(patterns: readonly string[]): TagMatcher {
  const compiled = patterns.map(compile).filter((c): c is Compiled => c !== null);
  return {
    patterns: compiled.map((c) => c.pattern),
    match(target) {
      const tags = target.tags.map((t) => t.normalize('NFC'));
      const warnings = target.warnings.map((w) => w.normalize('NFC'));
      const summary = target.summary?.normalize('NFC') ?? '';
      const hits: TagHit[] = [];
      for (const { pattern, re } of compiled) {
        for (const text of tags) if (re.test(text)) hits.push({ pattern, field: 'tag', text });
        for (const text of warnings) if (re.test(text)) hits.push({ pattern, field: 'warning', text });
        const m = re.exec(summary);
        if (m) hits.push({ pattern, field: 'summary', text: m[0] });
      }
      return hits;
    },
  };
}
