/**
 * storage.sync's quota and how it is shared. Everything Slipcase stores there (the reader's
 * typography, the rating settings with their "always allow" lists, the save settings, the
 * reader's site rules, the library's synced list)
 * counts against one quota, so its limits, the way an item is measured and each user's share are
 * decided here alone. Pure.
 *
 * Shares. The reader's settings are one small item (about 150 bytes), and so are the save
 * settings (the threadmark categories a save takes, under 100 bytes). The rating settings split
 * their lists over items of at most RATING_ITEM_BUDGET (src/warnings/settings.ts) and may grow
 * without limit; the library list (src/library/sync/list-sync.ts) takes at most LIBRARY_BUDGET,
 * less when the other items leave less than SETTINGS_HEADROOM free: it gives way to the settings.
 * The reader's site rules (src/sites/rules/) are one item of at most SITE_RULES_BUDGET: a rule
 * that would take them past it is refused when added.
 */

/** What Chrome and Firefox allow an extension in storage.sync. */
export const QUOTA_BYTES = 102_400;
export const QUOTA_BYTES_PER_ITEM = 8_192;
export const MAX_ITEMS = 512;

/** All devices' library items together, at most. */
export const LIBRARY_BUDGET = 65_536;
/** Left free beyond everything stored, for the settings to grow between two library pushes. */
export const SETTINGS_HEADROOM = 8_192;
/** One item of a rating-settings list: below the per-item quota with room for the key and brackets. */
export const RATING_ITEM_BUDGET = 7_600;
/** The reader's site rules, all in one item: a few dozen selectors. */
export const SITE_RULES_BUDGET = 6_144;

const encoder = /* @__PURE__ */ new TextEncoder();
/** A string's length in UTF-8. */
export const utf8Bytes = (s: string): number => encoder.encode(s).length;
const INT32 = 2 ** 31;

/** Integers Chrome stores as doubles (outside int32), which its JSON writer gives a ".0". */
function wideIntegers(v: unknown): number {
  if (typeof v === 'number') return Number.isInteger(v) && (v >= INT32 || v < -INT32) ? 1 : 0;
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + wideIntegers(x), 0);
  if (typeof v === 'object' && v !== null) return Object.values(v).reduce((n: number, x) => n + wideIntegers(x), 0);
  return 0;
}

/**
 * The bytes a value takes in JSON as Chrome's quota counts it: UTF-8, with "<" and DEL written
 * \u003C (6 bytes), U+2028 and U+2029 escaped (6 bytes, not 3), and ".0" after integers beyond
 * int32. Firefox counts JSON.stringify's length, never more than this.
 */
export function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value);
  let extra = 2 * wideIntegers(value);
  for (const ch of json) {
    if (ch === '<' || ch === '\x7f') extra += 5;
    else if (ch === '\u2028' || ch === '\u2029') extra += 3;
  }
  return utf8Bytes(json) + extra;
}

/** One item's size against storage.sync's quotas: its key and its value in JSON. */
export const syncBytes = (key: string, value: unknown): number => utf8Bytes(key) + jsonBytes(value);

/** The bytes of every item in `items` (as storage.sync.get(null) returns them) that `counts`. */
export function usedBytes(items: Record<string, unknown>, counts: (key: string) => boolean = () => true): number {
  let total = 0;
  for (const [key, value] of Object.entries(items)) if (counts(key)) total += syncBytes(key, value);
  return total;
}

/** Whether the site rules, stored under `key`, stay within their share. */
export const siteRulesFit = (key: string, rules: unknown): boolean => syncBytes(key, rules) <= SITE_RULES_BUDGET;
