/**
 * Sending one of the messages of src/core/messages.ts, on its own: the sites' always-on scripts
 * send and never listen, and ./messaging.ts's listener brings every message's shape check.
 */
import { browser } from 'wxt/browser';
import type { Message, Reply } from '../messages';

/** Sends to the extension's other contexts; resolves with the first answer (undefined when none answered). */
export function send<M extends Message>(message: M): Promise<Reply<M['type']> | undefined> {
  return browser.runtime.sendMessage(message) as Promise<Reply<M['type']> | undefined>;
}
