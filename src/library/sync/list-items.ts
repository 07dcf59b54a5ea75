/**
 * One device's items in storage.sync: a manifest and buckets of compact rows, encoded to fit a
 * byte budget and decoded back, skipping anything malformed. Pure.
 */
import { QUOTA_BYTES_PER_ITEM, LIBRARY_BUDGET, jsonBytes, syncBytes, utf8Bytes } from '../../core/sync-quota';
import {
  bucketKey,
  byRecency,
  deviceOfManifest,
  isDeviceId,
  isInt,
  isString,
  manifestKey,
  seconds,
  type DeviceList,
  type SyncRecord,
  type SyncStory,
} from './list-records';
import { READING_STATES, type SyncedState } from '../memory/reading-state';

/** A record longer than this (a very long address) is never synced: it would crowd out dozens. */
export const RECORD_MAX = 512;
/** Bump when the layout changes: a device ignores manifests of a version it does not know. */
const FORMAT = 1;

/**
 * A story is stored as [source, id rest, address, title, chapter, thousandths, read s, saved s],
 * where the bucket's source table holds [id prefix ("ao3:archiveofourown.org:"), origin] pairs, and
 * an address ending in the id's rest is written "~" + what comes before it: AO3's
 * "https://archiveofourown.org/works/123" becomes source 0, "123", "~/works/". A deletion is
 * [id, deleted s]. A story the reader's memory holds a state for has a ninth field, [state
 * number (READING_STATES), 1 when the reader chose it else 0, set s].
 */
type Source = [prefix: string, origin: string];
type StoryRow = [
  source: number,
  rest: string,
  path: string,
  title: string,
  chapter: number,
  thousandths: number,
  read: number,
  saved: number,
  state?: [state: number, chosen: 0 | 1, at: number],
];
type DeletionRow = [id: string, deleted: number];

function splitId(id: string): [string, string] {
  const first = id.indexOf(':');
  const second = first < 0 ? -1 : id.indexOf(':', first + 1);
  return second < 0 ? ['', id] : [id.slice(0, second + 1), id.slice(second + 1)];
}

function originOf(url: string): string {
  try {
    const origin = new URL(url).origin;
    return origin !== 'null' && url.startsWith(`${origin}/`) ? origin : '';
  } catch {
    return '';
  }
}

/** The story's row with its source left to the bucket, and the source. */
function storyRow(s: SyncStory): { source: Source; row: StoryRow } {
  const [prefix, rest] = splitId(s.id);
  const origin = originOf(s.url);
  const path = s.url.slice(origin.length);
  const short = rest !== '' && path.length > rest.length && path.endsWith(rest) ? `~${path.slice(0, -rest.length)}` : path;
  const row: StoryRow = [0, rest, short, s.title, s.chapter, Math.round(s.fraction * 1000), seconds(s.readAt), seconds(s.savedAt)];
  if (s.state) row.push([READING_STATES.indexOf(s.state.state), s.state.chosen ? 1 : 0, seconds(s.state.at)]);
  return { source: [prefix, origin], row };
}

const digits = (n: number) => String(n).length;

/** One bucket being filled, with its size in bytes kept as an upper bound of the written item. */
class Bucket {
  private readonly records: SyncRecord[] = [];
  private readonly sources = new Map<string, number>();
  private sourceBytes = 0;
  private rowBytes = 0;
  private storyRows = 0;
  constructor(readonly key: string) {}

  /** The item's bytes, were `extra` (a record and its measured parts) added. */
  bytes(extra?: { source: string | null; sourceBytes: number; rowBytes: number }): number {
    const records = this.records.length + (extra ? 1 : 0);
    if (records === 0) return 0;
    const newSource = extra?.source != null && !this.sources.has(extra.source);
    const sources = this.sources.size + (newSource ? 1 : 0);
    const stories = this.storyRows + (extra?.source != null ? 1 : 0);
    const sourceBytes = this.sourceBytes + (newSource ? extra!.sourceBytes : 0);
    const rowBytes = this.rowBytes + (extra?.rowBytes ?? 0);
    // '{"p":[],"e":[]}', commas between, and each row's source index at its widest.
    return (
      utf8Bytes(this.key) +
      15 +
      sourceBytes +
      Math.max(0, sources - 1) +
      rowBytes +
      stories * (digits(Math.max(0, sources - 1)) - 1) +
      (records - 1)
    );
  }

  add(record: SyncRecord, extra: { source: string | null; sourceBytes: number; rowBytes: number }): void {
    if (extra.source !== null) {
      if (!this.sources.has(extra.source)) {
        this.sources.set(extra.source, this.sources.size);
        this.sourceBytes += extra.sourceBytes;
      }
      this.storyRows++;
    }
    this.rowBytes += extra.rowBytes;
    this.records.push(record);
  }

  get empty(): boolean {
    return this.records.length === 0;
  }

  /** The item's value: records in id order, sources numbered in order of first use. */
  value(): { p: Source[]; e: (StoryRow | DeletionRow)[] } {
    const sources: Source[] = [];
    const index = new Map<string, number>();
    const rows = [...this.records]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((r): StoryRow | DeletionRow => {
        if (r.kind === 'deleted') return [r.id, seconds(r.deletedAt)];
        const { source, row } = storyRow(r);
        const name = source.join('\n');
        if (!index.has(name)) {
          index.set(name, sources.length);
          sources.push(source);
        }
        row[0] = index.get(name)!;
        return row;
      });
    return { p: sources, e: rows };
  }
}

/** The measured parts of a record, for Bucket. */
function measure(r: SyncRecord): { source: string | null; sourceBytes: number; rowBytes: number } {
  if (r.kind === 'deleted') return { source: null, sourceBytes: 0, rowBytes: jsonBytes([r.id, seconds(r.deletedAt)]) };
  const { source, row } = storyRow(r);
  return { source: source.join('\n'), sourceBytes: jsonBytes(source), rowBytes: jsonBytes(row) };
}

/** FNV-1a over the id's UTF-16 units: a stable bucket per story. */
function bucketOf(id: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h % buckets;
}

/** Buckets per device: enough that an even share of the budget fills each about half. */
export const bucketsFor = (devices: number) => Math.max(1, Math.ceil(Math.floor(LIBRARY_BUDGET / devices) / (QUOTA_BYTES_PER_ITEM / 2)));

export interface Encoded {
  items: Record<string, unknown>;
  /** The records that fit, most recent first. */
  kept: SyncRecord[];
}

/**
 * A device's items: its manifest, and its records, most recent first, as long as they fit in
 * `bytes` and their bucket in an item. The first that does not fit ends the list, so what is
 * listed is always the most recent; a record over RECORD_MAX is passed over.
 */
export function encodeDevice(
  device: string,
  records: readonly SyncRecord[],
  budget: { bytes: number; buckets: number },
  manifestAt: number,
): Encoded {
  const manifest = { v: FORMAT, n: budget.buckets, at: seconds(manifestAt) };
  let total = syncBytes(manifestKey(device), manifest);
  const buckets = Array.from({ length: budget.buckets }, (_, k) => new Bucket(bucketKey(device, k)));
  const kept: SyncRecord[] = [];
  for (const record of [...records].sort(byRecency)) {
    const parts = measure(record);
    if (parts.rowBytes > RECORD_MAX) continue;
    const bucket = buckets[bucketOf(record.id, budget.buckets)]!;
    const before = bucket.bytes();
    const after = bucket.bytes(parts);
    if (after > QUOTA_BYTES_PER_ITEM || total - before + after > budget.bytes) break;
    bucket.add(record, parts);
    total += after - before;
    kept.push(record);
  }
  const items: Record<string, unknown> = { [manifestKey(device)]: manifest };
  for (const b of buckets) if (!b.empty) items[b.key] = b.value();
  return { items, kept };
}

/** A row's ninth field as a state; nothing when it is absent or malformed. */
function stateOf(v: unknown): { state?: SyncedState } {
  if (!Array.isArray(v) || v.length !== 3) return {};
  const [n, chosen, at] = v as unknown[];
  const state = isInt(n) ? READING_STATES[n] : undefined;
  return state && (chosen === 0 || chosen === 1) && isInt(at) && at >= 0 ? { state: { state, chosen: chosen === 1, at: at * 1000 } } : {};
}

function decodeBucket(value: unknown): SyncRecord[] {
  const v = value as { p?: unknown; e?: unknown } | null;
  if (typeof v !== 'object' || v === null || !Array.isArray(v.p) || !Array.isArray(v.e)) return [];
  const sources = v.p.map((s: unknown) => (Array.isArray(s) && s.length === 2 && isString(s[0]) && isString(s[1]) ? (s as Source) : null));
  const out: SyncRecord[] = [];
  for (const row of v.e as unknown[]) {
    if (!Array.isArray(row)) continue;
    if (row.length === 2 && isString(row[0]) && isInt(row[1])) {
      out.push({ kind: 'deleted', id: row[0], deletedAt: row[1] * 1000 });
      continue;
    }
    const [si, rest, path, title, chapter, thousandths, read, saved, state] = row as unknown[];
    const source = isInt(si) ? sources[si] : null;
    if ((row.length !== 8 && row.length !== 9) || !source || !isString(rest) || !isString(path) || !isString(title)) continue;
    if (!isInt(chapter) || chapter < 0 || !isInt(thousandths) || thousandths < 0 || thousandths > 1000 || !isInt(read) || !isInt(saved))
      continue;
    const [prefix, origin] = source;
    const url = path.startsWith('~') ? `${origin}${path.slice(1)}${rest}` : `${origin}${path}`;
    out.push({
      kind: 'story',
      id: prefix + rest,
      url,
      title,
      chapter,
      fraction: thousandths / 1000,
      readAt: read * 1000,
      savedAt: saved * 1000,
      ...stateOf(state),
    });
  }
  return out;
}

/**
 * Every device's list in what storage.sync holds. A bucket not yet arrived (storage.sync delivers
 * items one by one) leaves its stories out for now; anything malformed is skipped.
 */
export function decodeDevices(all: Record<string, unknown>): Map<string, DeviceList> {
  const devices = new Map<string, DeviceList>();
  for (const [key, value] of Object.entries(all)) {
    const device = deviceOfManifest(key);
    const m = value as { v?: unknown; n?: unknown; at?: unknown } | null;
    if (!isDeviceId(device) || typeof m !== 'object' || m === null || m.v !== FORMAT || !isInt(m.n) || m.n < 1 || m.n > 64 || !isInt(m.at))
      continue;
    const records = Array.from({ length: m.n }, (_, k) => decodeBucket(all[bucketKey(device, k)])).flat();
    devices.set(device, { at: m.at * 1000, buckets: m.n, records });
  }
  return devices;
}
