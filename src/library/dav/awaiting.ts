/**
 * Stories whose text stays in the sync folder until the reader opens them (issue #19: a phone
 * may choose "fetch a story's text when opened"). Such a story is in the library like any other:
 * its card, details, chapter list, reading place and search by title, author, fandom and tag. Its
 * chapters hold no text, only the name of the blob that does (ChapterRecord.blob), and the story
 * is marked `textIn: 'folder'`. Opening it fetches every chapter's text, checked against its name,
 * sanitised and measured as any saved chapter, after which it is an ordinary story kept in full.
 *
 * What must not treat an empty chapter as its text checks `textIn`: the backup and EPUB exports,
 * update checks, undo of a delete, and the e-reader shelf (kept only by a device that keeps every
 * chapter).
 */
import { write, read, type LibraryDb } from '../db/db';
import { chapterRecords, prepareChapter, storyIdOf, storyRecord, versionRecord, type PreparedChapter } from '../db/build-records';
import { countStory } from '../db/counts';
import { indexStory, termsOf } from '../search/search-index';
import { dropVersion, putVersion, versionRange } from '../db/versions';
import { each } from '../db/batch-requests';
import type { ChapterRecord, StoryRecord } from '../types';
import { chaptersInOrder, shownText, type DavStory } from './replica';

/** What a device keeps of the stories the sync brings: every chapter's text, or only what is opened. */
export type KeepTexts = 'all' | 'opened';

/** A chapter with its text in the folder, as the save policy and the records see it. */
function awaitingChapter(c: ReturnType<typeof chaptersInOrder>[number], blob: string, words: number): PreparedChapter {
  return {
    title: c.title,
    url: c.url,
    number: c.number ?? null,
    listTitle: c.listTitle ?? null,
    html: '',
    words,
    textLength: 0,
    // The blob's name is the text's hash: a save of the text itself is a change to save.
    hash: `blob:${blob}`,
    fingerprint: '',
    notice: false,
    removedAt: c.removedAt ?? null,
    earlier: null,
  };
}

/**
 * Writes these stories (merged from other devices, each with its details) as stories whose text
 * is in the folder, in one transaction. A story this library holds in full is left to the caller.
 */
export async function writeAwaiting(db: LibraryDb, stories: readonly DavStory[]): Promise<void> {
  await write(db, async (tx) => {
    for (const m of stories) {
      if (!m.meta.v) continue;
      const texts = chaptersInOrder(m).flatMap((c) => {
        const t = shownText(c);
        return t ? [{ c, t }] : [];
      });
      const chapters = texts.map(({ c, t }) => awaitingChapter(c, t.blob, t.words));
      const id = storyIdOf(m.site, m.url, m.meta.v);
      const local = await tx.objectStore('stories').get(id);
      if (local && !local.textIn) continue;
      const version = (local?.version ?? 0) + 1;
      const current = versionRecord(
        { storyId: id, version, state: 'current', createdAt: m.savedAt.t, url: m.url, meta: m.meta.v },
        chapters,
      );
      await tx.objectStore('versions').put(current);
      const records = chapterRecords(id, version, chapters, m.savedAt.t).map((r, i) => ({
        ...r,
        blob: texts[i]!.t.blob,
        fetchedAt: texts[i]!.t.fetchedAt,
      }));
      await each(records, (r) => tx.objectStore('chapters').put(r));
      if (local) await dropVersion(tx, id, local.version);
      const times = {
        savedAt: Math.min(local?.savedAt ?? m.savedAt.t, m.savedAt.t),
        updatedAt: Math.max(m.savedAt.t, (local?.updatedAt ?? 0) + 1),
        lastReadAt: local?.lastReadAt ?? 0,
        newChapters: local?.newChapters ?? 0,
      };
      const record: StoryRecord = { ...storyRecord(m.site, current, times, null), textIn: 'folder' };
      await tx.objectStore('stories').put(record);
      await countStory(tx, local, record);
      await indexStory(tx, id, termsOf(m.meta.v, chapters));
    }
  });
}

/** The chapters of a story whose text is in the folder; null when the story is gone or its text is here. */
export async function awaitingChapters(db: LibraryDb, id: string): Promise<{ story: StoryRecord; chapters: ChapterRecord[] } | null> {
  const tx = read(db);
  const story = await tx.objectStore('stories').get(id);
  if (!story?.textIn) return null;
  return { story, chapters: await tx.objectStore('chapters').getAll(versionRange(id, story.version)) };
}

/**
 * Fetches the text of a story kept in the folder (`text` gives a blob's HTML, checked against its
 * name) and writes it into the library, sanitised and measured as every saved chapter is: from
 * then on the story is kept in full. The texts are the very ones its chapters name, so no save
 * policy stands between them and the story. False when there was nothing to fetch (the story is
 * gone, or its text is here), or a sync changed the story meanwhile (the next open fetches again).
 */
export async function fetchStoryText(
  db: LibraryDb,
  id: string,
  text: (blob: string) => Promise<string>,
  win: Window & typeof globalThis,
): Promise<boolean> {
  const held = await awaitingChapters(db, id);
  if (!held) return false;
  const htmls = await Promise.all(held.chapters.map((c) => text(c.blob!)));
  const chapters = held.chapters.map((c, i) =>
    prepareChapter({ title: c.title, url: c.url, html: htmls[i]!, number: c.number, listTitle: c.listTitle, removedAt: c.removedAt }, win),
  );
  return write(db, async (tx) => {
    const story = await tx.objectStore('stories').get(id);
    if (!story?.textIn || story.version !== held.story.version) return false;
    const version = Math.max(story.version, story.pending?.version ?? 0) + 1;
    const current = versionRecord(
      { storyId: id, version, state: 'current', createdAt: story.updatedAt, url: story.url, meta: story.meta },
      chapters,
    );
    await putVersion(tx, current, chapters);
    await dropVersion(tx, id, story.version);
    const { savedAt, lastReadAt, newChapters } = story;
    // Later than before, so the next sync reads the story again (and finds the same blobs).
    const record = storyRecord(story.site, current, { savedAt, updatedAt: story.updatedAt + 1, lastReadAt, newChapters }, story.pending);
    await tx.objectStore('stories').put(record);
    await countStory(tx, story, record);
    await indexStory(tx, id, termsOf(story.meta, chapters));
    return true;
  });
}
