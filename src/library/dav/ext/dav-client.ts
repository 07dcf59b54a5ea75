/**
 * The options page's way to the WebDAV sync: the browser's permission for the folder's server
 * (asked from the reader's click, as the browser requires), and the background's dav-* calls.
 */
import { browser } from 'wxt/browser';
import { handle, send } from '../../../core/ext/messaging';
import type { DavView } from '../../messages';
import { folderPermission, type DavSettings } from '../dav-settings';
import type { SyncServices } from '../ui/SyncSection';

const failed = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Fetches the text of a story kept in the sync folder (dav/awaiting.ts): null when it is here now, else why not. */
export async function fetchFromFolder(id: string): Promise<string | null> {
  const reply = await send({ type: 'dav-fetch-story', id }).catch((e: unknown) => ({ ok: false, error: failed(e) }) as const);
  return !reply ? 'Slipcase did not answer.' : reply.ok ? null : reply.error;
}

export const syncServices: SyncServices = {
  async allow(urls) {
    // A browser without optional permissions (none today) cannot reach a server it was not built for.
    if (typeof browser.permissions?.request !== 'function') return false;
    return browser.permissions.request({ origins: [...new Set(urls.map(folderPermission))] });
  },
  connect: (settings: DavSettings) =>
    send({ type: 'dav-connect', settings }).then(
      (reply) => reply ?? { ok: false, error: 'Slipcase did not answer.' },
      (e: unknown) => ({ ok: false, error: failed(e) }),
    ),
  sync: (confirmDeletion) => send({ type: 'dav-sync', confirmDeletion }) as Promise<DavView>,
  status: () => send({ type: 'dav-status' }) as Promise<DavView>,
  disconnect: () => send({ type: 'dav-disconnect' }).then(() => undefined),
  keep: (keep) => send({ type: 'dav-keep', keep }) as Promise<DavView>,
  watch: (onStatus) => handle({ 'dav-event': (event) => onStatus(event.status) }),
};
