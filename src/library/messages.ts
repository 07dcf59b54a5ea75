/**
 * The library's messages: between the extension's pages (popup, library, offline reader, the
 * reader view's content script) and the background, which runs the save jobs; and between the
 * background and the save-job runner (Chrome's offscreen document). Types only: the map of every
 * message and its validation are in src/core/messages.ts.
 */
import type { RunKind } from '../sites/types';
import type { JobView } from './types';
import type { RatingSettings } from '../warnings/policy';
import type { MemoryRecord } from './memory/reading-state';
import type { ImportAs, ImportView } from './imports/reading-lists';
import type { DavSettings } from './dav/dav-settings';
import type { KeepTexts } from './dav/awaiting';
import type { SyncStatus } from './dav/sync-store';

// The pages know JobView from here, beside the messages that carry it.
export type { JobView } from './types';

export type LibraryRequest =
  /**
   * Save what the tab shows (its live page) and, for scope story, fetch the rest. Without tabId,
   * the sender's tab (the reader view's content script asks for its own page).
   */
  | { type: 'library-save'; tabId?: number; scope: 'chapter' | 'story' }
  /** Save a work by its address, all fetched (a story synced from another browser). */
  | { type: 'library-save-url'; url: string; title: string }
  /** Save the works the tab's series or works page lists, as one batch (all, or only those the library lacks). */
  | { type: 'library-save-batch'; tabId: number; onlyNew: boolean }
  | { type: 'library-cancel'; jobId: string }
  /** Look for new chapters of these saved works, or of every saved work in progress. */
  | { type: 'library-check'; storyIds?: string[] }
  /** The current jobs, newest first. */
  | { type: 'library-jobs' }
  /** Reading progress changed here: sync it to the reader's other browsers soon. */
  | { type: 'library-sync' };

export type LibraryReply = { ok: true; jobIds: string[]; jobs?: JobView[] } | { ok: false; error: string };

/** What the reading memory and the library hold of some stories: the known ones only. */
export interface Recalled {
  memory: MemoryRecord[];
  /** The ids of those the library holds. */
  saved: string[];
}

/** Sent by the background to every extension page whenever a job or the library changes. */
export interface LibraryEvent {
  type: 'library-event';
  jobs: JobView[];
  /** Stories saved, updated or removed since the last event: pages showing them reload them. */
  changed: string[];
}

/**
 * What the background asks of the save-job runner, each with its reply. Settings travel along:
 * the offscreen document has no storage API.
 */
export interface RunnerCalls {
  /** Save the tab's live page, and for scope story fetch the rest. Reply: the job's id. */
  'runner-enqueue-page': {
    request: {
      type: 'runner-enqueue-page';
      snapshot: { url: string; html: string };
      scope: 'chapter' | 'story';
      followAdultGate: boolean;
      runs: RunKind[];
    };
    reply: string;
  };
  /** Save a work by its address. Reply: the job's id. */
  'runner-enqueue-url': {
    request: { type: 'runner-enqueue-url'; url: string; title: string; followAdultGate: boolean; runs: RunKind[] };
    reply: string;
  };
  /** Look for new chapters (of these works, or of every work in progress). Reply: the jobs' ids. */
  'runner-enqueue-updates': {
    request: { type: 'runner-enqueue-updates'; storyIds: string[] | null; settings: RatingSettings; runs: RunKind[] };
    reply: string[];
  };
  /** Save the works a list page names, one after another (src/library/jobs/batch.ts). Reply: the batch job's id. */
  'runner-enqueue-batch': {
    request: {
      type: 'runner-enqueue-batch';
      snapshot: { url: string; html: string };
      site: string;
      onlyNew: boolean;
      followAdultGate: boolean;
      runs: RunKind[];
    };
    reply: string;
  };
  'runner-cancel': { request: { type: 'runner-cancel'; jobId: string }; reply: void };
  /** Carry on with jobs a restart cut off. */
  'runner-resume': { request: { type: 'runner-resume' }; reply: void };
  /** Import the reader's list the tab shows (imports/list-import.ts). */
  'runner-import': { request: { type: 'runner-import'; snapshot: { url: string; html: string }; as: ImportAs }; reply: ImportReply };
  'runner-import-status': { request: { type: 'runner-import-status' }; reply: ImportView | null };
  'runner-import-stop': { request: { type: 'runner-import-stop' }; reply: void };
  /** The WebDAV sync (dav/sync-service.ts): check a folder (reply: why it does not work, or null), sync, its status, forget the folder. */
  'runner-dav-check': { request: { type: 'runner-dav-check'; settings: DavSettings }; reply: string | null };
  'runner-dav-sync': { request: { type: 'runner-dav-sync'; settings: DavSettings; confirmDeletion: boolean }; reply: SyncStatus };
  'runner-dav-status': { request: { type: 'runner-dav-status' }; reply: SyncStatus };
  'runner-dav-forget': { request: { type: 'runner-dav-forget' }; reply: void };
  /** Fetch the text of a story kept in the folder (dav/awaiting.ts); reply: why it could not, or null. */
  'runner-dav-fetch': { request: { type: 'runner-dav-fetch'; settings: DavSettings; id: string }; reply: string | null };
}

export type { ImportView } from './imports/reading-lists';

/** The sync as the options page shows it: its status, and the folder it syncs with (no password). */
export interface DavView extends SyncStatus {
  connected: { url: string; user: string; deviceName: string; encrypted: boolean; shelf: boolean; keep: KeepTexts } | null;
}

/** The options page's calls to the background about the WebDAV sync. */
export interface DavCalls {
  /** Check the folder, ask nothing more of the reader, and keep the settings when it works. */
  'dav-connect': { request: { type: 'dav-connect'; settings: DavSettings }; reply: { ok: true } | { ok: false; error: string } };
  'dav-sync': { request: { type: 'dav-sync'; confirmDeletion: boolean }; reply: DavView };
  'dav-status': { request: { type: 'dav-status' }; reply: DavView };
  'dav-disconnect': { request: { type: 'dav-disconnect' }; reply: void };
  /** This device's choice of what to keep; the sync that follows fetches or leaves texts by it. */
  'dav-keep': { request: { type: 'dav-keep'; keep: KeepTexts }; reply: DavView };
  /** The offline reader opens a story whose text is in the folder. */
  'dav-fetch-story': { request: { type: 'dav-fetch-story'; id: string }; reply: { ok: true } | { ok: false; error: string } };
  /** The sync moved on (runner → every extension page). */
  'dav-event': { request: { type: 'dav-event'; status: SyncStatus }; reply: void };
}
export type ImportReply = { ok: true; view: ImportView } | { ok: false; error: string };

/** The popup asks the background to import the reader's list its tab shows, and follows it. */
export interface ImportCalls {
  'memory-import': { request: { type: 'memory-import'; tabId: number; as: ImportAs }; reply: ImportReply };
  /** The running import, or the last one. */
  'memory-import-status': { request: { type: 'memory-import-status' }; reply: ImportView | null };
  'memory-import-stop': { request: { type: 'memory-import-stop' }; reply: void };
  /** The import moved on (runner → every extension page). */
  'memory-import-event': { request: { type: 'memory-import-event'; view: ImportView }; reply: void };
}
