/**
 * The page script of extraction-browser.ts, bundled for Chromium: the reader's reading of the live
 * page (readerView, as the reader view's content script calls it when it opens) and plain
 * Readability on a clone of the page, each timed over `runs` runs taken in turns.
 */
import { Readability } from '@mozilla/readability';
import { readerView } from '../../src/reader/view';
import { storyText } from './story-text';

/** How many calls of `f` one timed sample makes: enough for 20 ms, as the page's clock counts in 0.1 ms steps. */
function batch(f: () => unknown): number {
  const t = performance.now();
  f();
  return Math.max(1, Math.ceil(20 / Math.max(performance.now() - t, 0.1)));
}

/** Milliseconds a call of `f`, over one sample of `n` calls. */
function sample(f: () => unknown, n: number): number {
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  return (performance.now() - t) / n;
}

/** Per-call times of `a` and `b`, `runs` samples each after a warm-up, taken in turns so that drift hits both alike. */
function timePair(a: () => unknown, b: () => unknown, runs: number): { ours: number[]; theirs: number[] } {
  const [na, nb] = [batch(a), batch(b)];
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(sample(a, na));
    theirs.push(sample(b, nb));
  }
  return { ours, theirs };
}

Object.assign(window, {
  slipcaseExtraction(runs: number) {
    const view = readerView(document, location.href, { estimate: false });
    const times = timePair(
      () => readerView(document, location.href, { estimate: false }),
      () => new Readability(document.cloneNode(true) as Document).parse(),
      runs,
    );
    return { ...times, text: storyText(view) };
  },
});
