/**
 * The extension pages' side of the library: the database (opened in the page's own extension
 * origin) and the background's save jobs.
 */
import { sharedLibrary } from '../db/db';
import type { LibraryEvent, LibraryReply, LibraryRequest } from '../messages';
import { handle, send } from '../../core/ext/messaging';

/** The library, opened once per page. Extension pages only: never from a content script. */
export const libraryDb = sharedLibrary(() => indexedDB);

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
