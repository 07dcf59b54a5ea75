/**
 * The sync shell against a storage.sync that enforces Chrome's quotas (throwing as Chrome does) and
 * is shared by simulated browsers, each with its own storage.local and library.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LibraryDb } from '../db/db';
import { write } from '../db/db';
import { loadStory, setProgress } from '../db/reading';
import { deleteStory, saveStory } from '../db/save';
import { decodeDevices } from '../sync/list-items';
import type { StoryCopy, StoryRecord } from '../types';
import { deletedElsewhere, dismissMissing, missingStories, pullLibrarySync, pushLibrarySync, watchRemoteSync } from '../ext/sync-storage';
import { freshLibrary, makeStory, seeded, testWindow } from './library-fixtures';

const bytes = (s: string) => new TextEncoder().encode(s).length;
type Changes = Record<string, { oldValue?: unknown; newValue?: unknown }>;
type AreaListener = (changes: Changes) => void;

/**
 * A storage area put in fakeBrowser's place (fakeBrowser has no quotas); with `quota`, storage.sync's
 * limits as Chrome documents and enforces them.
 */
class Area {
  data = new Map<string, string>();
  /** Keys of each set() call, in order. */
  sets: string[][] = [];
  private writes: number[] = [];
  private readonly listeners = new Set<AreaListener>();
  readonly onChanged = {
    addListener: (l: AreaListener) => void this.listeners.add(l),
    removeListener: (l: AreaListener) => void this.listeners.delete(l),
    hasListener: (l: AreaListener) => this.listeners.has(l),
  };
  constructor(
    readonly name: 'sync' | 'local',
    readonly quota: boolean,
  ) {}

  async get(keys?: null | string | string[]): Promise<Record<string, unknown>> {
    const wanted = keys == null ? [...this.data.keys()] : typeof keys === 'string' ? [keys] : keys;
    return Object.fromEntries(wanted.filter((k) => this.data.has(k)).map((k) => [k, JSON.parse(this.data.get(k)!)]));
  }

  private countWrite(): void {
    if (!this.quota) return;
    const now = Date.now();
    this.writes = this.writes.filter((t) => t > now - 60_000);
    if (this.writes.length >= 120) throw new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded');
    this.writes.push(now);
  }

  private async notify(changes: Changes): Promise<void> {
    for (const l of [...this.listeners]) l(changes);
    await fakeBrowser.storage.onChanged.trigger(changes, this.name);
  }

  async set(items: Record<string, unknown>): Promise<void> {
    const next = new Map(this.data);
    for (const [key, value] of Object.entries(items)) {
      const json = JSON.stringify(value);
      if (this.quota && bytes(key) + bytes(json) > 8192) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
      next.set(key, json);
    }
    if (this.quota) {
      let total = 0;
      for (const [k, json] of next) total += bytes(k) + bytes(json);
      if (total > 102_400) throw new Error('QUOTA_BYTES quota exceeded');
      if (next.size > 512) throw new Error('MAX_ITEMS quota exceeded');
    }
    this.countWrite();
    const changes: Changes = {};
    for (const key of Object.keys(items)) changes[key] = { newValue: JSON.parse(next.get(key)!) };
    this.data = next;
    this.sets.push(Object.keys(items));
    await this.notify(changes);
  }

  async remove(keys: string | string[]): Promise<void> {
    this.countWrite();
    const changes: Changes = {};
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      if (this.data.delete(key)) changes[key] = {};
    }
    await this.notify(changes);
  }

  bytesInUse(): number {
    let total = 0;
    for (const [k, json] of this.data) total += bytes(k) + bytes(json);
    return total;
  }
}

const fakeAreas = fakeBrowser.storage as unknown as Record<'sync' | 'local', unknown>;
const originalAreas = { sync: fakeAreas.sync, local: fakeAreas.local };
/** Puts `area` in fakeBrowser's storage.sync or storage.local, where the code under test finds it. */
const install = (area: Area) => (fakeAreas[area.name] = area);
let sync = new Area('sync', true);

const win = testWindow();
const T0 = 1_750_000_000_000;
const MINUTE = 60_000;

/** A simulated browser: its own storage.local and library; storage.sync is shared. */
interface Browser {
  local: Area;
  db: LibraryDb;
}

async function newBrowser(): Promise<Browser> {
  return { local: new Area('local', false), db: await freshLibrary() };
}

/** Runs `work` as browser `b`. */
async function as<T>(b: Browser, work: (db: LibraryDb) => Promise<T>): Promise<T> {
  install(b.local);
  return work(b.db);
}

const rand = seeded(11);
const copies: StoryCopy[] = Array.from({ length: 3 }, (_, n) => makeStory(rand, 100 + n));
const idOf = (copy: StoryCopy) => `ao3:archiveofourown.org:${copy.url.split('/').pop()}`;

/** Writes story records directly: a big library without sanitising thousands of chapters. */
async function bulkStories(db: LibraryDb, from: number, count: number): Promise<string[]> {
  const ids: string[] = [];
  await write(db, async (tx) => {
    for (let n = from; n < from + count; n++) {
      const url = `https://archiveofourown.org/works/${n}`;
      const record: StoryRecord = {
        id: `ao3:archiveofourown.org:${n}`,
        site: 'ao3',
        host: 'archiveofourown.org',
        url,
        meta: { ...copies[0]!.meta, title: `Stars in Your Eyes ${n}` },
        version: 1,
        pending: null,
        chapterCount: 3,
        savedNumbers: null,
        words: 1000,
        savedAt: T0 + n * MINUTE,
        updatedAt: T0 + n * MINUTE,
        lastReadAt: 0,
        newChapters: 0,
        sortTitle: `stars in your eyes ${n}`,
        sortAuthor: '',
      };
      void tx.objectStore('stories').put(record);
      ids.push(record.id);
    }
  });
  return ids;
}

beforeEach(() => {
  fakeBrowser.reset();
  sync = new Area('sync', true);
  install(sync);
});
afterAll(() => Object.assign(fakeAreas, originalAreas));

describe('the fake storage.sync', () => {
  it('refuses an item over 8,192 bytes and a total over 102,400, as Chrome does', async () => {
    await expect(sync.set({ big: 'x'.repeat(8190) })).rejects.toThrow('QUOTA_BYTES_PER_ITEM');
    const items = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`k${i}`, 'x'.repeat(8000)]));
    await expect(sync.set(items)).rejects.toThrow('QUOTA_BYTES quota exceeded');
  });
});

describe('syncing between browsers', () => {
  it('offers the other browser’s stories until it saves them, then takes up the reader’s place', async () => {
    const a = await newBrowser();
    const b = await newBrowser();
    await as(a, async (db) => {
      for (const copy of copies) await saveStory(db, copy, win);
      await setProgress(db, idOf(copies[1]!), { chapter: 1, fraction: 0.4237 }, T0 + 10 * MINUTE + 123);
      await pushLibrarySync(db, T0 + 11 * MINUTE);
    });
    const missing = await as(b, (db) => missingStories(db, T0 + 12 * MINUTE));
    expect(missing[0]).toEqual({ id: idOf(copies[1]!), url: copies[1]!.url, title: copies[1]!.meta.title.slice(0, 40) });
    expect(missing.map((m) => m.id).sort()).toEqual(copies.map(idOf).sort());

    await as(b, async (db) => {
      await saveStory(db, copies[1]!, win);
      expect((await missingStories(db, T0 + 13 * MINUTE)).map((m) => m.id)).not.toContain(idOf(copies[1]!));
      expect(await pullLibrarySync(db, T0 + 13 * MINUTE)).toBe(1);
      const chapters = (await loadStory(db, idOf(copies[1]!)))!.story.chapterCount;
      expect((await loadStory(db, idOf(copies[1]!)))!.progress).toEqual({
        storyId: idOf(copies[1]!),
        chapter: Math.min(1, chapters - 1),
        fraction: 0.424,
        at: T0 + 10 * MINUTE,
      });
      expect(await pullLibrarySync(db, T0 + 14 * MINUTE)).toBe(0);
      // Read further here; the first browser follows.
      await setProgress(db, idOf(copies[1]!), { chapter: 0, fraction: 0.9 }, T0 + 20 * MINUTE);
      await pushLibrarySync(db, T0 + 21 * MINUTE);
    });
    await as(a, async (db) => {
      expect(await pullLibrarySync(db, T0 + 22 * MINUTE)).toBe(1);
      expect((await loadStory(db, idOf(copies[1]!)))!.progress).toMatchObject({ chapter: 0, fraction: 0.9, at: T0 + 20 * MINUTE });
    });
  });

  it('carries a deletion to the other browsers’ lists, never to their text', async () => {
    const [a, b, c] = [await newBrowser(), await newBrowser(), await newBrowser()];
    await as(a, async (db) => {
      for (const copy of copies) await saveStory(db, copy, win);
      await pushLibrarySync(db, T0);
    });
    await as(b, async (db) => {
      await saveStory(db, { ...copies[2]!, fetchedAt: T0 }, win);
      await pushLibrarySync(db, T0);
    });
    const gone = idOf(copies[2]!);
    await as(a, async (db) => {
      await deleteStory(db, gone);
      // Not offered back before the deletion is even pushed.
      expect((await missingStories(db, T0 + MINUTE)).map((m) => m.id)).not.toContain(gone);
      await pushLibrarySync(db, T0 + MINUTE);
    });
    await as(b, async (db) => {
      expect(await deletedElsewhere(db, T0 + 2 * MINUTE)).toEqual([gone]);
      expect(await loadStory(db, gone)).not.toBeNull();
      await pushLibrarySync(db, T0 + 2 * MINUTE);
    });
    const lists = decodeDevices(await sync.get(null));
    expect([...lists.values()].flatMap((l) => l.records).filter((r) => r.id === gone)).toEqual([
      { kind: 'deleted', id: gone, deletedAt: T0 + MINUTE },
    ]);
    expect((await as(c, (db) => missingStories(db, T0 + 3 * MINUTE))).map((m) => m.id).sort()).toEqual(copies.slice(0, 2).map(idOf).sort());
  });

  it('lets the reader dismiss a missing story everywhere', async () => {
    const [a, b] = [await newBrowser(), await newBrowser()];
    await as(a, async (db) => {
      await saveStory(db, { ...copies[0]!, fetchedAt: T0 }, win);
      await pushLibrarySync(db, T0);
    });
    await as(b, async (db) => {
      await dismissMissing(db, [idOf(copies[0]!)], T0 + MINUTE);
      expect(await missingStories(db, T0 + MINUTE)).toEqual([]);
    });
    expect(await as(a, (db) => deletedElsewhere(db, T0 + 2 * MINUTE))).toEqual([idOf(copies[0]!)]);
  });
});

describe('syncing within storage.sync’s limits', () => {
  it('stays within the quotas beside large settings, and writes only what changed', async () => {
    const exceptions = Object.fromEntries(
      Array.from({ length: 3 }, (_, i) => [
        `rating-allow-stories-${i}`,
        Array.from({ length: 200 }, (_, j) => `ao3:archiveofourown.org:${i * 1000 + j}`),
      ]),
    );
    await sync.set({
      'rating-settings': { limit: 'teen', unrated: 'estimate', warnings: [], tags: ['vampire*'] },
      'reader-settings': { size: 20 },
      ...exceptions,
    });
    const [a, b] = [await newBrowser(), await newBrowser()];
    const aIds = await bulkStories(a.db, 0, 1500);
    await bulkStories(b.db, 1000, 1500);

    const first = await as(a, (db) => pushLibrarySync(db, T0 + 3000 * MINUTE));
    expect(first.listed).toBeGreaterThan(500);
    expect(first.listed).toBeLessThan(1500);
    expect(await as(a, (db) => pushLibrarySync(db, T0 + 3001 * MINUTE))).toEqual({ listed: first.listed, written: [], removed: [] });

    // The most recently saved story, read: one bucket rewritten.
    await setProgress(a.db, aIds[1499]!, { chapter: 2, fraction: 0.5 }, T0 + 3002 * MINUTE);
    const moved = await as(a, (db) => pushLibrarySync(db, T0 + 3003 * MINUTE));
    expect(moved.written).toHaveLength(1);
    expect(moved.written[0]).toMatch(/^lib\.[a-z0-9]+\.\d+$/);

    // A second browser joins: each settles into half the library's room.
    await as(b, (db) => pushLibrarySync(db, T0 + 3004 * MINUTE));
    const shrunk = await as(a, (db) => pushLibrarySync(db, T0 + 3005 * MINUTE));
    expect(shrunk.removed).toHaveLength(8);
    await as(b, (db) => pushLibrarySync(db, T0 + 3006 * MINUTE));
    expect((await as(b, (db) => pushLibrarySync(db, T0 + 3007 * MINUTE))).written).toEqual([]);
    expect(sync.bytesInUse()).toBeLessThanOrEqual(102_400 - 8192);
    const missingInA = await as(a, (db) => missingStories(db, T0 + 3008 * MINUTE));
    expect(missingInA[0]!.id).toBe('ao3:archiveofourown.org:2499');
  });

  it('tells the background when another browser pushes, not when this one does', async () => {
    const [a, b] = [await newBrowser(), await newBrowser()];
    await as(a, (db) => bulkStories(db, 0, 3));
    await as(b, (db) => bulkStories(db, 10, 3));
    install(a.local);
    let calls = 0;
    const stop = watchRemoteSync(() => calls++);
    await as(a, (db) => pushLibrarySync(db, T0));
    expect(calls).toBe(0);
    await as(b, (db) => pushLibrarySync(db, T0));
    expect(calls).toBe(1);
    stop();
    await as(b, (db) => bulkStories(db, 20, 1).then(() => pushLibrarySync(db, T0 + MINUTE)));
    expect(calls).toBe(1);
  });
});
