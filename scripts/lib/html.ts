/** Node-side HTML loading for the CLI, tests and benchmarks: a real DOM (jsdom) at the page's URL. */
import { JSDOM } from 'jsdom';

export function parseHtml(html: string, url: string): Document {
  // Scripts stay off: archive pages are untrusted, and the extension reads the DOM as parsed.
  return new JSDOM(html, { url, contentType: 'text/html' }).window.document;
}

/** A cheap sniff for "this is an HTML document": a tag near the start and no NUL bytes. */
export function looksLikeHtml(text: string): boolean {
  if (text.includes('\u0000')) return false;
  return /<(!doctype\s+html|html|head|body|title|meta|div|p|table|frameset|center|font|span|h[1-6])[\s>/]/i.test(text.slice(0, 8192));
}
