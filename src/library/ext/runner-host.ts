/**
 * The save-job runner's home: a context with a DOM (Chrome's offscreen document, Firefox's
 * background page), where pages can be parsed and sanitised. The background reaches it through
 * RunnerCall messages (./library-host.ts); progress goes out to every extension page as a
 * LibraryEvent.
 */
import { browser } from 'wxt/browser';
import { openLibrary } from '../db/db';
import { storyReport } from '../story-report';
import { Runner } from '../jobs/runner';
import type { StoryMeta, StoryRecord } from '../types';
import type { LibraryEvent } from '../messages';
import { decide, type RatingSettings } from '../../warnings/policy';

/** What the background asks of the runner. Settings travel along: the offscreen document has no storage API. */
export type RunnerCall =
  | { op: 'enqueuePage'; snapshot: { url: string; html: string }; scope: 'chapter' | 'story'; followAdultGate: boolean }
  | { op: 'enqueueUrl'; url: string; title: string; followAdultGate: boolean }
  | { op: 'enqueueUpdates'; storyIds: string[] | null; settings: RatingSettings }
  | { op: 'cancel'; jobId: string }
  | { op: 'resume' };

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

export interface RunnerHost {
  call(call: RunnerCall): Promise<unknown>;
}

/**
 * Opens the library and starts the runner, resuming any job a restart interrupted. `onEvent` gets
 * every change (the Firefox background, which shares this page, cannot message itself).
 */
export async function startRunnerHost(onEvent: (event: LibraryEvent) => void): Promise<RunnerHost> {
  const db = await openLibrary(indexedDB);
  const runner = new Runner({
    db,
    win: window,
    // The reader's own cookies go along, so pages they can see when logged in come back the same.
    fetch: (url, signal) => fetch(url, { signal, credentials: 'include', redirect: 'follow' }),
    now: Date.now,
    sleep,
    onChange(jobs, changed) {
      const event: LibraryEvent = { type: 'library-event', jobs, changed };
      onEvent(event);
      // No page may be listening; that is fine.
      browser.runtime.sendMessage(event).catch(() => undefined);
    },
  });
  void runner.resume();
  return {
    async call(call) {
      switch (call.op) {
        case 'enqueuePage':
          return runner.enqueuePage(call.snapshot, call.scope, call.followAdultGate);
        case 'enqueueUrl':
          return runner.enqueueUrl(call.url, call.title, call.followAdultGate);
        case 'enqueueUpdates':
          return runner.enqueueUpdates(call.storyIds, adultGateAllowed(call.settings));
        case 'cancel':
          return runner.cancel(call.jobId);
        case 'resume':
          return runner.resume();
      }
    },
  };
}
