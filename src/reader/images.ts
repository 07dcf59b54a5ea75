/**
 * Images of a page before its story is read. Tracking pixels (1×1 and the like) are dropped: they
 * are not part of the story, and in the reader they would report the reading to their host.
 * Lazily loaded pictures (`data-src` and kin, no real `src`) have not loaded on the page; Readability
 * would copy their address into a live `src` and fetch them the moment the reader opens. They
 * become placeholders instead, a link to the picture, as saved chapters show remote images.
 */
import { placeholdImage } from './image-placeholders';
import { absoluteUrl } from './extract-dom';

/** Where lazy-loading scripts keep an image's real address. */
const LAZY_ATTRS = ['data-src', 'data-lazy-src', 'data-original', 'data-lazy', 'data-url'];
/** A stand-in a lazy loader shows until it swaps the real picture in: nothing, or an embedded blank. */
const STAND_IN = /^\s*(?:$|data:|about:blank)/i;
const PIXEL_MAX = 2;

/** A size in pixels from a width/height attribute or the inline style; null when unstated. */
function size(img: Element, dim: 'width' | 'height'): number | null {
  const style = (img.getAttribute('style') ?? '').match(new RegExp(`(?:^|;)\\s*${dim}\\s*:\\s*(\\d+(?:\\.\\d+)?)px`, 'i'));
  const v = style?.[1] ?? img.getAttribute(dim)?.trim() ?? '';
  return /^\d+(?:\.\d+)?$/.test(v) ? Number(v) : null;
}

function isPixel(img: Element): boolean {
  const w = size(img, 'width');
  const h = size(img, 'height');
  return (w !== null && w <= PIXEL_MAX) || (h !== null && h <= PIXEL_MAX);
}

/** Drops tracking pixels under `root` and turns lazy images into placeholders (addresses resolved against `base`). */
export function quietImages(root: ParentNode, base: string): void {
  for (const img of Array.from(root.querySelectorAll('img'))) {
    if (isPixel(img)) {
      img.remove();
      continue;
    }
    const lazy = LAZY_ATTRS.map((a) => img.getAttribute(a)?.trim() ?? '').find((v) => v !== '');
    if (!lazy || !STAND_IN.test(img.getAttribute('src') ?? '')) continue;
    const abs = absoluteUrl(lazy, base);
    if (abs) img.setAttribute('src', abs);
    else img.removeAttribute('src');
    placeholdImage(img);
  }
}
