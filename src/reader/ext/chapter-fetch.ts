/**
 * Another chapter, read without leaving the reader: fetched from the page's own site with its
 * cookies (so logged-in and age-gate choices still count), parsed inert with DOMParser, and read
 * with the same readerView as the page itself.
 */
import type { ReaderView } from '../../core/model';
import { readerView } from '../view';

/** Only the page's own origin: anything else is left to a normal navigation. */
export function canFetchInPlace(url: string, pageUrl: string): boolean {
  return new URL(url).origin === new URL(pageUrl).origin;
}

/**
 * The page's text from its bytes, decoded as a browser would: the header's charset, else a byte
 * order mark, else a <meta> charset in the first 1024 bytes, else UTF-8 if it is valid, else
 * windows-1252 (what old archives without a declaration meant).
 */
export function decodeHtml(bytes: ArrayBuffer, contentType: string | null): string {
  const declared = charsetFrom(contentType) ?? bomCharset(new Uint8Array(bytes)) ?? metaCharset(bytes);
  if (declared) {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // An unknown label: fall through to the guesses below.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function charsetFrom(s: string | null): string | null {
  return s?.match(/charset\s*=\s*["']?([\w.:-]+)/i)?.[1] ?? null;
}

function bomCharset(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  return null;
}

function metaCharset(bytes: ArrayBuffer): string | null {
  const head = new TextDecoder('windows-1252').decode(bytes.slice(0, 1024));
  for (const meta of head.match(/<meta[^>]*>/gi) ?? []) {
    const direct = meta.match(/charset\s*=\s*["']?([\w.:-]+)/i)?.[1];
    if (direct) return direct;
  }
  return null;
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
  const doc = new DOMParser().parseFromString(html, 'text/html');
  // A parsed document takes the current page's address; relative links must resolve against its own.
  if (!doc.querySelector('base[href]')) {
    const base = doc.createElement('base');
    base.href = finalUrl;
    doc.head.prepend(base);
  }
  // A parsed document has no window, and the extraction asks the document for one to build its
  // sanitiser on; this page's window serves, and nothing of the parsed page runs in it.
  Object.defineProperty(doc, 'defaultView', { value: window });
  return { view: readerView(doc, finalUrl), url: finalUrl };
}
