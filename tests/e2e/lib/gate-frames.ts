/**
 * What the e2e tests see of the rating gate on a page: every animation frame from the first, with
 * how many of the story's blocks were in the document and how many painted, and whether the
 * interstitial was up; and the interstitial's text.
 */
import type { PageHandle } from './driver';

interface Frame {
  t: number;
  ready: DocumentReadyState;
  present: number;
  shown: number;
  gate: boolean;
}

/**
 * Runs in the page's own world before any of its scripts. `__slipcaseStory()` counts the story
 * blocks present and those painted; every animation frame records it, from the first one on.
 */
export function recorder(textSelector: string): string {
  return `(() => {
    const SEL = ${JSON.stringify(textSelector)};
    const frames = [];
    window.__slipcaseFrames = frames;
    const opaque = (el) => { for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).opacity === '0') return false; return true; };
    const shown = (el) => {
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) return false;
      if (getComputedStyle(el).visibility !== 'visible' || !opaque(el)) return false;
      const left = Math.max(r.left, 0), top = Math.max(r.top, 0), right = Math.min(r.right, innerWidth), bottom = Math.min(r.bottom, innerHeight);
      // Laid out, visible and opaque, only scrolled out of the window: it shows as soon as it is scrolled to.
      if (right - left < 1 || bottom - top < 1) return true;
      const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
      return hit !== null && (hit === el || el.contains(hit));
    };
    window.__slipcaseStory = () => {
      const els = Array.from(document.querySelectorAll(SEL)).filter((e) => (e.textContent || '').trim() !== '');
      return { present: els.length, shown: els.filter(shown).length };
    };
    const tick = () => {
      const s = window.__slipcaseStory();
      frames.push({ t: performance.now(), ready: document.readyState, present: s.present, shown: s.shown, gate: document.querySelector('slipcase-gate') !== null });
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })();`;
}

type Recorded = Window & { __slipcaseFrames: Frame[]; __slipcaseStory(): { present: number; shown: number } };

export const story = (page: PageHandle) => page.evaluate(() => (window as unknown as Recorded).__slipcaseStory(), undefined);
export const frames = (page: PageHandle) => page.evaluate(() => (window as unknown as Recorded).__slipcaseFrames, undefined);
export const gateUp = (page: PageHandle) => page.evaluate(() => document.querySelector('slipcase-gate') !== null, undefined);
/** Text in the interstitial's (closed) shadow root. */
export const gateText = async (page: PageHandle, selector: string) =>
  (await page.shadow('slipcase-gate', (root, sel) => root.querySelector(sel)?.textContent?.trim() ?? null, selector)) ?? null;
