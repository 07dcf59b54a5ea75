/**
 * The reading memory's records in the library database (schema v8, the memory store): the
 * background writes them when the reader opens a story page or sets a state, and answers the
 * popup and the listing marks from them. Every write is one transaction.
 */
import type { LibraryDb } from './db';
import { write } from './db';
import type { Recalled } from '../messages';
import type { ListEntry } from '../imports/reading-lists';
import {
  afterOpened,
  fromList,
  withChosen,
  withSynced,
  type Listed,
  type MemoryRecord,
  type Opened,
  type ReadingState,
  type SyncedState,
} from '../memory/reading-state';

/** The reader opened a page of the story: its place moves forward, its state follows. */
export function rememberOpened(db: LibraryDb, page: Opened): Promise<MemoryRecord> {
  return write(db, async (tx) => {
    const store = tx.objectStore('memory');
    const record = afterOpened(await store.get(page.id), page);
    await store.put(record);
    return record;
  });
}

/** The reader set the story's state. */
export function chooseState(
  db: LibraryDb,
  story: Omit<Opened, 'at' | 'chapter'>,
  state: ReadingState,
  at: number = Date.now(),
): Promise<MemoryRecord> {
  return write(db, async (tx) => {
    const store = tx.objectStore('memory');
    const record = withChosen(await store.get(story.id), story, state, at);
    await store.put(record);
    return record;
  });
}

/** What the memory and the library hold of these stories: the known ones only. */
export async function recall(db: LibraryDb, ids: readonly string[]): Promise<Recalled> {
  const tx = db.transaction(['memory', 'stories'], 'readonly');
  const [memory, saved] = await Promise.all([
    Promise.all(ids.map((id) => tx.objectStore('memory').get(id))),
    Promise.all(ids.map((id) => tx.objectStore('stories').getKey(id))),
  ]);
  return { memory: memory.filter((m): m is MemoryRecord => m !== undefined), saved: saved.filter((k): k is string => k !== undefined) };
}

/** The reader opened chapter `index` (0-based) of a saved story in the offline reader: remembered by the archive's number. */
export async function rememberSavedChapter(
  db: LibraryDb,
  id: string,
  index: number,
  at: number = Date.now(),
): Promise<MemoryRecord | null> {
  const story = await db.get('stories', id);
  if (!story) return null;
  const chapter = await db.get('chapters', [id, story.version, index]);
  const { site, url, meta } = story;
  return rememberOpened(db, {
    id,
    site,
    url,
    title: meta.title,
    author: meta.authors.join(', ') || null,
    chapter: chapter?.number ?? index + 1,
    chapters: meta.chaptersPosted ?? meta.chapterTotal,
    at,
  });
}

/** States other browsers set for saved stories, each taken when newer than this browser's. Returns how many changed. */
export function takeSyncedStates(db: LibraryDb, states: readonly { id: string; state: SyncedState }[]): Promise<number> {
  return write(db, async (tx) => {
    let changed = 0;
    for (const { id, state } of states) {
      const story = await tx.objectStore('stories').get(id);
      if (!story) continue;
      const before = await tx.objectStore('memory').get(id);
      const held = { id, site: story.site, url: story.url, title: story.meta.title, author: story.meta.authors.join(', ') || null };
      const after = withSynced(before, held, state);
      if (after === before) continue;
      await tx.objectStore('memory').put(after);
      changed++;
    }
    return changed;
  });
}

/** Stories from one page of the reader's list on an archive: those the memory lacks are added, the rest keep what it holds. */
export function rememberListed(
  db: LibraryDb,
  entries: readonly ListEntry[],
  listed: (entry: ListEntry) => Listed,
  at: number = Date.now(),
): Promise<{ added: number; known: number }> {
  return write(db, async (tx) => {
    const store = tx.objectStore('memory');
    let added = 0;
    for (const entry of entries) {
      if (await store.getKey(entry.id)) continue;
      await store.put(fromList(entry, listed(entry), at));
      added++;
    }
    return { added, known: entries.length - added };
  });
}
