/**
 * The WebDAV sync as the extension runs it (issue #19): one run at a time, its status kept for the
 * options page (a progress bar, the last sync's time, a log of what changed, why it stopped), and
 * the check of a folder before its first use. Where it runs (Chrome's offscreen document,
 * Firefox's background page) hands in fetch and the databases; nothing here touches an extension API.
 */
import type { LibraryDb } from '../db/db';
import type { DavSettings } from './dav-settings';
import { checkFolder, SyncFolder } from './folder';
import { runSync } from './sync-run';
import { forgetFolder, loadStatus, saveStatus, type SyncDb, type SyncStatus } from './sync-store';
import { DavClient, DavError } from './webdav';
import { KosyncClient } from './kosync';
import { awaitingChapters, fetchStoryText } from './awaiting';

export interface SyncServiceDeps {
  library: LibraryDb;
  store: SyncDb;
  /** The browser's fetch (credentials are set per request: none). */
  fetch(url: string, init: RequestInit): Promise<Response>;
  win: Window & typeof globalThis;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** The status changed (a step, its progress, the end of a run). */
  onStatus(status: SyncStatus): void;
  /** A run wrote these stories into the library (pages showing them reload them). */
  onChanged(ids: string[]): void;
}

/** Lines of the log the options page keeps. */
const LOG_LINES = 50;
/** Progress is told at most this often: a run of thousands of uploads is not thousands of messages. */
const PROGRESS_EVERY_MS = 250;

const randomDevice = (): string => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => (b % 36).toString(36)).join('');

export function syncErrorText(e: unknown): string {
  if (e instanceof DavError) return e.message;
  return `The sync stopped: ${e instanceof Error ? e.message : String(e)}`;
}

export class SyncService {
  private running: Promise<SyncStatus> | null = null;
  private status: SyncStatus | null = null;
  private toldAt = 0;

  constructor(private readonly deps: SyncServiceDeps) {}

  private client(settings: DavSettings): DavClient {
    return new DavClient(
      { url: settings.url, user: settings.user, password: settings.password },
      { fetch: (url, init) => this.deps.fetch(url, init as RequestInit), sleep: this.deps.sleep, now: this.deps.now },
    );
  }

  /** Null when the folder works for the sync (reachable, writable, its format and passphrase right); else why not. */
  async check(settings: DavSettings): Promise<string | null> {
    try {
      const dav = this.client(settings);
      await checkFolder(dav);
      await SyncFolder.open(dav, settings.passphrase);
      return null;
    } catch (e) {
      return syncErrorText(e);
    }
  }

  async current(): Promise<SyncStatus> {
    return (this.status ??= await loadStatus(this.deps.store));
  }

  /** Syncs now, or joins the run under way; resolves with the status after it. */
  sync(settings: DavSettings, confirmDeletion: boolean): Promise<SyncStatus> {
    this.running ??= this.run(settings, confirmDeletion).finally(() => (this.running = null));
    return this.running;
  }

  /**
   * Fetches the text of a story kept in the folder (the reader opened it on a device that keeps
   * only opened stories). Null when the story's text is here now; else why not.
   */
  async fetchStory(settings: DavSettings, id: string): Promise<string | null> {
    try {
      const folder = await SyncFolder.open(this.client(settings), settings.passphrase);
      if (await fetchStoryText(this.deps.library, id, (blob) => folder.getBlob(blob), this.deps.win)) {
        this.deps.onChanged([id]);
        return null;
      }
      // Nothing fetched: its text was here already, or a sync changed the story meanwhile.
      return (await awaitingChapters(this.deps.library, id)) ? 'The story changed while it was fetched: try again.' : null;
    } catch (e) {
      return syncErrorText(e);
    }
  }

  /** Forgets the folder (the reader disconnected): the next folder starts afresh. */
  async forget(): Promise<void> {
    await this.running?.catch(() => undefined);
    await forgetFolder(this.deps.store);
    this.status = null;
    this.tell(await this.current(), true);
  }

  private async run(settings: DavSettings, confirmDeletion: boolean): Promise<SyncStatus> {
    let status: SyncStatus = { ...(await this.current()), running: true, step: 'Connecting', done: 0, total: 0, error: null };
    // Stored as running: a run cut off here is found so at the next start, and resumed (dav-background.ts).
    await saveStatus(this.deps.store, status);
    this.tell(status, true);
    try {
      const folder = await SyncFolder.open(this.client(settings), settings.passphrase);
      const outcome = await runSync({
        folder,
        folderUrl: settings.url,
        library: this.deps.library,
        store: this.deps.store,
        deviceName: settings.deviceName,
        confirmDeletion,
        shelf: settings.shelf,
        keep: settings.keep,
        kosync: settings.kosync && new KosyncClient(settings.kosync, this.deps.fetch),
        win: this.deps.win,
        now: this.deps.now,
        newDevice: randomDevice,
        progress: (step, done, total) => this.tell((status = { ...status, step, done, total })),
      });
      if (outcome.kind === 'done' && outcome.changed.length) this.deps.onChanged(outcome.changed);
      const at = this.deps.now();
      status =
        outcome.kind === 'ask'
          ? { ...status, ask: { removing: outcome.removing, before: outcome.before } }
          : {
              ...status,
              lastSynced: at,
              ask: null,
              log: [...outcome.log.map((text) => ({ at, text })), ...status.log].slice(0, LOG_LINES),
            };
    } catch (e) {
      status = { ...status, error: syncErrorText(e) };
    }
    status = { ...status, running: false, step: null, done: 0, total: 0 };
    await saveStatus(this.deps.store, status);
    this.tell(status, true);
    return status;
  }

  private tell(status: SyncStatus, now = false): void {
    this.status = status;
    const at = this.deps.now();
    if (!now && at - this.toldAt < PROGRESS_EVERY_MS) return;
    this.toldAt = at;
    this.deps.onStatus(status);
  }
}
