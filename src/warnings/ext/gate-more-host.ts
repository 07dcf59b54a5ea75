/**
 * The background's side of ./gate-more.ts: injects the gate's lazy parts into the frame of the
 * content script that asks. Only Slipcase's own content scripts may ask (core/messages.ts), and only
 * into their own frame, on a page where Slipcase already runs.
 */
import { browser } from 'wxt/browser';
import type { Handlers } from '../../core/ext/messaging';

const FILE = '/content-scripts/gate-more.js';

export const gateMoreHandlers: Handlers = {
  'gate-more': async (_message, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return false;
    await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: [FILE] });
    return true;
  },
};
