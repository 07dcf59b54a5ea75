/**
 * Messages about the offline library, between the extension's pages (popup, library, offline
 * reader, the reader view's content script) and the background, which runs the save jobs. Types
 * and guards only.
 */
import type { SaveResult } from './db/save';

/** chapter: the open page only; story: the whole work; update: the chapters a saved work lacks. */
export type JobScope = 'chapter' | 'story' | 'update';

/**
 * queued: waiting its turn; running: fetching or saving; waiting: holding off before the next
 * request (politeness, or the site asked to slow down); done, failed, cancelled: finished.
 */
export type JobState = 'queued' | 'running' | 'waiting' | 'done' | 'failed' | 'cancelled';

/** What the pages show of a save job. */
export interface JobView {
  id: string;
  scope: JobScope;
  /** The page the job started from. */
  url: string;
  title: string;
  /** The library id of the story, once known. */
  storyId: string | null;
  state: JobState;
  /** Pages fetched or chapters saved so far, of `total` (null while unknown). */
  done: number;
  total: number | null;
  /** A sentence for the reader: what is happening, or what went wrong. */
  message: string | null;
  /** How the save ended (state done). */
  outcome: SaveResult['outcome'] | null;
  createdAt: number;
  updatedAt: number;
}

export type LibraryRequest =
  /**
   * Save what the tab shows (its live page) and, for scope story, fetch the rest. Without tabId,
   * the sender's tab (the reader view's content script asks for its own page).
   */
  | { type: 'library-save'; tabId?: number; scope: 'chapter' | 'story' }
  /** Save a work by its address, all fetched (a story synced from another browser). */
  | { type: 'library-save-url'; url: string; title: string }
  | { type: 'library-cancel'; jobId: string }
  /** Look for new chapters of these saved works, or of every saved work in progress. */
  | { type: 'library-check'; storyIds?: string[] }
  /** The current jobs, newest first. */
  | { type: 'library-jobs' }
  /** Reading progress changed here: sync it to the reader's other browsers soon. */
  | { type: 'library-sync' };

export type LibraryReply =
  | { ok: true; jobIds: string[]; jobs?: JobView[] }
  | { ok: false; error: string };

/** Sent by the background to every extension page whenever a job or the library changes. */
export interface LibraryEvent {
  type: 'library-event';
  jobs: JobView[];
  /** Stories saved, updated or removed since the last event: pages showing them reload them. */
  changed: string[];
}

const LIBRARY_REQUESTS = new Set(['library-save', 'library-save-url', 'library-cancel', 'library-check', 'library-jobs', 'library-sync']);

export function isLibraryRequest(m: unknown): m is LibraryRequest {
  return typeof m === 'object' && m !== null && LIBRARY_REQUESTS.has((m as { type?: unknown }).type as string);
}

export function isLibraryEvent(m: unknown): m is LibraryEvent {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'library-event';
}
