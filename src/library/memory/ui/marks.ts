/**
 * The reading memory's marks on a listing: beside each known entry's title, its state, "3 new
 * chapters" and "Saved", in a closed shadow root (the page's script cannot read what the reader
 * has read). Every mark is built first and then put in, in one pass, so the page lays out once;
 * a mark is a small inline pill at the end of the title's line. A folded entry (src/warnings/ui/fold.ts)
 * carries its mark on the fold's line instead, as the entry itself is hidden.
 */
import { h, shadowHost } from '../../../warnings/ui/build-dom';
import { foldTextOf } from '../../../warnings/ui/fold';
import { entryMark, markText, type EntryMark } from '../reading-state';
import type { Recalled } from '../../messages';
import css from './marks.css?inline';

export const MARK_TAG = 'slipcase-mark';

/** An entry of the listing: its element, its story's id and the chapters it says are posted. */
export interface MarkedEntry {
  element: Element;
  id: string;
  url: string;
  posted: number | null;
}

/** Marks every entry the memory or the library knows; the number marked. */
export function placeMarks(entries: readonly MarkedEntry[], known: Recalled): number {
  const memory = new Map(known.memory.map((m) => [m.id, m]));
  const saved = new Set(known.saved);
  const placed: (() => void)[] = [];
  for (const entry of entries) {
    const mark = entryMark(memory.get(entry.id), saved.has(entry.id), entry.posted);
    if (mark) placed.push(placement(entry, mark));
  }
  for (const put of placed) put();
  return placed.length;
}

/** How the mark goes in: built now, put in by the returned call. */
function placement(entry: MarkedEntry, mark: EntryMark): () => void {
  const doc = entry.element.ownerDocument;
  const text = markText(mark);
  const fold = foldTextOf(entry.element);
  if (fold) {
    const extra = h(doc, 'span', { class: 'memory' }, ` · ${text}`);
    return () => fold.append(extra);
  }
  const { host, root } = shadowHost(doc, MARK_TAG, 'display: inline !important;', css);
  root.append(h(doc, 'span', { class: `mark${mark.fresh ? ' fresh' : ''}` }, text));
  const title = titleLink(entry);
  const line = title?.closest('h1, h2, h3, h4, h5, h6') ?? null;
  return () => (line ? line.append(host) : title ? title.after(host) : entry.element.prepend(host));
}

/**
 * The entry's link to its work: the title the mark goes beside. An entry may link its work from a
 * cover picture first (Royal Road): a link in a heading, then one with words, wins.
 */
function titleLink(entry: MarkedEntry): Element | null {
  const links = Array.from(entry.element.querySelectorAll('a[href]')).filter((a) => (a as HTMLAnchorElement).href === entry.url);
  return links.find((a) => a.closest('h1, h2, h3, h4, h5, h6')) ?? links.find((a) => a.textContent?.trim()) ?? links[0] ?? null;
}
