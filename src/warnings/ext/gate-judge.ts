/**
 * A site's always-on script asks the background for its page's decision (./gate-judge-host.ts):
 * the estimate of a long chapter's text, and the decision's code, then cost the page's main
 * thread nothing. The script reads the page and its text itself (judge.ts#textToEstimate).
 */
import type { PageReport } from '../../core/model';
import type { PageJudgement } from '../judge';
import type { RatingSettings } from '../policy';
import { send } from '../../core/ext/send';

export async function judgeInBackground(report: PageReport, text: string | null, settings: RatingSettings): Promise<PageJudgement> {
  // A listing's report follows with the count of what the gate folded (page-gate.ts#foldListing).
  const keep = report.kind !== 'listing';
  const judged = await send({ type: 'gate-judge', report, text, settings, keep });
  if (!judged) throw new Error('Slipcase could not judge this page.');
  return { ...judged, kept: keep };
}
