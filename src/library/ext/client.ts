/**
 * The extension pages' side of the library: the database (opened in the page's own extension
 * origin) and the background's save jobs.
 */
import { openLibrary, type LibraryDb } from '../db/db';
import type { LibraryEvent, LibraryReply, LibraryRequest } from '../messages';
import { handle, send } from '../../core/ext/messaging';

let opening: Promise<LibraryDb> | null = null;

/** The library, opened once per page. Extension pages only: never from a content script. */
export function libraryDb(): Promise<LibraryDb> {
  opening ??= openLibrary(indexedDB).then(
    (library) => {
      // The connection closes itself for a newer version (db.ts): open afresh next time.
      library.addEventListener('versionchange', () => (opening = null));
      return library;
    },
    (e: unknown) => {
      opening = null;
      throw e;
    },
  );
  return opening;
}

/** Asks the background to start, cancel or list save jobs. */
export async function askLibrary(request: LibraryRequest): Promise<LibraryReply> {
  try {
    return (await send(request)) ?? { ok: false, error: 'Slipcase did not answer.' };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Calls `onEvent` for every job progress or library change; returns the unsubscribe. */
export function watchLibrary(onEvent: (event: LibraryEvent) => void): () => void {
  return handle({ 'library-event': (event) => onEvent(event) });
}
