/**
 * The WebDAV sync in the background (issue #19): the options page's calls, the reader's settings
 * in storage.local, and the schedule. The run itself is the runner's (Chrome's offscreen document,
 * Firefox's background page), which is handed the settings with each call: the offscreen document
 * has no storage API.
 *
 * A run cut off (Chrome stops its service worker, the browser quits) is resumed by an alarm set
 * before it starts and cleared when it ends: the run's own state is in IndexedDB (sync-store.ts),
 * so the next run carries on from it.
 */
import { browser } from 'wxt/browser';
import { DAV_SETTINGS } from '../../../core/storage-keys';
import { storedItem } from '../../../core/ext/storage-items';
import type { Handlers } from '../../../core/ext/messaging';
import type { DavView } from '../../messages';
import type { RunnerHost } from '../../ext/runner-host';
import { normalizeDavSettings, serverPermissions, type DavSettings } from '../dav-settings';
import type { SyncStatus } from '../sync-store';
import type { KeepTexts } from '../awaiting';

const stored = storedItem(DAV_SETTINGS);
/** Every half hour while connected. */
export const DAV_ALARM = 'dav-sync';
const DAV_PERIOD_MINUTES = 30;
/** Set while a run is under way: if the run is cut off, this starts it again. */
const DAV_RESUME_ALARM = 'dav-resume';
/** A sync soon after the library changed: a burst of saves is one sync. */
const DAV_SOON_ALARM = 'dav-soon';

export async function davSettings(): Promise<DavSettings | null> {
  return normalizeDavSettings(await stored.getValue());
}

const viewOf = (status: SyncStatus, settings: DavSettings | null): DavView => ({
  ...status,
  connected: settings && {
    url: settings.url,
    user: settings.user,
    deviceName: settings.deviceName,
    encrypted: !!settings.passphrase,
    shelf: settings.shelf && settings.keep === 'all',
    keep: settings.keep,
  },
});

async function syncNow(host: RunnerHost, confirmDeletion: boolean): Promise<DavView> {
  const settings = await davSettings();
  if (!settings) return viewOf(await host.call({ type: 'runner-dav-status' }), null);
  browser.alarms.create(DAV_RESUME_ALARM, { delayInMinutes: 1 });
  try {
    return viewOf(await host.call({ type: 'runner-dav-sync', settings, confirmDeletion }), settings);
  } finally {
    await browser.alarms.clear(DAV_RESUME_ALARM);
  }
}

async function connect(host: RunnerHost, raw: DavSettings): Promise<{ ok: true } | { ok: false; error: string }> {
  const settings = normalizeDavSettings(raw);
  if (!settings) return { ok: false, error: 'Enter the folder’s full address (https://…), your user name and your password.' };
  if (!(await browser.permissions.contains({ origins: serverPermissions(settings) })))
    return { ok: false, error: `Slipcase may not reach ${new URL(settings.url).host} yet: allow it when the browser asks.` };
  const problem = await host.call({ type: 'runner-dav-check', settings });
  if (problem) return { ok: false, error: problem };
  const before = await davSettings();
  if (before && before.url !== settings.url) await host.call({ type: 'runner-dav-forget' });
  await stored.setValue(settings);
  browser.alarms.create(DAV_ALARM, { periodInMinutes: DAV_PERIOD_MINUTES });
  void syncNow(host, false).catch(() => undefined);
  return { ok: true };
}

async function disconnect(host: RunnerHost): Promise<void> {
  const settings = await davSettings();
  await stored.setValue(null);
  await Promise.all([browser.alarms.clear(DAV_ALARM), browser.alarms.clear(DAV_RESUME_ALARM), browser.alarms.clear(DAV_SOON_ALARM)]);
  await host.call({ type: 'runner-dav-forget' });
  // The server's access goes back with the folder (an optional permission the reader gave for it).
  if (settings) await browser.permissions.remove({ origins: serverPermissions(settings) }).catch(() => false);
}

/** This device's choice of what to keep changed: kept, and a sync now fetches (or stops fetching) texts by it. */
async function keepTexts(host: RunnerHost, keep: KeepTexts): Promise<DavView> {
  const settings = await davSettings();
  if (!settings) return viewOf(await host.call({ type: 'runner-dav-status' }), null);
  // The shelf's settings stay: a device that keeps only opened stories just does not write it (sync-run.ts).
  const changed: DavSettings = { ...settings, keep };
  await stored.setValue(changed);
  void syncNow(host, false).catch(() => undefined);
  return viewOf(await host.call({ type: 'runner-dav-status' }), changed);
}

async function fetchStory(host: RunnerHost, id: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const settings = await davSettings();
  if (!settings) return { ok: false, error: 'This story’s text is in your sync folder, and this browser is no longer connected to it.' };
  const error = await host.call({ type: 'runner-dav-fetch', settings, id });
  return error === null ? { ok: true } : { ok: false, error };
}

export function davHandlers(host: RunnerHost): Handlers {
  return {
    'dav-connect': (m) => connect(host, m.settings),
    'dav-sync': (m) => syncNow(host, m.confirmDeletion),
    'dav-status': async () => viewOf(await host.call({ type: 'runner-dav-status' }), await davSettings()),
    'dav-disconnect': () => disconnect(host),
    'dav-keep': (m) => keepTexts(host, m.keep),
    'dav-fetch-story': (m) => fetchStory(host, m.id),
  };
}

/** The library changed here: sync soon, if a folder is connected. */
export function davSyncSoon(): void {
  void davSettings().then((settings) => {
    if (settings) browser.alarms.create(DAV_SOON_ALARM, { delayInMinutes: 0.5 });
  });
}

/** A run the browser cut off (it quit, or stopped the runner's page) carries on at the next start. */
async function resumeCutOff(host: RunnerHost): Promise<void> {
  if (!(await davSettings())) return;
  if ((await host.call({ type: 'runner-dav-status' })).running) await syncNow(host, false);
}

/**
 * The sync's alarms (the schedule, a resume, a sync soon), and a run cut off before this start.
 * The listener is added at once, so a woken worker hears its alarm.
 */
export function startDavBackground(host: RunnerHost): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === DAV_ALARM || alarm.name === DAV_RESUME_ALARM || alarm.name === DAV_SOON_ALARM)
      void syncNow(host, false).catch(() => undefined);
  });
  void resumeCutOff(host).catch(() => undefined);
}
