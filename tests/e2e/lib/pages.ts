/**
 * Corpus pages by the address they are served at. The tests name pages by URL, not by file: the
 * routes serve each page under its real URL wherever the corpus keeps the file.
 */
import { corpusPages, type Expected } from '../../lib/corpus';

const byUrl = new Map(corpusPages().map((p) => [p.expected.url, p.expected]));

/** The ground truth of the corpus page served at `url`. */
export function pageAt(url: string): Expected {
  const expected = byUrl.get(url);
  if (!expected) throw new Error(`no corpus page at ${url}`);
  return expected;
}

/** Every corpus page's ground truth. */
export function allPages(): Expected[] {
  return [...byUrl.values()];
}

/** A file-name-safe form of `url`, for screenshots. */
export function screenshotName(url: string): string {
  return url.replace(/^\w+:\/\//, '').replace(/[^\w-]+/g, '_');
}
