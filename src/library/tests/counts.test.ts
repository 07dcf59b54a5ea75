/**
 * The library's counts (db/counts.ts) against what they stand in for: after every kind of write
 * that adds or drops a story or moves it in or out of a fandom, the fandom counts read in one
 * request equal the stories the fandom index holds under each fandom, and the total the library's
 * list gives equals the stories stored.
 */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openLibrary, type LibraryDb } from '../db/db';
import { deleteStory, promotePending, saveStory } from '../db/save';
import { writeInNext } from '../search/waiting';
import { deleteStories, restoreStories } from '../db/undo-delete';
import { repairStory } from '../db/repair';
import { STORY_TOTAL } from '../db/counts';
import { exportLibrary, importLibrary } from '../export/backup';
import { fandomCounts, searchLibrary } from '../search/query';
import type { StoryCopy, StoryRecord } from '../types';
import { freshLibrary, makeStory, seeded, testWindow } from './library-fixtures';

const win = testWindow();

/** Each fandom's stories, counted off the fandom index one fandom at a time. */
async function indexCounts(db: LibraryDb): Promise<Map<string, number>> {
  const index = db.transaction('stories').store.index('fandom');
  const counts = new Map<string, number>();
  for (let cursor = await index.openKeyCursor(null, 'nextunique'); cursor; cursor = await cursor.continue())
    counts.set(cursor.key, await index.count(cursor.key));
  return counts;
}

async function expectCounts(db: LibraryDb, step: string): Promise<Map<string, number>> {
  const listed = await fandomCounts(db);
  const expected = await indexCounts(db);
  expect(new Map(listed.map((c) => [c.fandom, c.count])), step).toEqual(expected);
  expect(listed.map((c) => c.count)).toEqual([...listed.map((c) => c.count)].sort((a, b) => b - a));
  expect((await searchLibrary(db, { sort: 'title' })).total, step).toBe(await db.count('stories'));
  return expected;
}

const rand = seeded(77);
const copies = Array.from({ length: 30 }, (_, i) => makeStory(rand, 700 + i, { chapters: [2, 3], words: [20, 40] }));
const idOf = (c: StoryCopy) => `ao3:archiveofourown.org:${c.url.split('/').pop()}`;
const withFandoms = (c: StoryCopy, fandoms: string[], later = 1): StoryCopy => ({
  ...c,
  meta: { ...c.meta, fandoms },
  fetchedAt: c.fetchedAt! + later,
});

async function library(): Promise<LibraryDb> {
  const db = await freshLibrary();
  for (const c of copies) await saveStory(db, c, win);
  // A fandom named twice counts its story once, as the index holds it once.
  await saveStory(db, withFandoms(makeStory(rand, 900), ['Twice Over', 'Twice Over']), win);
  return db;
}

describe('story counts', () => {
  it('follow saves, new copies with other fandoms, held copies kept, and deletes', async () => {
    const db = await library();
    expect((await expectCounts(db, 'saved')).get('Twice Over')).toBe(1);

    const [a, b] = [copies[0]!, copies[1]!];
    expect((await saveStory(db, withFandoms(a, ['Only Here', ...a.meta.fandoms.slice(1)]), win)).outcome).toBe('updated');
    expect((await expectCounts(db, 'fandoms changed')).get('Only Here')).toBe(1);
    // Fewer chapters: held beside the saved copy, which keeps its fandoms until the reader keeps the held one.
    const shorter = { ...withFandoms(b, ['Held Fandom'], 2), chapters: b.chapters.slice(0, 1) };
    expect((await saveStory(db, shorter, win)).outcome).toBe('held');
    expect((await expectCounts(db, 'held')).has('Held Fandom')).toBe(false);
    expect(await promotePending(db, idOf(b))).toBe(true);
    expect((await expectCounts(db, 'promoted')).get('Held Fandom')).toBe(1);

    expect(await deleteStory(db, idOf(a))).toBe(true);
    expect((await expectCounts(db, 'deleted')).has('Only Here')).toBe(false);
    db.close();
  });

  it('follow a delete and its undo, and an import into another library', async () => {
    const db = await library();
    const before = await expectCounts(db, 'saved');
    const deleted = await deleteStories(db, copies.slice(0, 12).map(idOf));
    const after = await expectCounts(db, 'deleted');
    expect(after).not.toEqual(before);
    await restoreStories(db, deleted, win);
    expect(await expectCounts(db, 'undone')).toEqual(before);

    const other = await freshLibrary();
    await saveStory(other, withFandoms(copies[3]!, ['Somewhere Else'], -1), win);
    await importLibrary(other, await exportLibrary(db), win);
    const merged = await expectCounts(other, 'imported');
    expect(merged).toEqual(before);
    db.close();
    other.close();
  });

  it('are counted afresh when a damaged record is repaired, as it may have been counted as it was', async () => {
    // A record damaged before the counts existed: the migration that adds them counts it as it is.
    const saved = await library();
    // As an old library held them: every story's keys in the index.
    while (await writeInNext(saved));
    const id = idOf(copies[5]!);
    const whole = (await saved.get('stories', id))!;
    await saved.put('stories', { ...whole, meta: { ...whole.meta, fandoms: ['Damaged'], authors: undefined } } as unknown as StoryRecord);
    const factory = new IDBFactory();
    const old = await openLibrary(factory, { name: 'lib', version: 6 });
    for (const name of ['stories', 'chapters', 'versions', 'searchKeys', 'indexedStories'] as const) {
      const [keys, values] = await Promise.all([saved.getAllKeys(name), saved.getAll(name)]);
      const store = old.transaction(name, 'readwrite').objectStore(name);
      await Promise.all(values.map((v, i) => (store.keyPath === null ? store.put(v, keys[i]) : store.put(v))));
    }
    old.close();
    saved.close();

    const db = await openLibrary(factory, { name: 'lib' });
    expect((await expectCounts(db, 'migrated')).get('Damaged')).toBe(1);
    expect(await repairStory(db, id)).toBe(true);
    expect((await expectCounts(db, 'repaired')).has('Damaged')).toBe(false);
    db.close();
  });

  it('give the total from the stories when the kept count is lost', async () => {
    const db = await library();
    await db.delete('totals', STORY_TOTAL);
    expect((await searchLibrary(db)).total).toBe(copies.length + 1);
    db.close();
  });
});
