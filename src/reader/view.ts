/**
 * The reader view of a page, and `readFullPage` with the story text: the page report from
 * ./page.ts plus the story body, the author's notes and the chapter navigation that the site
 * adapter picks out (./extract.ts). This module brings in Readability and DOMPurify, so the
 * always-on detection pass imports ./page.ts instead.
 */
import type { PageReport, ReaderView } from '../core/model';
import { holdsStory } from '../core/model';
import { adapterFor } from '../sites/registry';
import { reportWith } from '../core/page';
import { extractStory, inertCopy } from './extract';
import { estimateText } from '../warnings/estimate/estimate';
import { withSummary } from './summary-note';

export interface ReadOptions {
  /** Extract the story text too. */
  content?: boolean;
}

/**
 * The page report; with `content`, the story text as the reader shows it (null when the page has none).
 * Everything is read from an inert copy of `page` (see inertCopy); throws an ExtractionError, whose
 * message is for the reader, on a page too large or too slow to read.
 */
export function readFullPage(page: Document, url: string | URL, opts: ReadOptions = {}): PageReport {
  const u = new URL(url);
  const doc = inertCopy(page);
  const adapter = adapterFor(doc, u);
  const report = reportWith(adapter, doc, u);
  if (!opts.content || !holdsStory(report.kind)) return report;
  const content = extractStory(doc, u, adapter, report.title, { takeApart: doc !== page })?.content ?? null;
  // The estimate comes with the text it reads: present whenever content is (inspect contract).
  return { ...report, content, estimate: content ? estimateText(content.text) : null };
}

export interface ViewOptions {
  /**
   * Estimate the text's rating (default true): a chapter fetched in the reader is gated on it.
   * The page the reader opens on was judged when it loaded; its estimate would only delay the
   * first screen (30 ms of a 200k-word work's in Chromium), so it is left null there.
   */
  estimate?: boolean;
  /**
   * A staged view of a long story (extract.ts#ExtractOptions.firstChars): its first piece
   * sanitised now, the rest in `rest` when the reader gets to it. The reader's first screen alone
   * asks for it; on a 200k-word work, sanitising the whole took half the time to that screen.
   * A staged view has no estimate.
   */
  firstChars?: number;
}

/**
 * Everything the reader shows for a page, or null when the page holds no story text. Safe to call
 * on the live page: it is read from an inert copy, and throws an ExtractionError as readFullPage does.
 */
export function readerView(page: Document, url: string | URL, opts: ViewOptions = {}): ReaderView | null {
  const u = new URL(url);
  const doc = inertCopy(page);
  const adapter = adapterFor(doc, u);
  const report = reportWith(adapter, doc, u);
  if (!holdsStory(report.kind)) return null;
  const story = extractStory(doc, u, adapter, report.title, { takeApart: doc !== page, firstChars: opts.firstChars });
  if (!story) return null;
  // A staged view holds its first piece alone: it has no estimate of the whole to give.
  const estimate = opts.estimate === false || story.rest ? null : estimateText(story.content.text);
  const notes = withSummary(story.notes, report.summary, report.chapter?.index ?? 1, doc);
  const view: ReaderView = { report: { ...report, content: story.content, estimate }, content: story.content, notes, nav: story.nav };
  return story.rest ? { ...view, rest: story.rest } : view;
}
