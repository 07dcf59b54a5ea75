/** Opening a saved story, and remembering where the reader is in it. */
import type { LibraryDb } from './db';
import { ANCHOR_TEXT } from '../../core/model';
import { read, write } from './db';
import { versionRange } from './versions';
import { readableStory } from './repair';
import type { ChapterRecord, ElsewherePlace, Position, ProgressRecord, StoryRecord } from '../types';

export interface StoryBundle {
  story: StoryRecord;
  /** In reading order. */
  chapters: ChapterRecord[];
  progress: ProgressRecord | null;
}

/**
 * A story with the chapters of its saved copy, or of its held copy (`which: 'pending'`, to show
 * the reader what a held fetch brought). Null when there is no such story or copy.
 */
export async function loadStory(db: LibraryDb, id: string, which: 'current' | 'pending' = 'current'): Promise<StoryBundle | null> {
  const tx = read(db);
  const raw = await tx.objectStore('stories').get(id);
  const story = raw && readableStory(raw);
  const version = which === 'current' ? story?.version : story?.pending?.version;
  if (!story || version === undefined) return null;
  const [chapters, progress] = await Promise.all([
    tx.objectStore('chapters').getAll(versionRange(id, version)),
    tx.objectStore('progress').get(id),
  ]);
  return { story, chapters, progress: progress ?? null };
}

/** Where the reader last was in a story, or null when they never opened it. */
export async function loadProgress(db: LibraryDb, id: string): Promise<ProgressRecord | null> {
  return (await db.get('progress', id)) ?? null;
}

/**
 * Remembers the reader's place (chapter clamped to the saved ones, fraction to 0..1) and when
 * they were there. False when the story is not saved. Scrolling calls this often: debounce it.
 */
export async function setProgress(db: LibraryDb, id: string, position: Position, at: number = Date.now()): Promise<boolean> {
  return write(db, async (tx) => {
    const story = await tx.objectStore('stories').get(id);
    if (!story) return false;
    // The other devices' places stay: they are not this device's to drop.
    const elsewhere = (await tx.objectStore('progress').get(id))?.elsewhere;
    await tx
      .objectStore('progress')
      .put({ storyId: id, ...clampPosition(position, story.chapterCount), at, ...(elsewhere && { elsewhere }) });
    await tx.objectStore('stories').put({ ...story, lastReadAt: at });
    return true;
  });
}

/** Sets where the reader's other devices last were in story `id`, beside this device's own place (kept). */
export async function setElsewhere(db: LibraryDb, id: string, elsewhere: readonly ElsewherePlace[]): Promise<void> {
  await write(db, async (tx) => {
    const story = await tx.objectStore('stories').get(id);
    if (!story) return;
    // Continue already took the newest place here (library-io.ts): a story with none was read nowhere.
    const mine = await tx.objectStore('progress').get(id);
    if (!mine) return;
    const places = elsewhere.map((p) => ({ ...p, ...clampPosition(p, story.chapterCount) }));
    const { elsewhere: _old, ...rest } = mine;
    await tx.objectStore('progress').put(places.length ? { ...rest, elsewhere: places } : rest);
  });
}

/** A position inside a story of `chapters` chapters: a whole chapter index, a fraction in 0..1. */
export function clampPosition(p: Position, chapters: number): Position {
  const chapter = Math.trunc(clamp(p.chapter, 0, chapters - 1));
  // The words name a paragraph of the chapter they were read in only.
  const text = chapter === p.chapter && typeof p.text === 'string' ? p.text.slice(0, ANCHOR_TEXT) : undefined;
  return { chapter, fraction: clamp(p.fraction, 0, 1), ...(text && { text }) };
}

/** n within [lo, hi]; lo for NaN. */
function clamp(n: number, lo: number, hi: number): number {
  return Number.isNaN(n) ? lo : Math.max(lo, Math.min(n, hi));
}

/**
 * The reader has reached chapter `chapter` (0-based): the new chapters an update check brought,
 * the last `newChapters` of the story, stop counting as new up to and including it. Returns how
 * many are still new; 0 when the story is not saved.
 */
export async function markChapterSeen(db: LibraryDb, id: string, chapter: number): Promise<number> {
  return write(db, async (tx) => {
    const story = await tx.objectStore('stories').get(id);
    if (!story) return 0;
    const left = Math.max(0, Math.min(story.newChapters, story.chapterCount - 1 - chapter));
    if (left !== story.newChapters) await tx.objectStore('stories').put({ ...story, newChapters: left });
    return left;
  });
}

/** The offline reader's address for a saved story (relative to the extension's root), at a chapter or at its saved place. */
export function readerPath(id: string, chapter?: number): string {
  const params = new URLSearchParams({ id });
  if (chapter !== undefined) params.set('chapter', String(chapter));
  return `/read.html?${params}`;
}
