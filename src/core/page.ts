/**
 * Reading a page: the entry point the content script, the tests and the `inspect` CLI share. This
 * is the light detection pass (kind, metadata, rating) that runs on every archive page, so it
 * reads no story text and pulls in no libraries: `detectPage` with `{ content: true }` and the
 * reader view live in ./reader-view.ts, which adds Readability and DOMPurify.
 */
import type { PageReport } from './model';
import type { SiteAdapter } from '../sites/types';
import { adapterFor } from '../sites/registry';

export function detectPage(doc: Document, url: string | URL): PageReport {
  const u = new URL(url);
  return reportWith(adapterFor(doc, u), doc, u);
}

/** The report of a page by the adapter that claimed it; content is left to the reader view. */
export function reportWith(adapter: SiteAdapter, doc: Document, url: URL): PageReport {
  const info = adapter.read(doc, url);
  // Key order follows the inspect contract so the CLI's JSON reads the same way.
  return {
    url: url.href,
    kind: info.kind,
    site: adapter.id,
    title: info.title,
    author: info.author,
    fandoms: info.fandoms,
    summary: info.summary,
    rating: info.rating,
    estimate: null,
    warnings: info.warnings,
    warningsHidden: info.warningsHidden,
    tags: info.tags,
    chapter: info.chapter,
    words: info.words,
    content: null,
  };
}
