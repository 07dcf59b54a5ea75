/**
 * The parts of the rating gate a page needs only sometimes: the interstitial (a page over the
 * reader's limits), the listing's decisions, fold and count (an entry that may fold), and the
 * reading memory's marks on a listing's entries (a story the reader knows).
 * A site's always-on script leaves them out and asks the background to inject them
 * (content-scripts/gate-more.js, see ./gate-more-host.ts) the first time a page needs one; the
 * injected script runs in the same isolated world and leaves them under GATE_MORE.
 */
import type { showInterstitial } from './page-interstitial';
import type { foldEntry } from '../ui/fold';
import type { countFolds } from '../fold-count';
import type { Recalled } from '../../library/messages';
import type { judgeBlurb, ListedBlurb } from '../judge';
import { send } from '../../core/ext/send';

export interface GateMore {
  judgeBlurb: typeof judgeBlurb;
  showInterstitial: typeof showInterstitial;
  foldEntry: typeof foldEntry;
  countFolds: typeof countFolds;
  /** Marks the listing's entries the reading memory knows (src/library/memory/ui/marks.ts). */
  markEntries(entries: readonly ListedBlurb[], known: Recalled): void;
}

/** A symbol key of the content scripts' own global: the page's script never sees that world. */
export const GATE_MORE = Symbol.for('slipcase.gateMore');

type WithGateMore = typeof globalThis & { [GATE_MORE]?: GateMore };

let asked: Promise<GateMore> | null = null;

/** The lazy parts, injected once per page on first need. */
export function loadGateMore(): Promise<GateMore> {
  asked ??= (async () => {
    const here = (): GateMore | undefined => (globalThis as WithGateMore)[GATE_MORE];
    const parts = here() ?? ((await send({ type: 'gate-more' })) ? here() : undefined);
    if (!parts) throw new Error('Slipcase could not load the rest of its rating gate.');
    return parts;
  })();
  return asked;
}

/** Called by the injected script (src/entrypoints/gate-more.content.ts). */
export function leaveGateMore(parts: GateMore): void {
  (globalThis as WithGateMore)[GATE_MORE] = parts;
}
