/** The lazy parts of the rating gate (see ./gate-more.ts), bundled where they are wanted. */
import type { GateMore } from './gate-more';
import { estimateStory } from '../estimate/story-words';
import { judgeBlurb, judged } from '../judge';
import { decide } from '../policy';
import { buildInterstitial, mountInterstitial } from '../ui/interstitial';
import { foldEntry } from '../ui/fold';
import { countFolds } from '../fold-count';
import { placeMarks } from '../../library/memory/ui/marks';

export const GATE_MORE_PARTS: GateMore = {
  judge: (report, doc, url, adapter, settings) => judged(report, doc, url, adapter, settings, estimateStory),
  judgeBlurb,
  decide,
  buildInterstitial,
  mountInterstitial,
  foldEntry,
  countFolds,
  placeMarks,
};
