/**
 * Rating scales a site names instead of writing a mapping: the label on the page read on the
 * site's scale, or the level an adult-only site gives every work. The mappings live in core/rating.
 */
import type { Rating, RatingLevel } from '../../core/model';
import { ao3Level, ffnLevel, mpaaLevel, siteRating } from '../../core/rating';

/** A site's rating scale: its label → the level. Named scales are separate exports, so a site's script carries only its own. */
export type RatingScale = (label: string) => RatingLevel;

/** AO3's ratings (General Audiences … Explicit), used by the OTW family. */
export const ao3Scale: RatingScale = ao3Level;
/** FanFiction.Net's K, K+, T, M, MA. */
export const ffnScale: RatingScale = ffnLevel;
/** Film-style labels (G, PG-13, R, NC-17 and their common spellings): most small archives. */
export const filmScale: RatingScale = mpaaLevel;

/** TtH's FR ("Fiction Rating") scale: the film scale knows FR13–FR21 but not FR7, its all-ages tier. */
export function tthScale(label: string): RatingLevel {
  if (/^FR7\b/i.test(label.trim())) return 'general';
  return mpaaLevel(label);
}

/**
 * Fimfiction rates Everyone, Teen and Mature, shown as E / T / M. Its Mature is the adult tier
 * (sexual content; Teen already covers gore and strong language), so it maps to explicit, not mature.
 */
export function fimfictionScale(label: string): RatingLevel {
  const l = label.trim().toLowerCase();
  if (l === 'e' || l.startsWith('everyone')) return 'general';
  if (l === 't' || l.startsWith('teen')) return 'teen';
  if (l === 'm' || l.startsWith('mature')) return 'explicit';
  return 'unknown';
}

/** The level a label stands for on a scale. */
export function levelOn(scale: RatingScale, label: string): RatingLevel {
  return scale(label);
}

/** A page's rating label read on the site's scale; an empty label is unrated. */
export function ratingOn(scale: RatingScale, label: string | null | undefined): Rating {
  return siteRating(label, scale);
}

/** The rating an adult-only site gives every work it shows: no label of its own. */
export function siteDefault(level: RatingLevel): Rating {
  return { level, label: null, source: 'site' };
}
