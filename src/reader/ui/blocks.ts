/**
 * The story's blocks (paragraphs, headings, list items…) as the reader's units: read aloud one at
 * a time, and the anchor a reading position is kept by, so a place survives a new font size.
 */

const BLOCK_SELECTOR = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, dd, dt, td, th, figcaption, div, center, summary, hr';

/** The innermost blocks of `root` in document order: those holding no other block. */
export function readingBlocks(root: ParentNode): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(BLOCK_SELECTOR)).filter(
    (el) => !el.querySelector(BLOCK_SELECTOR) && (el.tagName === 'HR' || (el.textContent ?? '').trim() !== ''),
  );
}

/** A place in the text: block `block`, `offset` (0 to 1) of the way down it. */
export interface Anchor {
  block: number;
  offset: number;
}

/** Top of `el` in the scroller's content coordinates. */
function topIn(scroller: HTMLElement, el: HTMLElement): number {
  return el.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
}

/** The block at the top of the reading area (below a `topInset` of toolbar) and how far into it the view is. */
export function anchorAt(scroller: HTMLElement, blocks: HTMLElement[], topInset: number): Anchor {
  const line = scroller.scrollTop + topInset;
  for (let i = 0; i < blocks.length; i++) {
    const el = blocks[i]!;
    const top = topIn(scroller, el);
    const height = el.getBoundingClientRect().height;
    if (top + height > line) {
      const offset = height > 0 ? Math.min(1, Math.max(0, (line - top) / height)) : 0;
      return { block: i, offset: Math.round(offset * 1000) / 1000 };
    }
  }
  return { block: Math.max(0, blocks.length - 1), offset: 1 };
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
