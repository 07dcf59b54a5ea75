/**
 * The background's part in the library: answering the pages' requests (save, cancel, check for
 * new chapters), taking the open page's live DOM for a save, the schedule for update checks and
 * sync, and the default badge counting stories with new chapters.
 */
import { browser } from 'wxt/browser';
import { openLibrary, type LibraryDb } from '../db/db';
import type { LibraryEvent, LibraryReply, LibraryRequest } from '../messages';
import { decide } from '../../warnings/policy';
import { pageSnapshot, type PageSnapshot } from '../../reader/page-snapshot';
import { loadRatingSettings } from '../../warnings/ext/settings-storage';
import { loadTabReport } from '../../shell/ext/tab-reports';
import { showLibraryBadge } from '../../shell/ext/toolbar';
import type { RunnerHost } from './runner-host';
import { pullLibrarySync, pushLibrarySync } from './sync-storage';
import { allJobs, hasUnfinishedJobs, jobView } from '../jobs/jobs';

export const UPDATE_ALARM = 'library-updates';
export const SYNC_ALARM = 'library-sync';
/** Saved works in progress are checked twice a day; each check is a request or two per work, spaced. */
const UPDATE_PERIOD_MINUTES = 12 * 60;
const SYNC_PERIOD_MINUTES = 15;

let opening: Promise<LibraryDb> | null = null;
function db(): Promise<LibraryDb> {
  opening ??= openLibrary(indexedDB).then((library) => {
    // The connection closes itself for a newer version (db.ts): open afresh next time.
    library.addEventListener('versionchange', () => (opening = null));
    return library;
  });
  return opening;
}

/** The open page as the reader sees it now: its live DOM, not a fresh fetch. */
async function snapshotTab(tabId: number): Promise<PageSnapshot> {
  const [result] = await browser.scripting.executeScript({ target: { tabId }, func: pageSnapshot, args: [] });
  const snapshot = result?.result as PageSnapshot | undefined;
  if (!snapshot?.html) throw new Error('Slipcase could not read this page.');
  return snapshot;
}

function failure(e: unknown): LibraryReply {
  return { ok: false, error: e instanceof Error ? e.message : String(e) };
}

export async function handleLibraryRequest(host: RunnerHost, request: LibraryRequest, senderTab: number | undefined): Promise<LibraryReply> {
  try {
    switch (request.type) {
      case 'library-save': {
        const tabId = request.tabId ?? senderTab;
        if (tabId === undefined) return { ok: false, error: 'No page to save.' };
        const [snapshot, report, settings] = await Promise.all([snapshotTab(tabId), loadTabReport(tabId), loadRatingSettings()]);
        // The site's own adult gate is followed only where the reader's settings let this work through.
        const followAdultGate = report !== null && !decide(report, settings).gate;
        const id = (await host.call({ op: 'enqueuePage', snapshot, scope: request.scope, followAdultGate })) as string;
        return { ok: true, jobIds: [id] };
      }
      case 'library-save-url': {
        // Nothing is known of the work before it is fetched: follow an adult gate only when the
        // reader's limit lets every rating through.
        const settings = await loadRatingSettings();
        const id = (await host.call({ op: 'enqueueUrl', url: request.url, title: request.title, followAdultGate: settings.limit === 'explicit' })) as string;
        return { ok: true, jobIds: [id] };
      }
      case 'library-check': {
        const settings = await loadRatingSettings();
        const ids = (await host.call({ op: 'enqueueUpdates', storyIds: request.storyIds ?? null, settings })) as string[];
        return { ok: true, jobIds: ids };
      }
      case 'library-cancel':
        await host.call({ op: 'cancel', jobId: request.jobId });
        return { ok: true, jobIds: [request.jobId] };
      case 'library-jobs':
        // Read where the runner keeps them, without starting it (in Chrome, an offscreen document).
        return { ok: true, jobIds: [], jobs: (await allJobs(await db())).reverse().map(jobView) };
      case 'library-sync':
        syncSoon();
        return { ok: true, jobIds: [] };
    }
  } catch (e) {
    return failure(e);
  }
}

async function countStoriesWithNewChapters(library: LibraryDb): Promise<number> {
  let n = 0;
  let cursor = await library.transaction('stories').store.openCursor();
  while (cursor) {
    if (cursor.value.newChapters > 0) n++;
    cursor = await cursor.continue();
  }
  return n;
}

export async function refreshLibraryBadge(): Promise<void> {
  await showLibraryBadge(await countStoriesWithNewChapters(await db()));
}

let syncTimer: ReturnType<typeof setTimeout> | undefined;

/** Sync once things settle: a burst of saves or of reading progress is one write. */
function syncSoon(): void {
  clearTimeout(syncTimer);
  syncTimer = setTimeout(() => void syncNow().catch(() => undefined), 5_000);
}

/** Saves changed the library: the badge and the synced list follow. */
export function onLibraryEvent(event: LibraryEvent): void {
  if (!event.changed.length) return;
  void refreshLibraryBadge();
  syncSoon();
}

/** Pull what other browsers synced, then push this one's list and progress. */
export async function syncNow(): Promise<void> {
  const library = await db();
  await pullLibrarySync(library);
  await pushLibrarySync(library);
}

/** The schedules survive restarts; create them only when missing so a restart does not reset them. */
export async function scheduleLibraryAlarms(): Promise<void> {
  if (!(await browser.alarms.get(UPDATE_ALARM))) browser.alarms.create(UPDATE_ALARM, { periodInMinutes: UPDATE_PERIOD_MINUTES, delayInMinutes: 5 });
  if (!(await browser.alarms.get(SYNC_ALARM))) browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES });
}

export async function onLibraryAlarm(host: RunnerHost, name: string): Promise<void> {
  if (name === UPDATE_ALARM) await host.call({ op: 'enqueueUpdates', storyIds: null, settings: await loadRatingSettings() });
  if (name === SYNC_ALARM) await syncNow();
}

/** Starts the runner if a job was left unfinished (a restart): it carries on where it stopped. */
export async function resumeUnfinishedJobs(host: RunnerHost): Promise<void> {
  if (await hasUnfinishedJobs(await db())) await host.call({ op: 'resume' });
}
