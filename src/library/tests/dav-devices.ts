/**
 * Devices syncing through one real WebDAV server on 127.0.0.1 (rclone), for the sync's tests:
 * each device a library of its own (fake IndexedDB) with its own sync database.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { DavClient, type DavDeps } from '../dav/webdav';
import { SyncFolder } from '../dav/folder';
import { runSync, type SyncOutcome } from '../dav/sync-run';
import { openSyncDb, type SyncDb } from '../dav/sync-store';
import { openLibrary, type LibraryDb } from '../db/db';
import { testWindow } from './library-fixtures';
import { DAV_PASSWORD, DAV_USER, startRclone, type DavServer } from '../../../tests/lib/dav-servers';
import type { KeepTexts } from '../dav/awaiting';

export const win = testWindow();
export const deps: DavDeps = { fetch: (url, init) => fetch(url, init as RequestInit), sleep: async () => {}, now: Date.now };

let server: DavServer;
let folderCount = 0;

/** Starts the server for the test file that calls it (at its top level). */
export function useDavServer(): void {
  beforeAll(async () => {
    server = await startRclone();
  }, 30_000);
  afterAll(() => server?.stop());
}

export interface Device {
  name: string;
  library: LibraryDb;
  store: SyncDb;
  sync(options?: { confirmDeletion?: boolean; failAfterUploads?: number; shelf?: boolean; keep?: KeepTexts }): Promise<SyncOutcome>;
}

/** A fresh folder on the server for one test, and devices syncing to it. */
export async function folderForTest(passphrase: string | null = null) {
  const url = `${server.url}test${++folderCount}/`;
  const auth = `Basic ${btoa(`${DAV_USER}:${DAV_PASSWORD}`)}`;
  expect((await fetch(url, { method: 'MKCOL', headers: { Authorization: auth } })).status).toBe(201);
  let wall = 1_800_000_000_000;
  const device = async (name: string, pass = passphrase): Promise<Device> => {
    const factory = new IDBFactory();
    const library = await openLibrary(factory);
    const store = await openSyncDb(factory);
    return {
      name,
      library,
      store,
      async sync({ confirmDeletion = false, failAfterUploads = Infinity, shelf = false, keep = 'all' as KeepTexts } = {}) {
        const dav = new DavClient({ url, user: DAV_USER, password: DAV_PASSWORD }, deps);
        const folder = await SyncFolder.open(dav, pass, 1000);
        let uploads = 0;
        const put = folder.putBlob.bind(folder);
        folder.putBlob = async (blob, html) => {
          if (++uploads > failAfterUploads) throw new Error('the browser stopped the worker');
          await put(blob, html);
        };
        return runSync({
          folder,
          folderUrl: url,
          library,
          store,
          deviceName: name,
          confirmDeletion,
          shelf,
          keep,
          kosync: null,
          win,
          now: () => (wall += 1000),
          newDevice: () => `${name}${Math.random().toString(36).slice(2, 10)}`,
          progress: () => {},
        });
      },
    };
  };
  return { url, device, advance: (ms: number) => void (wall += ms) };
}
