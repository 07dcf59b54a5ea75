/**
 * The open page as the site sent it and the reader sees it, for saving to the library: its live
 * DOM (what scripts built, what the reader expanded), minus what Slipcase itself put in — the
 * gate's cover and interstitial, the reader's overlay, folded listing entries.
 */

/** On elements the gate's cover hid inline: the page's own values of the properties it set. */
export const PINNED_ATTRIBUTE = 'data-slipcase-pinned';

export interface PageSnapshot {
  url: string;
  html: string;
}

/**
 * Serialises `doc` without Slipcase's additions. Self-contained (no imports, no closures), as the
 * background runs it in the tab through scripting.executeScript.
 */
export function pageSnapshot(doc: Document = document): PageSnapshot {
  const root = doc.documentElement.cloneNode(true) as HTMLElement;
  for (const el of Array.from(root.querySelectorAll('[data-slipcase]'))) el.remove();
  for (const el of Array.from(root.querySelectorAll('*'))) if (el.localName.startsWith('slipcase-')) el.remove();
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('[data-slipcase-pinned]'))) {
    const before = JSON.parse(el.getAttribute('data-slipcase-pinned') ?? '[]') as [string, string, string][];
    for (const [property, value, priority] of before) el.style.setProperty(property, value, priority);
    if (!el.getAttribute('style')) el.removeAttribute('style');
    el.removeAttribute('data-slipcase-pinned');
  }
  // The mark by which a site's script showed what its manifest style covered (warnings/early-cover.ts#SHOWN_ATTRIBUTE).
  root.removeAttribute('data-slipcase-shown');
  const doctype = doc.doctype ? `<!DOCTYPE ${doc.doctype.name}>` : '';
  return { url: doc.location.href, html: doctype + root.outerHTML };
}
