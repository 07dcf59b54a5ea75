/**
 * The reader view of a page, and `readFullPage` with the story text, asking the whole registry:
 * for the library, the tests and the `inspect` CLI. The page report from ../core/page.ts plus the
 * story body, the author's notes and the chapter navigation that the site adapter picks out
 * (./extract.ts). This module brings in Readability and DOMPurify, so the always-on detection pass
 * imports ../core/page.ts instead; the reader's content script, ./read-view.ts.
 */
import type { PageReport, ReaderView } from '../core/model';
import { holdsStory } from '../core/model';
import { adapterFor } from '../sites/registry';
import { reportWith } from '../core/page';
import { extractStory, inertCopy } from './extract';
import { estimateText } from '../warnings/estimate/estimate';
import { readerViewBy, type ViewOptions } from './read-view';

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

/** Everything the reader shows for a page (./read-view.ts), its site found in the whole registry. */
export function readerView(page: Document, url: string | URL, opts: ViewOptions = {}): ReaderView | null {
  return readerViewBy(adapterFor, page, url, opts);
}
