/**
 * Deleting stories so that it can be undone. The delete is written at once, and a copy of what
 * it removed is kept in memory, in the backup format; Undo imports that copy.
 *
 * Why not hold the delete back until the undo window has passed: other pages (the popup, the
 * offline reader, sync) would keep seeing the stories meanwhile, and a page that closes cannot be
 * relied on to finish an IndexedDB write. Written at once, what the reader sees is what is stored
 * whatever happens to the page; the undo is one import transaction, all of it or none, and it
 * merges, so a story saved again in the meantime keeps its newer copy.
 */
import type { BackupStory, ImportResult, LibraryBackup } from '../export/backup';
import { BACKUP_FORMAT, BACKUP_VERSION, importLibrary } from '../export/backup';
import type { LibraryDb } from './db';
import { read, write } from './db';
import { deleteStory } from './save';
import { versionRange } from './versions';
import type { ChapterRecord, ProgressRecord, StoryRecord, VersionRecord } from '../types';
import { each } from './batch-requests';
import { countStory } from './counts';
import { indexStory, termsOf } from '../search/search-index';

export interface DeletedStories {
  backup: LibraryBackup;
  /** Per story id, its count of unread new chapters, which a backup does not carry. */
  newChapters: Map<string, number>;
  /** Stories whose text is in the sync folder (StoryRecord.textIn): no text for a backup, so their records as they were. */
  inFolder: InFolderRecords[];
}

interface InFolderRecords {
  story: StoryRecord;
  version: VersionRecord;
  chapters: ChapterRecord[];
  progress: ProgressRecord | null;
}

/** What a backup holds of these stories (as backup.ts#exportLibrary writes each one). */
async function snapshot(db: LibraryDb, ids: readonly string[]): Promise<DeletedStories> {
  const tx = read(db);
  const chapterOut = (c: ChapterRecord) => ({ title: c.title, url: c.url, html: c.html });
  const chaptersOf = async (id: string, version: number) =>
    (await tx.objectStore('chapters').getAll(versionRange(id, version))).map(chapterOut);
  const newChapters = new Map<string, number>();
  const stories: BackupStory[] = [];
  const inFolder: InFolderRecords[] = [];
  for (const id of ids) {
    const [s, p] = await Promise.all([tx.objectStore('stories').get(id), tx.objectStore('progress').get(id)]);
    if (!s) continue;
    newChapters.set(id, s.newChapters ?? 0);
    if (s.textIn) {
      const [version, chapters] = await Promise.all([
        tx.objectStore('versions').get([id, s.version]),
        tx.objectStore('chapters').getAll(versionRange(id, s.version)),
      ]);
      if (version) inFolder.push({ story: s, version, chapters, progress: p ?? null });
      continue;
    }
    const held = s.pending ? await tx.objectStore('versions').get([id, s.pending.version]) : undefined;
    stories.push({
      site: s.site,
      url: s.url,
      meta: s.meta,
      savedAt: s.savedAt,
      updatedAt: s.updatedAt,
      chapters: await chaptersOf(id, s.version),
      pending: held
        ? {
            url: held.url,
            meta: held.meta,
            createdAt: held.createdAt,
            problems: held.problems,
            chapters: await chaptersOf(id, held.version),
          }
        : null,
      progress: p ? { chapter: p.chapter, fraction: p.fraction, at: p.at } : null,
    });
  }
  const backup: LibraryBackup = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: new Date().toISOString(), stories };
  return { backup, newChapters, inFolder };
}

/** Deletes the stories and returns what Undo needs to bring them back. */
export async function deleteStories(db: LibraryDb, ids: readonly string[]): Promise<DeletedStories> {
  const deleted = await snapshot(db, ids);
  for (const id of deleted.newChapters.keys()) await deleteStory(db, id);
  return deleted;
}

/** Puts deleted stories back: their copies, held copies, reading positions and times. */
export async function restoreStories(db: LibraryDb, deleted: DeletedStories, win: Window & typeof globalThis): Promise<ImportResult> {
  const result = await importLibrary(db, deleted.backup, win);
  await write(db, async (tx) => {
    // Put back as they were, unless the story was saved again meanwhile.
    for (const r of deleted.inFolder) {
      if (await tx.objectStore('stories').get(r.story.id)) continue;
      await tx.objectStore('versions').put(r.version);
      await each(r.chapters, (c) => tx.objectStore('chapters').put(c));
      if (r.progress) await tx.objectStore('progress').put(r.progress);
      await tx.objectStore('stories').put(r.story);
      await countStory(tx, undefined, r.story);
      await indexStory(tx, r.story.id, termsOf(r.story.meta, r.chapters));
      result.added++;
    }
    for (const [id, newChapters] of deleted.newChapters) {
      const story = await tx.objectStore('stories').get(id);
      if (story && newChapters > 0) await tx.objectStore('stories').put({ ...story, newChapters });
    }
  });
  return result;
}
