/**
 * Reading a page: the one entry point the content script, the tests and the `inspect` CLI share.
 */
import type { PageReport } from './model';
import { adapterFor } from './sites';

export interface ReadOptions {
  /** Extract the story text too (reader view). Off for the always-on detection pass. */
  content?: boolean;
}

export function readPage(doc: Document, url: string | URL, _opts: ReadOptions = {}): PageReport {
  const u = new URL(url);
  const adapter = adapterFor(doc, u);
  const info = adapter.read(doc, u);
  // Key order follows the inspect contract so the CLI's JSON reads the same way.
  return {
    url: u.href,
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
