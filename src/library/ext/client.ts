/**
 * Asking the background for the library's save jobs and hearing of their progress: what the
 * extension pages and the reader view's content script share. The database itself is in
 * ./library-db.ts, which a content script never imports (tests/unit/architecture.test.ts).
 */
import type { LibraryEvent, LibraryReply, LibraryRequest } from '../messages';
import { handle, send } from '../../core/ext/messaging';

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
