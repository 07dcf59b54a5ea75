/** Synced stories, memories and pushes for the list-sync tests. */
import { planPush, type PushPlan } from '../sync/list-sync';
import type { SyncMemory, SyncRecord, SyncStory } from '../sync/list-records';
import { syncBytes } from '../../core/sync-quota';

export const T0 = 1_750_000_000_000;
export const MINUTE = 60_000;
export const DAY = 86_400_000;

/** An AO3 work as synced, saved at T0 + n minutes. */
export function story(n: number, over: Partial<SyncStory> = {}): SyncStory {
  return {
    kind: 'story',
    id: `ao3:archiveofourown.org:${50_000_000 + n}`,
    url: `https://archiveofourown.org/works/${50_000_000 + n}`,
    title: `The Long Way Round ${n}`,
    chapter: 0,
    fraction: 0,
    readAt: 0,
    savedAt: T0 + n * MINUTE,
    ...over,
  };
}

export const memoryOf = (device: string, over: Partial<SyncMemory> = {}): SyncMemory => ({
  device,
  held: [],
  deleted: {},
  dropped: {},
  ...over,
});

/** storage.sync after a push. */
export function applied(all: Record<string, unknown>, plan: PushPlan): Record<string, unknown> {
  const next = { ...all };
  for (const key of plan.remove) delete next[key];
  // What sync hands back is a JSON copy.
  return { ...next, ...(JSON.parse(JSON.stringify(plan.set)) as Record<string, unknown>) };
}

/** One device pushing: the new storage and its memory. */
export function push(all: Record<string, unknown>, local: SyncStory[], memory: SyncMemory, now: number) {
  const plan = planPush(all, local, memory, now);
  return { all: applied(all, plan), memory: plan.memory, plan };
}

export const byId = (a: SyncRecord, b: SyncRecord) => (a.id < b.id ? -1 : 1);
/** The brief's measure: key length plus the JSON's, in UTF-8 bytes. */
export const plainBytes = (key: string, value: unknown) => new TextEncoder().encode(key + JSON.stringify(value)).length;
export const totalBytes = (items: Record<string, unknown>) => Object.entries(items).reduce((n, [k, v]) => n + syncBytes(k, v), 0);
export const libraryItems = (all: Record<string, unknown>, device: string) =>
  Object.fromEntries(Object.entries(all).filter(([k]) => k === `lib.${device}` || k.startsWith(`lib.${device}.`)));
