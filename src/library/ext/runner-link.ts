/**
 * The background's way to the save-job runner (./library-runner-host.ts). Firefox's background
 * is a page with a DOM, so the runner lives right there. Chrome's service worker has no DOM, so
 * the runner lives in an offscreen document, opened on demand; it stays open while Chrome runs
 * and outlives the worker's idle stops, so a long save is not cut off with the worker.
 */
import { browser } from 'wxt/browser';
import type { LibraryEvent } from '../messages';
import { startRunnerHost, type RunnerCall, type RunnerHost } from './runner-host';

export const OFFSCREEN_PAGE = '/offscreen.html';

/** A RunnerCall on its way to the offscreen document. */
export interface RunnerMessage {
  type: 'runner-call';
  call: RunnerCall;
}

export function isRunnerMessage(m: unknown): m is RunnerMessage {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'runner-call';
}

/** The runner in this very page (Firefox's background). */
export function localHost(onEvent: (event: LibraryEvent) => void): RunnerHost {
  const host = startRunnerHost(onEvent);
  return { call: async (call) => (await host).call(call) };
}

let creating: Promise<void> | null = null;

async function ensureOffscreen(): Promise<void> {
  const url = chrome.runtime.getURL(OFFSCREEN_PAGE);
  const open = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT], documentUrls: [url] });
  if (open.length) return;
  // Two calls at once would both try to create it; the second would throw.
  creating ??= chrome.offscreen
    .createDocument({ url: OFFSCREEN_PAGE, reasons: [chrome.offscreen.Reason.DOM_PARSER], justification: 'Parse and sanitise fetched story pages to save them in the offline library.' })
    .finally(() => (creating = null));
  await creating;
}

/** The runner in Chrome's offscreen document, opened first if need be. */
export function offscreenHost(): RunnerHost {
  return {
    async call(call) {
      await ensureOffscreen();
      return browser.runtime.sendMessage({ type: 'runner-call', call } satisfies RunnerMessage);
    },
  };
}
