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

/** A click on an element, inside `act` so Preact renders what it causes. */
export const click = (el: Element | null | undefined): Promise<void> =>
  act(() => {
    if (!el) throw new Error('nothing to click');
    (el as HTMLElement).click();
  });
