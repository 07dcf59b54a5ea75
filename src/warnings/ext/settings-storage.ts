/**
 * The rating settings in storage.sync (they follow the reader to other devices), in the layout of
 * src/warnings/settings.ts, and the readable names of "always allow" entries in storage.local.
 */
import { browser } from 'wxt/browser';
import type { PageReport } from '../../core/model';
import type { RatingSettings } from '../policy';
import { EXCEPTION_LABELS, RATING_SETTINGS } from '../../core/storage-keys';
import {
  exceptionFor,
  isRatingKey,
  fromStoredItems,
  staleItems,
  storedItems,
  withException,
  withoutException,
  type ExceptionKind,
} from '../settings';

/**
 * The exception names, read and written with browser.storage directly rather than through
 * @wxt-dev/storage: this module is part of the always-on content script, which that library
 * would grow by about 9 KB on every archive page.
 */
const labelsItem = {
  getValue: async (): Promise<unknown> =>
    (await browser.storage.local.get(EXCEPTION_LABELS.key))[EXCEPTION_LABELS.key] ?? EXCEPTION_LABELS.fallback,
  setValue: (labels: Record<string, string>): Promise<void> => browser.storage.local.set({ [EXCEPTION_LABELS.key]: labels }),
};

export async function loadRatingSettings(): Promise<RatingSettings> {
  return fromStoredItems(await browser.storage.sync.get(null));
}

/** Rejects when sync storage is full: the caller tells the reader. */
export async function saveRatingSettings(settings: RatingSettings): Promise<void> {
  const items = storedItems(settings);
  const stored = Object.keys(await browser.storage.sync.get(null));
  await browser.storage.sync.set(items);
  const stale = staleItems(stored, items);
  if (stale.length) await browser.storage.sync.remove(stale);
}

/** Calls `onChange` with the new settings whenever they change (this page, another tab, another device). Returns the unsubscribe. */
export function watchRatingSettings(onChange: (settings: RatingSettings) => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === RATING_SETTINGS.area && Object.keys(changes).some(isRatingKey)) void loadRatingSettings().then(onChange);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

async function update(change: (s: RatingSettings) => RatingSettings): Promise<RatingSettings> {
  const next = change(await loadRatingSettings());
  await saveRatingSettings(next);
  return next;
}

/** "Always allow" this page's story, author or site; remembers a readable name for the options page. */
export async function allow(report: Pick<PageReport, 'url' | 'site' | 'title' | 'author'>, kind: ExceptionKind): Promise<RatingSettings> {
  const entry = exceptionFor(report, kind);
  if (!entry) return loadRatingSettings();
  const next = await update((s) => withException(s, kind, entry.key));
  await saveLabel(entry.key, entry.label);
  return next;
}

export async function removeException(kind: ExceptionKind, key: string): Promise<RatingSettings> {
  const next = await update((s) => withoutException(s, kind, key));
  const labels = await loadExceptionLabels();
  if (key in labels) {
    delete labels[key];
    await labelsItem.setValue(labels);
  }
  return next;
}

/** Readable names of exceptions made on this device ("Title by Author (archiveofourown.org)"), by key. */
export async function loadExceptionLabels(): Promise<Record<string, string>> {
  const got: unknown = await labelsItem.getValue();
  if (typeof got !== 'object' || got === null) return {};
  return Object.fromEntries(Object.entries(got).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

async function saveLabel(key: string, label: string): Promise<void> {
  const labels = await loadExceptionLabels();
  if (labels[key] === label) return;
  await labelsItem.setValue({ ...labels, [key]: label });
}

/** The options page at its content-warning settings (the library is its first section). */
export async function openSettings(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL('/options.html#warnings') });
}
