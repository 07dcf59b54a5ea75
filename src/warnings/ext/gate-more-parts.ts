/** The lazy parts of the rating gate (see ./gate-more.ts), bundled where they are wanted. */
import type { GateMore } from './gate-more';
import { judgeBlurb } from '../judge';
import { showInterstitial } from './page-interstitial';
import { foldEntry } from '../ui/fold';
import { countFolds } from '../fold-count';
import { placeMarks } from '../../library/memory/ui/marks';
import { storyKey } from '../policy';

export const GATE_MORE_PARTS: GateMore = {
  judgeBlurb,
  showInterstitial,
  foldEntry,
  countFolds,
  markEntries: (entries, known) => {
    placeMarks(
      entries.map((e) => ({ element: e.element, id: storyKey(e.report), url: e.report.url, posted: e.posted })),
      known,
    );
  },
};
