/**
 * Issuing many IndexedDB requests at once. Waiting for each before issuing the next costs a round
 * trip per request; issuing them together lets the database pipeline them.
 */

/**
 * Issues one request per item and waits for all. Should issuing one throw (IndexedDB throws
 * synchronously for some errors), the ones already issued are still waited for, so none of them
 * rejects unhandled when the transaction is then aborted.
 */
export async function each<T>(items: Iterable<T>, issue: (item: T) => Promise<unknown>): Promise<void> {
  const pending: Promise<unknown>[] = [];
  try {
    for (const item of items) pending.push(issue(item));
  } catch (e) {
    await Promise.allSettled(pending);
    throw e;
  }
  await Promise.all(pending);
}
