/**
 * The story's words for the text estimate, read in the always-on detection pass (the estimate
 * itself runs in the background: ../ext/gate-judge.ts). The reader's extraction brings in
 * Readability and DOMPurify; this needs neither: it reads the text of the nodes the site adapter
 * points at in lines, leaving out what the adapter and the reader never count as story. It only
 * reads the live page: no copy, which on a long chapter cost more than the reading. Where the
 * adapter finds nothing, the text of its cover elements stands in.
 */
import type { SitePages } from '../../sites/types';
import { $$, textLines } from '../../core/dom';

/** Never story text, as in the reader's extraction. */
const ALWAYS_DROP = 'script, style, noscript, template, [hidden]';
const STYLE_HIDDEN = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;

/** The story text of a page, blocks separated by newlines; null when the adapter finds no story there. */
export function pageStoryText(doc: Document, url: URL, adapter: SitePages): string | null {
  const found = adapter.extract(doc, url);
  const nodes = found?.body ?? outermost(adapter.cover.flatMap((s) => $$(doc, s)));
  if (nodes.length === 0) return null;
  const drop = [ALWAYS_DROP, ...(found?.drop ?? [])].join(', ');
  const left = (e: Element) => e.matches(drop) || STYLE_HIDDEN.test(e.getAttribute('style') ?? '');
  return textLines(nodes, left).join('\n');
}

/** Elements not inside another of the list: cover selectors may match a wrapper and its content. */
function outermost(els: Element[]): Element[] {
  return els.filter((e) => !els.some((other) => other !== e && other.contains(e)));
}
