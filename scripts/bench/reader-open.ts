/**
 * How long the reader takes to open, from the command to the first screen of text, and what it
 * costs once open: `npx tsx scripts/bench/reader-open.ts [--runs N]` after `npm run build`.
 *
 * The built extension runs in Chromium (as in the end-to-end tests) on the pages of ./pages.ts,
 * served under their archive URLs, with their sites let through the content-warning gate as a
 * reader who chose to read them would. Each run loads the page in a new tab, lets the always-on
 * content script (and AO3's prerendering of the next chapter) settle, then injects the reader from
 * the service worker exactly as the popup's Read button, the shortcut and the context menu do
 * (src/reader/ext/open-reader.ts). Times, all in the browser's clock:
 *   t0        just before the service worker calls scripting.executeScript;
 *   content   the story's first text is in the reader's (closed) shadow root (a MutationObserver
 *             set beforehand in the extension's isolated world);
 *   painted   the first frame after that has been rendered (the first screen of text): the first
 *             requestAnimationFrame callback, then the next task, which runs once that frame's
 *             style, layout and paint are done;
 *   all text  the reader's story last changed before it was seen to hold the whole story (95% of
 *             its words), for a reader that paints the start first and adds the rest later.
 * The pages take turns within each round so that drift in machine load hits them alike; one round
 * before the measured ones is reported apart as "cold" (the browser's first injection). Ratios are
 * to the 1k-word AO3 chapter of the same run.
 *
 * Then, on the 200k-word work (reader-scroll.ts): the longest main-thread task once the first
 * screen is painted, while the whole work is scrolled through, and the JS heap with the reader
 * open. Last, the story extraction on the same pages in jsdom against plain Readability.
 */
import { Readability } from '@mozilla/readability';
import { extractStory } from '../../src/reader/extract';
import { readFullPage } from '../../src/reader/view';
import { adapterFor } from '../../src/sites/registry';
import { parseHtml } from '../lib/html';
import { launchWithExtension, passGate, type ExtensionBrowser } from './extension-browser';
import { checkText, finishTextCheck } from './extraction-text';
import { figure } from './figures';
import { benchPages, type BenchPage } from './pages';
import { openReader, type Opened } from './reader-driver';
import { scrollAndHeap } from './reader-scroll';
import { median, table, timePair } from './timing';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
/** The page every other page's time is compared with. */
const BASELINE = 'ao3-1k';
/** The pages the reader-open figures name, with their figure's label. */
const NAMED: Record<string, string> = {
  'ao3-10k': '10k-word chapter',
  'ao3-200k': '200k-word work',
  seed: 'seed page',
};

const spread = (xs: number[]) => `${median(xs).toFixed(0)} [${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}]`;

async function benchOpen(browser: ExtensionBrowser, pages: BenchPage[]): Promise<void> {
  const cold = new Map<BenchPage, Opened>();
  const runs = new Map<BenchPage, Opened[]>(pages.map((p) => [p, []]));
  for (let round = 0; round <= RUNS; round++) {
    for (const p of pages) {
      const opened = await openReader(browser, p);
      if (round === 0) cold.set(p, opened);
      else runs.get(p)!.push(opened);
    }
  }
  const base = pages.find((p) => p.id === BASELINE)!;
  const paintedOf = (p: BenchPage) => runs.get(p)!.map((o) => o.painted - o.t0);
  const baseMedian = median(paintedOf(base));
  console.log(`Reader open in Chromium, command to the first screen of text: ms, median [min–max] of ${RUNS} runs after one cold round`);
  table(
    ['page', 'words', 'HTML', 'to content', 'to painted', 'to all text', 'cold', `× ${base.id}`],
    pages.map((p) => {
      const o = runs.get(p)!;
      return [
        p.label,
        p.words.toLocaleString('en-US'),
        `${(p.html.length / 1024).toFixed(0)} KiB`,
        spread(o.map((r) => r.content - r.t0)),
        spread(paintedOf(p)),
        spread(o.map((r) => r.allText - r.t0)),
        (cold.get(p)!.painted - cold.get(p)!.t0).toFixed(0),
        (median(paintedOf(p)) / baseMedian).toFixed(2),
      ];
    }),
  );
  for (const p of pages.filter((p) => NAMED[p.id]))
    figure({
      name: `reader open: ${NAMED[p.id]}, command to first screen of text`,
      value: median(paintedOf(p)),
      unit: 'ms',
      baseline: { label: '1k-word chapter', value: baseMedian },
      note: `median of ${RUNS}; all text in ${median(runs.get(p)!.map((r) => r.allText - r.t0)).toFixed(0)} ms`,
    });
}

function benchExtraction(pages: BenchPage[]): void {
  console.log(`\nStory extraction in jsdom on the same pages: ms, median of ${RUNS} runs`);
  const rows = pages.map((p) => {
    const doc = parseHtml(p.html, p.url);
    const url = new URL(p.url);
    const adapter = adapterFor(doc, url);
    const title = readFullPage(doc, url).title;
    const text = checkText(`bench:${p.id}`, extractStory(doc, url, adapter, title));
    const [ours, theirs] = timePair(
      () => extractStory(doc, url, adapter, title),
      () => new Readability(doc.cloneNode(true) as Document).parse(),
      RUNS,
    );
    if (p.id !== 'seed')
      figure({
        name: `extraction: ${p.label}, jsdom`,
        value: ours,
        unit: 'ms',
        baseline: { label: 'Readability', value: theirs },
        note: `median of ${RUNS}`,
      });
    return [`${p.label} [${adapter.id}]`, ours.toFixed(1), theirs.toFixed(1), (ours / theirs).toFixed(2), text];
  });
  table(['page', 'slipcase', 'readability', 'ratio', 'text'], rows);
  finishTextCheck();
}

const pages = benchPages();
const browser = await launchWithExtension(pages);
try {
  const worker = await browser.worker();
  await worker.evaluate(() => Promise.all([chrome.storage.sync.clear(), chrome.storage.local.clear()]));
  await worker.evaluate((items) => chrome.storage.sync.set(items), passGate(pages));
  await benchOpen(browser, pages);
  await scrollAndHeap(
    browser,
    pages.find((p) => p.id === 'ao3-200k')!,
  );
} finally {
  await browser.close();
}
benchExtraction(pages);
