/**
 * The cover over the live page's story text: a style on from before the page is parsed (see
 * src/warnings/early-cover.ts), the manifest's on a site's own hosts or one put in by script
 * elsewhere; then, once the gate keeps it, the same hiding written on the elements themselves,
 * where no stylesheet of the site's and no script that drops the style or the mark can undo it.
 */
import { coverCss, SHOWN_ATTRIBUTE } from '../early-cover';
import { PINNED_ATTRIBUTE } from '../../reader/page-snapshot';

export interface Cover {
  /** Is anything on the page covered now? */
  covering(): boolean;
  /** Hide the covered elements inline too (the gate keeps the cover). */
  pin(): void;
  /** Show everything again, as the page had it. */
  lift(): void;
  /** Cover again after a lift (new text arrived): call before the page paints it. */
  restore(): void;
}

const HIDDEN: readonly [string, string][] = [
  ['visibility', 'hidden'],
  ['opacity', '0'],
];

/** Cover `selectors` on `doc` from now on: call at document_start, before anything is painted. */
export function coverEarly(doc: Document, selectors: readonly string[]): Cover {
  const style = doc.createElement('style');
  style.setAttribute('data-slipcase', 'cover');
  style.textContent = coverCss(selectors);
  // At document_start there is no <head> yet: the root element takes it, before anything else.
  const put = () => {
    if (selectors.length && !style.isConnected) (doc.head ?? doc.documentElement).append(style);
  };
  put();
  return coverBy(doc, selectors, { on: () => style.isConnected, put, remove: () => style.remove() });
}

/**
 * The cover a site's manifest style has put on `selectors` since before the page was parsed
 * (early-cover.ts#manifestCoverCss): marking the root element shows them, unmarking covers them again.
 */
export function coverByManifest(doc: Document, selectors: readonly string[]): Cover {
  const root = () => doc.documentElement;
  return coverBy(doc, selectors, {
    on: () => !root().hasAttribute(SHOWN_ATTRIBUTE),
    put: () => root().removeAttribute(SHOWN_ATTRIBUTE),
    remove: () => root().setAttribute(SHOWN_ATTRIBUTE, ''),
  });
}

/** A cover over `selectors` by a style that `style` puts on and takes off, pinned inline while the gate keeps it. */
function coverBy(doc: Document, selectors: readonly string[], style: { on(): boolean; put(): void; remove(): void }): Cover {
  const pinned: { el: HTMLElement; before: [string, string, string][] }[] = [];
  const elements = () => selectors.flatMap((s) => Array.from(doc.querySelectorAll<HTMLElement>(s)));

  return {
    covering: () => style.on() && elements().length > 0,
    pin() {
      for (const el of elements()) {
        if (pinned.some((p) => p.el === el)) continue;
        const before: [string, string, string][] = HIDDEN.map(([p]) => [p, el.style.getPropertyValue(p), el.style.getPropertyPriority(p)]);
        pinned.push({ el, before });
        for (const [p, v] of HIDDEN) el.style.setProperty(p, v, 'important');
        // A saved copy of the page (src/reader/page-snapshot.ts) puts the page's own values back.
        el.setAttribute(PINNED_ATTRIBUTE, JSON.stringify(before));
      }
    },
    restore: () => style.put(),
    lift() {
      style.remove();
      for (const { el, before } of pinned.splice(0)) {
        for (const [p, v, priority] of before) el.style.setProperty(p, v, priority);
        el.removeAttribute(PINNED_ATTRIBUTE);
      }
    },
  };
}
