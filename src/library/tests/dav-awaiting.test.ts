// @vitest-environment jsdom
/**
 * A device that keeps only the stories opened on it (src/library/dav/awaiting.ts), syncing with
 * one that keeps every chapter through a real WebDAV server: what it lists, what it fetches when a
 * story is opened, and that nothing it lacks is taken for a change, a deletion or an empty text.
 */
import { describe, expect, it } from 'vitest';
import { deleteStory, saveStory } from '../db/save';
import { loadStory, setProgress } from '../db/reading';
import { deleteStories, restoreStories } from '../db/undo-delete';
import { exportLibrary } from '../export/backup';
import { storyEpub } from '../export/transfer';
import { storiesToCheck } from '../jobs/updates';
import { searchLibrary } from '../search/query';
import { fetchStoryText } from '../dav/awaiting';
import { SyncFolder } from '../dav/folder';
import { blobName } from '../dav/seal';
import { DavClient } from '../dav/webdav';
import { makeStory, seeded } from './library-fixtures';
import { DAV_PASSWORD, DAV_USER } from '../../../tests/lib/dav-servers';
import { deps, folderForTest, useDavServer, win, type Device } from './dav-devices';
import type { LibraryDb } from '../db/db';

useDavServer();

const story = (n: number, chapters = 3) => makeStory(seeded(n), n, { chapters: [chapters, chapters], words: [40, 80] });
const texts = async (db: LibraryDb, id: string) => (await loadStory(db, id))?.chapters.map((c) => c.html) ?? null;

/** The phone's way to fetch a story's text, as the runner does it (sync-service.ts#fetchStory). */
async function open(url: string, phone: Device, id: string): Promise<boolean> {
  const folder = await SyncFolder.open(new DavClient({ url, user: DAV_USER, password: DAV_PASSWORD }, deps), null);
  return fetchStoryText(phone.library, id, (blob) => folder.getBlob(blob), win);
}

describe('a device that fetches a story’s text when it is opened', () => {
  it('lists and finds the other devices’ stories without their text, and fetches it when one is opened', async () => {
    const { url, device } = await folderForTest();
    const laptop = await device('laptop');
    const phone = await device('phone');
    const saved = story(1);
    const { id } = await saveStory(laptop.library, saved, win);
    await laptop.sync();
    expect(await phone.sync({ keep: 'opened' })).toMatchObject({ kind: 'done' });

    const listed = await loadStory(phone.library, id);
    expect(listed?.story).toMatchObject({ textIn: 'folder', chapterCount: 3, meta: { title: saved.meta.title } });
    expect(listed?.chapters.map((c) => c.html)).toEqual(['', '', '']);
    expect(listed?.chapters.map((c) => c.title)).toEqual(saved.chapters.map((c) => c.title));
    // Found by its title, as any saved story is.
    const found = await searchLibrary(phone.library, { text: `${saved.meta.title} `, fields: ['title'] });
    expect(found.stories.map((s) => s.id)).toContain(id);

    expect(await open(url, phone, id)).toBe(true);
    const opened = await loadStory(phone.library, id);
    expect(opened?.story.textIn).toBeUndefined();
    expect(await texts(phone.library, id)).toEqual(await texts(laptop.library, id));
    // Nothing changed on the phone for the folder's sake: the next syncs send and take nothing.
    expect(await phone.sync({ keep: 'opened' })).toMatchObject({ kind: 'done', changed: [] });
    expect(await laptop.sync()).toMatchObject({ kind: 'done', changed: [] });
  });

  it('keeps a story it lacks the text of through syncs, new chapters and a place, and never sends it back as deleted', async () => {
    const { url, device } = await folderForTest();
    const laptop = await device('laptop');
    const phone = await device('phone');
    const whole = story(2, 4);
    const { id } = await saveStory(laptop.library, { ...whole, chapters: whole.chapters.slice(0, 2) }, win);
    await laptop.sync();
    await phone.sync({ keep: 'opened' });
    await setProgress(phone.library, id, { chapter: 1, fraction: 0.4 });
    await phone.sync({ keep: 'opened' });
    await saveStory(laptop.library, { ...whole, fetchedAt: whole.fetchedAt! + 10 }, win);
    await laptop.sync();
    await phone.sync({ keep: 'opened' });
    await laptop.sync();

    expect(await loadStory(laptop.library, id)).toMatchObject({ story: { chapterCount: 4 } });
    const there = await loadStory(phone.library, id);
    expect(there).toMatchObject({ story: { textIn: 'folder', chapterCount: 4 }, progress: { chapter: 1, fraction: 0.4 } });
    expect(await open(url, phone, id)).toBe(true);
    expect(await texts(phone.library, id)).toEqual(await texts(laptop.library, id));
    expect((await loadStory(phone.library, id))?.progress).toMatchObject({ chapter: 1, fraction: 0.4 });
  });

  it('takes every text it lacks once the reader chooses to keep every chapter', async () => {
    const { device } = await folderForTest();
    const laptop = await device('laptop');
    const phone = await device('phone');
    const { id } = await saveStory(laptop.library, story(3), win);
    await laptop.sync();
    await phone.sync({ keep: 'opened' });
    expect((await loadStory(phone.library, id))?.story.textIn).toBe('folder');
    await phone.sync({ keep: 'all' });
    expect((await loadStory(phone.library, id))?.story.textIn).toBeUndefined();
    expect(await texts(phone.library, id)).toEqual(await texts(laptop.library, id));
  });

  it('leaves such a story out of backups and update checks, fetches it for an EPUB, and undoes its delete as it was', async () => {
    const { url, device } = await folderForTest();
    const laptop = await device('laptop');
    const phone = await device('phone');
    const inFolder = await saveStory(laptop.library, story(4), win);
    await laptop.sync();
    await phone.sync({ keep: 'opened' });
    const own = await saveStory(phone.library, story(5), win);

    const leftOut: string[] = [];
    const backup = await exportLibrary(phone.library, new Date(), [], leftOut);
    expect(backup.stories.map((s) => s.meta.title)).toEqual([story(5).meta.title]);
    expect(leftOut).toEqual([inFolder.id]);
    expect((await storiesToCheck(phone.library, [inFolder.id, own.id])).map((s) => s.id)).toEqual([own.id]);

    const removed = await deleteStories(phone.library, [inFolder.id]);
    expect(await loadStory(phone.library, inFolder.id)).toBeNull();
    await restoreStories(phone.library, removed, win);
    expect((await loadStory(phone.library, inFolder.id))?.story).toMatchObject({ textIn: 'folder', chapterCount: 3 });

    const fetchText = async (id: string) => ((await open(url, phone, id)) ? null : 'nothing to fetch');
    const epub = await storyEpub(phone.library, inFolder.id, win, fetchText);
    expect(epub?.blob.size).toBeGreaterThan(1000);
    expect(await texts(phone.library, inFolder.id)).toEqual(await texts(laptop.library, inFolder.id));
  });

  it('sanitises a text it fetches, whatever the folder holds', async () => {
    const { url, device } = await folderForTest();
    const laptop = await device('laptop');
    const phone = await device('phone');
    const { id } = await saveStory(laptop.library, story(7), win);
    await laptop.sync();
    await phone.sync({ keep: 'opened' });
    // A text another writer put in the folder under its own (correct) name.
    const hostile =
      '<p>Hello there</p><script>parent.stolen = 1</script><img src="https://tracker.example/x.gif" onerror="parent.stolen = 2">';
    const name = await blobName(new TextEncoder().encode(hostile), null);
    const folder = await SyncFolder.open(new DavClient({ url, user: DAV_USER, password: DAV_PASSWORD }, deps), null);
    await folder.putBlob(name, hostile);
    const { chapters } = (await loadStory(phone.library, id))!;
    await phone.library.put('chapters', { ...chapters[0]!, blob: name });
    expect(await open(url, phone, id)).toBe(true);
    const html = (await texts(phone.library, id))![0]!;
    expect(html).toContain('Hello there');
    // A remote image stays as the reader saved it; the offline reader shows it as a placeholder, unloaded.
    expect(html).not.toMatch(/<script|onerror|stolen/);
  });

  it('removes such a story when another device deletes it', async () => {
    const { device } = await folderForTest();
    const laptop = await device('laptop');
    const phone = await device('phone');
    const { id } = await saveStory(laptop.library, story(6), win);
    await laptop.sync();
    await phone.sync({ keep: 'opened' });
    await deleteStory(laptop.library, id);
    await laptop.sync();
    await phone.sync({ keep: 'opened' });
    expect(await loadStory(phone.library, id)).toBeNull();
  });
});
