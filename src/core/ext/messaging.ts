/**
 * Sending and receiving the messages of src/core/messages.ts, typed by the map. Every listener
 * goes through handle(), so every incoming message passes parseMessage before any handler sees it.
 */
import { browser, type Browser } from 'wxt/browser';
import { parseMessage, type Message, type MessageType, type Reply } from '../messages';

export type Sender = Browser.runtime.MessageSender;
export type Handler<T extends MessageType> = (message: Message<T>, sender: Sender) => Reply<T> | Promise<Reply<T>>;
export type Handlers = { [T in MessageType]?: Handler<T> };

/** Sends to the extension's other contexts; resolves with the first answer (undefined when none answered). */
export function send<M extends Message>(message: M): Promise<Reply<M['type']> | undefined> {
  return browser.runtime.sendMessage(message) as Promise<Reply<M['type']> | undefined>;
}

/** Calls the handler of each well-formed incoming message of the handled types; returns the unsubscribe. */
export function handle(handlers: Handlers): () => void {
  const listener = (raw: unknown, sender: Sender): Promise<unknown> | undefined => {
    const message = parseMessage(raw);
    const handler = message && (handlers[message.type] as Handler<MessageType> | undefined);
    if (!message || !handler) return undefined;
    // An answer is a promise (the polyfill's way); no answer leaves the message to other listeners.
    const reply = handler(message, sender);
    return reply instanceof Promise ? reply : reply === undefined ? undefined : Promise.resolve(reply);
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
