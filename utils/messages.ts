/** Messages between the content script and the background. Types only. */
import type { PageReport } from './model';

/** The content script read its page. */
export interface PageReportMessage {
  type: 'page-report';
  report: PageReport;
}

export type SlipcaseMessage = PageReportMessage;

export function isSlipcaseMessage(m: unknown): m is SlipcaseMessage {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'page-report';
}
