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
 * Budget. storage.sync's quota is shared with the settings; src/core/sync-quota.ts owns it and
 * decides the library's share: at most LIBRARY_BUDGET, less when the other items leave less than
 * SETTINGS_HEADROOM free, split evenly between the devices. The settings can grow to 28 KB (some
 * 800 "always allow" entries) before the library gives way, and it does give way beyond that.
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
import { LIBRARY_BUDGET, QUOTA_BYTES, SETTINGS_HEADROOM, usedBytes } from '../../core/sync-quota';
import { bucketsFor, decodeDevices, encodeDevice } from './list-items';
import type { SyncedState } from '../memory/reading-state';
import {
  byRecency,
  clockOf,
  deviceOfKey,
  isDeviceId,
  isDeviceKey,
  isInt,
  isLibraryKey,
  isString,
  wholeSecond,
  type DeviceList,
  type SyncDeletion,
  type SyncMemory,
  type SyncRecord,
  type SyncStory,
} from './list-records';

const DAY = 86_400_000;
/** A device that has not pushed for this long is gone (uninstalled, a lost laptop): its items are removed. */
export const DEVICE_TTL = 90 * DAY;
/** How long a deletion is listed; a browser away for longer may offer the story again. */
export const TOMBSTONE_TTL = 90 * DAY;
/** A manifest's time is renewed at most this often, so progress pushes leave it alone. */
const MANIFEST_REFRESH = DAY;

// ---- pushing ----

const live = (list: DeviceList, now: number) => list.at > now - DEVICE_TTL;

/**
 * The bytes and buckets a device may use: an even share of the library's budget among the live
 * devices, no more than what the other items leave free (less SETTINGS_HEADROOM).
 */
export function budgetFor(all: Record<string, unknown>, device: string, now: number): { bytes: number; buckets: number; devices: number } {
  const devices = decodeDevices(all);
  const others = new Set([...devices].filter(([d, list]) => d !== device && live(list, now)).map(([d]) => d));
  const settings = usedBytes(all, (key) => !isLibraryKey(key));
  // Live devices' items, and items of no device known (a manifest not yet arrived) count; gone devices' do not.
  const otherLibrary = usedBytes(
    all,
    (key) => isLibraryKey(key) && !isDeviceKey(device, key) && (others.has(deviceOfKey(key) ?? '') || !devices.has(deviceOfKey(key) ?? '')),
  );
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
  /** Reading states other browsers set later than this one, per story held here. */
  states: { id: string; state: SyncedState }[];
}

/** What the other live devices' lists mean here. */
export function mergeRemote(all: Record<string, unknown>, local: readonly SyncStory[], memory: SyncMemory, now: number): RemoteView {
  const devices = decodeDevices(all);
  const deletions = othersDeletions(devices, memory.device, now);
  const latestRead = new Map<string, SyncStory>();
  const latestState = new Map<string, SyncedState>();
  const latest = new Map<string, SyncStory>();
  for (const [d, list] of [...devices].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (d === memory.device || !live(list, now)) continue;
    for (const r of list.records) {
      if (r.kind !== 'story') continue;
      if (r.readAt > (latestRead.get(r.id)?.readAt ?? 0)) latestRead.set(r.id, r);
      if (r.state && r.state.at > (latestState.get(r.id)?.at ?? -1)) latestState.set(r.id, r.state);
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
  const states = local.flatMap((s) => {
    const state = latestState.get(s.id);
    return state && state.at > (s.state?.at ?? -1) ? [{ id: s.id, state }] : [];
  });
  return { progress, missing, deletedElsewhere, states };
}

/** Memory as storage.local holds it; null when there is none (a device id makes a new one). */
export function normalizeMemory(raw: unknown): SyncMemory | null {
  const r = raw as Partial<Record<keyof SyncMemory, unknown>> | null;
  if (typeof r !== 'object' || r === null || !isDeviceId(r.device)) return null;
  const times = (v: unknown): Record<string, number> =>
    typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).filter((e): e is [string, number] => isInt(e[1]))) : {};
  return {
    device: r.device,
    held: Array.isArray(r.held) ? r.held.filter(isString) : [],
    deleted: times(r.deleted),
    dropped: times(r.dropped),
  };
}
