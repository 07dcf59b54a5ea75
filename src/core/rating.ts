/**
 * One rating scale across archives. Each archive family labels ratings its own way; these
 * functions map a label to the shared level. A label nobody recognises is 'unknown', never
 * 'general': "no rating" must never read as "safe".
 */
import type { Rating, RatingLevel } from './model';
import { UNRATED } from './model';

export const LEVEL_ORDER: RatingLevel[] = ['general', 'teen', 'mature', 'explicit'];

/** Each level in a word, as Slipcase says it where a site's own label is not at hand. */
export const RATING_WORD: Record<RatingLevel, string> = {
  general: 'General',
  teen: 'Teen',
  mature: 'Mature',
  explicit: 'Explicit',
  unknown: 'Unrated',
};

/** AO3 / OTW software: General Audiences, Teen And Up Audiences, Mature, Explicit, Not Rated. */
export function ao3Level(label: string): RatingLevel {
  const l = label.trim().toLowerCase();
  if (l.startsWith('general')) return 'general';
  if (l.startsWith('teen')) return 'teen';
  if (l.startsWith('mature')) return 'mature';
  if (l.startsWith('explicit')) return 'explicit';
  return 'unknown'; // "Not Rated" and anything new
}

/** FanFiction.net / FictionPress: K, K+, T, M (also "Fiction K+"; MA is no longer used but was explicit). */
export function ffnLevel(label: string): RatingLevel {
  const code = label
    .trim()
    .replace(/^(?:rated:?\s*)?(?:fiction\s+)?/i, '')
    .split(/\s/)[0]!
    .toUpperCase();
  if (code === 'K' || code === 'K+') return 'general';
  if (code === 'T') return 'teen';
  if (code === 'M') return 'mature';
  if (code === 'MA') return 'explicit';
  return 'unknown';
}

/**
 * Film-style ratings used by eFiction and the old hand-built archives. Matches on the label's
 * first token, so "NC-17 - No One 17 and Under Admitted" and "R: Restricted" are NC-17 and R.
 */
export function mpaaLevel(label: string): RatingLevel {
  const first = label.trim().split(/\s+(?:-|–|—)\s+|\s*:\s*|\s+\(|[\s,;/]+/)[0] ?? '';
  const t = first
    .toUpperCase()
    .replace(/[[\]()]/g, '')
    .replace(/–|—/g, '-');
  if (t === 'G' || t === 'K' || t === 'PG' || t === 'K+' || t === 'U' || t === 'ALL' || t === 'GENERAL') return 'general';
  if (/^PG-?1[345]$/.test(t) || t === 'T' || t === 'TEEN' || t === 'FR13' || t === 'FR15') return 'teen';
  if (t === 'R' || t === 'M' || t === 'MATURE' || t === 'FR18') return 'mature';
  if (
    /^NC-?1[78]$/.test(t) ||
    /^NC-?21$/.test(t) ||
    t === 'ADULT' ||
    t === 'X' ||
    t === 'XXX' ||
    t === 'MA' ||
    t === 'EXPLICIT' ||
    t === 'FR21' ||
    t === '18+'
  )
    return 'explicit';
  return 'unknown';
}

/** A site rating from a label and the family's mapping; an empty label is unrated. */
export function siteRating(label: string | null | undefined, map: (label: string) => RatingLevel): Rating {
  const l = label?.trim();
  if (!l) return { ...UNRATED };
  return { level: map(l), label: l, source: 'site' };
}
