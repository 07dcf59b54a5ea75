/**
 * The rating settings as stored: validation of whatever storage holds, the "always allow" lists,
 * and the layout in storage.sync. Pure, so the options page, popup, content script and tests
 * share it; src/warnings/ext/settings-storage.ts does the storage calls.
 *
 * Layout. storage.sync allows 8 KB per item, and "always allow this story" is a one-click action
 * a reader may use hundreds of times, so each exception list is split over numbered items
 * ("rating-allow-stories-0", "-1", …) of at most RATING_ITEM_BUDGET bytes (src/core/sync-quota.ts,
 * which owns storage.sync's quota); the rest of the settings are one item ("rating-settings").
 */
import type { PageReport } from '../core/model';
import { RATING_ITEM_BUDGET, jsonBytes, utf8Bytes } from '../core/sync-quota';
import { RATING_ALLOW, RATING_SETTINGS, memberKey } from '../core/storage-keys';
import {
  DEFAULT_RATING_SETTINGS,
  authorKeys,
  siteKey,
  storyKey,
  WARNING_CATEGORIES,
  type RatingLimit,
  type RatingSettings,
  type UnratedMode,
  type WarningCategory,
} from './policy';

export type ExceptionKind = keyof RatingSettings['exceptions'];
export const EXCEPTION_KINDS: readonly ExceptionKind[] = ['stories', 'authors', 'sites'];

const SETTINGS_ITEM = RATING_SETTINGS.key;
const allowPrefix = (kind: ExceptionKind) => memberKey(RATING_ALLOW, `${kind}-`);
/** A pattern longer than this is a paste gone wrong, not a tag. */
const MAX_PATTERN = 200;

const LIMITS: readonly RatingLimit[] = ['general', 'teen', 'mature', 'explicit'];
const MODES: readonly UnratedMode[] = ['estimate', 'warn'];

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * Trimmed, non-empty, each once. Patterns match case-insensitively, so for them the first
 * spelling is kept when only the case differs; exception keys are compared as they are.
 */
function cleanList(items: readonly string[], { max = Infinity, foldCase = false } = {}): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of items) {
    const item = raw.trim().replace(/\s+/g, ' ');
    const key = foldCase ? item.toLowerCase() : item;
    if (item === '' || item.length > max || seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

/** Settings from whatever storage holds: anything missing or malformed is the default. */
export function normalizeRatingSettings(raw: unknown): RatingSettings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const ex = (typeof r.exceptions === 'object' && r.exceptions !== null ? r.exceptions : {}) as Record<string, unknown>;
  return {
    limit: LIMITS.includes(r.limit as RatingLimit) ? (r.limit as RatingLimit) : DEFAULT_RATING_SETTINGS.limit,
    unrated: MODES.includes(r.unrated as UnratedMode) ? (r.unrated as UnratedMode) : DEFAULT_RATING_SETTINGS.unrated,
    warnings: WARNING_CATEGORIES.filter((c) => strings(r.warnings).includes(c)),
    tags: cleanList(strings(r.tags), { max: MAX_PATTERN, foldCase: true }),
    // Settings stored before the choice existed did not fold unrated entries on purpose: off.
    foldUnrated: r.foldUnrated === true,
    // On unless the reader turned it off: settings stored before it existed get the check.
    checkRated: r.checkRated !== false,
    exceptions: {
      stories: cleanList(strings(ex.stories)),
      authors: cleanList(strings(ex.authors)),
      sites: cleanList(strings(ex.sites)),
    },
  };
}

export function withException(settings: RatingSettings, kind: ExceptionKind, key: string): RatingSettings {
  if (settings.exceptions[kind].includes(key)) return settings;
  return { ...settings, exceptions: { ...settings.exceptions, [kind]: [...settings.exceptions[kind], key] } };
}

export function withoutException(settings: RatingSettings, kind: ExceptionKind, key: string): RatingSettings {
  return { ...settings, exceptions: { ...settings.exceptions, [kind]: settings.exceptions[kind].filter((k) => k !== key) } };
}

export function withWarning(settings: RatingSettings, category: WarningCategory, on: boolean): RatingSettings {
  const chosen = new Set(settings.warnings);
  if (on) chosen.add(category);
  else chosen.delete(category);
  return { ...settings, warnings: WARNING_CATEGORIES.filter((c) => chosen.has(c)) };
}

/** The options page's tag box: one pattern per line or between commas. */
export function parsePatterns(text: string): string[] {
  return cleanList(text.split(/[\n,]/), { max: MAX_PATTERN, foldCase: true });
}

/**
 * A site as the reader types it ("fanfiction.net", "https://www.fanfiction.net/s/1/") as a site
 * key (policy.ts#siteKey); null when it is no host name.
 */
export function siteFromInput(text: string): string | null {
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(t) ? t : `http://${t}`).hostname.replace(/^(?:www|m)\./, '');
    return /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(host) ? host : null;
  } catch {
    return null;
  }
}

/** The exception a one-click "always allow" adds for a page; null when the page has no author to allow. */
export function exceptionFor(
  report: Pick<PageReport, 'url' | 'site' | 'title' | 'author'>,
  kind: ExceptionKind,
): { key: string; label: string } | null {
  const work = report.title ? `${report.title}${report.author ? ` by ${report.author}` : ''}` : siteKey(report);
  switch (kind) {
    case 'stories':
      return { key: storyKey(report), label: `${work} (${siteKey(report)})` };
    case 'authors': {
      // The first credited author: the one a reader means by "this author".
      const key = authorKeys(report)[0];
      const name = report.author?.split(/\s*,\s*/)[0];
      return key && name ? { key, label: `${name} (${siteKey(report)})` } : null;
    }
    case 'sites':
      return { key: siteKey(report), label: siteKey(report) };
  }
}

/**
 * An exception as a person reads it, where no name was remembered for it: "story 52266019 on
 * archiveofourown.org", "story 3117 on spikeluver.com/spuffyrealm" (an eFiction archive's folder).
 */
export function describeException(kind: ExceptionKind, key: string): string {
  if (kind === 'sites') return key;
  const parts = key.split(':');
  if (kind === 'authors' && parts.length >= 2) return `${parts.slice(1).join(':')} on ${parts[0]}`;
  if (kind === 'stories' && parts.length >= 3) {
    const id = parts.slice(2).join(':');
    const numbered = id.match(/^(\/.*?)?\/?(\d+)$/);
    return numbered ? `story ${numbered[2]} on ${parts[1]}${(numbered[1] ?? '').replace(/\/$/, '')}` : `${id} on ${parts[1]}`;
  }
  return key;
}

// ---- storage layout ----

/** A list cut into runs that each fit one item under `prefix-N`, in order. */
function chunks(prefix: string, list: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let run: string[] = [];
  let size = 0;
  const flush = () => {
    out[`${prefix}${Object.keys(out).length}`] = run;
    run = [];
  };
  for (const item of list) {
    const cost = jsonBytes(item) + 1;
    // The key, brackets and index digits of the item, counted generously.
    if (run.length > 0 && size + cost + utf8Bytes(prefix) + 8 > RATING_ITEM_BUDGET) {
      flush();
      size = 0;
    }
    run.push(item);
    size += cost;
  }
  if (run.length > 0) flush();
  return out;
}

/** The items that store `settings`. */
export function storedItems(settings: RatingSettings): Record<string, unknown> {
  const { exceptions, ...rest } = settings;
  const items: Record<string, unknown> = { [SETTINGS_ITEM]: rest };
  for (const kind of EXCEPTION_KINDS) Object.assign(items, chunks(allowPrefix(kind), exceptions[kind]));
  return items;
}

/** Whether a change to `key` in storage.sync changes the rating settings. */
export const isRatingKey = (key: string): boolean => key === SETTINGS_ITEM || key.startsWith(RATING_ALLOW.prefix);

/** Stored exception items that `items` (a fresh storedItems) no longer uses. */
export function staleItems(stored: readonly string[], items: Record<string, unknown>): string[] {
  return stored.filter((k) => k.startsWith(RATING_ALLOW.prefix) && !(k in items));
}

/** Settings back from everything storage holds (other extension items are ignored). */
export function fromStoredItems(all: Record<string, unknown>): RatingSettings {
  const list = (kind: ExceptionKind) =>
    Object.keys(all)
      .map((k) => ({ k, n: k.startsWith(allowPrefix(kind)) ? k.slice(allowPrefix(kind).length).match(/^\d+$/)?.[0] : undefined }))
      .filter((x): x is { k: string; n: string } => x.n !== undefined)
      .sort((a, b) => Number(a.n) - Number(b.n))
      .flatMap(({ k }) => strings(all[k]));
  const base = typeof all[SETTINGS_ITEM] === 'object' && all[SETTINGS_ITEM] !== null ? all[SETTINGS_ITEM] : {};
  return normalizeRatingSettings({ ...base, exceptions: { stories: list('stories'), authors: list('authors'), sites: list('sites') } });
}
