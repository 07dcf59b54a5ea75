/**
 * The save-job runner's home: a context with a DOM (Chrome's offscreen document, Firefox's
 * background page), where pages can be parsed and sanitised. The background reaches it through
 * the runner-* messages (./runner-link.ts); progress goes out to every extension page as a
 * LibraryEvent.
 */
import { openLibrary } from '../db/db';
import { writeInWhenIdle } from '../search/waiting';
import { storyReport } from '../story-report';
import { Runner } from '../jobs/runner';
import { PoliteClock } from '../jobs/polite-clock';
import { ListImport } from '../imports/list-import';
import { SyncService } from '../dav/sync-service';
import { openSyncDb } from '../dav/sync-store';
import type { StoryMeta, StoryRecord } from '../types';
import type { LibraryEvent } from '../messages';
import type { Message, Reply, RunnerCallType } from '../../core/messages';
import { send, type Handlers } from '../../core/ext/messaging';
import { decide, type RatingSettings } from '../../warnings/policy';

/** Whether the reader's settings let a saved work through, so its site's adult gate may be followed. */
function adultGateAllowed(settings: RatingSettings) {
  return (meta: StoryMeta, story: StoryRecord) => !decide(storyReport({ ...story, meta }), settings, story.id).gate;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/** The runner, however it is reached: each runner-* message answered with its reply. */
export interface RunnerHost {
  call<M extends Message<RunnerCallType>>(message: M): Promise<Reply<M['type']>>;
}

type RunnerAnswers = { [T in RunnerCallType]: (message: Message<T>) => Promise<Reply<T>> };
// A record, so that a runner call missing here fails the type check.
const RUNNER_CALLS = Object.keys({
  'runner-enqueue-page': true,
  'runner-enqueue-url': true,
  'runner-enqueue-batch': true,
  'runner-enqueue-updates': true,
  'runner-cancel': true,
  'runner-resume': true,
  'runner-import': true,
  'runner-import-status': true,
  'runner-import-stop': true,
  'runner-dav-check': true,
  'runner-dav-sync': true,
  'runner-dav-status': true,
  'runner-dav-forget': true,
  'runner-dav-fetch': true,
} satisfies Record<RunnerCallType, true>) as RunnerCallType[];

/** Answers the runner-* messages with the runner `host` will be (Chrome's offscreen document). */
export function runnerHandlers(host: Promise<RunnerHost>): Handlers {
  return Object.fromEntries(RUNNER_CALLS.map((type) => [type, async (message: Message<RunnerCallType>) => (await host).call(message)]));
}

/**
 * Opens the library and starts the runner, resuming any job a restart interrupted. `onEvent` gets
 * every change (the Firefox background, which shares this page, cannot message itself).
 */
export async function startRunnerHost(onEvent: (event: LibraryEvent) => void): Promise<RunnerHost> {
  const db = await openLibrary(indexedDB);
  writeInWhenIdle(db);
  // The reader's own cookies go along, so pages they can see when logged in come back the same.
  const fetchPage = (url: string, signal: AbortSignal) => fetch(url, { signal, credentials: 'include', redirect: 'follow' });
  // Saves and imports take turns at the archives.
  const clock = new PoliteClock(Date.now, sleep);
  const shared = { db, win: window, fetch: fetchPage, clock, now: Date.now, sleep };
  const imports = new ListImport({
    ...shared,
    // For the popup, if it is open; the background has no use for it.
    onChange: (view) => void send({ type: 'memory-import-event', view }).catch(() => undefined),
  });
  const runner = new Runner({
    ...shared,
    onChange(jobs, changed) {
      const event: LibraryEvent = { type: 'library-event', jobs, changed };
      onEvent(event);
      // No page may be listening; that is fine.
      send(event).catch(() => undefined);
    },
  });
  void runner.resume();
  const sync = new SyncService({
    library: db,
    store: await openSyncDb(indexedDB),
    // No cookies: Nextcloud's session cookies make WebDAV fail its CSRF check (webdav.ts).
    fetch: (url, init) => fetch(url, init),
    win: window,
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    onStatus: (status) => void send({ type: 'dav-event', status }).catch(() => undefined),
    onChanged: (changed) =>
      void runner.jobs().then((jobs) => {
        const event: LibraryEvent = { type: 'library-event', jobs, changed };
        onEvent(event);
        send(event).catch(() => undefined);
      }),
  });
  const answers: RunnerAnswers = {
    'runner-enqueue-page': (m) => runner.enqueuePage(m.snapshot, m.scope, m.followAdultGate, m.runs),
    'runner-enqueue-url': (m) => runner.enqueueUrl(m.url, m.title, m.followAdultGate, m.runs),
    'runner-enqueue-batch': ({ type: _, ...batch }) => runner.enqueueBatch(batch),
    'runner-enqueue-updates': (m) => runner.enqueueUpdates(m.storyIds, adultGateAllowed(m.settings), m.runs),
    'runner-cancel': (m) => runner.cancel(m.jobId),
    'runner-resume': () => runner.resume(),
    'runner-import': (m) =>
      imports.start(m.snapshot, m.as).then(
        (view) => ({ ok: true, view }) as const,
        (e: unknown) => ({ ok: false, error: e instanceof Error ? e.message : String(e) }) as const,
      ),
    'runner-import-status': async () => imports.current(),
    'runner-import-stop': async () => imports.stop(),
    'runner-dav-check': (m) => sync.check(m.settings),
    'runner-dav-sync': (m) => sync.sync(m.settings, m.confirmDeletion),
    'runner-dav-status': () => sync.current(),
    'runner-dav-forget': () => sync.forget(),
    'runner-dav-fetch': (m) => sync.fetchStory(m.settings, m.id),
  };
  return {
    call: <M extends Message<RunnerCallType>>(message: M) => (answers[message.type] as (m: M) => Promise<Reply<M['type']>>)(message),
  };
}
