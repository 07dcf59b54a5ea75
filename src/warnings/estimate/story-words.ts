/**
 * The story's words for the text estimate, read in the always-on detection pass. The reader's
 * extraction (./extract.ts) brings in Readability and DOMPurify; this needs neither: it copies
 * the nodes the site adapter points at into an inert document, drops what the adapter and the
 * reader never count as story, and reads the text in lines. Where the adapter finds nothing, the
 * text of its cover elements stands in.
 */
import type { SitePages } from '../../sites/types';
import type { Estimate } from '../../core/model';
import { $$, textLines } from '../../core/dom';
import { estimateText } from './estimate';

/** Never story text, as in the reader's extraction. */
const ALWAYS_DROP = 'script, style, noscript, template, [hidden]';
const STYLE_HIDDEN = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;

/** The story text of a page, blocks separated by newlines; null when the adapter finds no story there. */
export function pageStoryText(doc: Document, url: URL, adapter: SitePages): string | null {
  const found = adapter.extract(doc, url);
  const nodes = found?.body ?? outermost(adapter.cover.flatMap((s) => $$(doc, s)));
  if (nodes.length === 0) return null;
  // Copies only: the live page is not touched, and nothing in the inert document loads or runs.
  const inert = doc.implementation.createHTMLDocument('');
  const box = inert.createElement('div');
  for (const n of nodes) box.append(inert.importNode(n, true));
  const drop = [ALWAYS_DROP, ...(found?.drop ?? [])].join(', ');
  for (const e of Array.from(box.querySelectorAll(drop))) e.remove();
  for (const e of Array.from(box.querySelectorAll('[style]'))) if (STYLE_HIDDEN.test(e.getAttribute('style') ?? '')) e.remove();
  return textLines(box).join('\n');
}

/** The estimate of the story text the adapter finds on a page; null when it finds none. */
export function estimateStory(doc: Document, url: URL, adapter: SitePages): Estimate | null {
  const text = pageStoryText(doc, url, adapter);
  return text === null ? null : estimateText(text);
}

/** Elements not inside another of the list: cover selectors may match a wrapper and its content. */
function outermost(els: Element[]): Element[] {
  return els.filter((e) => !els.some((other) => other !== e && other.contains(e)));
}
