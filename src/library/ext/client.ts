/**
 * The extension pages' side of the library: the database (opened in the page's own extension
 * origin) and the background's save jobs.
 */
import { browser } from 'wxt/browser';
import { openLibrary, type LibraryDb } from '../db/db';
import { isLibraryEvent, type LibraryEvent, type LibraryReply, type LibraryRequest } from '../messages';

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
    return ((await browser.runtime.sendMessage(request)) as LibraryReply | undefined) ?? { ok: false, error: 'Slipcase did not answer.' };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Calls `onEvent` for every job progress or library change; returns the unsubscribe. */
export function watchLibrary(onEvent: (event: LibraryEvent) => void): () => void {
  const listener = (message: unknown) => {
    if (isLibraryEvent(message)) onEvent(message);
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
