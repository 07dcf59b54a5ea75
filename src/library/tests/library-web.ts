/**
 * A fake web and a fake clock for the save-job runner's tests: the fixture corpus and the library
 * fixtures (src/library/tests/fixtures/routes.json) served at their addresses, with every request
 * recorded, and a clock whose sleeps advance time at once and are recorded too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPages } from '../../../tests/lib/corpus';
import type { FetchResponse, RunnerDeps } from '../jobs/runner';
import type { LibraryDb } from '../db/db';
import type { JobView } from '../messages';

export const LIBRARY_DIR = join(import.meta.dirname, 'fixtures');

export interface Reply {
  status?: number;
  html?: string;
  /** The body as bytes, for pages in another encoding than UTF-8 (else `html`, encoded as UTF-8). */
  bytes?: Uint8Array;
  headers?: Record<string, string>;
  /** The address after a redirect. */
  url?: string;
}

export interface StoryFixture {
  story: string;
  start: string;
  startFile: string;
  plan: string;
  title: string;
  chapters: { number: number; title: string; words: number; word: string }[];
}

export const STORIES: StoryFixture[] = JSON.parse(readFileSync(join(LIBRARY_DIR, 'stories.json'), 'utf8'));
export const story = (name: string): StoryFixture => STORIES.find((s) => s.story === name)!;
export const startHtml = (s: StoryFixture): string => readFileSync(join(LIBRARY_DIR, s.startFile), 'utf8');

/** Every fixture page by its address. */
function fixturePages(): Map<string, string> {
  const pages = new Map<string, string>();
  for (const p of corpusPages()) pages.set(p.expected.url, p.htmlPath);
  const routes: { url: string; file: string }[] = JSON.parse(readFileSync(join(LIBRARY_DIR, 'routes.json'), 'utf8'));
  for (const r of routes) pages.set(r.url, join(LIBRARY_DIR, r.file));
  return pages;
}

export const corpusHtml = (url: string): string => readFileSync(fixturePages().get(url)!, 'utf8');

export class FakeWeb {
  /** Every request, in order, with the fake time it was sent at. */
  readonly requests: { url: string; at: number }[] = [];
  /** Requests answered, by address. */
  readonly answered = new Map<string, number>();
  private readonly pages = fixturePages();
  /** Replies queued per address, served before its page (the last one repeats). */
  private readonly replies = new Map<string, Reply[]>();
  /** Requests from this count on never answer, abort or not: the worker was killed. */
  hangAfter = Infinity;

  constructor(private readonly clock: FakeClock) {}

  /** Serves `replies` for `url`, one per request, the last for every request after. */
  route(url: string, ...replies: Reply[]): this {
    this.replies.set(url, replies);
    return this;
  }

  fetch = async (url: string, signal: AbortSignal): Promise<FetchResponse> => {
    signal.throwIfAborted();
    this.requests.push({ url, at: this.clock.now() });
    if (this.requests.length > this.hangAfter) return new Promise<never>(() => {});
    await Promise.resolve();
    signal.throwIfAborted();
    const queued = this.replies.get(url);
    const reply: Reply = queued?.length ? (queued.length > 1 ? queued.shift()! : queued[0]!) : this.pageReply(url);
    this.answered.set(url, (this.answered.get(url) ?? 0) + 1);
    const headers = new Map(Object.entries(reply.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    return {
      status: reply.status ?? 200,
      url: reply.url ?? url,
      headers: { get: (name) => headers.get(name.toLowerCase()) ?? null },
      arrayBuffer: async () => toArrayBuffer(reply.bytes ?? new TextEncoder().encode(reply.html ?? '')),
    };
  };

  private pageReply(url: string): Reply {
    const file = this.pages.get(url);
    // The file's bytes as a server sends them: the runner decodes them as a browser would.
    return file ? { bytes: readFileSync(file) } : { status: 404, html: '<title>Not found</title><h1>404</h1>' };
  }

  /** How many requests went to `url`. */
  count(url: string): number {
    return this.requests.filter((r) => r.url === url).length;
  }
}

/** A copy of the bytes as an ArrayBuffer of their own, as Response.arrayBuffer() gives. */
function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

export class FakeClock {
  t = 1_750_000_000_000;
  readonly sleeps: number[] = [];
  now = (): number => this.t;
  sleep = async (ms: number, signal: AbortSignal): Promise<void> => {
    signal.throwIfAborted();
    this.sleeps.push(ms);
    // Let other work (a cancel, an enqueue) run first, as a real wait would.
    await new Promise((r) => setTimeout(r, 0));
    signal.throwIfAborted();
    this.t += ms;
  };
}

/** Runner deps on a fake web and clock, recording every change it reports. */
export function fakeDeps(db: LibraryDb, web: FakeWeb, clock: FakeClock) {
  const events: { jobs: JobView[]; changed: string[] }[] = [];
  const deps: RunnerDeps = {
    db,
    win: window,
    fetch: web.fetch,
    now: clock.now,
    sleep: clock.sleep,
    onChange: (jobs, changed) => events.push({ jobs, changed }),
  };
  return { deps, events };
}
