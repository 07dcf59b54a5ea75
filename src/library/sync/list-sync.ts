/**
 * The library's list and reading progress in storage.sync, so they follow the reader to their other
 * browsers (the text does not: a browser that lacks a listed story offers to fetch it). Pure: the
 * shell (src/library/ext/sync-storage.ts) reads storage and the database and applies what this decides.
 *
 * Layout. Each browser ("device") writes only items of its own: a manifest `lib.<device>` and
 * buckets `lib.<device>.<k>`, each story in the bucket its id hashes to. storage.sync settles a
 * conflict per item, the last write winning, so an item with one writer never loses an update, and
 * a device's items follow from its own library alone: two browsers can never keep rewriting each
 * other's items. A progress change rewrites one bucket. The cost is that a story saved in two
 * browsers is listed twice, and the budget is shared between the devices.
 *
 * Budget. storage.sync holds 102,400 bytes, 8,192 per item, counted as Chrome does (syncBytes). The
 * settings live there too: the reader's typography (about 150 bytes) and the rating settings, whose
 * "always allow" lists grow a few dozen bytes a click (src/warnings/settings.ts). The library takes
 * at most LIBRARY_BUDGET, less when the other items leave less than SETTINGS_HEADROOM free, split
 * evenly between the devices. The settings can grow to 28 KB (some 800 "always allow" entries)
 * before the library gives way, and it does give way beyond that.
 * A typical AO3 story takes about 80 bytes, one from a site whose addresses carry a title slug
 * about 105: some 800 stories fit for a browser alone, 400 each for two. When not everything fits,
 * the most recently read or saved stories are listed and the rest left out (being left out says
 * nothing: only a deletion record deletes).
 *
 * Deletion. A device lists the deletions made in it for TOMBSTONE_TTL, as records that outrank any
 * listing of the story older than them. A browser that deletes a story stops other browsers from
 * offering to fetch it, and one that still holds the text keeps it (the reader may have good reason:
 * the archive may have lost the work), stops listing it, and can show it as deleted elsewhere. A
 * story read or saved again after its deletion is listed again, and is offered again elsewhere.
 */
import type { ProgressRecord, StoryRecord } from '../types';

export const QUOTA_BYTES = 102_400;
export const QUOTA_BYTES_PER_ITEM = 8_192;
/** All devices' library items together, at most. */
export const LIBRARY_BUDGET = 65_536;
/** Left free beyond everything stored, for the settings to grow between two library pushes. */
export const SETTINGS_HEADROOM = 8_192;
const DAY = 86_400_000;
/** A device that has not pushed for this long is gone (uninstalled, a lost laptop): its items are removed. */
export const DEVICE_TTL = 90 * DAY;
/** How long a deletion is listed; a browser away for longer may offer the story again. */
export const TOMBSTONE_TTL = 90 * DAY;
/** A manifest's time is renewed at most this often, so progress pushes leave it alone. */
const MANIFEST_REFRESH = DAY;
/** Titles are cut to this many characters: enough to know a story by. */
export const TITLE_MAX = 40;
/** A record longer than this (a very long address) is never synced: it would crowd out dozens. */
export const RECORD_MAX = 512;
/** Bump when the layout changes: a device ignores manifests of a version it does not know. */
const FORMAT = 1;
const PREFIX = 'lib.';

/** A saved story as synced. Times are ms since the epoch, in whole seconds; readAt 0: never opened. */
export interface SyncStory {
  kind: 'story';
  id: string;
  url: string;
  title: string;
  chapter: number;
  /** How far through the chapter, 0..1, to a thousandth. */
  fraction: number;
  readAt: number;
  savedAt: number;
}

export interface SyncDeletion {
  kind: 'deleted';
  id: string;
  deletedAt: number;
}

export type SyncRecord = SyncStory | SyncDeletion;

/** What a device remembers locally (storage.local) between pushes. Times in ms. */
export interface SyncMemory {
  device: string;
  /** The stories held here at the last push: one gone since was deleted here. */
  held: string[];
  /** Stories deleted here, with when: listed as deletions until they expire. */
  deleted: Record<string, number>;
  /** Stories held here that another device deleted after they were last read or saved here. */
  dropped: Record<string, number>;
}

export interface DeviceList {
  /** When the device last renewed its manifest (ms). */
  at: number;
  buckets: number;
  records: SyncRecord[];
}

// ---- measuring ----

const encoder = new TextEncoder();
const utf8 = (s: string) => encoder.encode(s).length;
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
  return utf8(json) + extra;
}

/** One item's size against storage.sync's quotas: its key and its value in JSON. */
export const syncBytes = (key: string, value: unknown): number => utf8(key) + jsonBytes(value);

// ---- keys ----

export const isLibraryKey = (key: string) => key.startsWith(PREFIX);
const manifestKey = (device: string) => `${PREFIX}${device}`;
const bucketKey = (device: string, k: number) => `${PREFIX}${device}.${k}`;
const isDeviceKey = (device: string, key: string) => key === manifestKey(device) || key.startsWith(`${manifestKey(device)}.`);
/** The device whose item `key` is, or null for any other item. */
export function deviceOfKey(key: string): string | null {
  return key.match(/^lib\.([a-z0-9]+)(?:\.\d+)?$/)?.[1] ?? null;
}
export const isDeviceId = (s: unknown): s is string => typeof s === 'string' && /^[a-z0-9]{4,16}$/.test(s);

// ---- records ----

const wholeSecond = (ms: number) => Math.max(0, Math.floor(ms / 1000)) * 1000;
const seconds = (ms: number) => Math.floor(ms / 1000);

/** Ranks records: a story by its latest reading or saving, a deletion by when it was made. */
export const clockOf = (r: SyncRecord) => (r.kind === 'story' ? Math.max(r.readAt, r.savedAt) : r.deletedAt);
const byRecency = (a: SyncRecord, b: SyncRecord) => clockOf(b) - clockOf(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function shortTitle(title: string): string {
  const chars = Array.from(title.trim().replace(/\s+/g, ' '));
  return chars.length <= TITLE_MAX ? chars.join('') : `${chars.slice(0, TITLE_MAX - 1).join('')}…`;
}

/** A saved story and the reader's place in it as synced: title cut, fraction and times rounded. */
export function syncStory(story: Pick<StoryRecord, 'id' | 'url' | 'savedAt'> & { meta: { title: string } }, progress: Pick<ProgressRecord, 'chapter' | 'fraction' | 'at'> | null): SyncStory {
  return {
    kind: 'story',
    id: story.id,
    url: story.url,
    title: shortTitle(story.meta.title),
    chapter: progress ? Math.max(0, Math.trunc(progress.chapter)) || 0 : 0,
    fraction: progress ? Math.round(Math.min(1, Math.max(0, progress.fraction || 0)) * 1000) / 1000 : 0,
    readAt: progress ? wholeSecond(progress.at) : 0,
    savedAt: wholeSecond(story.savedAt),
  };
}

// ---- one device's items ----

/**
 * A story is stored as [source, id rest, address, title, chapter, thousandths, read s, saved s],
 * where the bucket's source table holds [id prefix ("ao3:archiveofourown.org:"), origin] pairs, and
 * an address ending in the id's rest is written "~" + what comes before it: AO3's
 * "https://archiveofourown.org/works/123" becomes source 0, "123", "~/works/". A deletion is
 * [id, deleted s].
 */
type Source = [prefix: string, origin: string];
type StoryRow = [source: number, rest: string, path: string, title: string, chapter: number, thousandths: number, read: number, saved: number];
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
  return {
    source: [prefix, origin],
    row: [0, rest, short, s.title, s.chapter, Math.round(s.fraction * 1000), seconds(s.readAt), seconds(s.savedAt)],
  };
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
    return utf8(this.key) + 15 + sourceBytes + Math.max(0, sources - 1) + rowBytes + stories * (digits(Math.max(0, sources - 1)) - 1) + (records - 1);
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
    const rows = [...this.records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((r): StoryRow | DeletionRow => {
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
const bucketsFor = (devices: number) => Math.max(1, Math.ceil(Math.floor(LIBRARY_BUDGET / devices) / (QUOTA_BYTES_PER_ITEM / 2)));

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
export function encodeDevice(device: string, records: readonly SyncRecord[], budget: { bytes: number; buckets: number }, manifestAt: number): Encoded {
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

const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
const isString = (v: unknown): v is string => typeof v === 'string';

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
    const [si, rest, path, title, chapter, thousandths, read, saved] = row as unknown[];
    const source = isInt(si) ? sources[si] : null;
    if (row.length !== 8 || !source || !isString(rest) || !isString(path) || !isString(title)) continue;
    if (!isInt(chapter) || chapter < 0 || !isInt(thousandths) || thousandths < 0 || thousandths > 1000 || !isInt(read) || !isInt(saved)) continue;
    const [prefix, origin] = source;
    const url = path.startsWith('~') ? `${origin}${path.slice(1)}${rest}` : `${origin}${path}`;
    out.push({ kind: 'story', id: prefix + rest, url, title, chapter, fraction: thousandths / 1000, readAt: read * 1000, savedAt: saved * 1000 });
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
    const device = key.startsWith(PREFIX) ? key.slice(PREFIX.length) : '';
    const m = value as { v?: unknown; n?: unknown; at?: unknown } | null;
    if (!isDeviceId(device) || typeof m !== 'object' || m === null || m.v !== FORMAT || !isInt(m.n) || m.n < 1 || m.n > 64 || !isInt(m.at)) continue;
    const records = Array.from({ length: m.n }, (_, k) => decodeBucket(all[bucketKey(device, k)])).flat();
    devices.set(device, { at: m.at * 1000, buckets: m.n, records });
  }
  return devices;
}

// ---- pushing ----

const live = (list: DeviceList, now: number) => list.at > now - DEVICE_TTL;

/**
 * The bytes and buckets a device may use: an even share of the library's budget among the live
 * devices, no more than what the other items leave free (less SETTINGS_HEADROOM).
 */
export function budgetFor(all: Record<string, unknown>, device: string, now: number): { bytes: number; buckets: number; devices: number } {
  const devices = decodeDevices(all);
  const others = new Set([...devices].filter(([d, list]) => d !== device && live(list, now)).map(([d]) => d));
  let settings = 0;
  let otherLibrary = 0;
  for (const [key, value] of Object.entries(all)) {
    if (!isLibraryKey(key)) settings += syncBytes(key, value);
    else if (!isDeviceKey(device, key) && (others.has(deviceOfKey(key) ?? '') || !devices.has(deviceOfKey(key) ?? ''))) otherLibrary += syncBytes(key, value);
  }
  const count = others.size + 1;
  const share = Math.floor(Math.max(0, Math.min(LIBRARY_BUDGET, QUOTA_BYTES - SETTINGS_HEADROOM - settings)) / count);
  const free = QUOTA_BYTES - SETTINGS_HEADROOM - settings - otherLibrary;
  return { bytes: Math.max(0, Math.min(share, free)), buckets: bucketsFor(count), devices: count };
}

export interface PushPlan {
  /** Items to write (only those that changed). */
  set: Record<string, unknown>;
  /** Items to remove: this device's no longer used, and those of devices gone for DEVICE_TTL. */
  remove: string[];
  /** To keep for the next push. */
  memory: SyncMemory;
  /** Records this device lists (stories and deletions). */
  listed: SyncRecord[];
}

/** The latest deletion of each story by any live device other than this one. */
function othersDeletions(devices: Map<string, DeviceList>, device: string, now: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [d, list] of devices) {
    if (d === device || !live(list, now)) continue;
    for (const r of list.records) if (r.kind === 'deleted' && r.deletedAt > (out.get(r.id) ?? -1)) out.set(r.id, r.deletedAt);
  }
  return out;
}

/**
 * What a push writes, from everything storage.sync holds (`all`), the stories held here (from
 * syncStory) and the memory of the last push. Applying the plan and planning again writes nothing.
 */
export function planPush(all: Record<string, unknown>, local: readonly SyncStory[], memory: SyncMemory, now: number): PushPlan {
  const { device } = memory;
  const at = wholeSecond(now);
  const ids = new Set(local.map((s) => s.id));

  const deleted: Record<string, number> = {};
  for (const [id, t] of Object.entries(memory.deleted)) if (!ids.has(id) && t > now - TOMBSTONE_TTL) deleted[id] = t;
  for (const id of memory.held) if (!ids.has(id) && !(id in deleted)) deleted[id] = at;

  const devices = decodeDevices(all);
  const elsewhere = othersDeletions(devices, device, now);
  const dropped: Record<string, number> = {};
  for (const s of local) {
    const t = Math.max(memory.dropped[s.id] ?? 0, elsewhere.get(s.id) ?? 0);
    if (t > 0 && t >= clockOf(s)) dropped[s.id] = t;
  }

  const records: SyncRecord[] = [
    ...local.filter((s) => !(s.id in dropped)),
    ...Object.entries(deleted).map(([id, deletedAt]): SyncDeletion => ({ kind: 'deleted', id, deletedAt })),
  ];
  const budget = budgetFor(all, device, now);
  const own = devices.get(device);
  const manifestAt = own && own.buckets === budget.buckets && own.at > now - MANIFEST_REFRESH && own.at <= now ? own.at : at;
  const { items, kept } = encodeDevice(device, records, budget, manifestAt);

  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(items)) if (JSON.stringify(all[key]) !== JSON.stringify(value)) set[key] = value;
  const gone = new Set([...devices].filter(([d, list]) => d !== device && !live(list, now)).map(([d]) => d));
  const remove = Object.keys(all).filter((key) => (isDeviceKey(device, key) && !(key in items)) || gone.has(deviceOfKey(key) ?? ''));

  return { set, remove, memory: { device, held: [...ids].sort(), deleted, dropped }, listed: kept };
}

// ---- pulling ----

export interface RemotePosition {
  id: string;
  chapter: number;
  fraction: number;
  /** When the reader was there (ms). */
  at: number;
}

export interface RemoteView {
  /** Places other browsers reached later than this one, per story held here. */
  progress: RemotePosition[];
  /** Stories other browsers list that this one does not hold, most recent first. */
  missing: SyncStory[];
  /** Stories held here that another browser deleted after they were last read or saved here. */
  deletedElsewhere: string[];
}

/** What the other live devices' lists mean here. */
export function mergeRemote(all: Record<string, unknown>, local: readonly SyncStory[], memory: SyncMemory, now: number): RemoteView {
  const devices = decodeDevices(all);
  const deletions = othersDeletions(devices, memory.device, now);
  const latestRead = new Map<string, SyncStory>();
  const latest = new Map<string, SyncStory>();
  for (const [d, list] of [...devices].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (d === memory.device || !live(list, now)) continue;
    for (const r of list.records) {
      if (r.kind !== 'story') continue;
      if (r.readAt > (latestRead.get(r.id)?.readAt ?? 0)) latestRead.set(r.id, r);
      const seen = latest.get(r.id);
      if (!seen || clockOf(r) > clockOf(seen)) latest.set(r.id, r);
    }
  }
  const here = new Map(local.map((s) => [s.id, s]));
  const progress: RemotePosition[] = [];
  for (const s of local) {
    const r = latestRead.get(s.id);
    if (r && r.readAt > s.readAt) progress.push({ id: s.id, chapter: r.chapter, fraction: r.fraction, at: r.readAt });
  }
  // Deleted here: listed as such, or held at the last push and gone since (not pushed yet).
  const held = new Set(memory.held);
  const deletedHere = (id: string) => memory.deleted[id] ?? (held.has(id) ? now : -1);
  const missing = [...latest.values()]
    .filter((r) => !here.has(r.id) && clockOf(r) > Math.max(deletions.get(r.id) ?? -1, deletedHere(r.id)))
    .sort(byRecency);
  const deletedElsewhere = local.filter((s) => (deletions.get(s.id) ?? -1) >= clockOf(s)).map((s) => s.id);
  return { progress, missing, deletedElsewhere };
}

/** Memory as storage.local holds it; null when there is none (a device id makes a new one). */
export function normalizeMemory(raw: unknown): SyncMemory | null {
  const r = raw as Partial<Record<keyof SyncMemory, unknown>> | null;
  if (typeof r !== 'object' || r === null || !isDeviceId(r.device)) return null;
  const times = (v: unknown): Record<string, number> =>
    typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).filter((e): e is [string, number] => isInt(e[1]))) : {};
  return { device: r.device, held: Array.isArray(r.held) ? r.held.filter(isString) : [], deleted: times(r.deleted), dropped: times(r.dropped) };
}
