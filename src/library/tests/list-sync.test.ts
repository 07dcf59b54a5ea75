/**
 * The library in storage.sync: measuring items as Chrome's quota does, the compact layout and its
 * round trip, what fits when not everything does, pushes that write only what changed, and how
 * browsers' lists merge: later progress wins, deletions outrank older listings, missing stories.
 */
import { describe, expect, it } from 'vitest';
import {
  DEVICE_TTL,
  LIBRARY_BUDGET,
  QUOTA_BYTES,
  QUOTA_BYTES_PER_ITEM,
  SETTINGS_HEADROOM,
  TITLE_MAX,
  TOMBSTONE_TTL,
  budgetFor,
  clockOf,
  decodeDevices,
  encodeDevice,
  jsonBytes,
  mergeRemote,
  normalizeMemory,
  planPush,
  syncBytes,
  syncStory,
  type PushPlan,
  type SyncMemory,
  type SyncRecord,
  type SyncStory,
} from '../sync/list-sync';
import { seeded, sentence } from './library-fixtures';

const T0 = 1_750_000_000_000;
const MINUTE = 60_000;
const DAY = 86_400_000;
/** storage.sync's limit on the number of items. */
const MAX_ITEMS = 512;

/** An AO3 work as synced, saved at T0 + n minutes. */
function story(n: number, over: Partial<SyncStory> = {}): SyncStory {
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

const memoryOf = (device: string, over: Partial<SyncMemory> = {}): SyncMemory => ({ device, held: [], deleted: {}, dropped: {}, ...over });

/** storage.sync after a push. */
function applied(all: Record<string, unknown>, plan: PushPlan): Record<string, unknown> {
  const next = { ...all };
  for (const key of plan.remove) delete next[key];
  // What sync hands back is a JSON copy.
  return { ...next, ...(JSON.parse(JSON.stringify(plan.set)) as Record<string, unknown>) };
}

/** One device pushing: the new storage and its memory. */
function push(all: Record<string, unknown>, local: SyncStory[], memory: SyncMemory, now: number) {
  const plan = planPush(all, local, memory, now);
  return { all: applied(all, plan), memory: plan.memory, plan };
}

const byId = (a: SyncRecord, b: SyncRecord) => (a.id < b.id ? -1 : 1);
/** The brief's measure: key length plus the JSON's, in UTF-8 bytes. */
const plainBytes = (key: string, value: unknown) => new TextEncoder().encode(key + JSON.stringify(value)).length;
const totalBytes = (items: Record<string, unknown>) => Object.entries(items).reduce((n, [k, v]) => n + syncBytes(k, v), 0);
const libraryItems = (all: Record<string, unknown>, device: string) => Object.fromEntries(Object.entries(all).filter(([k]) => k === `lib.${device}` || k.startsWith(`lib.${device}.`)));

describe('measuring as Chrome counts', () => {
  it('counts the key and the JSON value in UTF-8 bytes', () => {
    expect(syncBytes('k', 'é')).toBe(1 + 4);
    expect(syncBytes('lib.x', { a: [1, 'b'] })).toBe(5 + '{"a":[1,"b"]}'.length);
    expect(syncBytes('k', '🙂')).toBe(1 + 6);
  });

  it('counts what Chrome’s JSON writer makes longer: "<", line separators and integers beyond int32', () => {
    expect(jsonBytes('<')).toBe('"\\u003C"'.length);
    expect(jsonBytes('\u2028')).toBe('"\\u2028"'.length);
    expect(jsonBytes(2 ** 31 - 1)).toBe(10);
    expect(jsonBytes(2 ** 31)).toBe('2147483648.0'.length);
    expect(jsonBytes(0.5)).toBe(3);
  });
});

describe('syncStory', () => {
  const record = { id: 'ao3:archiveofourown.org:1', url: 'https://archiveofourown.org/works/1', savedAt: T0 + 1234, meta: { title: '  A   Title ' } };

  it('rounds the place to a thousandth and times to whole seconds', () => {
    expect(syncStory(record, { chapter: 3, fraction: 0.123456, at: T0 + 5999 })).toEqual({
      kind: 'story',
      id: record.id,
      url: record.url,
      title: 'A Title',
      chapter: 3,
      fraction: 0.123,
      readAt: T0 + 5000,
      savedAt: T0 + 1000,
    });
    expect(syncStory(record, null)).toMatchObject({ chapter: 0, fraction: 0, readAt: 0 });
    expect(syncStory(record, { chapter: Number.NaN, fraction: 7, at: T0 })).toMatchObject({ chapter: 0, fraction: 1 });
  });

  it('cuts a long title without splitting a character', () => {
    const title = syncStory({ ...record, meta: { title: '🙂'.repeat(60) } }, null).title;
    expect(Array.from(title)).toHaveLength(TITLE_MAX);
    expect(title.endsWith('🙂…')).toBe(true);
  });
});

describe('one device’s items', () => {
  const budget = { bytes: LIBRARY_BUDGET, buckets: 16 };
  const varied: SyncRecord[] = [
    story(1, { chapter: 4, fraction: 0.25, readAt: T0 + 9 * DAY }),
    {
      kind: 'story',
      id: 'ffn:fanfiction.net:14123456',
      url: 'https://www.fanfiction.net/s/14123456/1/The-Long-Way-Round',
      title: 'Ünïcode <and> “quotes” \\ 🙂',
      chapter: 12,
      fraction: 1,
      readAt: T0 + DAY,
      savedAt: T0,
    },
    { kind: 'story', id: 'efiction:spikeluver.com:/spuffyrealm/3117', url: 'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3117', title: 'Ash', chapter: 0, fraction: 0, readAt: 0, savedAt: T0 },
    { kind: 'story', id: 'generic:example.com:/fic/a.html?x=1', url: 'http://example.com/fic/a.html?x=1', title: '', chapter: 0, fraction: 0.001, readAt: 0, savedAt: T0 },
    { kind: 'story', id: 'odd-id-without-colons', url: 'HTTPS://Example.org/works/9', title: 't', chapter: 1, fraction: 0.5, readAt: T0, savedAt: T0 },
    { kind: 'deleted', id: 'ao3:archiveofourown.org:77', deletedAt: T0 + 2 * DAY },
  ];

  it('decode to what was encoded', () => {
    const { items, kept } = encodeDevice('dev1', varied, budget, T0);
    expect(kept).toHaveLength(varied.length);
    const list = decodeDevices(JSON.parse(JSON.stringify(items)) as Record<string, unknown>).get('dev1')!;
    expect(list.at).toBe(T0);
    expect([...list.records].sort(byId)).toEqual([...varied].sort(byId));
  });

  it('are the same whatever order the stories come in', () => {
    const rand = seeded(3);
    const shuffled = [...varied].sort(() => rand() - 0.5);
    expect(JSON.stringify(encodeDevice('dev1', shuffled, budget, T0).items)).toBe(JSON.stringify(encodeDevice('dev1', varied, budget, T0).items));
  });

  it('hold about 800 typical AO3 stories for a browser alone, 400 each for two', () => {
    const titles = ['Velvet and Ash', 'The Long Way Round', 'what the water gave me', 'Stars in Your Eyes (and Mine)', 'A Study in Scarlet Letters', 'Untitled'];
    const stories = Array.from({ length: 2000 }, (_, n) =>
      story(n * 7, { title: titles[n % titles.length]!, chapter: n % 30, fraction: ((n * 37) % 1000) / 1000, readAt: T0 + n * 3_600_000 }),
    );
    const alone = encodeDevice('k3x9q2ab7z', stories, budget, T0);
    expect(totalBytes(alone.items) / alone.kept.length).toBeLessThan(82);
    expect(alone.kept.length).toBeGreaterThan(800);
    expect(encodeDevice('k3x9q2ab7z', stories, { bytes: LIBRARY_BUDGET / 2, buckets: 8 }, T0).kept.length).toBeGreaterThan(400);
  });

  it('keep only the most recent of 10,000 stories, every item and the total within quota', () => {
    const rand = seeded(2);
    const stories = Array.from({ length: 10_000 }, (_, n) =>
      story(n, { title: sentence(rand, 1 + Math.floor(rand() * 8)).slice(0, -1), readAt: rand() < 0.5 ? T0 + Math.floor(rand() * 1e6) * 1000 : 0, chapter: 2, fraction: 0.3 }),
    );
    const { items, kept } = encodeDevice('dev1', stories, budget, T0);
    const newestFirst = [...stories].sort((a, b) => clockOf(b) - clockOf(a) || (a.id < b.id ? -1 : 1));
    expect(kept).toEqual(newestFirst.slice(0, kept.length));
    expect(kept.length).toBeGreaterThan(700);
    expect(kept.length).toBeLessThan(1000);
    for (const [key, value] of Object.entries(items)) {
      expect(syncBytes(key, value)).toBeLessThanOrEqual(QUOTA_BYTES_PER_ITEM);
      expect(plainBytes(key, value)).toBeLessThanOrEqual(syncBytes(key, value));
    }
    const total = totalBytes(items);
    expect(total).toBeLessThanOrEqual(LIBRARY_BUDGET);
    // Full up to less than one more story.
    expect(total).toBeGreaterThan(LIBRARY_BUDGET - 200);
    expect(Object.keys(items).length).toBeLessThanOrEqual(1 + budget.buckets);
    expect(decodeDevices(items).get('dev1')!.records.sort(byId)).toEqual([...kept].sort(byId));
  });

  it('fill a small item to its limit and no further', () => {
    const stories = Array.from({ length: 400 }, (_, n) => story(n));
    const { items, kept } = encodeDevice('dev1', stories, { bytes: LIBRARY_BUDGET, buckets: 1 }, T0);
    expect(syncBytes('lib.dev1.0', items['lib.dev1.0'])).toBeLessThanOrEqual(QUOTA_BYTES_PER_ITEM);
    expect(syncBytes('lib.dev1.0', items['lib.dev1.0'])).toBeGreaterThan(QUOTA_BYTES_PER_ITEM - 100);
    expect(kept.length).toBeLessThan(400);
  });

  it('count each row’s source index at its width once a bucket has ten sources or more', () => {
    for (const hosts of [5, 12, 40, 150, 400]) {
      const stories = Array.from({ length: 400 }, (_, n) => ({ ...story(n, { title: '' }), id: `g:h${n % hosts}.x:${n}`, url: `https://h${n % hosts}.x/${n}` }));
      const { items, kept } = encodeDevice('dev1', stories, { bytes: LIBRARY_BUDGET, buckets: 1 }, T0);
      const value = items['lib.dev1.0'] as { p: unknown[] };
      expect(value.p.length).toBe(Math.min(hosts, kept.length));
      expect(syncBytes('lib.dev1.0', value)).toBeLessThanOrEqual(QUOTA_BYTES_PER_ITEM);
      expect(syncBytes('lib.dev1.0', value)).toBeGreaterThan(QUOTA_BYTES_PER_ITEM - 300);
    }
  });

  it('pass over a story whose address is too long to be worth its room', () => {
    const long = { ...story(5, { savedAt: T0 + DAY }), url: `https://archiveofourown.org/works/x?${'q'.repeat(2000)}` };
    const { kept } = encodeDevice('dev1', [long, story(1), story(2)], budget, T0);
    expect(kept.map((r) => r.id)).toEqual([story(2).id, story(1).id]);
  });
});

describe('decoding', () => {
  const { items } = encodeDevice('dev1', Array.from({ length: 300 }, (_, n) => story(n)), { bytes: LIBRARY_BUDGET, buckets: 16 }, T0);

  it('lists what has arrived when a bucket has not yet', () => {
    const partial = { ...items };
    delete partial['lib.dev1.3'];
    const records = decodeDevices(partial).get('dev1')!.records;
    expect(records.length).toBeLessThan(300);
    expect(records.length).toBe(300 - decodeDevices({ 'lib.dev1': items['lib.dev1'], 'lib.dev1.3': items['lib.dev1.3'] }).get('dev1')!.records.length);
  });

  it('ignores buckets without a manifest, manifests of another format, and malformed rows', () => {
    const { 'lib.dev1': manifest, ...buckets } = items;
    expect(decodeDevices(buckets).size).toBe(0);
    expect(decodeDevices({ ...buckets, 'lib.dev1': { ...(manifest as object), v: 2 } }).size).toBe(0);
    const bad = {
      'lib.dev2': { v: 1, n: 1, at: 1 },
      'lib.dev2.0': { p: [['ao3:archiveofourown.org:', 'https://archiveofourown.org'], 'x'], e: [[0, '1', '~/works/', 'ok', 0, 0, 0, 1], [1, '2', '/', 'bad source', 0, 0, 0, 1], [0, '3', '/', 't', -1, 0, 0, 1], [0, '4', '/', 't', 0, 1001, 0, 1], 'x', ['id', 'x']] },
      'rating-settings': { limit: 'teen' },
    };
    expect(decodeDevices(bad).get('dev2')!.records.map((r) => r.id)).toEqual(['ao3:archiveofourown.org:1']);
  });
});

describe('budget', () => {
  const other = encodeDevice('other', [story(1)], { bytes: 1000, buckets: 8 }, T0).items;

  it('is the whole library budget for a browser alone', () => {
    expect(budgetFor({ 'reader-settings': { theme: 'sepia' } }, 'me', T0)).toEqual({ bytes: LIBRARY_BUDGET, buckets: 16, devices: 1 });
  });

  it('is shared evenly with the other live browsers', () => {
    expect(budgetFor(other, 'me', T0)).toEqual({ bytes: LIBRARY_BUDGET / 2, buckets: 8, devices: 2 });
    expect(budgetFor(other, 'me', T0 + DEVICE_TTL + DAY)).toMatchObject({ bytes: LIBRARY_BUDGET, devices: 1 });
  });

  it('shrinks when the settings leave less room, keeping headroom for them', () => {
    const exceptions = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`rating-allow-stories-${i}`, Array.from({ length: 200 }, (_, j) => `ao3:archiveofourown.org:${i * 1000 + j}`)]));
    const settings = totalBytes(exceptions);
    expect(settings).toBeGreaterThan(50_000);
    expect(budgetFor(exceptions, 'me', T0).bytes).toBe(QUOTA_BYTES - SETTINGS_HEADROOM - settings);
  });

  it('is no more than what another browser’s items leave free, while that browser is over its share', () => {
    const big = encodeDevice('other', Array.from({ length: 2000 }, (_, n) => story(n)), { bytes: LIBRARY_BUDGET, buckets: 16 }, T0).items;
    expect(budgetFor(big, 'me', T0).bytes).toBe(QUOTA_BYTES - SETTINGS_HEADROOM - totalBytes(big));
  });
});

describe('pushing', () => {
  const local = Array.from({ length: 50 }, (_, n) => story(n));

  it('writes the list once; pushing again writes nothing', () => {
    const first = push({}, local, memoryOf('aaaa'), T0 + DAY);
    expect(first.plan.remove).toEqual([]);
    expect(Object.keys(first.plan.set)).toContain('lib.aaaa');
    expect(first.memory.held).toEqual(local.map((s) => s.id).sort());
    const again = planPush(first.all, local, first.memory, T0 + DAY + MINUTE);
    expect(again.set).toEqual({});
    expect(again.remove).toEqual([]);
  });

  it('rewrites one item when the reader moves on in one story', () => {
    const first = push({}, local, memoryOf('aaaa'), T0 + DAY);
    const moved = local.map((s, i) => (i === 7 ? { ...s, chapter: 2, fraction: 0.4, readAt: T0 + DAY + 30 * MINUTE } : s));
    const plan = planPush(first.all, moved, first.memory, T0 + DAY + 31 * MINUTE);
    expect(Object.keys(plan.set)).toHaveLength(1);
    expect(Object.keys(plan.set)[0]).toMatch(/^lib\.aaaa\.\d+$/);
    expect(plan.remove).toEqual([]);
  });

  it('rewrites few items of a full list when a story moves to the top', () => {
    const many = Array.from({ length: 3000 }, (_, n) => story(n));
    const first = push({}, many, memoryOf('aaaa'), T0 + 9 * DAY);
    const moved = many.map((s, i) => (i === 2990 ? { ...s, readAt: T0 + 9 * DAY + MINUTE, fraction: 0.5 } : s));
    const plan = planPush(first.all, moved, first.memory, T0 + 9 * DAY + 2 * MINUTE);
    expect(Object.keys(plan.set).length).toBeGreaterThan(0);
    expect(Object.keys(plan.set).length).toBeLessThanOrEqual(3);
  });

  it('renews the manifest’s time once a day, not on every push', () => {
    const first = push({}, local, memoryOf('aaaa'), T0 + DAY);
    const soon = planPush(first.all, [...local, story(60)], first.memory, T0 + DAY + 60 * MINUTE);
    expect(soon.set).not.toHaveProperty('lib.aaaa');
    const later = planPush(first.all, local, first.memory, T0 + 3 * DAY);
    expect(Object.keys(later.set)).toEqual(['lib.aaaa']);
  });

  it('lists a story deleted here as deleted until the deletion expires', () => {
    const first = push({}, local, memoryOf('aaaa'), T0 + DAY);
    const gone = local[3]!.id;
    const second = push(first.all, local.filter((s) => s.id !== gone), first.memory, T0 + 2 * DAY);
    expect(second.memory.deleted).toEqual({ [gone]: T0 + 2 * DAY });
    expect(second.plan.listed).toContainEqual({ kind: 'deleted', id: gone, deletedAt: T0 + 2 * DAY });
    const later = push(second.all, local.filter((s) => s.id !== gone), second.memory, T0 + 2 * DAY + TOMBSTONE_TTL + MINUTE);
    expect(later.memory.deleted).toEqual({});
    expect(later.plan.listed.map((r) => r.id)).not.toContain(gone);
  });

  it('lists a story saved again after its deletion, whatever its saved time (a backup restored)', () => {
    const first = push({}, local, memoryOf('aaaa'), T0 + DAY);
    const gone = local[3]!;
    const second = push(first.all, local.filter((s) => s !== gone), first.memory, T0 + 2 * DAY);
    const third = push(second.all, local, second.memory, T0 + 3 * DAY);
    expect(third.memory.deleted).toEqual({});
    expect(third.plan.listed).toContainEqual(gone);
  });

  it('stops listing a story another browser deleted after it was last read here, and lists it again once read here', () => {
    const a = push({}, local, memoryOf('aaaa'), T0 + DAY);
    const b1 = push(a.all, local.slice(0, 10), memoryOf('bbbb'), T0 + DAY);
    const b2 = push(b1.all, local.slice(1, 10), b1.memory, T0 + 2 * DAY);
    const gone = local[0]!;
    const a2 = push(b2.all, local, a.memory, T0 + 2 * DAY + MINUTE);
    expect(a2.memory.dropped).toEqual({ [gone.id]: T0 + 2 * DAY });
    expect(a2.plan.listed.map((r) => r.id)).not.toContain(gone.id);
    // Remembered after the deletion expires from b's list.
    const b3 = push(a2.all, local.slice(1, 10), b2.memory, T0 + 2 * DAY + TOMBSTONE_TTL + MINUTE);
    const a3 = push(b3.all, local, a2.memory, T0 + 2 * DAY + TOMBSTONE_TTL + 2 * MINUTE);
    expect(a3.plan.listed.map((r) => r.id)).not.toContain(gone.id);
    const reread = local.map((s) => (s === gone ? { ...s, readAt: T0 + 100 * DAY } : s));
    const a4 = push(a3.all, reread, a3.memory, T0 + 100 * DAY + MINUTE);
    expect(a4.memory.dropped).toEqual({});
    expect(a4.plan.listed.map((r) => r.id)).toContain(gone.id);
  });

  it('moves to fewer buckets when another browser joins, removing the ones no longer used', () => {
    const many = Array.from({ length: 400 }, (_, n) => story(n));
    const a = push({}, many, memoryOf('aaaa'), T0 + DAY);
    expect(Object.keys(libraryItems(a.all, 'aaaa'))).toHaveLength(17);
    const b = push(a.all, [story(1000)], memoryOf('bbbb'), T0 + DAY);
    const a2 = push(b.all, many, a.memory, T0 + DAY + MINUTE);
    expect(a2.plan.remove.sort()).toEqual(['lib.aaaa.10', 'lib.aaaa.11', 'lib.aaaa.12', 'lib.aaaa.13', 'lib.aaaa.14', 'lib.aaaa.15', 'lib.aaaa.8', 'lib.aaaa.9']);
    expect(decodeDevices(a2.all).get('aaaa')!.records).toHaveLength(400);
  });

  it('removes the items of a browser not heard from in DEVICE_TTL', () => {
    const gone = push({}, local, memoryOf('gone'), T0);
    const me = push(gone.all, [story(99)], memoryOf('mine'), T0 + DEVICE_TTL + DAY);
    expect(Object.keys(me.all).filter((k) => k.startsWith('lib.gone'))).toEqual([]);
    expect(me.plan.remove.every((k) => k.startsWith('lib.gone'))).toBe(true);
  });

  it('leaves every other item alone', () => {
    const all = { 'rating-settings': { limit: 'teen' }, 'reader-settings': { size: 20 } };
    const a = push(all, local, memoryOf('aaaa'), T0 + DAY);
    expect(a.all).toMatchObject(all);
    expect(Object.keys(a.plan.set).every((k) => k.startsWith('lib.aaaa'))).toBe(true);
  });
});

describe('merging other browsers’ lists', () => {
  const base = Array.from({ length: 5 }, (_, n) => story(n));

  it('takes the latest place in each story, and only a later one', () => {
    const a = push({}, base.map((s, i) => (i === 0 ? { ...s, chapter: 3, fraction: 0.5, readAt: T0 + 2 * DAY } : i === 1 ? { ...s, readAt: T0 + DAY } : s)), memoryOf('aaaa'), T0 + 2 * DAY);
    const c = push(a.all, [{ ...base[0]!, chapter: 4, fraction: 0.25, readAt: T0 + 3 * DAY }], memoryOf('cccc'), T0 + 3 * DAY);
    const here = base.map((s, i) => (i === 1 ? { ...s, readAt: T0 + DAY } : i === 2 ? { ...s, readAt: T0 + 5 * DAY } : s));
    const view = mergeRemote(c.all, here, memoryOf('bbbb'), T0 + 4 * DAY);
    expect(view.progress).toEqual([{ id: base[0]!.id, chapter: 4, fraction: 0.25, at: T0 + 3 * DAY }]);
    // A browser's own list is not news to it: c, its database behind its own list, takes only a's place.
    expect(mergeRemote(c.all, [base[0]!], c.memory, T0 + 4 * DAY).progress).toEqual([{ id: base[0]!.id, chapter: 3, fraction: 0.5, at: T0 + 2 * DAY }]);
  });

  it('lists stories held elsewhere and not here as missing, most recent first', () => {
    const a = push({}, [...base, story(7, { readAt: T0 + DAY })], memoryOf('aaaa'), T0 + DAY);
    const view = mergeRemote(a.all, base.slice(0, 3), memoryOf('bbbb'), T0 + DAY);
    expect(view.missing.map((s) => s.id)).toEqual([story(7).id, base[4]!.id, base[3]!.id]);
    expect(view.missing[0]).toEqual(story(7, { readAt: T0 + DAY }));
  });

  it('does not offer a story deleted after it was last read or saved anywhere, and shows it as deleted where it is held', () => {
    const a = push({}, base, memoryOf('aaaa'), T0 + DAY);
    const a2 = push(a.all, base.slice(1), a.memory, T0 + 2 * DAY);
    expect(mergeRemote(a2.all, [], memoryOf('cccc'), T0 + 2 * DAY).missing.map((s) => s.id)).not.toContain(base[0]!.id);
    const b = mergeRemote(a2.all, base, memoryOf('bbbb'), T0 + 2 * DAY);
    expect(b.deletedElsewhere).toEqual([base[0]!.id]);
    // Read in b after the deletion: listed by b, offered to c again.
    const reread = base.map((s, i) => (i === 0 ? { ...s, readAt: T0 + 3 * DAY } : s));
    expect(mergeRemote(a2.all, reread, memoryOf('bbbb'), T0 + 3 * DAY).deletedElsewhere).toEqual([]);
    const b2 = push(a2.all, reread, memoryOf('bbbb'), T0 + 3 * DAY);
    expect(mergeRemote(b2.all, [], memoryOf('cccc'), T0 + 3 * DAY).missing.map((s) => s.id)).toContain(base[0]!.id);
  });

  it('does not offer a story just deleted here, before the deletion is pushed', () => {
    const a = push({}, base, memoryOf('aaaa'), T0 + DAY);
    const b = push(a.all, base, memoryOf('bbbb'), T0 + DAY);
    expect(mergeRemote(b.all, base.slice(1), a.memory, T0 + 2 * DAY).missing).toEqual([]);
  });

  it('offers a story deleted here again once another browser reads it after the deletion', () => {
    const gone = base[0]!;
    const mine = memoryOf('aaaa', { deleted: { [gone.id]: T0 + 2 * DAY } });
    const b = push({}, [{ ...gone, readAt: T0 + DAY }], memoryOf('bbbb'), T0 + DAY);
    expect(mergeRemote(b.all, [], mine, T0 + 2 * DAY).missing).toEqual([]);
    const b2 = push(b.all, [{ ...gone, readAt: T0 + 3 * DAY }], b.memory, T0 + 3 * DAY);
    expect(mergeRemote(b2.all, [], mine, T0 + 3 * DAY).missing.map((s) => s.id)).toEqual([gone.id]);
  });

  it('ignores browsers not heard from in DEVICE_TTL', () => {
    const a = push({}, [story(1, { readAt: T0 + DAY })], memoryOf('aaaa'), T0 + DAY);
    expect(mergeRemote(a.all, [], memoryOf('bbbb'), T0 + DAY + DEVICE_TTL - DAY).missing).toHaveLength(1);
    expect(mergeRemote(a.all, [], memoryOf('bbbb'), T0 + DAY + DEVICE_TTL + DAY).missing).toEqual([]);
  });
});

describe('two browsers with large libraries', () => {
  it('settle: after a round of pushes each, neither writes again, and everything stays within quota', () => {
    const rand = seeded(9);
    const made = (n: number) => story(n, { readAt: rand() < 0.3 ? T0 + Math.floor(rand() * 1e7) * 1000 : 0, fraction: Math.round(rand() * 1000) / 1000 });
    const all = Array.from({ length: 4500 }, (_, n) => made(n));
    const aLocal = all.slice(0, 3000);
    const bLocal = all.slice(1500);
    const settings = { 'rating-settings': { limit: 'teen', tags: ['x'] }, 'rating-allow-stories-0': Array.from({ length: 150 }, (_, i) => `ao3:archiveofourown.org:${i}`) };
    let state: Record<string, unknown> = settings;
    let a = memoryOf('aaaa');
    let b = memoryOf('bbbb');
    const now = T0 + 200 * DAY;
    for (let round = 0; round < 3; round++) {
      const pa = push(state, aLocal, a, now + round * MINUTE);
      const pb = push(pa.all, bLocal, b, now + round * MINUTE);
      state = pb.all;
      a = pa.memory;
      b = pb.memory;
    }
    expect(planPush(state, aLocal, a, now + 10 * MINUTE).set).toEqual({});
    expect(planPush(state, bLocal, b, now + 10 * MINUTE).set).toEqual({});
    for (const [key, value] of Object.entries(state)) expect(syncBytes(key, value)).toBeLessThanOrEqual(QUOTA_BYTES_PER_ITEM);
    expect(totalBytes(state)).toBeLessThanOrEqual(QUOTA_BYTES - SETTINGS_HEADROOM);
    expect(Object.keys(state).length).toBeLessThanOrEqual(MAX_ITEMS);
    expect(totalBytes(libraryItems(state, 'aaaa'))).toBeLessThanOrEqual(LIBRARY_BUDGET / 2);
    // Each browser sees the other's most recent stories it lacks.
    const missingInA = mergeRemote(state, aLocal, a, now).missing;
    expect(missingInA.length).toBeGreaterThan(0);
    const inA = new Set(aLocal.map((s) => s.id));
    expect(missingInA.every((s) => !inA.has(s.id) && bLocal.some((t) => t.id === s.id))).toBe(true);
  });
});

describe('normalizeMemory', () => {
  it('keeps what is valid and is null without a device id', () => {
    expect(normalizeMemory(undefined)).toBeNull();
    expect(normalizeMemory({ device: 'NO WAY' })).toBeNull();
    expect(normalizeMemory({ device: 'abcd1234', held: ['a', 3], deleted: { a: 5, b: 'x' }, dropped: null })).toEqual({ device: 'abcd1234', held: ['a'], deleted: { a: 5 }, dropped: {} });
  });
});
