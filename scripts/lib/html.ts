/** Node-side HTML loading for the CLI, tests and benchmarks: a real DOM (jsdom) at the page's URL. */
import { JSDOM } from 'jsdom';
import { parseInert } from '../../src/reader/extract';

export function parseHtml(html: string, url: string): Document {
  // Scripts stay off: archive pages are untrusted, and the extension reads the DOM as parsed.
  return new JSDOM(html, { url, contentType: 'text/html' }).window.document;
}

/**
 * The page as the extension reads a page it fetched (parseInert): inert and cleared of clobbering
 * names in place, in one document rather than parsed and then copied. Throws an ExtractionError
 * for a page too large to read.
 */
export function parseInertHtml(html: string, url: string): Document {
  const { window } = new JSDOM('', { url, contentType: 'text/html' });
  return parseInert(window as unknown as Window & typeof globalThis, html, url);
}

/** A cheap sniff for "this is an HTML document": a tag near the start and no NUL bytes. */
export function looksLikeHtml(text: string): boolean {
  if (text.includes('\u0000')) return false;
  return /<(!doctype\s+html|html|head|body|title|meta|div|p|table|frameset|center|font|span|h[1-6])[\s>/]/i.test(text.slice(0, 8192));
}
