/**
 * Another chapter, read without leaving the reader: fetched from the page's own site with its
 * cookies (so logged-in and age-gate choices still count), parsed inert with DOMParser, and read
 * with the same sites as the page itself (src/sites/reader-sites.ts).
 */
import type { ReaderView } from '../../core/model';
import { parseInert } from '../extract';
import { readerViewBy } from '../read-view';
import { readerPick } from '../../sites/reader-sites';
import { decodeHtml } from '../../core/decode-html';

/** Only the page's own origin: anything else is left to a normal navigation. */
export function canFetchInPlace(url: string, pageUrl: string): boolean {
  return new URL(url).origin === new URL(pageUrl).origin;
}

/** The page's fetch: Firefox's content.fetch sends the request as the page would (its Origin and Referer). */
function pageFetch(): typeof fetch {
  const pageWindow = (globalThis as { content?: { fetch?: typeof fetch } }).content;
  return pageWindow?.fetch ? pageWindow.fetch.bind(pageWindow) : fetch;
}

/** The reader view of the chapter at `url`, or null when it holds no readable text. */
export async function fetchReaderView(url: string, signal?: AbortSignal): Promise<{ view: ReaderView | null; url: string }> {
  const response = await pageFetch()(url, { credentials: 'include', signal });
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  const finalUrl = response.url || url;
  const html = decodeHtml(await response.arrayBuffer(), response.headers.get('content-type'));
  // Parsed where nothing of it runs, its links resolving against its own address (see parseInert).
  const doc = parseInert(window, html, finalUrl);
  return { view: readerViewBy(readerPick(), doc, finalUrl), url: finalUrl };
}
