/**
 * The parts of the rating gate a page needs only sometimes: the decision and the text estimator
 * (a work page that anything could gate, policy.ts#mayGate),
 * the interstitial (a page over the reader's limits), the listing fold and its count (an entry over them)
 * and the reading memory's marks on a listing's entries (a story the reader knows).
 * A site's always-on script leaves them out and asks the background to inject them
 * (content-scripts/gate-more.js, see ./gate-more-host.ts) the first time a page needs one; the
 * injected script runs in the same isolated world and leaves them under GATE_MORE.
 */
import type { PageReport } from '../../core/model';
import type { SitePages } from '../../sites/types';
import type { judgeBlurb, PageJudgement } from '../judge';
import type { decide, RatingSettings } from '../policy';
import type { buildInterstitial, mountInterstitial } from '../ui/interstitial';
import type { foldEntry } from '../ui/fold';
import type { countFolds } from '../fold-count';
import type { placeMarks } from '../../library/memory/ui/marks';
import { send } from '../../core/ext/send';

export interface GateMore {
  /** The report's decision, with its text's estimate where it needs one (judge.ts#judged). */
  judge(report: PageReport, doc: Document, url: URL, adapter: SitePages, settings: RatingSettings): PageJudgement;
  judgeBlurb: typeof judgeBlurb;
  decide: typeof decide;
  buildInterstitial: typeof buildInterstitial;
  mountInterstitial: typeof mountInterstitial;
  foldEntry: typeof foldEntry;
  countFolds: typeof countFolds;
  placeMarks: typeof placeMarks;
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
