/**
 * The library list in storage.sync between browsers: each browser's share of the budget, pushes
 * that write only what changed, and how browsers' lists merge: later progress wins, deletions
 * outrank older listings, missing stories.
 */
import { describe, expect, it } from 'vitest';
import { LIBRARY_BUDGET, MAX_ITEMS, QUOTA_BYTES, QUOTA_BYTES_PER_ITEM, SETTINGS_HEADROOM, syncBytes } from '../../core/sync-quota';
import { DEVICE_TTL, TOMBSTONE_TTL, budgetFor, mergeRemote, normalizeMemory, planPush } from '../sync/list-sync';
import { decodeDevices, encodeDevice } from '../sync/list-items';
import { DAY, MINUTE, T0, libraryItems, memoryOf, push, story, totalBytes } from './list-sync-fixtures';
import { seeded } from './library-fixtures';

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
    const exceptions = Object.fromEntries(
      Array.from({ length: 9 }, (_, i) => [
        `rating-allow-stories-${i}`,
        Array.from({ length: 200 }, (_, j) => `ao3:archiveofourown.org:${i * 1000 + j}`),
      ]),
    );
    const settings = totalBytes(exceptions);
    expect(settings).toBeGreaterThan(50_000);
    expect(budgetFor(exceptions, 'me', T0).bytes).toBe(QUOTA_BYTES - SETTINGS_HEADROOM - settings);
  });

  it('is no more than what another browser’s items leave free, while that browser is over its share', () => {
    const big = encodeDevice(
      'other',
      Array.from({ length: 2000 }, (_, n) => story(n)),
      { bytes: LIBRARY_BUDGET, buckets: 16 },
      T0,
    ).items;
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
    const second = push(
      first.all,
      local.filter((s) => s.id !== gone),
      first.memory,
      T0 + 2 * DAY,
    );
    expect(second.memory.deleted).toEqual({ [gone]: T0 + 2 * DAY });
    expect(second.plan.listed).toContainEqual({ kind: 'deleted', id: gone, deletedAt: T0 + 2 * DAY });
    const later = push(
      second.all,
      local.filter((s) => s.id !== gone),
      second.memory,
      T0 + 2 * DAY + TOMBSTONE_TTL + MINUTE,
    );
    expect(later.memory.deleted).toEqual({});
    expect(later.plan.listed.map((r) => r.id)).not.toContain(gone);
  });

  it('lists a story saved again after its deletion, whatever its saved time (a backup restored)', () => {
    const first = push({}, local, memoryOf('aaaa'), T0 + DAY);
    const gone = local[3]!;
    const second = push(
      first.all,
      local.filter((s) => s !== gone),
      first.memory,
      T0 + 2 * DAY,
    );
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
});

describe('pushing as browsers come and go', () => {
  const local = Array.from({ length: 50 }, (_, n) => story(n));

  it('moves to fewer buckets when another browser joins, removing the ones no longer used', () => {
    const many = Array.from({ length: 400 }, (_, n) => story(n));
    const a = push({}, many, memoryOf('aaaa'), T0 + DAY);
    expect(Object.keys(libraryItems(a.all, 'aaaa'))).toHaveLength(17);
    const b = push(a.all, [story(1000)], memoryOf('bbbb'), T0 + DAY);
    const a2 = push(b.all, many, a.memory, T0 + DAY + MINUTE);
    expect(a2.plan.remove.sort()).toEqual([
      'lib.aaaa.10',
      'lib.aaaa.11',
      'lib.aaaa.12',
      'lib.aaaa.13',
      'lib.aaaa.14',
      'lib.aaaa.15',
      'lib.aaaa.8',
      'lib.aaaa.9',
    ]);
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
    const a = push(
      {},
      base.map((s, i) => (i === 0 ? { ...s, chapter: 3, fraction: 0.5, readAt: T0 + 2 * DAY } : i === 1 ? { ...s, readAt: T0 + DAY } : s)),
      memoryOf('aaaa'),
      T0 + 2 * DAY,
    );
    const c = push(a.all, [{ ...base[0]!, chapter: 4, fraction: 0.25, readAt: T0 + 3 * DAY }], memoryOf('cccc'), T0 + 3 * DAY);
    const here = base.map((s, i) => (i === 1 ? { ...s, readAt: T0 + DAY } : i === 2 ? { ...s, readAt: T0 + 5 * DAY } : s));
    const view = mergeRemote(c.all, here, memoryOf('bbbb'), T0 + 4 * DAY);
    expect(view.progress).toEqual([{ id: base[0]!.id, chapter: 4, fraction: 0.25, at: T0 + 3 * DAY }]);
    // A browser's own list is not news to it: c, its database behind its own list, takes only a's place.
    expect(mergeRemote(c.all, [base[0]!], c.memory, T0 + 4 * DAY).progress).toEqual([
      { id: base[0]!.id, chapter: 3, fraction: 0.5, at: T0 + 2 * DAY },
    ]);
  });

  it('carries each saved story’s reading state, and takes another browser’s only when it is later', () => {
    const dropped = { state: 'dropped' as const, chosen: true, at: T0 + 2 * DAY };
    const a = push(
      {},
      base.map((s, i) => (i === 0 ? { ...s, state: dropped } : s)),
      memoryOf('aaaa'),
      T0 + 2 * DAY,
    );
    // What storage.sync holds decodes to the same state.
    const listed = decodeDevices(a.all)
      .get('aaaa')!
      .records.find((r) => r.id === base[0]!.id);
    expect(listed).toMatchObject({ state: dropped });
    expect(mergeRemote(a.all, base, memoryOf('bbbb'), T0 + 3 * DAY).states).toEqual([{ id: base[0]!.id, state: dropped }]);
    const laterHere = base.map((s, i) => (i === 0 ? { ...s, state: { state: 'reading' as const, chosen: false, at: T0 + 3 * DAY } } : s));
    expect(mergeRemote(a.all, laterHere, memoryOf('bbbb'), T0 + 3 * DAY).states).toEqual([]);
    // A state with a malformed field is read as none; the story is still listed.
    const broken = JSON.parse(JSON.stringify(a.all).replace(/\[5,1,(\d+)\]/, '[99,1,$1]')) as Record<string, unknown>;
    expect(
      decodeDevices(broken)
        .get('aaaa')!
        .records.find((r) => r.id === base[0]!.id),
    ).not.toHaveProperty('state');
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
    const made = (n: number) =>
      story(n, { readAt: rand() < 0.3 ? T0 + Math.floor(rand() * 1e7) * 1000 : 0, fraction: Math.round(rand() * 1000) / 1000 });
    const all = Array.from({ length: 4500 }, (_, n) => made(n));
    const aLocal = all.slice(0, 3000);
    const bLocal = all.slice(1500);
    const settings = {
      'rating-settings': { limit: 'teen', tags: ['x'] },
      'rating-allow-stories-0': Array.from({ length: 150 }, (_, i) => `ao3:archiveofourown.org:${i}`),
    };
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
    expect(normalizeMemory({ device: 'abcd1234', held: ['a', 3], deleted: { a: 5, b: 'x' }, dropped: null })).toEqual({
      device: 'abcd1234',
      held: ['a'],
      deleted: { a: 5 },
      dropped: {},
    });
  });
});
