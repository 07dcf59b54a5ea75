/**
 * The story's blocks (paragraphs, headings, list items…) as the reader's units: read aloud one at
 * a time, and the anchor a reading position is kept by, so a place survives a new font size.
 */
import { ANCHOR_TEXT } from '../../core/model';

const BLOCK_SELECTOR = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, dd, dt, td, th, figcaption, div, center, summary, hr';

/** The innermost blocks of `root` in document order: those holding no other block. */
export function readingBlocks(root: ParentNode): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(BLOCK_SELECTOR)).filter(
    (el) => !el.querySelector(BLOCK_SELECTOR) && (el.tagName === 'HR' || (el.textContent ?? '').trim() !== ''),
  );
}

/**
 * A place in the text: block `block`, `offset` (0 to 1) of the way down it. `text`, the start of
 * that block's words, finds the place again when the author has edited the chapter since and the
 * block has moved (see relocate).
 */
export interface Anchor {
  block: number;
  offset: number;
  text?: string;
}

/** A shorter start to match on when the paragraph itself was edited (a typo fixed at its end). */
const ANCHOR_PREFIX = 24;

/** The start of a block's words, whitespace folded: what an anchor keeps of it. */
export const anchorText = (el: Element): string => (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, ANCHOR_TEXT);

/**
 * The anchor on this text: where its block's words are now. The block at the saved index when its
 * words still start the same, else the nearest block that starts with them (paragraphs added or
 * cut above), else with their first words (the paragraph itself edited); else the saved index, as
 * the text no longer holds the place.
 */
export function relocate(anchor: Anchor, blocks: readonly Element[]): Anchor {
  const want = anchor.text;
  if (!want || blocks.length === 0) return anchor;
  const texts = blocks.map(anchorText);
  if (texts[anchor.block] === want) return anchor;
  const nearest = (matches: (t: string) => boolean): number | null => {
    let best: number | null = null;
    texts.forEach((t, i) => {
      if (matches(t) && (best === null || Math.abs(i - anchor.block) < Math.abs(best - anchor.block))) best = i;
    });
    return best;
  };
  const prefix = want.slice(0, ANCHOR_PREFIX);
  const found = nearest((t) => t === want) ?? (prefix.length === ANCHOR_PREFIX ? nearest((t) => t.startsWith(prefix)) : null);
  return found === null ? anchor : { ...anchor, block: found };
}

/** Top of `el` in the scroller's content coordinates. */
function topIn(scroller: HTMLElement, el: HTMLElement): number {
  return el.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
}

/**
 * The block at the top of the reading area (below a `topInset` of toolbar) and how far into it the
 * view is, among the first `end` blocks (all by default), which are laid out in order: a binary
 * search, so scrolling a long work reads the layout of a few blocks, not of all of them.
 */
export function anchorAt(scroller: HTMLElement, blocks: HTMLElement[], topInset: number, end = blocks.length): Anchor {
  const line = scroller.scrollTop + topInset;
  const bottom = (el: HTMLElement) => topIn(scroller, el) + el.getBoundingClientRect().height;
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bottom(blocks[mid]!) > line) hi = mid;
    else lo = mid + 1;
  }
  const el = blocks[lo];
  if (lo < end && el) {
    const top = topIn(scroller, el);
    const height = el.getBoundingClientRect().height;
    const offset = height > 0 ? Math.min(1, Math.max(0, (line - top) / height)) : 0;
    return { block: lo, offset: Math.round(offset * 1000) / 1000, text: anchorText(el) };
  }
  const last = Math.max(0, end - 1);
  return { block: last, offset: 1, ...(blocks[last] && { text: anchorText(blocks[last]) }) };
}

/** Scroll so the anchored place is at the top of the reading area again; the very start shows the header. */
export function scrollToAnchor(scroller: HTMLElement, blocks: HTMLElement[], topInset: number, anchor: Anchor): void {
  const el = blocks[Math.min(anchor.block, blocks.length - 1)];
  if (!el || (anchor.block === 0 && anchor.offset === 0)) {
    scroller.scrollTop = 0;
    return;
  }
  const top = topIn(scroller, el) + anchor.offset * el.getBoundingClientRect().height;
  scroller.scrollTop = Math.max(0, top - topInset);
}

/**
 * How far through the chapter an anchor is, 0 to 1, counted in blocks: the library keeps a place
 * as this one number, and anchorAtFraction turns it back into the same anchor on the same text.
 */
export function fractionOf(anchor: Anchor, blockCount: number): number {
  if (blockCount === 0) return 0;
  return Math.min(1, (anchor.block + anchor.offset) / blockCount);
}

export function anchorAtFraction(fraction: number, blockCount: number): Anchor {
  if (blockCount === 0) return { block: 0, offset: 0 };
  // Rounded first: the division and this product may differ from the anchor in the last bits.
  const at = Math.round(Math.min(1, Math.max(0, fraction)) * blockCount * 1e6) / 1e6;
  const block = Math.min(Math.floor(at), blockCount - 1);
  return { block, offset: Math.round((at - block) * 1000) / 1000 };
}
