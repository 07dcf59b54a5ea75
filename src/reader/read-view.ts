/**
 * The reader view of a page among a given list of sites (src/sites/pick.ts): the reader's content
 * script asks only the sites it carries (src/sites/reader-sites.ts), so nothing here imports the
 * registry. ./view.ts asks the whole registry, for the library, the tests and the `inspect` CLI.
 */
import type { ReaderView } from '../core/model';
import { holdsStory } from '../core/model';
import type { SitePick } from '../sites/pick';
import { reportWith } from '../core/read-page';
import { extractStory, inertCopy } from './extract';
import { estimateText } from '../warnings/estimate/estimate';
import { withSummary } from './summary-note';

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
 * on the live page: it is read from an inert copy, and throws an ExtractionError as
 * extract.ts#extractStory does on a page too large or too slow to read.
 */
export function readerViewBy(pick: SitePick, page: Document, url: string | URL, opts: ViewOptions = {}): ReaderView | null {
  const u = new URL(url);
  const doc = inertCopy(page);
  const adapter = pick(doc, u);
  const report = reportWith(adapter, doc, u);
  if (!holdsStory(report.kind)) return null;
  const story = extractStory(doc, u, adapter, report.title, { takeApart: doc !== page, firstChars: opts.firstChars });
  if (!story) return null;
  // A staged view holds its first piece alone: it has no estimate of the whole to give.
  const estimate = opts.estimate === false || story.rest ? null : estimateText(story.content.text);
  const notes = withSummary(story.notes, report.summary, report.chapter?.index ?? 1, doc);
  const view: ReaderView = {
    report: { ...report, content: story.content, estimate },
    siteName: adapter.name,
    content: story.content,
    notes,
    nav: story.nav,
  };
  return story.rest ? { ...view, rest: story.rest } : view;
}
