/**
 * How long the WebDAV sync takes, and what it sends (issue #19):
 * `npx tsx scripts/bench/dav-sync.ts [--stories N] [--seed S]`.
 *
 * Two devices, each a library in fake-indexeddb with the sync's own code (src/library/dav/),
 * sync through a real WebDAV server on 127.0.0.1 (rclone serve webdav; .ci/run installs it).
 * The laptop's library is filled with N stories of realistic size (library-fixtures.ts), then:
 * - its first upload into an empty folder;
 * - the phone's first sync, which takes the whole library, and a tablet's that takes it without
 *   the chapters' text (it fetches a story's text when it is opened);
 * - one new chapter of one story saved on the laptop, then the laptop's sync and the phone's;
 * - a sync with nothing to do.
 * Each is timed, with the requests made and the bytes sent and received. The server is local, so
 * the times are the sync's own work and the server's, not a network's; fake-indexeddb is slower
 * than a browser's IndexedDB on large stores, so the library's share is if anything overstated.
 *
 * Each device is a process of its own (this script, forked with --device), as each is a browser
 * of its own: two 10,000-story libraries in fake-indexeddb do not fit one Node heap.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { openLibrary, type LibraryDb } from '../../src/library/db/db';
import { saveStory } from '../../src/library/db/save';
import { SyncFolder } from '../../src/library/dav/folder';
import { runSync } from '../../src/library/dav/sync-run';
import { openSyncDb, type SyncDb } from '../../src/library/dav/sync-store';
import { DavClient, type DavDeps } from '../../src/library/dav/webdav';
import type { KeepTexts } from '../../src/library/dav/awaiting';
import { makeStory, seeded, testWindow } from '../../src/library/tests/library-fixtures';
import { DAV_PASSWORD, DAV_USER, startRclone } from '../../tests/lib/dav-servers';
import { figure } from './figures';
import { table } from './timing';

const { values } = parseArgs({
  options: {
    stories: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '19' },
    device: { type: 'string' },
    url: { type: 'string' },
  },
});
const N = Number(values.stories);
const SEED = Number(values.seed);

interface Traffic {
  ms: number;
  requests: number;
  sent: number;
  received: number;
}

/** What the bench asks a device process to do; each answers with its Traffic (or null) or an error. */
type Command = { op: 'fill' } | { op: 'sync'; keep?: KeepTexts } | { op: 'grow'; chapters: number };
type Answer = { ok: Traffic | null } | { error: string };

/** The WebDAV client's fetch, counting the requests and the bytes each way. */
function countingDeps(traffic: { requests: number; sent: number; received: number }): DavDeps {
  return {
    async fetch(to, init) {
      traffic.requests++;
      traffic.sent += init.body?.length ?? 0;
      const res = await fetch(to, init as RequestInit);
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
}

/** One device: its library, its sync state and its own request counters. */
async function deviceProcess(name: string, url: string): Promise<void> {
  const win = testWindow();
  // The WebDAV client reads PROPFIND answers with DOMParser, as in the extension's pages.
  (globalThis as { DOMParser?: unknown }).DOMParser = win.DOMParser;
  const traffic = { requests: 0, sent: 0, received: 0 };
  const deps = countingDeps(traffic);
  const factory = new IDBFactory();
  const library: LibraryDb = await openLibrary(factory);
  const store: SyncDb = await openSyncDb(factory);

  async function sync(keep: KeepTexts = 'all'): Promise<Traffic> {
    const before = { ...traffic };
    const t = performance.now();
    const folder = await SyncFolder.open(new DavClient({ url, user: DAV_USER, password: DAV_PASSWORD }, deps), null);
    const outcome = await runSync({
      folder,
      folderUrl: url,
      library,
      store,
      deviceName: name,
      confirmDeletion: false,
      shelf: false,
      keep,
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

  async function fill(): Promise<void> {
    const t = performance.now();
    const rand = seeded(SEED);
    let chapters = 0;
    for (let n = 0; n < N; n++) {
      const story = makeStory(rand, n, { chapters: [1, 6], words: [800, 4000] });
      chapters += story.chapters.length;
      await saveStory(library, story, win);
    }
    console.log(`Filled the ${name} with ${N} stories, ${chapters} chapters, in ${((performance.now() - t) / 1000).toFixed(0)} s.`);
  }

  /** The same story each time: first saved with some of its chapters, then again with more. */
  async function grow(count: number): Promise<void> {
    const grown = makeStory(seeded(SEED + 1), N + 1, { chapters: [3, 3], words: [800, 4000] });
    await saveStory(library, { ...grown, chapters: grown.chapters.slice(0, count), fetchedAt: grown.fetchedAt! + count }, win);
  }

  process.on('message', (command: Command) => {
    const work = command.op === 'fill' ? fill() : command.op === 'grow' ? grow(command.chapters) : sync(command.keep);
    work.then(
      (r) => process.send!({ ok: r ?? null } satisfies Answer),
      (e: unknown) => process.send!({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies Answer),
    );
  });
  process.send!({ ok: null } satisfies Answer);
}

/** A device process, and a way to ask it one thing at a time. */
function startDevice(name: string, url: string): { ask: (c: Command) => Promise<Traffic | null>; child: ChildProcess } {
  const child = fork(fileURLToPath(import.meta.url), ['--device', name, '--url', url, '--stories', String(N), '--seed', String(SEED)], {
    execArgv: [...process.execArgv, '--max-old-space-size=8192'],
  });
  let pending: { resolve: (t: Traffic | null) => void; reject: (e: Error) => void } | null = null;
  const ready = new Promise<void>((resolve, reject) => (pending = { resolve: () => resolve(), reject }));
  child.on('message', (a: Answer) => {
    const p = pending!;
    pending = null;
    if ('error' in a) p.reject(new Error(`${name}: ${a.error}`));
    else p.resolve(a.ok);
  });
  child.on('exit', (code, signal) => pending?.reject(new Error(`the ${name} process ended (${code ?? signal})`)));
  const ask = async (c: Command) => {
    await ready;
    return new Promise<Traffic | null>((resolve, reject) => {
      pending = { resolve, reject };
      child.send(c);
    });
  };
  return { ask, child };
}

const mb = (b: number) => `${(b / 2 ** 20).toFixed(2)} MiB`;

async function main(): Promise<void> {
  const server = await startRclone();
  const laptop = startDevice('laptop', server.url);
  const phone = startDevice('phone', server.url);
  const tablet = startDevice('tablet', server.url);
  try {
    await laptop.ask({ op: 'fill' });
    // Each figure is printed as it is measured: a long run stopped half way still tells what it measured.
    const rows: [string, Traffic][] = [];
    const measured = (label: string, r: Traffic | null) => {
      rows.push([label, r!]);
      figure({
        name: `sync, ${N} stories: ${label}`,
        value: r!.ms / 1000,
        unit: 's',
        note: `${r!.requests} requests, ${mb(r!.sent)} sent, ${mb(r!.received)} received`,
      });
    };
    measured('first upload (laptop, empty folder)', await laptop.ask({ op: 'sync' }));
    measured('first sync of a second device (phone)', await phone.ask({ op: 'sync' }));
    measured('first sync of a device that fetches a story’s text when opened (tablet)', await tablet.ask({ op: 'sync', keep: 'opened' }));
    await laptop.ask({ op: 'grow', chapters: 2 });
    await laptop.ask({ op: 'sync' });
    await phone.ask({ op: 'sync' });
    await laptop.ask({ op: 'grow', chapters: 3 });
    measured('one new chapter: the laptop sends it', await laptop.ask({ op: 'sync' }));
    measured('one new chapter: the phone takes it', await phone.ask({ op: 'sync' }));
    measured('nothing changed', await laptop.ask({ op: 'sync' }));
    table(
      ['sync', 'time', 'requests', 'sent', 'received'],
      rows.map(([label, r]) => [label, `${(r.ms / 1000).toFixed(2)} s`, String(r.requests), mb(r.sent), mb(r.received)]),
    );
  } finally {
    laptop.child.kill();
    phone.child.kill();
    tablet.child.kill();
    await server.stop();
  }
}

if (values.device) await deviceProcess(values.device, values.url!);
else await main();
