/**
 * The reader on a long work once its first screen is painted: the longest main-thread task from
 * then on while the whole work is scrolled through with the mouse wheel (a task over 50 ms blocks
 * input and drops frames), and the page's JS heap with the reader open (the page and Slipcase's
 * isolated world share the renderer's heap), both in the same tab.
 *
 * Tasks come from a performance trace (the DevTools protocol's Tracing, category "toplevel") from
 * just before the reader is injected to the end of the scroll: the top-level tasks of the page's
 * main thread (the thread where the reader's watcher marked the first screen with
 * console.timeStamp) that start after that mark. (A PerformanceObserver of "longtask", in the page
 * or in the isolated world, saw no task at all here, not even the reader's opening.) The heap is
 * the protocol's JSHeapUsedSize (Performance.getMetrics) after a forced garbage collection, before
 * the reader is opened and after the scroll.
 */
import type { CDPSession, Page, Worker } from 'playwright-core';
import { inIsolatedWorld, type ExtensionBrowser } from './extension-browser';
import { figure, mib } from './figures';
import type { BenchPage } from './pages';
import { openOnTab, settledTab } from './reader-driver';
import { isTask, traceDuring, type TraceEvent } from './trace';

const STEPS = 120;

/** In the isolated world: the reader's scroller, its height and position. */
function readerState() {
  const host = document.querySelector('slipcase-reader');
  const scroller = host && chrome.dom.openOrClosedShadowRoot(host as HTMLElement)?.querySelector('.reader');
  return { scrollHeight: scroller?.scrollHeight ?? 0, clientHeight: scroller?.clientHeight ?? 0, scrollTop: scroller?.scrollTop ?? 0 };
}
type ReaderState = ReturnType<typeof readerState>;

/** Scrolls the open reader from top to bottom with the mouse wheel; resolves with where it got. */
async function scrollThrough(tab: Page, worker: Worker, id: number): Promise<ReaderState> {
  const start = (await inIsolatedWorld(worker, id, readerState)) as ReaderState;
  const size = tab.viewportSize() ?? { width: 1280, height: 720 };
  await tab.mouse.move(size.width / 2, size.height / 2);
  const step = Math.ceil((start.scrollHeight - start.clientHeight) / STEPS);
  for (let i = 0; i < STEPS; i++) {
    await tab.mouse.wheel(0, step);
    await tab.waitForTimeout(25);
  }
  let end = (await inIsolatedWorld(worker, id, readerState)) as ReaderState;
  // A reader that adds the rest of a long work after its first screen may have grown since the
  // first height: the wheel goes on to its end.
  for (let waited = 0; waited < 10_000 && end.scrollTop + end.clientHeight < end.scrollHeight - 2; waited += 100) {
    await tab.mouse.wheel(0, step);
    await tab.waitForTimeout(100);
    end = (await inIsolatedWorld(worker, id, readerState)) as ReaderState;
  }
  return end;
}

/** The page's main-thread tasks before and after the first screen's mark: their lengths in ms. */
function tasksAround(events: TraceEvent[]): { before: number[]; after: number[] } {
  const mark = events.find(
    (e) => e.name === 'TimeStamp' && (e.args?.data as { message?: string } | undefined)?.message === 'slipcase-painted',
  );
  if (!mark) throw new Error("no 'slipcase-painted' mark in the trace");
  const tasks = events.filter((e) => isTask(e) && e.pid === mark.pid && e.tid === mark.tid);
  const ms = (es: TraceEvent[]) => es.map((e) => e.dur! / 1000);
  return { before: ms(tasks.filter((e) => e.ts < mark.ts)), after: ms(tasks.filter((e) => e.ts > mark.ts)) };
}

async function heapBytes(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize');
  if (!used) throw new Error('no JSHeapUsedSize in Performance.getMetrics');
  return used.value;
}

export async function scrollAndHeap(browser: ExtensionBrowser, page: BenchPage): Promise<void> {
  const { tab, id, worker } = await settledTab(browser, page);
  try {
    const cdp = await browser.context.newCDPSession(tab);
    await cdp.send('Performance.enable');
    const before = await heapBytes(cdp);
    let end: ReaderState | null = null;
    const events = await traceDuring(tab, ['toplevel', 'devtools.timeline'], async () => {
      await openOnTab(worker, id, page);
      end = await scrollThrough(tab, worker, id);
    });
    const after = await heapBytes(cdp);
    const tasks = tasksAround(events);
    const { scrollTop, clientHeight, scrollHeight } = end!;
    const reached = (scrollTop + clientHeight) / scrollHeight;
    const long = (xs: number[]) => xs.filter((d) => d > 50).map((d) => d.toFixed(0));
    const longest = Math.max(0, ...tasks.after);
    console.log(
      `\n${page.label}: scrolled ${(reached * 100).toFixed(0)}% of ${Math.round(scrollHeight).toLocaleString('en-US')} px in ${STEPS} wheel steps; ` +
        `main-thread tasks before the first screen: ${tasks.before.length}, over 50 ms: ${long(tasks.before).join(', ') || 'none'}; ` +
        `after it: ${tasks.after.length}, longest ${longest.toFixed(1)} ms, over 50 ms: ${long(tasks.after).join(', ') || 'none'}`,
    );
    if (!tasks.after.length) throw new Error('the trace holds no main-thread task after the first screen');
    if (reached < 0.98) throw new Error(`the wheel scrolled only ${(reached * 100).toFixed(0)}% of the reader`);
    figure({
      name: 'reader, 200k-word work: longest task after the first screen, scrolling',
      value: longest,
      unit: 'ms',
      note: `${long(tasks.after).length} of ${tasks.after.length} tasks over 50 ms`,
    });
    figure({
      name: 'reader, 200k-word work: JS heap with the reader open',
      value: mib(after),
      unit: 'MiB',
      baseline: { label: 'the page before the reader', value: mib(before) },
      note: 'JSHeapUsedSize after a forced GC, after scrolling to the end',
    });
  } finally {
    await tab.close();
  }
}
