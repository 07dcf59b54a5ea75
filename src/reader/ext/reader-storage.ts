/**
 * What the reader remembers: its settings in storage.sync (they follow the reader to other
 * devices) and the reading position of each chapter in storage.local (one device's place).
 */
import { normalizeSettings, type ReaderSettings } from '../settings';
import { ANCHOR_TEXT } from '../../core/model';
import { READER_SETTINGS, READING_POSITIONS } from '../../core/storage-keys';
import { storedItem } from '../../core/ext/storage-items';

const settingsItem = storedItem(READER_SETTINGS);
const positionsItem = storedItem(READING_POSITIONS);
/** Positions kept at most; the least recently read chapters are forgotten first. */
export const MAX_POSITIONS = 500;

/** Where a chapter was left: the first block on screen and how far down it, 0 to 1. */
export interface ReadingPosition {
  block: number;
  offset: number;
  /** The block's first words (src/reader/ui/blocks.ts#Anchor). */
  text?: string;
  /** When it was saved (ms since the epoch): decides which positions are forgotten first. */
  at: number;
}

/** Query parameters that change how a page was reached, not which chapter it is. */
const NOISE_PARAMS = /^(utm_\w+|fbclid|gclid|ref|view_adult|show_comments)$/i;

/** One key per chapter however its URL was written: no fragment, no tracking or gate parameters, no trailing slash. */
export function chapterKey(url: string): string {
  const u = new URL(url);
  u.hash = '';
  const kept = [...u.searchParams].filter(([name]) => !NOISE_PARAMS.test(name)).sort(([a], [b]) => a.localeCompare(b));
  u.search = new URLSearchParams(kept).toString();
  if (u.pathname.length > 1) u.pathname = u.pathname.replace(/\/+$/, '');
  return u.href;
}

export async function loadSettings(): Promise<ReaderSettings> {
  return normalizeSettings(await settingsItem.getValue());
}

export async function saveSettings(settings: ReaderSettings): Promise<void> {
  await settingsItem.setValue(settings);
}

/** Calls `onChange` when the settings change elsewhere (another tab, another device). Returns the unsubscribe. */
export function watchSettings(onChange: (settings: ReaderSettings) => void): () => void {
  return settingsItem.watch((next) => onChange(normalizeSettings(next)));
}

type Positions = Record<string, unknown>;

async function loadPositions(): Promise<Positions> {
  const stored: unknown = await positionsItem.getValue();
  return typeof stored === 'object' && stored !== null ? { ...(stored as Positions) } : {};
}

function isPosition(p: unknown): p is ReadingPosition {
  const r = p as ReadingPosition | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    Number.isInteger(r.block) &&
    r.block >= 0 &&
    typeof r.offset === 'number' &&
    r.offset >= 0 &&
    r.offset <= 1 &&
    (r.text === undefined || (typeof r.text === 'string' && r.text.length <= ANCHOR_TEXT)) &&
    typeof r.at === 'number'
  );
}

/** When a stored position was saved; 0 for anything malformed, so it is forgotten first. */
const atOf = (p: unknown): number => (isPosition(p) ? p.at : 0);

export async function loadPosition(url: string): Promise<ReadingPosition | null> {
  const p = (await loadPositions())[chapterKey(url)];
  return isPosition(p) ? p : null;
}

export async function savePosition(url: string, position: Omit<ReadingPosition, 'at'>): Promise<void> {
  const positions = await loadPositions();
  positions[chapterKey(url)] = { ...position, at: Date.now() };
  const keys = Object.keys(positions);
  if (keys.length > MAX_POSITIONS) {
    keys
      .sort((a, b) => atOf(positions[a]) - atOf(positions[b]))
      .slice(0, keys.length - MAX_POSITIONS)
      .forEach((k) => delete positions[k]);
  }
  await positionsItem.setValue(positions);
}
