/**
 * Sending and receiving the messages of src/core/messages.ts, typed by the map. Every listener
 * goes through handle(), so every incoming message passes parseMessage, and the check of who may
 * send it, before any handler sees it.
 */
import { browser, type Browser } from 'wxt/browser';
import { maySend, parseMessage, type Message, type MessageType, type Reply, type SenderKind } from '../messages';

export type Sender = Browser.runtime.MessageSender;
export type Handler<T extends MessageType> = (message: Message<T>, sender: Sender) => Reply<T> | Promise<Reply<T>>;
export type Handlers = { [T in MessageType]?: Handler<T> };

/**
 * Which of Slipcase's parts sent a message: one of its own pages or workers (its origin), a
 * content script (in a tab, on a page's address), or null for anything else.
 */
export function senderKind(sender: Sender): SenderKind | null {
  if (sender.id !== browser.runtime.id) return null;
  if (sender.url?.startsWith(browser.runtime.getURL('/'))) return 'extension';
  return sender.tab?.id !== undefined && sender.url ? 'content' : null;
}

/** The address of the page a content script runs in, when it is the top frame of its tab (it speaks for the tab). */
export function senderPage(sender: Sender): string | null {
  if (senderKind(sender) !== 'content' || sender.frameId !== 0) return null;
  return sender.url ?? null;
}

export { send } from './send';

/** Calls the handler of each well-formed incoming message of the handled types; returns the unsubscribe. */
export function handle(handlers: Handlers): () => void {
  const listener = (raw: unknown, sender: Sender): Promise<unknown> | undefined => {
    const message = parseMessage(raw);
    const handler = message && (handlers[message.type] as Handler<MessageType> | undefined);
    if (!message || !handler || !maySend(message.type, senderKind(sender))) return undefined;
    // An answer is a promise (the polyfill's way); no answer leaves the message to other listeners.
    const reply = handler(message, sender);
    return reply instanceof Promise ? reply : reply === undefined ? undefined : Promise.resolve(reply);
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
