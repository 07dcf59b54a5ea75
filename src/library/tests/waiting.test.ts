/**
 * The search index's waiting keys (search/waiting.ts): a save queues its story's keys, a
 * connection that writes in when idle writes them into the index, and whatever writes a story's
 * keys at once, or deletes it, leaves none of them waiting. That searches find the same either
 * way is search.test.ts's, over the whole oracle.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openLibrary, write, type LibraryDb } from '../db/db';
import { deleteStory, saveStory } from '../db/save';
import { searchLibrary } from '../search/query';
import { indexStory, termsOf } from '../search/search-index';
import { MOST_WAITING, queueStory, writeInNext, writeInWhenIdle } from '../search/waiting';
import type { StoryCopy } from '../types';
import type { WaitingKeysRecord } from '../db/stores';
import { freshLibrary, makeStory, seeded, testWindow } from './library-fixtures';

const win = testWindow();
const open: LibraryDb[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

async function library(factory = new IDBFactory()): Promise<LibraryDb> {
  const db = await openLibrary(factory, { name: 'lib' });
  open.push(db);
  return db;
}

/** A story whose text holds `word`. */
function storyWith(n: number, word: string): StoryCopy {
  const s = makeStory(seeded(n), n, { chapters: [1, 1], words: [60, 60] });
  return { ...s, chapters: [{ ...s.chapters[0]!, html: `${s.chapters[0]!.html}<p>${word}</p>` }] };
}

const found = async (db: LibraryDb, word: string) =>
  (await searchLibrary(db, { text: `${word} `, limit: 1000 })).stories.map((s) => s.id).sort();
const counts = async (db: LibraryDb) => [await db.count('waitingKeys'), await db.count('searchKeys')];

describe('waiting keys', () => {
  it('wait after a save, one record a story, and are written in one story at a time', async () => {
    const db = await library();
    const [a, b] = [await saveStory(db, storyWith(1, 'quokka'), win), await saveStory(db, storyWith(2, 'quokka'), win)];
    expect(await counts(db)).toEqual([2, 0]);
    expect(await found(db, 'quokka')).toEqual([a.id, b.id].sort());
    expect(await writeInNext(db)).toBe(true);
    expect(await counts(db)).toEqual([1, 1]);
    expect(await writeInNext(db)).toBe(true);
    expect(await writeInNext(db)).toBe(false);
    expect(await counts(db)).toEqual([0, 2]);
    expect(await found(db, 'quokka')).toEqual([a.id, b.id].sort());
  });

  it('are written in by a connection that writes in when idle, once saves stop', async () => {
    const db = await library();
    writeInWhenIdle(db, 20);
    const saved = [];
    for (let n = 1; n <= 3; n++) saved.push((await saveStory(db, storyWith(n, 'quokka'), win)).id);
    await vi.waitFor(async () => expect(await counts(db)).toEqual([0, 3]), { timeout: 5_000, interval: 20 });
    expect(await found(db, 'quokka')).toEqual(saved.sort());
  });

  it('left by a connection that closed are written in by the next that writes in when idle', async () => {
    const factory = new IDBFactory();
    const first = await library(factory);
    const { id } = await saveStory(first, storyWith(1, 'quokka'), win);
    first.close();
    const next = await library(factory);
    writeInWhenIdle(next, 20);
    await vi.waitFor(async () => expect(await counts(next)).toEqual([0, 1]), { timeout: 5_000, interval: 20 });
    expect(await found(next, 'quokka')).toEqual([id]);
  });

  it(`are written in at once by a save once ${MOST_WAITING} stories wait, so a search never reads more`, async () => {
    const db = await library();
    const ids = [];
    for (let n = 1; n <= MOST_WAITING + 2; n++) ids.push((await saveStory(db, storyWith(n, 'quokka'), win)).id);
    expect(await counts(db)).toEqual([MOST_WAITING, 2]);
    expect(await found(db, 'quokka')).toEqual(ids.sort());
    // A story already waiting takes its own record's place.
    await saveStory(db, { ...storyWith(1, 'wombat'), fetchedAt: Date.now() + 1 }, win);
    expect(await counts(db)).toEqual([MOST_WAITING, 2]);
    expect(await found(db, 'wombat')).toEqual([ids.find((id) => id.endsWith(':1'))]);
  });

  it('are left out of a search, and dropped when written in, when their record is damaged', async () => {
    const db = await library();
    const { id } = await saveStory(db, storyWith(1, 'quokka'), win);
    await writeInNext(db);
    await saveStory(db, { ...storyWith(1, 'wombat'), fetchedAt: Date.now() + 1 }, win);
    const [n] = await db.getAllKeys('waitingKeys');
    await db.put('waitingKeys', { keys: 5 } as unknown as WaitingKeysRecord, n);
    // What the index holds of the story (its first copy) stands.
    expect(await found(db, 'quokka')).toEqual([id]);
    expect(await writeInNext(db)).toBe(true);
    expect(await counts(db)).toEqual([0, 1]);
    expect(await found(db, 'quokka')).toEqual([id]);
  });

  it('are not left by a save that fails', async () => {
    const db = await library();
    const terms = termsOf(storyWith(1, 'quokka').meta, []);
    const failing = write(db, async (tx) => {
      await queueStory(tx, 'ao3:archiveofourown.org:1', terms);
      throw new Error('the disk is full');
    });
    await expect(failing).rejects.toThrow('the disk is full');
    expect(await counts(db)).toEqual([0, 0]);
    expect(await db.count('indexedStories')).toBe(0);
  });

  it("give way to a story's keys written at once (an import, an undo), and go with a deleted story", async () => {
    const db = await freshLibrary();
    open.push(db);
    const first = storyWith(1, 'quokka');
    const { id } = await saveStory(db, first, win);
    await write(db, (tx) => indexStory(tx, id, termsOf(storyWith(1, 'wombat').meta, [{ title: null, html: '<p>wombat</p>' }])));
    expect(await counts(db)).toEqual([0, 1]);
    expect(await found(db, 'quokka')).toEqual([]);
    expect(await found(db, 'wombat')).toEqual([id]);

    await saveStory(db, { ...storyWith(1, 'numbat'), fetchedAt: Date.now() + 1 }, win);
    expect(await counts(db)).toEqual([1, 1]);
    expect(await deleteStory(db, id)).toBe(true);
    expect(await counts(db)).toEqual([0, 0]);
    expect(await found(db, 'numbat')).toEqual([]);
  });
});
