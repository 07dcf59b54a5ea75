/**
 * The background's part in the library: answering the pages' requests (save, cancel, check for
 * new chapters), taking the open page's live DOM for a save, the schedule for update checks and
 * sync, and the default badge counting stories with new chapters.
 */
import { browser } from 'wxt/browser';
import { sharedLibrary, type LibraryDb } from '../db/db';
import type { LibraryEvent, LibraryReply } from '../messages';
import { senderKind, senderPage, type Handlers, type Sender } from '../../core/ext/messaging';
import { decide } from '../../warnings/policy';
import { pageSnapshot, type PageSnapshot } from '../../reader/page-snapshot';
import { loadRatingSettings } from '../../warnings/ext/settings-storage';
import { loadSaveSettings } from './save-settings';
import { loadTabReport } from '../../shell/ext/tab-reports';
import { showLibraryBadge } from '../../shell/ext/toolbar';
import type { RunnerHost } from './runner-host';
import { davSyncSoon } from '../dav/ext/dav-background';
import { pullLibrarySync, pushLibrarySync, watchRemoteSync } from './sync-storage';
import { allJobs, hasUnfinishedJobs, jobView } from '../jobs/jobs';
import { listsWorks } from '../../sites/kit/work-list';

const UPDATE_ALARM = 'library-updates';
const SYNC_ALARM = 'library-sync';
/** Saved works in progress are checked twice a day; each check is a request or two per work, spaced. */
const UPDATE_PERIOD_MINUTES = 12 * 60;
const SYNC_PERIOD_MINUTES = 15;

const db = sharedLibrary(() => indexedDB);

/** The open page as the reader sees it now: its live DOM, not a fresh fetch. */
export async function snapshotTab(tabId: number): Promise<PageSnapshot> {
  const [result] = await browser.scripting.executeScript({ target: { tabId }, func: pageSnapshot, args: [] });
  const snapshot = result?.result as PageSnapshot | undefined;
  if (!snapshot?.html) throw new Error('Slipcase could not read this page.');
  return snapshot;
}

function failure(e: unknown): LibraryReply {
  return { ok: false, error: e instanceof Error ? e.message : String(e) };
}

/** The reply of `work`, or its error as a failed reply. */
async function answer(work: () => Promise<LibraryReply>): Promise<LibraryReply> {
  try {
    return await work();
  } catch (e) {
    return failure(e);
  }
}

/** Saves what tab `tabId` shows now, and for scope story fetches the rest. */
export function saveTab(host: RunnerHost, tabId: number | undefined, scope: 'chapter' | 'story'): Promise<LibraryReply> {
  return answer(async () => {
    if (tabId === undefined) return { ok: false, error: 'No page to save.' };
    const [snapshot, report, settings, { runs }] = await Promise.all([
      snapshotTab(tabId),
      loadTabReport(tabId),
      loadRatingSettings(),
      loadSaveSettings(),
    ]);
    // The site's own adult gate is followed only where the reader's settings let this work through.
    const followAdultGate = report !== null && !decide(report, settings).gate;
    const id = await host.call({ type: 'runner-enqueue-page', snapshot, scope, followAdultGate, runs });
    return { ok: true, jobIds: [id] };
  });
}

/** Saves the works the tab's series or works page lists, one after another. */
function saveBatch(host: RunnerHost, tabId: number, onlyNew: boolean): Promise<LibraryReply> {
  return answer(async () => {
    const [snapshot, report, settings, { runs }] = await Promise.all([
      snapshotTab(tabId),
      loadTabReport(tabId),
      loadRatingSettings(),
      loadSaveSettings(),
    ]);
    if (!report || !listsWorks(report.site, snapshot.url))
      return { ok: false, error: 'This page is not a list of works Slipcase can save.' };
    // Nothing is known of the works before each is fetched: as for a save by address, follow an
    // adult gate only when the reader's limit lets every rating through.
    const followAdultGate = settings.limit === 'explicit';
    const id = await host.call({ type: 'runner-enqueue-batch', snapshot, site: report.site, onlyNew, followAdultGate, runs });
    return { ok: true, jobIds: [id] };
  });
}

/**
 * The tab a save request may save: the one an extension page names, or a content script's own
 * (the reader view saves the page it is open on, never another tab). Undefined when none.
 */
function tabToSave(named: number | undefined, sender: Sender): number | undefined {
  if (senderKind(sender) === 'extension') return named;
  const own = senderPage(sender) ? sender.tab?.id : undefined;
  return named === undefined || named === own ? own : undefined;
}

/** Whether the sender may have `url` fetched and saved: an extension page, or the reader on a page of the same site. */
function maySaveUrl(url: string, sender: Sender): boolean {
  if (senderKind(sender) === 'extension') return true;
  const page = senderPage(sender);
  return page !== null && URL.canParse(url) && new URL(url).origin === new URL(page).origin;
}

/** Answers the pages' library requests, and follows the runner's events (Chrome: from the offscreen document). */
export function libraryHandlers(host: RunnerHost): Handlers {
  return {
    // Without a tab id, the sender's own tab: the reader view's content script saves its page.
    'library-save': (m, sender) => saveTab(host, tabToSave(m.tabId, sender), m.scope),
    'library-save-url': (m, sender) =>
      answer(async () => {
        if (!maySaveUrl(m.url, sender)) return { ok: false, error: 'Slipcase saves only this site’s works from here.' };
        // Nothing is known of the work before it is fetched: follow an adult gate only when the
        // reader's limit lets every rating through.
        const [settings, { runs }] = await Promise.all([loadRatingSettings(), loadSaveSettings()]);
        const id = await host.call({
          type: 'runner-enqueue-url',
          url: m.url,
          title: m.title,
          followAdultGate: settings.limit === 'explicit',
          runs,
        });
        return { ok: true, jobIds: [id] };
      }),
    'library-save-batch': (m) => saveBatch(host, m.tabId, m.onlyNew),
    'library-check': (m) =>
      answer(async () => {
        const [settings, { runs }] = await Promise.all([loadRatingSettings(), loadSaveSettings()]);
        return { ok: true, jobIds: await host.call({ type: 'runner-enqueue-updates', storyIds: m.storyIds ?? null, settings, runs }) };
      }),
    'library-cancel': (m) =>
      answer(async () => {
        await host.call({ type: 'runner-cancel', jobId: m.jobId });
        return { ok: true, jobIds: [m.jobId] };
      }),
    // Read where the runner keeps them, without starting it (in Chrome, an offscreen document).
    'library-jobs': () => answer(async () => ({ ok: true, jobIds: [], jobs: (await allJobs(await db())).reverse().map(jobView) })),
    'library-sync': () => {
      syncSoon();
      davSyncSoon();
      return Promise.resolve({ ok: true, jobIds: [] });
    },
    'library-event': (event) => onLibraryEvent(event),
  };
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

async function refreshLibraryBadge(): Promise<void> {
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
  davSyncSoon();
}

/** Pull what other browsers synced, then push this one's list and progress. */
async function syncNow(): Promise<void> {
  const library = await db();
  await pullLibrarySync(library);
  await pushLibrarySync(library);
}

/** The schedules survive restarts; create them only when missing so a restart does not reset them. */
async function scheduleLibraryAlarms(): Promise<void> {
  if (!(await browser.alarms.get(UPDATE_ALARM)))
    browser.alarms.create(UPDATE_ALARM, { periodInMinutes: UPDATE_PERIOD_MINUTES, delayInMinutes: 5 });
  if (!(await browser.alarms.get(SYNC_ALARM))) browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES });
}

async function onLibraryAlarm(host: RunnerHost, name: string): Promise<void> {
  if (name === UPDATE_ALARM) {
    const [settings, { runs }] = await Promise.all([loadRatingSettings(), loadSaveSettings()]);
    await host.call({ type: 'runner-enqueue-updates', storyIds: null, settings, runs });
  }
  if (name === SYNC_ALARM) await syncNow();
}

/** Starts the runner if a job was left unfinished (a restart): it carries on where it stopped. */
async function resumeUnfinishedJobs(host: RunnerHost): Promise<void> {
  if (await hasUnfinishedJobs(await db())) await host.call({ type: 'runner-resume' });
}

/** The library's schedules, its badge, sync on other browsers' changes, and jobs a restart cut off. */
export function startLibraryBackground(host: RunnerHost): void {
  browser.alarms.onAlarm.addListener((alarm) => void onLibraryAlarm(host, alarm.name));
  watchRemoteSync(() => void syncNow());
  void scheduleLibraryAlarms();
  void refreshLibraryBadge();
  // After a browser restart (or an update), jobs cut off half-way carry on.
  void resumeUnfinishedJobs(host);
}
