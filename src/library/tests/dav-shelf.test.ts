// @vitest-environment jsdom
/**
 * The e-reader shelf (src/library/dav/shelf.ts, shelf-run.ts): file names safe anywhere, an OPDS
 * catalog that parses and pages, whatever the titles hold; and in a whole sync against a real
 * WebDAV server (rclone), the EPUBs and catalog written by the one device that keeps the shelf,
 * readable without the passphrase of an encrypted folder, and each EPUB passing EPUBCheck.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { catalogPages, shelfFileName, type ShelfEntry } from '../dav/shelf';
import { DavClient, type DavDeps } from '../dav/webdav';
import { SyncFolder } from '../dav/folder';
import { runSync } from '../dav/sync-run';
import { openSyncDb } from '../dav/sync-store';
import { openLibrary } from '../db/db';
import { deleteStory, saveStory } from '../db/save';
import { loadProgress, setProgress } from '../db/reading';
import { KosyncClient } from '../dav/kosync';
import { startKosyncServer, type KosyncServer } from '../../../tests/lib/kosync-server';
import { createHash } from 'node:crypto';
import { epubcheck } from '../../../tests/lib/epubcheck';
import { makeStory, seeded, testWindow } from './library-fixtures';
import { DAV_PASSWORD, DAV_USER, startRclone, type DavServer } from '../../../tests/lib/dav-servers';

const ATOM = 'http://www.w3.org/2005/Atom';

describe('shelf file names', () => {
  it('read "Author - Title.epub", with nothing a file system or an address refuses, and never twice', () => {
    const taken = new Set<string>();
    expect(shelfFileName({ title: 'Salt Road', authors: ['wren', 'kit'] }, taken)).toBe('wren & kit - Salt Road.epub');
    expect(shelfFileName({ title: 'Salt Road', authors: ['Wren', 'Kit'] }, taken)).toBe('Wren & Kit - Salt Road (2).epub');
    const hostile = shelfFileName({ title: '../../etc/passwd?#%\u0000<b>. ', authors: [] }, taken);
    expect(hostile).toBe('Anonymous - .. .. etc passwd b.epub');
    expect(hostile).not.toMatch(/[/\\?#%<>]/);
    expect(hostile).not.toContain(String.fromCharCode(0));
    expect(shelfFileName({ title: '', authors: [''] }, taken)).toBe('Anonymous - Untitled.epub');
    expect(Array.from(shelfFileName({ title: 'é'.repeat(500), authors: ['a'] }, taken)).length).toBeLessThanOrEqual(125);
  });
});

function entry(n: number, more: Partial<ShelfEntry> = {}): ShelfEntry {
  return {
    id: `ao3:archiveofourown.org:${n}`,
    file: `a - Story ${n}.epub`,
    title: `Story ${n}`,
    authors: ['a'],
    summary: null,
    fandoms: [],
    rating: 'General',
    words: 1000,
    updatedAt: n * 1000,
    ...more,
  };
}

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'application/xml');

describe('the OPDS catalog', () => {
  it('lists every story once, newest first, across pages linked first to last', () => {
    const pages = catalogPages(
      Array.from({ length: 7 }, (_, i) => entry(i + 1)),
      new Date(0),
      3,
    );
    expect(pages.map((p) => p.path)).toEqual([
      'slipcase-shelf/catalog.xml',
      'slipcase-shelf/catalog-2.xml',
      'slipcase-shelf/catalog-3.xml',
    ]);
    const byHref = new Map(pages.map((p) => [p.path.split('/')[1]!, parse(p.xml)]));
    const seen: string[] = [];
    for (let href: string | undefined = 'catalog.xml'; href;) {
      const doc: Document = byHref.get(decodeURIComponent(href))!;
      expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
      expect(doc.documentElement.namespaceURI).toBe(ATOM);
      for (const e of Array.from<Element>(doc.getElementsByTagNameNS(ATOM, 'entry')))
        seen.push(e.getElementsByTagNameNS(ATOM, 'title')[0]!.textContent!);
      href =
        Array.from(doc.getElementsByTagNameNS(ATOM, 'link'))
          .find((l) => l.getAttribute('rel') === 'next')
          ?.getAttribute('href') ?? undefined;
    }
    expect(seen).toEqual(['Story 7', 'Story 6', 'Story 5', 'Story 4', 'Story 3', 'Story 2', 'Story 1']);
  });

  it('holds hostile titles as text, and an empty library as one valid page', () => {
    const title = 'A <b>&amp;</b> "quote" ]]> \u0001\uD800 end';
    const [page] = catalogPages(
      [entry(1, { title, authors: ['<script>x</script>'], fandoms: ['F & "G"'], file: 'a & b.epub' })],
      new Date(0),
    );
    const doc = parse(page!.xml);
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.getElementsByTagNameNS(ATOM, 'entry')[0]!.getElementsByTagNameNS(ATOM, 'title')[0]!.textContent).toBe(
      'A <b>&amp;</b> "quote" ]]>  end',
    );
    expect(doc.getElementsByTagNameNS(ATOM, 'name')[1]!.textContent).toBe('<script>x</script>');
    const acquire = Array.from(doc.getElementsByTagNameNS(ATOM, 'link')).find(
      (l) => l.getAttribute('rel') === 'http://opds-spec.org/acquisition',
    )!;
    expect(acquire.getAttribute('href')).toBe('a%20%26%20b.epub');
    const empty = catalogPages([], new Date(0));
    expect(empty).toHaveLength(1);
    expect(parse(empty[0]!.xml).getElementsByTagName('parsererror')).toHaveLength(0);
  });
});

describe('the shelf in a sync', () => {
  let server: DavServer;
  beforeAll(async () => {
    server = await startRclone();
  }, 30_000);
  afterAll(() => server?.stop());
  const win = testWindow();
  const deps: DavDeps = { fetch: (url, init) => fetch(url, init as RequestInit), sleep: async () => {}, now: Date.now };
  const auth = `Basic ${btoa(`${DAV_USER}:${DAV_PASSWORD}`)}`;
  let koreader: KosyncServer;
  beforeAll(async () => {
    koreader = await startKosyncServer('wren', 'e-reader password');
  });
  afterAll(() => koreader?.close());

  it('is written by the one device that keeps it, plain in an encrypted folder, and every EPUB passes EPUBCheck', async () => {
    const url = `${server.url}shelf/`;
    await fetch(url, { method: 'MKCOL', headers: { Authorization: auth } });
    const devices = await Promise.all(
      ['laptop', 'phone'].map(async (name) => {
        const factory = new IDBFactory();
        const library = await openLibrary(factory);
        const store = await openSyncDb(factory);
        const sync = async () => {
          const folder = await SyncFolder.open(
            new DavClient({ url, user: DAV_USER, password: DAV_PASSWORD }, deps),
            'shelf passphrase',
            1000,
          );
          const id = `${name}${'0'.repeat(8)}`;
          const kosync = new KosyncClient({ url: koreader.url, user: 'wren', password: 'e-reader password' }, (u, init) => fetch(u, init));
          return runSync({
            kosync,
            folder,
            folderUrl: url,
            library,
            store,
            deviceName: name,
            keep: 'all',
            confirmDeletion: false,
            shelf: true,
            win,
            now: Date.now,
            newDevice: () => id,
            progress: () => {},
          });
        };
        return { library, sync };
      }),
    );
    const [laptop, phone] = devices as [(typeof devices)[0], (typeof devices)[0]];
    const first = await saveStory(laptop.library, makeStory(seeded(31), 31, { chapters: [2, 2], words: [50, 90] }), win);
    const second = await saveStory(laptop.library, makeStory(seeded(32), 32, { chapters: [1, 1], words: [50, 90] }), win);
    await laptop.sync();
    const phoneRun = await phone.sync();
    expect(phoneRun).toMatchObject({ kind: 'done', log: expect.arrayContaining(['The e-reader shelf is kept by laptop.']) });

    const get = async (path: string) => fetch(`${url}${path}`, { headers: { Authorization: auth } });
    const catalog = parse(await (await get('slipcase-shelf/catalog.xml')).text());
    const links = Array.from(catalog.getElementsByTagNameNS(ATOM, 'link'))
      .filter((l) => l.getAttribute('rel') === 'http://opds-spec.org/acquisition')
      .map((l) => l.getAttribute('href')!);
    expect(links).toHaveLength(2);
    for (const href of links) {
      const epub = new Uint8Array(await (await get(`slipcase-shelf/${href}`)).arrayBuffer());
      expect(new TextDecoder().decode(epub.slice(30, 58))).toBe('mimetypeapplication/epub+zip');
      expect(epubcheck(epub)).toContain('No errors or warnings detected.');
    }

    // KOReader: the laptop's place goes to the server under the MD5 of the shelf's file name, as
    // KOReader's "filename" matching names it; a newer place there is taken, one behind is only offered.
    const entryOf = Array.from(catalog.getElementsByTagNameNS(ATOM, 'entry')).find(
      (e) => e.getElementsByTagNameNS(ATOM, 'id')[0]!.textContent === `urn:slipcase:story:${encodeURIComponent(first.id)}`,
    )!;
    const file = decodeURIComponent(entryOf.getElementsByTagNameNS(ATOM, 'link')[0]!.getAttribute('href')!);
    await setProgress(laptop.library, first.id, { chapter: 0, fraction: 0.5 });
    await laptop.sync();
    const doc = createHash('md5').update(file).digest('hex');
    const sent = koreader.places.get(doc)!;
    const mineAt = (await loadProgress(laptop.library, first.id))!.at;
    expect(sent).toMatchObject({ progress: '/body/DocFragment[3]/body/section/h2/text().0', percentage: 0.25, device: 'Slipcase' });
    const later = Math.ceil(mineAt / 1000) + 60;
    koreader.places.set(doc, {
      ...sent,
      progress: '/body/DocFragment[4]/body/p[2]/text().7',
      device: 'Kobo',
      device_id: 'kobo1',
      timestamp: later,
    });
    await laptop.sync();
    expect(await loadProgress(laptop.library, first.id)).toMatchObject({ chapter: 1, fraction: 0 });
    koreader.places.set(doc, { ...sent, progress: '/body/DocFragment[3]/body', device: 'Kobo', device_id: 'kobo1', timestamp: later + 60 });
    await laptop.sync();
    const stayed = await loadProgress(laptop.library, first.id);
    expect(stayed).toMatchObject({ chapter: 1, elsewhere: [expect.objectContaining({ device: 'KOReader (Kobo)', chapter: 0 })] });

    await deleteStory(laptop.library, second.id);
    await laptop.sync();
    const after = parse(await (await get('slipcase-shelf/catalog.xml')).text());
    expect(after.getElementsByTagNameNS(ATOM, 'entry')).toHaveLength(1);
    expect(after.getElementsByTagNameNS(ATOM, 'id')[1]!.textContent).toBe(`urn:slipcase:story:${encodeURIComponent(first.id)}`);
    expect((await get(`slipcase-shelf/${links.find((l) => !after.documentElement.innerHTML.includes(l))}`)).status).toBe(404);
  }, 180_000);
});
