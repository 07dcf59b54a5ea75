/**
 * Export and import. The property: for random libraries (saves, updates, held copies, reading
 * progress), export → wipe → import gives back a library whose export is identical. Then the
 * merge rules, and a backup as the untrusted input it is.
 */
import { IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { backupJson, BackupError, exportLibrary, importLibrary, parseBackup, type LibraryBackup } from '../export/backup';
import { LibraryQuotaError, type LibraryDb } from '../db/db';
import { loadStory, setProgress } from '../db/reading';
import { saveStory } from '../db/save';
import { searchLibrary } from '../search/query';
import { chapterHtml, dump, freshLibrary, makeStory, seeded, testWindow, type Rand } from './library-fixtures';

const win = testWindow();
const NOW = new Date('2030-01-02T03:04:05Z');
const open: LibraryDb[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

async function library(): Promise<LibraryDb> {
  const db = await freshLibrary();
  open.push(db);
  return db;
}

/** A random library built the way readers build one: saves, re-fetches (some held), reading. */
async function randomLibrary(rand: Rand): Promise<LibraryDb> {
  const db = await library();
  const count = Math.floor(rand() * 12);
  for (let n = 0; n < count; n++) {
    const story = makeStory(rand, n, { chapters: [1, 4], words: [20, 200] });
    const { id } = await saveStory(db, story, win);
    const refetch = rand();
    if (refetch < 0.3) {
      const grown = {
        ...story,
        chapters: [...story.chapters, { ...story.chapters[0]!, html: chapterHtml(rand, 80) }],
        fetchedAt: story.fetchedAt! + 10,
      };
      await saveStory(db, grown, win);
    } else if (refetch < 0.5) {
      await saveStory(
        db,
        { ...story, chapters: story.chapters.map((c) => ({ ...c, html: '<p>Retry later.</p>' })), fetchedAt: story.fetchedAt! + 20 },
        win,
      );
    }
    if (rand() < 0.5) {
      // Half the places keep the first words of their paragraph (src/reader/ui/blocks.ts#relocate).
      const text = rand() < 0.5 ? `The words of paragraph ${Math.floor(rand() * 100)}` : undefined;
      await setProgress(db, id, { chapter: Math.floor(rand() * 4), fraction: rand(), text }, 1_750_000_000_000 + Math.floor(rand() * 1e6));
    }
  }
  return db;
}

describe('export → wipe → import', () => {
  it('gives back an identical library, for random libraries', async () => {
    const seen = { stories: 0, held: 0, progress: 0 };
    for (let seed = 1; seed <= 12; seed++) {
      const source = await randomLibrary(seeded(seed));
      const backup = await exportLibrary(source, NOW);
      seen.stories += backup.stories.length;
      seen.held += backup.stories.filter((s) => s.pending).length;
      seen.progress += backup.stories.filter((s) => s.progress).length;
      const restored = await library();
      const result = await importLibrary(restored, parseBackup(JSON.parse([...backupJson(backup)].join(''))), win);
      expect(result).toEqual({ added: backup.stories.length, updated: 0, unchanged: 0 });
      expect(await exportLibrary(restored, NOW), `seed ${seed}`).toEqual(backup);
      // The derived parts come back too: records, the search index, held copies.
      for (const s of backup.stories.slice(0, 3)) {
        const id = (await searchLibrary(source, { text: s.meta.title })).stories[0]!.id;
        expect((await searchLibrary(restored, { text: s.meta.title })).stories[0]!.id).toBe(id);
        const [a, b] = [(await loadStory(source, id))!, (await loadStory(restored, id))!];
        expect({ ...b.story, version: 0, pending: b.story.pending && { ...b.story.pending, version: 0 } }).toEqual({
          ...a.story,
          version: 0,
          pending: a.story.pending && { ...a.story.pending, version: 0 },
        });
        expect(b.chapters.map((c) => c.html)).toEqual(a.chapters.map((c) => c.html));
      }
    }
    // The generator reached every kind of record.
    expect(seen.held).toBeGreaterThan(5);
    expect(seen.progress).toBeGreaterThan(10);
    expect(seen.stories).toBeGreaterThan(50);
  }, 60_000); // twelve random libraries through fake-indexeddb: seconds on a loaded machine

  it('writes JSON that parses back to the same backup', async () => {
    const backup = await exportLibrary(await randomLibrary(seeded(99)), NOW);
    expect(backup.stories.length).toBeGreaterThan(2);
    expect(parseBackup(JSON.parse([...backupJson(backup)].join('')))).toEqual(backup);
    expect(JSON.parse([...backupJson(backup)].join(''))).toEqual(JSON.parse(JSON.stringify(backup)));
  });
});

describe('a story saved from a series', () => {
  it('keeps its series and part through export and import', async () => {
    const story = makeStory(seeded(5), 0, { chapters: [1, 1], words: [20, 40] });
    const series = { title: 'Small Mercies', url: 'https://archiveofourown.org/series/2196', part: 2 };
    const source = await library();
    await saveStory(source, { ...story, meta: { ...story.meta, series } }, win);
    const backup = parseBackup(JSON.parse([...backupJson(await exportLibrary(source, NOW))].join('')));
    expect(backup.stories[0]!.meta.series).toEqual(series);
    const restored = await library();
    await importLibrary(restored, backup, win);
    expect((await restored.getAll('stories'))[0]!.meta.series).toEqual(series);
  });
});

describe('importLibrary merges', () => {
  const rand = seeded(7);
  const story = makeStory(rand, 1, { chapters: [3, 3], words: [100, 100] });

  it('without duplicates, keeping the furthest position and the latest reading time', async () => {
    const mine = await library();
    const { id } = await saveStory(mine, story, win);
    await setProgress(mine, id, { chapter: 2, fraction: 0.25 }, 5000);
    const theirs = await library();
    await saveStory(theirs, { ...story, fetchedAt: story.fetchedAt! - 100 }, win);
    await setProgress(theirs, id, { chapter: 1, fraction: 0.9 }, 9000);
    await saveStory(theirs, makeStory(rand, 2), win);

    const result = await importLibrary(mine, await exportLibrary(theirs), win);
    expect(result).toEqual({ added: 1, updated: 1, unchanged: 0 });
    const merged = (await loadStory(mine, id))!;
    expect(merged.progress).toEqual({ storyId: id, chapter: 2, fraction: 0.25, at: 9000 });
    expect(merged.story).toMatchObject({ lastReadAt: 9000, savedAt: story.fetchedAt! - 100, updatedAt: story.fetchedAt });
    expect((await searchLibrary(mine)).total).toBe(2);

    const before = await dump(mine);
    expect(await importLibrary(mine, await exportLibrary(theirs), win)).toEqual({ added: 0, updated: 0, unchanged: 2 });
    expect(await dump(mine)).toEqual(before);
  });

  it('taking the more recently updated copy of a story', async () => {
    const mine = await library();
    const { id } = await saveStory(mine, story, win);
    const theirs = await library();
    const newer = {
      ...story,
      chapters: story.chapters.map((c, i) => (i === 2 ? { ...c, html: c.html + '<p>axolotl</p>' } : c)),
      fetchedAt: story.fetchedAt! + 1,
    };
    await saveStory(theirs, newer, win);
    const newerBackup = await exportLibrary(theirs);

    await importLibrary(mine, newerBackup, win);
    expect((await loadStory(mine, id))!.chapters[2]!.html).toContain('axolotl');
    expect((await searchLibrary(mine, { text: 'axolotl' })).total).toBe(1);
    expect((await dump(mine)).versions).toHaveLength(1);

    const older = await library();
    await saveStory(older, story, win);
    expect(await importLibrary(mine, await exportLibrary(older), win)).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect((await loadStory(mine, id))!.chapters[2]!.html).toContain('axolotl');
  });

  it('keeping a held copy only while it is newer than the saved copy', async () => {
    const mine = await library();
    const { id } = await saveStory(mine, story, win);
    const cut = { ...story, chapters: story.chapters.slice(0, 1), fetchedAt: story.fetchedAt! + 5 };
    expect((await saveStory(mine, cut, win)).outcome).toBe('held');
    const theirs = await library();
    await saveStory(theirs, { ...story, chapters: [...story.chapters, story.chapters[0]!], fetchedAt: story.fetchedAt! + 10 }, win);
    await importLibrary(mine, await exportLibrary(theirs), win);
    const merged = (await loadStory(mine, id))!;
    expect(merged.story.pending).toBeNull();
    expect(merged.chapters).toHaveLength(4);
    expect((await dump(mine)).versions).toHaveLength(1);
  });
});

describe('a backup is untrusted', () => {
  const good = async (): Promise<LibraryBackup> => {
    const db = await library();
    await saveStory(db, makeStory(seeded(3), 3), win);
    return JSON.parse(JSON.stringify(await exportLibrary(db)));
  };

  it('refuses what is not a Slipcase backup, a newer one, and malformed fields, saying where', async () => {
    expect(() => parseBackup([])).toThrow(BackupError);
    expect(() => parseBackup({ format: 'other', version: 1, exportedAt: '', stories: [] })).toThrow('Not a Slipcase library backup.');
    expect(() => parseBackup({ ...{ format: 'slipcase-library', exportedAt: '', stories: [] }, version: 2 })).toThrow(/newer Slipcase/);
    const b = await good();
    (b.stories[0]!.meta.rating as { level: string }).level = 'spicy';
    expect(() => parseBackup(b)).toThrow('stories[0].meta.rating.level should be one of general, teen, mature, explicit, unknown');
    const c = await good();
    c.stories[0]!.chapters[0]!.url = 'javascript:alert(1)';
    expect(() => parseBackup(c)).toThrow('stories[0].chapters[0].url should be an http(s) address');
    const d = await good();
    d.stories[0]!.chapters = [];
    expect(() => parseBackup(d)).toThrow('stories[0].chapters should be a list of at least one chapter');
  });

  it('sanitises every chapter it imports, and clamps positions into the story', async () => {
    const b = await good();
    b.stories[0]!.chapters[0]!.html = '<p>ok</p><script>steal()</script><a href="javascript:x()">link</a>';
    b.stories[0]!.progress = { chapter: 99, fraction: 7, at: 1_750_000_000_000 };
    const db = await library();
    await importLibrary(db, parseBackup(b), win);
    const { chapters, progress, story } = (await loadStory(db, (await searchLibrary(db)).stories[0]!.id))!;
    expect(chapters[0]!.html).toBe('<p>ok</p><a>link</a>');
    expect(progress).toMatchObject({ chapter: story.chapterCount - 1, fraction: 1 });
  });

  it('refuses dates outside a sane range, so no entry can pin a story with a far-future date', async () => {
    const b = await good();
    b.stories[0]!.updatedAt = 9e15;
    expect(() => parseBackup(b)).toThrow('stories[0].updatedAt should be a date between 2000 and today');
    const c = await good();
    c.stories[0]!.savedAt = -1;
    expect(() => parseBackup(c)).toThrow('stories[0].savedAt should be a date between 2000 and today');
    const d = await good();
    d.stories[0]!.progress = { chapter: 0, fraction: 0, at: Date.now() + 7 * 24 * 3600_000 };
    expect(() => parseBackup(d)).toThrow('stories[0].progress.at should be a date between 2000 and today');
    const e = await good();
    expect(() => parseBackup(e)).not.toThrow();
  });

  it('never replaces saved text with less text: a newer but shorter copy is held beside it', async () => {
    const db = await library();
    const story = makeStory(seeded(7), 7, { chapters: [3, 3], words: [100, 100] });
    const { id } = await saveStory(db, story, win);
    const before = (await loadStory(db, id))!;
    // The same story, "updated" later, with one empty chapter where three were saved.
    const hostile = JSON.parse(JSON.stringify(await exportLibrary(db))) as LibraryBackup;
    hostile.stories[0]!.updatedAt += 60_000;
    hostile.stories[0]!.chapters = [{ title: null, url: story.url, html: '<p></p>' }];
    await importLibrary(db, parseBackup(hostile), win);
    const after = (await loadStory(db, id))!;
    expect(after.chapters.map((c) => c.html)).toEqual(before.chapters.map((c) => c.html));
    expect(after.story.pending!.problems).toEqual([
      { kind: 'fewer-chapters', before: 3, after: 1 },
      { kind: 'shorter-chapter', chapter: 0, before: 100, after: 0 },
    ]);
    // A later import of the good copy still works: nothing was pinned.
    expect(await importLibrary(db, await exportLibrary(db), win)).toEqual({ added: 0, updated: 0, unchanged: 1 });
  });

  it('imports all or nothing when the disk fills up', async () => {
    const backup = await exportLibrary(await randomLibrary(seeded(5)));
    const db = await randomLibrary(seeded(6));
    const before = await dump(db);
    const realPut = IDBObjectStore.prototype.put;
    let calls = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      if (++calls > 20) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.apply(this, args as never);
    } as typeof realPut;
    try {
      await expect(importLibrary(db, backup, win)).rejects.toBeInstanceOf(LibraryQuotaError);
    } finally {
      IDBObjectStore.prototype.put = realPut;
    }
    expect(calls).toBeGreaterThan(20);
    expect(await dump(db)).toEqual(before);
  });
});
