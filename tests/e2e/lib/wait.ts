/** Polling for what a browser does in its own time. */

/** Resolves with `fn`'s first truthy result; throws, naming `what`, after `timeout` ms. */
export async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
