/**
 * The background's way to the save-job runner (./runner-host.ts). Firefox's background
 * is a page with a DOM, so the runner lives right there. Chrome's service worker has no DOM, so
 * the runner lives in an offscreen document, opened on demand; it stays open while Chrome runs
 * and outlives the worker's idle stops, so a long save is not cut off with the worker.
 */
import type { LibraryEvent } from '../messages';
import type { Reply } from '../../core/messages';
import { send } from '../../core/ext/messaging';
import { startRunnerHost, type RunnerHost } from './runner-host';

export const OFFSCREEN_PAGE = '/offscreen.html';

/** The runner in this very page (Firefox's background). */
export function localHost(onEvent: (event: LibraryEvent) => void, ready: Promise<void> = Promise.resolve()): RunnerHost {
  // Started once what the runner reads pages with (the reader's site rules) is in force.
  const host = ready.then(() => startRunnerHost(onEvent));
  return { call: async (message) => (await host).call(message) };
}

let creating: Promise<void> | null = null;

async function ensureOffscreen(): Promise<void> {
  const url = chrome.runtime.getURL(OFFSCREEN_PAGE);
  const open = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT], documentUrls: [url] });
  if (open.length) return;
  // Two calls at once would both try to create it; the second would throw.
  creating ??= chrome.offscreen
    .createDocument({
      url: OFFSCREEN_PAGE,
      reasons: [chrome.offscreen.Reason.DOM_PARSER],
      justification: 'Parse and sanitise fetched story pages to save them in the offline library.',
    })
    .finally(() => (creating = null));
  await creating;
}

/** The runner in Chrome's offscreen document, opened first if need be. */
export function offscreenHost(): RunnerHost {
  return {
    async call(message) {
      await ensureOffscreen();
      return (await send(message)) as Reply<(typeof message)['type']>;
    },
  };
}
