// @vitest-environment jsdom
/**
 * Whole syncs between devices (src/library/dav/sync-run.ts): each device a library of its own
 * (fake IndexedDB) with its own sync database, all syncing through one real WebDAV server on
 * 127.0.0.1 (rclone). What a reader sees is checked in the libraries themselves: the stories, the
 * chapters' text, the places and the deletions.
 */
import { describe, expect, it } from 'vitest';
import { DavClient } from '../dav/webdav';
import { type LibraryDb } from '../db/db';
import { deleteStory, saveStory } from '../db/save';
import { loadProgress, loadStory, setProgress } from '../db/reading';
import { makeStory, seeded } from './library-fixtures';
import { DAV_PASSWORD, DAV_USER } from '../../../tests/lib/dav-servers';
import type { StoryCopy } from '../types';
import { deps, folderForTest, useDavServer, win } from './dav-devices';

useDavServer();

const story = (n: number, chapters: [number, number] = [3, 3]): StoryCopy => makeStory(seeded(n), n, { chapters, words: [40, 80] });
const texts = async (db: LibraryDb, id: string) => (await loadStory(db, id))?.chapters.map((c) => c.html) ?? null;

describe('syncing a library through a WebDAV folder', () => {
  it('brings a story saved on one device to another, text and all, readable there offline', async () => {
    const { device } = await folderForTest();
    const laptop = await device('laptop');
    const phone = await device('phone');
    const { id } = await saveStory(laptop.library, story(1), win);
    expect(await laptop.sync()).toMatchObject({ kind: 'done' });
    expect(await phone.sync()).toMatchObject({ kind: 'done' });
    const there = await loadStory(phone.library, id);
    expect(there?.story.meta.title).toBe((await loadStory(laptop.library, id))?.story.meta.title);
    expect(await texts(phone.library, id)).toEqual(await texts(laptop.library, id));
    expect(await texts(phone.library, id)).toHaveLength(3);
  });

  it('moves the place forward between devices, and never back without asking', async () => {
    const { device } = await folderForTest();
    const laptop = await device('laptop');
    const phone = await device('phone');
    const { id } = await saveStory(laptop.library, story(2), win);
    await laptop.sync();
    await phone.sync();
    await setProgress(phone.library, id, { chapter: 2, fraction: 0.5 });
    await phone.sync();
    await laptop.sync();
    expect(await loadProgress(laptop.library, id)).toMatchObject({ chapter: 2, fraction: 0.5 });
    // The laptop goes back to the start, later: the phone, further on, stays where it is.
    await setProgress(laptop.library, id, { chapter: 0, fraction: 0.1 });
    await laptop.sync();
    await phone.sync();
    expect(await loadProgress(phone.library, id)).toMatchObject({ chapter: 2, fraction: 0.5 });
    // The laptop's place is offered on the phone, not taken.
    expect((await loadProgress(phone.library, id))?.elsewhere).toEqual([
      expect.objectContaining({ device: 'laptop', chapter: 0, fraction: 0.1 }),
    ]);
    // And reading on the phone keeps the offer beside its own place.
    await setProgress(phone.library, id, { chapter: 2, fraction: 0.9 });
    expect((await loadProgress(phone.library, id))?.elsewhere).toHaveLength(1);
  });

  it('keeps every chapter of concurrent offline saves, and every story either saved', async () => {
    const { device } = await folderForTest();
    const laptop = await device('laptop');
    const phone = await device('phone');
    const whole = story(3, [4, 4]);
    const { id } = await saveStory(laptop.library, { ...whole, chapters: whole.chapters.slice(0, 2) }, win);
    await laptop.sync();
    await phone.sync();
    // Both offline: the laptop saves chapter 3, the phone chapters 3 and 4, and another story.
    await saveStory(laptop.library, { ...whole, chapters: whole.chapters.slice(0, 3), fetchedAt: whole.fetchedAt! + 10 }, win);
    await saveStory(phone.library, { ...whole, fetchedAt: whole.fetchedAt! + 20 }, win);
    const other = await saveStory(phone.library, story(4), win);
    await laptop.sync();
    await phone.sync();
    await laptop.sync();
    for (const d of [laptop, phone]) {
      expect(await texts(d.library, id)).toHaveLength(4);
      expect(await loadStory(d.library, other.id)).not.toBeNull();
    }
    expect(await texts(laptop.library, id)).toEqual(await texts(phone.library, id));
  });

  it('removes a story deleted on one device from another that was reading it', async () => {
    const { device } = await folderForTest();
    const laptop = await device('laptop');
    const phone = await device('phone');
    const kept = await saveStory(laptop.library, story(5), win);
    const gone = await saveStory(laptop.library, story(6), win);
    await laptop.sync();
    await phone.sync();
    await setProgress(phone.library, gone.id, { chapter: 1, fraction: 0.3 });
    await deleteStory(laptop.library, gone.id);
    await laptop.sync();
    await phone.sync();
    expect(await loadStory(phone.library, gone.id)).toBeNull();
    expect(await loadStory(phone.library, kept.id)).not.toBeNull();
  });

  it('stops and asks before taking 90 % of the library away, and goes on when told to', async () => {
    const { device } = await folderForTest();
    const laptop = await device('laptop');
    const phone = await device('phone');
    const ids = [];
    for (const n of [7, 8, 9]) ids.push((await saveStory(laptop.library, story(n), win)).id);
    await laptop.sync();
    await phone.sync();
    for (const id of ids) await deleteStory(laptop.library, id);
    await laptop.sync();
    expect(await phone.sync()).toEqual({ kind: 'ask', removing: 3, before: 3 });
    for (const id of ids) expect(await loadStory(phone.library, id)).not.toBeNull();
    expect(await phone.sync({ confirmDeletion: true })).toMatchObject({ kind: 'done' });
    for (const id of ids) expect(await loadStory(phone.library, id)).toBeNull();
  });

  it('finishes an upload cut off half way on the next run, and the other device gets every chapter', async () => {
    const { device } = await folderForTest();
    const laptop = await device('laptop');
    const phone = await device('phone');
    const { id } = await saveStory(laptop.library, story(10, [6, 6]), win);
    await expect(laptop.sync({ failAfterUploads: 2 })).rejects.toThrow('stopped the worker');
    // Nothing names a text that is not uploaded: the phone sees no story yet, not a broken one.
    await phone.sync();
    expect(await loadStory(phone.library, id)).toBeNull();
    await laptop.sync();
    await phone.sync();
    expect(await texts(phone.library, id)).toEqual(await texts(laptop.library, id));
  });

  it('with encryption, the server holds no title or text, and a wrong passphrase opens nothing', async () => {
    const { url, device } = await folderForTest('a long passphrase');
    const laptop = await device('laptop');
    const phone = await device('phone');
    const saved = story(11);
    const { id } = await saveStory(laptop.library, saved, win);
    await laptop.sync();
    await phone.sync();
    expect(await texts(phone.library, id)).toEqual(await texts(laptop.library, id));
    const everything = await serverFiles(url);
    expect(everything.length).toBeGreaterThan(3);
    for (const body of everything) expect(body).not.toContain(saved.meta.title);
    const stranger = await device('stranger', 'the wrong passphrase');
    await expect(stranger.sync()).rejects.toThrow(/passphrase/);
  });
});

describe('sweeping the folder', () => {
  it('removes a chapter text only after a week that nothing named it', async () => {
    const { url, device, advance } = await folderForTest();
    const laptop = await device('laptop');
    const kept = await saveStory(laptop.library, story(13), win);
    const gone = await saveStory(laptop.library, story(14), win);
    await laptop.sync();
    const dav = new DavClient({ url, user: DAV_USER, password: DAV_PASSWORD }, deps);
    const blobs = async () => {
      const out: string[] = [];
      for (const dir of await dav.list('slipcase/blobs/')) for (const f of await dav.list(`slipcase/blobs/${dir.name}/`)) out.push(f.name);
      return out.sort();
    };
    const all = await blobs();
    expect(all).toHaveLength(6);
    await deleteStory(laptop.library, gone.id);
    await laptop.sync();
    // A day on, the sweep finds them unnamed; five days after that they are still there; eight, gone.
    advance(86_400_000);
    await laptop.sync();
    advance(5 * 86_400_000);
    await laptop.sync();
    expect(await blobs()).toEqual(all);
    advance(3 * 86_400_000);
    await laptop.sync();
    const left = await blobs();
    expect(left).toHaveLength(3);
    // What is left is the kept story's: a new device still reads it whole.
    const phone = await device('phone');
    await phone.sync();
    expect(await texts(phone.library, kept.id)).toEqual(await texts(laptop.library, kept.id));
  });
});

describe('what another device wrote, checked before it is merged', () => {
  it('leaves out stories that do not check out, and a head whose clock runs far ahead', async () => {
    const { url, device } = await folderForTest();
    const laptop = await device('laptop');
    const phone = await device('phone');
    const { id } = await saveStory(laptop.library, story(12), win);
    await laptop.sync();
    // A device of its own in the folder whose pack reuses the laptop's story, wrongly.
    const dav = new DavClient({ url, user: DAV_USER, password: DAV_PASSWORD }, deps);
    const laptopHead = (await serverJson(dav, 'slipcase/devices/')) as string[];
    const real = JSON.parse(new TextDecoder().decode((await dav.get(`slipcase/devices/${laptopHead[0]}/log/0000000001.json`))!)) as {
      stories: Record<string, unknown>[];
    };
    const good = real.stories[0]!;
    const t = 1_800_000_100_000;
    const at = { t, c: 0, d: 'evil0001' };
    const lies = [
      { ...good, url: 'javascript:alert(1)' },
      { ...good, id: 'ao3:archiveofourown.org:999999' },
      { ...good, meta: { ...(good.meta as object), at: { ...at, t: t + 10 * 86_400_000 } } },
      {
        ...good,
        chapters: { k: { key: 'k', at, order: 1, title: null, url: 'https://archiveofourown.org/works/12', texts: { nope: {} } } },
      },
      'not a story',
    ];
    const write = (path: string, value: unknown) => dav.put(path, new TextEncoder().encode(JSON.stringify(value)));
    await write('slipcase/devices/evil0001/log/0000000001.json', { device: 'evil0001', pack: 1, stories: lies });
    await write('slipcase/devices/evil0001/head.json', { device: 'evil0001', name: 'Evil', pack: 1, snapshot: 0, clock: at });
    await write('slipcase/devices/liar0001/head.json', {
      device: 'liar0001',
      name: 'Liar',
      pack: 1,
      snapshot: 0,
      clock: { ...at, d: 'liar0001', t: t * 2 },
    });
    expect(await phone.sync()).toMatchObject({ kind: 'done' });
    const there = await loadStory(phone.library, id);
    expect(there?.story.url).toBe('https://archiveofourown.org/works/12');
    expect(there?.story.meta).toEqual((await loadStory(laptop.library, id))?.story.meta);
    expect(await loadStory(phone.library, 'ao3:archiveofourown.org:999999')).toBeNull();
  });
});

async function serverJson(dav: DavClient, path: string): Promise<unknown> {
  return (await dav.list(path)).filter((e) => e.folder).map((e) => e.name);
}

/** Every file under the folder, as text (PROPFIND depth 1, folder by folder). */
async function serverFiles(url: string): Promise<string[]> {
  const dav = new DavClient({ url, user: DAV_USER, password: DAV_PASSWORD }, deps);
  const out: string[] = [];
  const walk = async (path: string): Promise<void> => {
    for (const entry of await dav.list(path)) {
      if (entry.folder) await walk(`${path}${entry.name}/`);
      else out.push(new TextDecoder('latin1').decode((await dav.get(`${path}${entry.name}`))!));
    }
  };
  await walk('');
  return out;
}
