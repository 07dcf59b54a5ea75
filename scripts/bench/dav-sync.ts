/**
 * How long the WebDAV sync takes, and what it sends (issue #19):
 * `npx tsx scripts/bench/dav-sync.ts [--stories N] [--seed S]`.
 *
 * Two devices, each a library in fake-indexeddb with the sync's own code (src/library/dav/),
 * sync through a real WebDAV server on 127.0.0.1 (rclone serve webdav; .ci/run installs it).
 * The laptop's library is filled with N stories of realistic size (library-fixtures.ts), then:
 * - its first upload into an empty folder;
 * - the phone's first sync, which takes the whole library;
 * - one new chapter of one story saved on the laptop, then the laptop's sync and the phone's;
 * - a sync with nothing to do.
 * Each is timed, with the requests made and the bytes sent and received. The server is local, so
 * the times are the sync's own work and the server's, not a network's; fake-indexeddb is slower
 * than a browser's IndexedDB on large stores, so the library's share is if anything overstated.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { openLibrary, type LibraryDb } from '../../src/library/db/db';
import { saveStory } from '../../src/library/db/save';
import { SyncFolder } from '../../src/library/dav/folder';
import { runSync } from '../../src/library/dav/sync-run';
import { openSyncDb, type SyncDb } from '../../src/library/dav/sync-store';
import { DavClient, type DavDeps } from '../../src/library/dav/webdav';
import { makeStory, seeded, testWindow } from '../../src/library/tests/library-fixtures';
import { DAV_PASSWORD, DAV_USER, startRclone } from '../../tests/lib/dav-servers';
import { figure } from './figures';
import { table } from './timing';

const { values } = parseArgs({ options: { stories: { type: 'string', default: '1000' }, seed: { type: 'string', default: '19' } } });
const N = Number(values.stories);
const win = testWindow();
// The WebDAV client reads PROPFIND answers with DOMParser, as in the extension's pages.
(globalThis as { DOMParser?: unknown }).DOMParser = win.DOMParser;

const traffic = { requests: 0, sent: 0, received: 0 };
const deps: DavDeps = {
  async fetch(url, init) {
    traffic.requests++;
    traffic.sent += init.body?.length ?? 0;
    const res = await fetch(url, init as RequestInit);
    const bytes = new Uint8Array(await res.arrayBuffer());
    traffic.received += bytes.length;
    return {
      status: res.status,
      headers: res.headers,
      arrayBuffer: async () => bytes.slice().buffer,
      text: async () => new TextDecoder().decode(bytes),
    };
  },
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  now: Date.now,
};

interface Device {
  library: LibraryDb;
  store: SyncDb;
}

async function device(): Promise<Device> {
  const factory = new IDBFactory();
  return { library: await openLibrary(factory), store: await openSyncDb(factory) };
}

interface Traffic {
  ms: number;
  requests: number;
  sent: number;
  received: number;
}

async function sync(d: Device, url: string, name: string): Promise<Traffic> {
  const before = { ...traffic };
  const t = performance.now();
  const folder = await SyncFolder.open(new DavClient({ url, user: DAV_USER, password: DAV_PASSWORD }, deps), null);
  const outcome = await runSync({
    folder,
    folderUrl: url,
    library: d.library,
    store: d.store,
    deviceName: name,
    confirmDeletion: false,
    shelf: false,
    kosync: null,
    win,
    now: Date.now,
    newDevice: () => `${name}${Math.random().toString(36).slice(2, 10)}`,
    progress: () => {},
  });
  if (outcome.kind !== 'done') throw new Error(`the sync stopped to ask: ${JSON.stringify(outcome)}`);
  return {
    ms: performance.now() - t,
    requests: traffic.requests - before.requests,
    sent: traffic.sent - before.sent,
    received: traffic.received - before.received,
  };
}

const mb = (b: number) => `${(b / 2 ** 20).toFixed(2)} MiB`;

async function main(): Promise<void> {
  const server = await startRclone();
  try {
    const url = server.url;
    const rand = seeded(Number(values.seed));
    const laptop = await device();
    const phone = await device();
    const fill = performance.now();
    let chapters = 0;
    for (let n = 0; n < N; n++) {
      const story = makeStory(rand, n, { chapters: [1, 6], words: [800, 4000] });
      chapters += story.chapters.length;
      await saveStory(laptop.library, story, win);
    }
    console.log(`Filled the laptop with ${N} stories, ${chapters} chapters, in ${((performance.now() - fill) / 1000).toFixed(0)} s.`);

    // Each figure is printed as it is measured: a long run stopped half way still tells what it measured.
    const rows: [string, Traffic][] = [];
    const measured = (label: string, r: Traffic) => {
      rows.push([label, r]);
      figure({
        name: `sync, ${N} stories: ${label}`,
        value: r.ms / 1000,
        unit: 's',
        note: `${r.requests} requests, ${mb(r.sent)} sent, ${mb(r.received)} received`,
      });
    };
    measured('first upload (laptop, empty folder)', await sync(laptop, url, 'laptop'));
    measured('first sync of a second device (phone)', await sync(phone, url, 'phone'));
    const grown = makeStory(seeded(Number(values.seed) + 1), N + 1, { chapters: [3, 3], words: [800, 4000] });
    await saveStory(laptop.library, { ...grown, chapters: grown.chapters.slice(0, 2) }, win);
    await sync(laptop, url, 'laptop');
    await sync(phone, url, 'phone');
    await saveStory(laptop.library, { ...grown, fetchedAt: grown.fetchedAt! + 1000 }, win);
    measured('one new chapter: the laptop sends it', await sync(laptop, url, 'laptop'));
    measured('one new chapter: the phone takes it', await sync(phone, url, 'phone'));
    measured('nothing changed', await sync(laptop, url, 'laptop'));
    table(
      ['sync', 'time', 'requests', 'sent', 'received'],
      rows.map(([label, r]) => [label, `${(r.ms / 1000).toFixed(2)} s`, String(r.requests), mb(r.sent), mb(r.received)]),
    );
  } finally {
    await server.stop();
  }
}

await main();
