/**
 * Every key Slipcase keeps in the browser's storage, with its area and what reading it gives when
 * nothing is stored. A key family (`prefix`) is one key per tab, per list chunk or per device.
 * Pure: the ext/ shells read and write through these declarations (src/core/ext/storage-items.ts),
 * the quota arithmetic of storage.sync is src/core/sync-quota.ts.
 *
 * The stored shapes are each feature's: whatever storage holds is checked and made valid by the
 * feature's normalize function on the way in (an older version or another device may have written
 * it), so no item has needed a versioned migration yet.
 */
import { DEFAULT_READER_SETTINGS, type ReaderSettings } from '../reader/settings';
import type { PageReport } from './model';
import type { FoldCount } from '../warnings/fold-count';

export type StorageAreaName = 'local' | 'sync' | 'session';

/** One key, read as `fallback` while nothing is stored there. */
export interface StoredItem<T> {
  area: StorageAreaName;
  key: string;
  fallback: T;
}

/** A family of keys starting with `prefix`. */
export interface StoredFamily<T> {
  area: StorageAreaName;
  prefix: string;
  fallback: T;
}

const item = <T>(area: StorageAreaName, key: string, fallback: T): StoredItem<T> => ({ area, key, fallback });
const family = <T>(area: StorageAreaName, prefix: string, fallback: T): StoredFamily<T> => ({ area, prefix, fallback });

/** The rating settings but their "always allow" lists (src/warnings/settings.ts); normalized when read. */
export const RATING_SETTINGS = item<unknown>('sync', 'rating-settings', {});
/** The "always allow" lists, each cut into numbered items: rating-allow-stories-0, -1, … */
export const RATING_ALLOW = family<string[]>('sync', 'rating-allow-', []);
/** Readable names of the exceptions made on this device, by exception key. */
export const EXCEPTION_LABELS = item<Record<string, string>>('local', 'rating-exception-labels', {});

/** The reader's typography and voice; they follow the reader to other devices. */
export const READER_SETTINGS = item<ReaderSettings>('sync', 'reader-settings', DEFAULT_READER_SETTINGS);
/** What saving a work takes of a forum thread (src/library/save-settings.ts); normalized when read. */
export const SAVE_SETTINGS = item<unknown>('sync', 'save-settings', {});
/** Where each chapter was left, by chapter key (src/reader/ext/reader-storage.ts). */
export const READING_POSITIONS = item<Record<string, unknown>>('local', 'reader-positions', {});

/** Hosts the reader switched Slipcase on for (src/sites/user-sites.ts): this device's, as its permissions are. */
export const USER_SITES = item<unknown>('local', 'user-sites', []);
/** The reader's own rules for sites Slipcase misreads (src/sites/rules/rule.ts); they follow the reader to other devices. */
export const SITE_RULES = item<unknown>('sync', 'site-rules', []);

/** The detect content script's report of each tab: `tab:<tab id>`. */
export const TAB_REPORTS = family<PageReport | null>('session', 'tab:', null);
/** On a listing, how many entries the gate folded and why: `tab-folds:<tab id>`. */
export const TAB_FOLDS = family<FoldCount | null>('session', 'tab-folds:', null);

/** The library list of each device: a manifest `lib.<device>` and its buckets `lib.<device>.<k>`. */
export const LIBRARY_LIST = family<unknown>('sync', 'lib.', null);
/** The reading memory's switches (src/library/memory/memory-settings.ts): this device's own. */
export const MEMORY_SETTINGS = item<unknown>('local', 'memory-settings', {});
/** What this device remembers between library pushes, its device id among it (src/library/sync/list-records.ts). */
export const LIBRARY_SYNC_MEMORY = item<unknown>('local', 'library-sync', null);

/** The WebDAV sync's folder and credentials (src/library/dav/dav-settings.ts): this device's only, never synced or exported. */
export const DAV_SETTINGS = item<unknown>('local', 'dav-settings', null);

export const STORED_ITEMS: readonly StoredItem<unknown>[] = [
  RATING_SETTINGS,
  EXCEPTION_LABELS,
  READER_SETTINGS,
  SAVE_SETTINGS,
  READING_POSITIONS,
  LIBRARY_SYNC_MEMORY,
  MEMORY_SETTINGS,
  USER_SITES,
  SITE_RULES,
  DAV_SETTINGS,
];
export const STORED_FAMILIES: readonly StoredFamily<unknown>[] = [RATING_ALLOW, TAB_REPORTS, TAB_FOLDS, LIBRARY_LIST];

/** The key of a family's member `name` (a tab id, a device, a list chunk). */
export const memberKey = (f: StoredFamily<unknown>, name: string | number): string => `${f.prefix}${name}`;
