/**
 * Asking the background for the library's save jobs and hearing of their progress: what the
 * extension pages and the reader view's content script share. The database itself is in
 * ./library-db.ts, which a content script never imports (tests/unit/architecture.test.ts).
 */
import type { ImportReply, ImportView, LibraryEvent, LibraryReply, LibraryRequest } from '../messages';
import type { ImportAs } from '../imports/reading-lists';
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

/** The popup's way to import the reader's list its tab shows, and to follow it. */
export const importClient = {
  start: (tabId: number, as: ImportAs): Promise<ImportReply> =>
    send({ type: 'memory-import', tabId, as }).then(
      (reply) => reply ?? { ok: false, error: 'Slipcase did not answer.' },
      (e: unknown) => ({ ok: false, error: e instanceof Error ? e.message : String(e) }),
    ),
  status: (): Promise<ImportView | null> =>
    send({ type: 'memory-import-status' }).then(
      (v) => v ?? null,
      () => null,
    ),
  stop: (): Promise<void> => send({ type: 'memory-import-stop' }).catch(() => undefined),
  watch: (onView: (view: ImportView) => void): (() => void) => handle({ 'memory-import-event': (event) => onView(event.view) }),
};
