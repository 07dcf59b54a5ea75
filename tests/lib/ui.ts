/**
 * Waiting in component tests (Preact under jsdom). IndexedDB, storage and Preact's effects answer
 * on timers, so a test waits for the state it expects, through `act`, rather than for a fixed time.
 */
import { act } from 'preact/test-utils';

/** Lets pending timers up to `ms`, storage and IndexedDB answers and Preact's effects run once. */
export const settle = (ms = 0): Promise<void> => act(() => new Promise<void>((r) => setTimeout(r, ms)));

/**
 * Settles until `check()` holds. Throws, naming `what`, after `timeoutMs` of real time, so a test
 * that waits for something that never comes fails with a reason instead of timing out silently.
 */
export async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await settle(10);
  }
}

/** jsdom's own object behind one of its DOM objects (its "impl"). vitest's global object stands for jsdom's window. */
function jsdomImpl(o: object): Record<string, unknown> {
  const impl = Object.getOwnPropertySymbols(o).find((s) => s.description === 'impl');
  if (impl) return (o as Record<symbol, unknown>)[impl] as Record<string, unknown>;
  const win = o === globalThis ? (globalThis as { jsdom?: { window: object } }).jsdom?.window : undefined;
  if (!win) throw new Error('not a jsdom object');
  return jsdomImpl(win);
}

/**
 * Dispatches `event` at `target` as the browser does for a person's input: trusted
 * (`event.isTrusted`), which Slipcase's page UI requires. jsdom makes every event a script
 * dispatches untrusted and keeps isTrusted unforgeable, so this goes through its own dispatch.
 */
export function dispatchTrusted(target: EventTarget, event: Event): boolean {
  const impl = jsdomImpl(event);
  impl.isTrusted = true;
  return (jsdomImpl(target)._dispatch as (e: unknown) => boolean).call(jsdomImpl(target), impl);
}

/** A person's click on an element: trusted, and none on a disabled control. */
export function personClick(el: Element): void {
  if (el.matches(':disabled')) return;
  const { MouseEvent } = el.ownerDocument.defaultView!;
  dispatchTrusted(el, new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, button: 0 }));
}

/** A person's click on an element, inside `act` so Preact renders what it causes. */
export const click = (el: Element | null | undefined): Promise<void> =>
  act(() => {
    if (!el) throw new Error('nothing to click');
    personClick(el);
  });
