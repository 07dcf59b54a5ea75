/**
 * Reading a page: the entry point the content script, the tests and the `inspect` CLI share. This
 * is the light detection pass (kind, metadata, rating) that runs on every archive page, so it
 * reads no story text and pulls in no libraries: the story text and the reader view live in
 * ../reader/view.ts, which adds Readability and DOMPurify.
 */
import type { PageReport } from './model';
import { adapterFor } from '../sites/registry';
import { readablePageBy, reportWith, type FrameOpener } from './read-page';

export { reportWith, type FrameOpener };

export function detectPage(doc: Document, url: string | URL): PageReport {
  const u = new URL(url);
  return reportWith(adapterFor(doc, u), doc, u);
}

/** The page to read (see readablePageBy), its frames judged by the whole registry. */
export function readablePage(doc: Document, url: string | URL, open?: FrameOpener): { doc: Document; url: URL } {
  return readablePageBy(adapterFor, doc, url, open);
}
