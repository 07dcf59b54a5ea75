/** Messages between the content script and the background. Types only. */
import type { PageReport } from './model';
import type { Decision } from '../warnings/policy';

/**
 * The content script read its page. Sent again when the decision changes (the reader allowed the
 * story from the popup, or changed the settings).
 */
export interface PageReportMessage {
  type: 'page-report';
  /** An unrated work's report carries the estimate of its text, so decide(report, settings) anywhere gives `decision`. */
  report: PageReport;
  /** The rating gate's decision for the page under the reader's settings now. */
  decision: Decision;
}

export type SlipcaseMessage = PageReportMessage;

export function isSlipcaseMessage(m: unknown): m is SlipcaseMessage {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'page-report';
}
