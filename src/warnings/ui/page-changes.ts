/**
 * Pages that change after they were read: a story put in by script after the gate looked, or a
 * page that swaps its whole body. The gate reads such a page again, a few times at most.
 *
 * A MutationObserver's callback runs before the browser paints the change, so `arrived` is told
 * there, in time to cover the new text; `settled` follows once the page has been quiet for a
 * moment, to read it again. After `maxRereads` re-reads the watch ends: a page that never stops
 * changing (a ticker, a chat) is not read for ever.
 */

export interface PageChangeHooks {
  /** Much new text arrived; called before it is painted. */
  arrived(): void;
  /** The page has been quiet since: read it again. */
  settled(): void;
}

export interface PageChangeOptions {
  /** Characters of text added or removed that count as a substantial change (about 100 words). */
  minChars: number;
  /** Quiet time before a re-read. */
  settleMs: number;
  maxRereads: number;
}

export const PAGE_CHANGE_DEFAULTS: PageChangeOptions = { minChars: 500, settleMs: 300, maxRereads: 3 };

/** Text added or removed by a batch of mutations, counted from the nodes themselves. */
function changedChars(records: MutationRecord[]): number {
  let n = 0;
  for (const r of records) {
    for (const node of [...Array.from(r.addedNodes), ...Array.from(r.removedNodes)]) n += node.textContent?.trim().length ?? 0;
  }
  return n;
}

/** Watches `doc` for substantial changes; returns the function that stops watching. */
export function watchPageChanges(doc: Document, hooks: PageChangeHooks, opts: PageChangeOptions = PAGE_CHANGE_DEFAULTS): () => void {
  let rereads = 0;
  let pending = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  // The document's own window: the content script's, or jsdom's in the tests.
  const Observer = doc.defaultView?.MutationObserver;
  if (!Observer) return () => undefined;
  const observer = new Observer((records) => {
    pending += changedChars(records);
    if (pending < opts.minChars) return;
    pending = 0;
    hooks.arrived();
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      rereads++;
      if (rereads >= opts.maxRereads) stop();
      hooks.settled();
    }, opts.settleMs);
  });
  const stop = () => {
    observer.disconnect();
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  return stop;
}
