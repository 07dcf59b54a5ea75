/**
 * The content-rating policy: the reader's settings and the gate decision for a page. Pure: a
 * report and settings in, a decision out, so the content script, popup and tests share it.
 *
 * A decision explains itself: every reason is a sentence a person can read at a glance, naming
 * the site's own words ("Rated Explicit (site: NC-17) — above your limit of Mature"), the one that
 * crossed the reader's limits first; the evidence behind it goes with it, for a "Why?".
 */
import type { Estimate, PageReport, Rating, RatingLevel } from '../core/model';
import { isWorkPage } from '../core/model';
import { compilePatterns, type TagHit, type TagMatcher } from './tag-match';
import { findingLevel } from './estimate/findings';
import { RATING_WORD } from '../core/rating';

/** The highest rating shown without a warning. */
export type RatingLimit = Exclude<RatingLevel, 'unknown'>;

/**
 * Pages without a site rating: 'estimate' follows the text estimate and warns when there is none;
 * 'warn' always warns.
 */
export type UnratedMode = 'estimate' | 'warn';

/**
 * The archive-warning categories a reader can choose to always be warned about. 'unwarned' is a
 * work whose creator chose not to use warnings, or whose warnings the site hides: either may
 * hold any of the others.
 */
export type WarningCategory = 'violence' | 'death' | 'noncon' | 'underage' | 'unwarned';

export const WARNING_CATEGORIES: readonly WarningCategory[] = Object.freeze(['violence', 'death', 'noncon', 'underage', 'unwarned']);

/** Settings are values: change one by building a new object ({ ...settings, tags: [...] }). */
export interface RatingSettings {
  readonly limit: RatingLimit;
  readonly unrated: UnratedMode;
  readonly warnings: readonly WarningCategory[];
  /** Tags and phrases to warn about (see src/warnings/tag-match.ts for the pattern rules). */
  readonly tags: readonly string[];
  /**
   * Fold a listing's unrated entries. Off by default: a blurb is too short to estimate, so every
   * "Not Rated" work would fold; the work's own page is still judged by `unrated`.
   */
  readonly foldUnrated: boolean;
  /**
   * Read the text of rated works too, a chapter at a time, and cover one that reads past the
   * reader's limit though the site's rating is within it: a mistagged work.
   */
  readonly checkRated: boolean;
  /** "Always allow": story keys (storyKey), author keys (authorKeys) and site keys (siteKey). */
  readonly exceptions: {
    readonly stories: readonly string[];
    readonly authors: readonly string[];
    readonly sites: readonly string[];
  };
}

/**
 * Warn above Mature; follow the estimate for unrated pages. Archive warnings are the reader's to
 * opt into: "Creator Chose Not To Use Archive Warnings" sits on a large share of AO3's General and
 * Teen works, and warning on it by default would gate them, which the rating scale promises not to.
 */
export const DEFAULT_RATING_SETTINGS: RatingSettings = Object.freeze({
  limit: 'mature',
  unrated: 'estimate',
  warnings: Object.freeze([]),
  tags: Object.freeze([]),
  foldUnrated: false,
  checkRated: true,
  exceptions: Object.freeze({ stories: Object.freeze([]), authors: Object.freeze([]), sites: Object.freeze([]) }),
});

export type ReasonKind = 'rating' | 'unrated' | 'warning' | 'tag';

export interface Reason {
  kind: ReasonKind;
  /** A plain sentence: "Estimated Explicit, past your Mature limit". */
  text: string;
  /** The same in a few words, for a folded listing line: "Major Character Death". */
  short: string;
  /** The evidence behind it, shown on asking "Why?"; often none. */
  why: string[];
}

export interface Decision {
  gate: boolean;
  /** Why the page is gated, or would be without the exception in `allowedBy`. Empty when nothing applies. */
  reasons: Reason[];
  allowedBy?: 'story' | 'author' | 'site';
}

// ---- warnings ----

/**
 * Warning strings → categories, tried on the lower-cased string. AO3 uses a fixed set; eFiction
 * and other archives let each admin name their own, so the patterns take the common spellings:
 *
 * | category  | AO3                                        | free-form examples                              |
 * |-----------|--------------------------------------------|-------------------------------------------------|
 * | violence  | Graphic Depictions Of Violence             | Violence, Graphic Violence, Gore, Torture       |
 * | death     | Major Character Death                      | Character Death, Death (not Minor Character Death) |
 * | noncon    | Rape/Non-Con                               | Non-Con, Noncon, Rape, Dub-Con, Dubious Consent |
 * | underage  | Underage, Underage Sex                     | Underage                                        |
 * | unwarned  | Creator Chose Not To Use Archive Warnings  | Author Chose Not To Warn, Choose Not To Warn    |
 *
 * "No Archive Warnings Apply" and everything else (Adult Language, Sexual Situations, ...) maps to
 * no category: the rating covers those, and the reader's tag list can still name them. Mild,
 * implied or cartoon violence is not the graphic violence the category stands for.
 */
const WARNING_PATTERNS: readonly [WarningCategory, RegExp][] = [
  ['violence', /^(?!.*\b(?:mild|implied|non-?graphic|cartoon)\s+violence\b).*\b(?:violen(?:ce|t)|gore|gory|torture)\b/],
  ['death', /^(?!.*\bminor character death\b).*\b(?:death|mcd)\b/],
  ['noncon', /\b(?:rape|non-?\s?con(?:sent|sensual)?|dub-?\s?con|dubious consent)\b/],
  ['underage', /\bunder-?\s?age\b/],
  ['unwarned', /\bcho(?:se|ose|osing|sen) not to (?:use (?:archive )?)?warn/],
];

/** The categories a site's warning string belongs to (usually one; none for "No Archive Warnings Apply"). */
export function warningCategories(warning: string): WarningCategory[] {
  const w = warning.trim().toLowerCase();
  return WARNING_PATTERNS.filter(([, re]) => re.test(w)).map(([c]) => c);
}

// ---- keys for exceptions ----

/** AO3's other domains are the same archive. */
const AO3_ALIASES = /^(?:archiveofourown\.(?:com|net|gay)|ao3\.org)$/;

/** The host a reader thinks of as "the site": lower case, without www. or m., AO3 aliases folded. */
export function siteKey(report: Pick<PageReport, 'url'>): string {
  const host = new URL(report.url).hostname.toLowerCase().replace(/^(?:www|m)\./, '');
  return AO3_ALIASES.test(host) ? 'archiveofourown.org' : host;
}

/** One key per credited author ("A, B" is two), scoped to the site: the same name elsewhere is someone else. */
export function authorKeys(report: Pick<PageReport, 'url' | 'author'>): string[] {
  if (!report.author) return [];
  const site = siteKey(report);
  return report.author
    .split(/\s*,\s*/)
    .filter((a) => a !== '')
    .map((a) => `${site}:${a.toLowerCase()}`);
}

/**
 * The stable id of a work in its URL, per site, so every chapter of a story shares one key:
 * AO3 /works/N (also under /collections/…), FFN /s/N, eFiction ?sid=N (per archive folder),
 * All About Spike ?id=N, Royal Road /fiction/N, XenForo /threads/slug.N, TtH /Story-N,
 * Fimfiction /story/N, Wattpad /story/N, Literotica /s/slug without its -ch-NN part, AFF ?no=N.
 */
function urlStoryId(site: string, url: URL): string | null {
  const path = url.pathname;
  const param = (name: string) => (/^\d+$/.test(url.searchParams.get(name) ?? '') ? url.searchParams.get(name) : null);
  switch (site) {
    case 'ao3':
      return path.match(/\/works\/(\d+)/)?.[1] ?? null;
    case 'ffn':
      return path.match(/^\/s\/(\d+)/)?.[1] ?? null;
    case 'efiction': {
      const sid = param('sid');
      return sid && `${path.slice(0, path.lastIndexOf('/') + 1).toLowerCase()}${sid}`;
    }
    case 'allaboutspike':
      return param('id');
    case 'royalroad':
      return path.match(/^\/fiction\/(\d+)/)?.[1] ?? null;
    case 'xenforo':
      return path.match(/\/threads\/(?:[^/]*\.)?(\d+)/)?.[1] ?? null;
    case 'tth':
      return path.match(/\/Story(?:Info)?-(\d+)/i)?.[1] ?? (/^\/story\.php$/i.test(path) ? param('no') : null);
    case 'fimfiction':
      return path.match(/^\/story\/(\d+)/)?.[1] ?? null;
    case 'wattpad':
      return path.match(/^\/story\/(\d+)/)?.[1] ?? null;
    case 'literotica':
      return path.match(/^\/s\/([^/]+?)(?:-ch-\d+)?\/?$/)?.[1] ?? path.match(/^\/series\/se\/(\d+)/)?.[1] ?? null;
    case 'aff':
      return param('no');
    default:
      return null;
  }
}

/**
 * The key "always allow this story" remembers: site, host and the work's id from the URL. Where
 * the URL names only a chapter (Wattpad parts, Bloodshedverse, Royal Road's short chapter links)
 * the work's title and author stand in, which every chapter shares; a page without those is
 * keyed by its address.
 */
export function storyKey(report: Pick<PageReport, 'url' | 'site' | 'title' | 'author'>): string {
  const url = new URL(report.url);
  const prefix = `${report.site}:${siteKey(report)}`;
  const id = urlStoryId(report.site, url);
  if (id) return `${prefix}:${id}`;
  if (report.site !== 'generic' && report.title && report.author)
    return `${prefix}:${report.author.toLowerCase()}/${report.title.toLowerCase()}`;
  return `${prefix}:${url.pathname}${url.search}`;
}

// ---- the decision ----

const RANK: Record<RatingLevel, number> = { unknown: -1, general: 0, teen: 1, mature: 2, explicit: 3 };

const above = (level: RatingLevel, limit: RatingLimit) => RANK[level] > RANK[limit];

/** " (site: NC-17)" when the site's words differ from the level's name; nothing otherwise. */
function siteWords(rating: Rating, name: string): string {
  return rating.label && rating.label.toLowerCase() !== name.toLowerCase() ? ` (site: ${rating.label})` : '';
}

/** Whether a work rated `level` could still cross the reader's limit by its text: its rating is within the limit, and the limit is not the highest. */
export function mayReadPastRating(level: RatingLevel, settings: Pick<RatingSettings, 'limit' | 'checkRated'>): boolean {
  return settings.checkRated && level !== 'unknown' && !above(level, settings.limit) && settings.limit !== 'explicit';
}

/**
 * Whether `decide` could find any reason on this report: when not, a site's always-on script lets
 * the page through without asking the background for the decision (src/warnings/ext/gate-judge.ts).
 * It may say yes where `decide` then finds nothing (a tag list that matches none), never the other
 * way round.
 */
export function mayGate(report: PageReport, settings: RatingSettings, judgeUnrated = true): boolean {
  if (!isWorkPage(report.kind)) return false;
  const { level } = report.rating;
  const byRating =
    level === 'unknown' ? judgeUnrated : above(level, settings.limit) || (report.estimate !== null && mayReadPastRating(level, settings));
  const byWarnings = settings.warnings.length > 0 && (report.warnings.length > 0 || report.warningsHidden);
  return byRating || byWarnings || settings.tags.length > 0;
}

/**
 * A rated work whose text reads past the reader's limit (and past its rating): "Rated General
 * Audiences, but this text reads as Explicit". An estimate at or below the rating says nothing:
 * the site's rating rules.
 */
function mistaggedReason(report: PageReport, settings: RatingSettings): Reason | null {
  const { rating, estimate } = report;
  if (!estimate || !mayReadPastRating(rating.level, settings)) return null;
  if (RANK[estimate.level] <= RANK[rating.level] || !above(estimate.level, settings.limit)) return null;
  const read = RATING_WORD[estimate.level];
  const what = report.kind === 'chapter' ? 'this chapter' : 'its text';
  const crossed = estimate.reasons.filter((r) => above(findingLevel(r), settings.limit));
  const text = `The site rates it ${rating.label ?? RATING_WORD[rating.level]}, but ${what} reads as ${read}, past your ${RATING_WORD[settings.limit]} limit`;
  return { kind: 'rating', text, short: `reads as ${read}`, why: crossed };
}

function ratingReason(rating: Rating, limit: RatingLimit): Reason | null {
  if (!above(rating.level, limit)) return null;
  const name = RATING_WORD[rating.level];
  const text = `Rated ${name}${siteWords(rating, name)} — above your limit of ${RATING_WORD[limit]}`;
  return { kind: 'rating', text, short: `past your ${RATING_WORD[limit]} limit`, why: [] };
}

/**
 * An unrated page: its estimate when that crosses the limit, or the unrated mode. Only findings
 * past the limit are why it is covered; the rest (violence and language under an Explicit-only
 * limit) is told as evidence found, not as a reason.
 */
function unratedReason(rating: Rating, estimate: Estimate | null, settings: RatingSettings): Reason | null {
  const prefix = `Unrated${siteWords(rating, 'Unrated')}`;
  const known = estimate && estimate.level !== 'unknown' ? estimate : null;
  const limit = RATING_WORD[settings.limit];
  if (settings.unrated === 'warn') {
    const why = known ? [`Its text is estimated ${RATING_WORD[known.level]}`, ...known.reasons] : (estimate?.reasons ?? []);
    return { kind: 'unrated', text: `${prefix} — you are warned about every unrated page`, short: 'unrated', why };
  }
  if (known) {
    if (!above(known.level, settings.limit)) return null;
    const crossed = known.reasons.filter((r) => above(findingLevel(r), settings.limit));
    const within = known.reasons.filter((r) => !crossed.includes(r)).map((r) => `Also found, within your ${limit} limit: ${r}`);
    const text = `Estimated ${RATING_WORD[known.level]}, past your ${limit} limit`;
    return { kind: 'unrated', text, short: `estimated ${RATING_WORD[known.level]}`, why: [...crossed, ...within] };
  }
  const text = estimate ? `${prefix}, and its text could not be estimated` : `${prefix}, with no text to estimate`;
  return { kind: 'unrated', text, short: 'unrated', why: estimate?.reasons ?? [] };
}

function warningReasons(report: PageReport, chosen: ReadonlySet<WarningCategory>): Reason[] {
  const label = report.site === 'ao3' ? 'Archive warning' : 'Warning';
  const reasons: Reason[] = report.warnings
    .filter((w) => warningCategories(w).some((c) => chosen.has(c)))
    .map((w) => ({ kind: 'warning', text: `${label}: ${w}`, short: w, why: [] }));
  if (report.warningsHidden && chosen.has('unwarned'))
    reasons.push({ kind: 'warning', text: 'Warnings hidden by the site', short: 'warnings hidden', why: [] });
  return reasons;
}

const FIELD_NAME: Record<TagHit['field'], string> = { tag: 'Tag', warning: 'Warning', summary: 'Summary' };

/** "Warning: Major Character Death"; the pattern is named only where it says more than the tag. */
function tagReason(hit: TagHit): Reason {
  const short = hit.field === 'summary' ? `“${hit.text}”` : hit.text;
  const same = hit.pattern.toLowerCase() === hit.text.toLowerCase();
  const text = `${FIELD_NAME[hit.field]}: ${short}${same ? '' : ` (matches your “${hit.pattern}”)`}`;
  return { kind: 'tag', text, short, why: [] };
}

/** A warning that is both a chosen category and a listed tag is one reason, told once. */
function once(reasons: Reason[]): Reason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => {
    const key = r.short.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The last compiled pattern list: settings change rarely, pages come often. */
let cached: { key: string; matcher: TagMatcher } | null = null;

function matcherFor(patterns: readonly string[]): TagMatcher {
  const key = JSON.stringify(patterns);
  if (cached?.key !== key) cached = { key, matcher: compilePatterns(patterns) };
  return cached.matcher;
}

export type AllowedBy = NonNullable<Decision['allowedBy']>;

/**
 * The "always allow" exception that lets a page through, if any: its story's, then one of its
 * authors', then its site's (a site exception covers the site's subdomains too). `key` is the
 * entry as stored, so it can be taken back.
 */
export function findException(
  report: Pick<PageReport, 'url' | 'site' | 'title' | 'author'>,
  settings: RatingSettings,
  story: string = storyKey(report),
): { by: AllowedBy; key: string } | null {
  const { stories, authors, sites } = settings.exceptions;
  if (stories.includes(story)) return { by: 'story', key: story };
  const author = authorKeys(report).find((a) => authors.includes(a));
  if (author) return { by: 'author', key: author };
  const site = siteKey(report);
  const allowed = sites.find((s) => site === s || site.endsWith('.' + s));
  return allowed ? { by: 'site', key: allowed } : null;
}

/**
 * Should the page be gated, and why. Only pages that put a work in front of the reader are
 * judged; a listing or error page never is. The site's rating rules when it gives one; an
 * unrated page (no rating, or AO3's "Not Rated") follows the unrated mode, unless `judgeUnrated`
 * is off (a listing's blurb, which has no text to estimate). Archive warnings and
 * the reader's tags add reasons of their own. An "always allow" exception lifts the gate but
 * keeps the reasons, so the reader still sees what was found.
 */
export function decide(report: PageReport, settings: RatingSettings, key: string = storyKey(report), judgeUnrated = true): Decision {
  if (!isWorkPage(report.kind)) return { gate: false, reasons: [] };
  const rated = report.rating.level !== 'unknown';
  const reasons = once(
    [
      rated
        ? (ratingReason(report.rating, settings.limit) ?? mistaggedReason(report, settings))
        : judgeUnrated
          ? unratedReason(report.rating, report.estimate, settings)
          : null,
      ...warningReasons(report, new Set(settings.warnings)),
      ...matcherFor(settings.tags).match(report).map(tagReason),
    ].filter((r): r is Reason => r !== null),
  );
  if (reasons.length === 0) return { gate: false, reasons };
  const allowed = findException(report, settings, key);
  return allowed ? { gate: false, reasons, allowedBy: allowed.by } : { gate: true, reasons };
}
