/**
 * Waiting for what happens in its own time (a browser, storage, a promise chain): a test waits
 * for the state it expects rather than for a fixed time, so it is as fast as the machine allows
 * and fails with a reason when the state never comes. (Component tests under Preact use
 * tests/lib/ui.ts, which lets Preact's effects run between checks.)
 */

/** How often a check runs: cheap next to a browser round trip, quick enough for unit tests. */
const INTERVAL_MS = 25;

/**
 * Resolves with `check`'s first truthy result. A check that throws counts as not yet (a page
 * navigating away, an extension page still starting). Throws, naming `what` and the last error,
 * after `timeoutMs`.
 */
export async function until<T>(
  check: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  }
}
