// @vitest-environment jsdom
/**
 * The reading memory: the place only moves forward, states are inferred until the reader chooses
 * one, and a chosen one stays until they read on; the records as the library database keeps them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { afterOpened, entryMark, markText, stateLine, withSynced, type Opened } from '../memory/reading-state';
import { idsOfSite } from '../memory/memory-settings';
import { chooseState, recall, rememberOpened, takeSyncedStates } from '../db/memory';
import type { LibraryDb } from '../db/db';
import { freshLibrary, makeStory, seeded, testWindow } from './library-fixtures';
import { saveStory } from '../db/save';

const page = (chapter: number | null, chapters: number | null, at = 1): Opened => ({
  id: 'ao3:archiveofourown.org:7',
  site: 'ao3',
  url: `https://archiveofourown.org/works/7/chapters/${chapter}`,
  title: 'Salt Road',
  author: 'wren',
  chapter,
  chapters,
  at,
});

describe('reading states', () => {
  it('moves the place forward only, and is caught up at the last chapter the archive shows', () => {
    const three = afterOpened(undefined, page(3, 7));
    expect(three).toMatchObject({ state: 'reading', chapter: 3, chapters: 7, chosen: false });
    expect(stateLine(three)).toBe('Reading, chapter 3 of 7');
    expect(afterOpened(three, page(1, 7, 2))).toMatchObject({ chapter: 3, seenAt: 2 });
    expect(afterOpened(three, page(7, 7)).state).toBe('caught-up');
    // The author posted an eighth: reading again.
    expect(afterOpened(afterOpened(three, page(7, 7)), page(7, 8)).state).toBe('reading');
  });

  it('keeps a state the reader chose until they read on', () => {
    const paused = { ...afterOpened(undefined, page(3, 7)), state: 'paused' as const, chosen: true };
    expect(afterOpened(paused, page(2, 7))).toMatchObject({ state: 'paused', chosen: true, chapter: 3 });
    expect(afterOpened(paused, page(4, 7))).toMatchObject({ state: 'reading', chosen: false, chapter: 4 });
    const dropped = { ...paused, state: 'dropped' as const };
    expect(afterOpened(dropped, page(3, 7)).state).toBe('dropped');
  });
});

describe('listing marks, in words', () => {
  const reading = afterOpened(undefined, page(2, 5));
  it('says the state, the chapters past the reader’s place and "Saved"', () => {
    expect(markText(entryMark(reading, true, 5)!)).toBe('Reading, chapter 2 of 5 · 3 new chapters · Saved');
    expect(markText(entryMark(reading, false, 2)!)).toBe('Reading, chapter 2 of 2');
    expect(markText(entryMark(undefined, true, 9)!)).toBe('Saved');
    expect(entryMark(undefined, false, 9)).toBeNull();
    expect(markText(entryMark({ ...reading, state: 'dropped', chosen: true }, false, 5)!)).toBe('Dropped');
  });
});

describe('the memory store', () => {
  let db: LibraryDb;
  beforeEach(async () => void (db = await freshLibrary()));
  afterEach(() => db.close());

  it('remembers pages opened and states chosen, and recalls only the stories it knows', async () => {
    await rememberOpened(db, page(2, 5));
    await rememberOpened(db, page(1, 5));
    const want = { ...page(null, 3), id: 'ao3:archiveofourown.org:8', url: 'https://archiveofourown.org/works/8' };
    await chooseState(db, want, 'want');
    const known = await recall(db, ['ao3:archiveofourown.org:7', 'ao3:archiveofourown.org:8', 'ao3:archiveofourown.org:9']);
    expect(known.saved).toEqual([]);
    expect(known.memory.map((m) => [m.id, m.state, m.chapter])).toEqual([
      ['ao3:archiveofourown.org:7', 'reading', 2],
      ['ao3:archiveofourown.org:8', 'want', null],
    ]);
  });
});

describe('states from other browsers', () => {
  it('are taken when later than this browser’s, for saved stories only', async () => {
    const db = await freshLibrary();
    try {
      const here = afterOpened(undefined, page(2, 5, 10));
      expect(withSynced(here, here, { state: 'paused', chosen: true, at: 5 })).toBe(here);
      expect(withSynced(here, here, { state: 'paused', chosen: true, at: 20 })).toMatchObject({
        state: 'paused',
        chosen: true,
        stateAt: 20,
        chapter: 2,
      });
      // Not saved here: nothing to hang the state on.
      expect(await takeSyncedStates(db, [{ id: here.id, state: { state: 'paused', chosen: true, at: 20 } }])).toBe(0);
      const { id } = await saveStory(db, makeStory(seeded(3), 1), testWindow());
      const paused = { id, state: { state: 'paused' as const, chosen: true, at: 20 } };
      expect(await takeSyncedStates(db, [paused])).toBe(1);
      expect(await db.get('memory', id)).toMatchObject({ state: 'paused', chosen: true, stateAt: 20 });
      expect(await takeSyncedStates(db, [paused])).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe('what a listing may ask', () => {
  it('only of stories on its own archive', () => {
    const ids = [
      'ao3:archiveofourown.org:1',
      'ffn:fanfiction.net:2',
      'ao3:archiveofourown.org.evil.example:3',
      'ao3:archiveofourown.org:4',
    ];
    expect(idsOfSite(ids, 'archiveofourown.org')).toEqual(['ao3:archiveofourown.org:1', 'ao3:archiveofourown.org:4']);
    expect(idsOfSite(ids, 'evil.example')).toEqual([]);
  });
});
