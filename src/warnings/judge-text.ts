/**
 * The decision on a page report, with the estimate of its story text where it needs one: what the
 * background answers a site's script with (./ext/gate-judge-host.ts), and the generic script and
 * ./judge-page.ts run in place. Apart from ./judge.ts so the always-on scripts leave the estimator out.
 */
import type { PageReport } from '../core/model';
import type { SitePages } from '../sites/types';
import { decide, type RatingSettings } from './policy';
import { estimateText } from './estimate/estimate';
import { needsEstimate, textToEstimate, type PageJudgement } from './judge';

/**
 * The report with the estimate of `text` where it needs one, and the decision on it. A null
 * `text` keeps the report's own estimate: none for a page without story text, or the one a
 * report judged before already carries.
 */
export function judgedText(report: PageReport, text: string | null, settings: RatingSettings): PageJudgement {
  const full = text !== null && needsEstimate(report, settings) ? { ...report, estimate: estimateText(text) } : report;
  return { report: full, decision: decide(full, settings) };
}

/** The report with its estimate where it needs one, and the decision on it. */
export function judged(report: PageReport, doc: Document, url: URL, adapter: SitePages, settings: RatingSettings): PageJudgement {
  return judgedText(report, textToEstimate(report, doc, url, adapter, settings), settings);
}
