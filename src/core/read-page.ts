/**
 * Reading a page with a given way of choosing its adapter: the always-on content script of one
 * site passes that site, so it bundles no other adapter; ./page.ts passes the whole registry.
 */
import type { PageReport } from './model';
import { holdsStory } from './model';
import type { SitePages } from '../sites/types';

/** The adapter that reads a page. */
export type AdapterPick = (doc: Document, url: URL) => SitePages;

/** The report of a page by the adapter that claimed it; content is left to the reader view. */
export function reportWith(adapter: SitePages, doc: Document, url: URL): PageReport {
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

/** A frame's document: in the browser a same-origin frame's contentDocument, null while it is unreadable. */
export type FrameOpener = (frame: Element, url: URL) => Document | null;

const contentDocument: FrameOpener = (frame) => (frame as HTMLFrameElement).contentDocument ?? null;
/** Framesets inside frames: followed this deep, no deeper. */
const FRAME_DEPTH = 3;

/**
 * The page to read. Old archives serve a <frameset> whose frame holds the story: then the first
 * same-origin frame (in page order, nested framesets included) that holds a story, read at its own
 * address; otherwise the page itself. A frame on another origin is never read.
 */
export function readablePageBy(
  pick: AdapterPick,
  doc: Document,
  url: string | URL,
  open: FrameOpener = contentDocument,
  depth = 0,
): { doc: Document; url: URL } {
  const u = new URL(url);
  if (depth >= FRAME_DEPTH || !doc.querySelector('frameset')) return { doc, url: u };
  for (const frame of Array.from(doc.querySelectorAll('frameset frame[src]'))) {
    let src: URL;
    try {
      src = new URL(frame.getAttribute('src') ?? '', doc.baseURI && doc.baseURI !== 'about:blank' ? doc.baseURI : u);
    } catch {
      continue;
    }
    if (src.origin !== u.origin) continue;
    const inner = open(frame, src);
    // A frame the reader has since navigated shows another page than its src: read it where it is.
    const at = inner && /^https?:/.test(inner.URL) ? new URL(inner.URL) : src;
    if (!inner || at.origin !== u.origin) continue;
    const found = readablePageBy(pick, inner, at, open, depth + 1);
    if (holdsStory(pick(found.doc, found.url).read(found.doc, found.url).kind)) return found;
  }
  return { doc, url: u };
}
