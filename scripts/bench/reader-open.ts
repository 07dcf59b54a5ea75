/**
 * How long the reader takes to open, from the command to the reader on screen:
 * `npx tsx scripts/bench/reader-open.ts [--runs N]` after `npm run build`.
 *
 * The built extension runs in Chromium (as in the end-to-end tests) on the pages of ./pages.ts,
 * served under their archive URLs. Each run loads the page in a new tab, lets the always-on
 * content script (and AO3's prerendering of the next chapter) settle, then injects the reader from
 * the service worker exactly as the popup's Read button, the shortcut and the context menu do
 * (src/reader/ext/open-reader.ts). Times, all in the browser's clock:
 *   t0       just before the service worker calls scripting.executeScript;
 *   content  the story is in the reader's (closed) shadow root (a MutationObserver set beforehand
 *            in the extension's isolated world);
 *   painted  the first frame after that has been rendered: the first requestAnimationFrame
 *            callback, then the next task, which runs once that frame's style, layout and paint
 *            are done.
 * The pages take turns within each round so that drift in machine load hits them alike; one round
 * before the measured ones is reported apart as "cold" (the browser's first injection).
 *
 * Then the story extraction on the same pages in jsdom: the reader's pipeline (site adapter or
 * fallback, copy-out, sanitising) against plain Readability, alternating, with their ratio.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { chromium, type Worker } from 'playwright-core';
import { builtExtension } from '../../tests/e2e/lib/build';
import { chromiumOptions } from '../../tests/e2e/lib/chromium-args';
import { fixtureFor } from '../../tests/e2e/lib/routes';
import { extractStory } from '../../src/reader/extract';
import { READER_SCRIPT } from '../../src/reader/ext/open-reader';
import { readFullPage } from '../../src/reader/view';
import { adapterFor } from '../../src/sites/registry';
import { DEFAULT_RATING_SETTINGS, siteKey } from '../../src/warnings/policy';
import { storedItems } from '../../src/warnings/settings';
import { parseHtml } from '../lib/html';
import { benchPages, type BenchPage } from './pages';
import { median, table, timePair } from './timing';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
/** Time for a freshly loaded page to go quiet: the always-on content script, AO3's prerendering. */
const SETTLE_MS = 1500;
/** The page every other page's time is compared with: an ordinary AO3 chapter. */
const BASELINE = 'ao3-chapter';

interface Opened {
  t0: number;
  outcome: unknown;
  content: number;
  painted: number;
  /** Words the reader shows: checks that it shows the whole story. */
  words: number;
}

/**
 * Runs in the extension's isolated world of the page, before the reader is injected: resolves once
 * the reader's story has been painted. The reader's shadow root is closed, so it is reached as
 * Slipcase's own scripts could, through chrome.dom. No named inner functions: tsx would wrap them
 * in a helper the page does not have.
 */
function watchForReader(): void {
  (window as unknown as { slipcaseBench: Promise<unknown> }).slipcaseBench = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const host = document.querySelector('slipcase-reader');
      const root = host && chrome.dom.openOrClosedShadowRoot(host as HTMLElement);
      if (!root) return;
      observer.observe(root, { childList: true, subtree: true });
      const story = root.querySelector('.story');
      if (!story?.firstChild) return;
      observer.disconnect();
      const content = Date.now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ content, painted: Date.now(), words: story.textContent?.match(/\S+/g)?.length ?? 0 });
        channel.port2.postMessage(null);
      });
    });
    observer.observe(document.documentElement, { childList: true });
  });
}

/**
 * Runs `fn` in the extension's isolated world of tab `tab`, from the service worker, and gives back
 * what it resolved to. The service worker forbids eval, so the call goes as the source of one
 * expression the automation protocol evaluates there, `fn` written out in it.
 */
async function inIsolatedWorld(worker: Worker, tab: number, fn: () => unknown): Promise<unknown> {
  return worker.evaluate(`(async () => {
    const [r] = await chrome.scripting.executeScript({ target: { tabId: ${tab} }, func: ${fn.toString()} });
    return r?.result;
  })()`);
}

/** Chromium with the built extension, as tests/e2e/lib/chromium.ts launches it, serving the bench pages too. */
async function launch(pages: BenchPage[]) {
  const scratch = mkdtempSync(join(tmpdir(), 'slipcase-bench-'));
  // A copy of the build: another build of the working tree must not change files under a running bench.
  const extension = join(scratch, 'extension');
  cpSync(builtExtension('chrome-mv3'), extension, { recursive: true });
  const context = await chromium.launchPersistentContext(join(scratch, 'user-data'), chromiumOptions(extension));
  const served = new Map(pages.map((p) => [p.url, p.html]));
  await context.route(/^https?:/, (route) => {
    const url = route.request().url().split('#')[0]!;
    const html = served.get(url);
    if (html !== undefined) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    const f = fixtureFor(url);
    return f ? route.fulfill({ status: f.status, contentType: f.contentType, body: f.body }) : route.abort('internetdisconnected');
  });
  await (context.serviceWorkers()[0] ?? context.waitForEvent('serviceworker'));
  // The service worker may be stopped and restarted between runs; always ask for the live one.
  const worker = async (): Promise<Worker> => context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const close = async () => {
    await context.close();
    rmSync(scratch, { recursive: true, force: true });
  };
  return { context, worker, close };
}

type Browser = Awaited<ReturnType<typeof launch>>;

/** One run: the page in a new tab, the reader opened on it, the tab closed. */
async function openReader(browser: Browser, url: string): Promise<Opened> {
  const worker = await browser.worker();
  // A first open each time: no reading position to restore.
  await worker.evaluate(() => chrome.storage.local.clear());
  const tabIds = async () => (await worker.evaluate(() => chrome.tabs.query({}))).map((t) => t.id!);
  const before = await tabIds();
  const page = await browser.context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    const added = (await tabIds()).filter((id) => !before.includes(id));
    if (added.length !== 1) throw new Error(`expected one new tab, got ${added.length}`);
    await page.waitForTimeout(SETTLE_MS);
    await inIsolatedWorld(worker, added[0]!, watchForReader);
    const { t0, outcome } = await worker.evaluate(
      async ({ tab, file }) => {
        const t0 = Date.now();
        const [result] = await chrome.scripting.executeScript({ target: { tabId: tab }, files: [file] });
        return { t0, outcome: result?.result };
      },
      { tab: added[0]!, file: READER_SCRIPT },
    );
    const shown = (await inIsolatedWorld(worker, added[0]!, () =>
      Promise.race([
        (window as unknown as { slipcaseBench: Promise<unknown> }).slipcaseBench,
        new Promise((_, reject) => setTimeout(() => reject(new Error('the reader did not show a story within 60 s')), 60_000)),
      ]),
    )) as Omit<Opened, 't0' | 'outcome'>;
    return { t0, outcome, ...shown };
  } finally {
    await page.close();
  }
}

/** Rating settings that let every bench page's site through the gate (as the end-to-end reader tests do). */
function passGate(pages: BenchPage[]): Record<string, unknown> {
  const sites = [...new Set(pages.map((p) => siteKey({ url: p.url })))];
  return storedItems({ ...DEFAULT_RATING_SETTINGS, exceptions: { ...DEFAULT_RATING_SETTINGS.exceptions, sites } });
}

const spread = (xs: number[]) => `${median(xs).toFixed(0)} [${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}]`;

async function benchOpen(pages: BenchPage[]): Promise<void> {
  const browser = await launch(pages);
  try {
    await (await browser.worker()).evaluate(() => Promise.all([chrome.storage.sync.clear(), chrome.storage.local.clear()]));
    // The bench times the reader, not the content-warning gate: the bench pages' sites pass it.
    await (await browser.worker()).evaluate((items) => chrome.storage.sync.set(items), passGate(pages));
    const cold = new Map<BenchPage, Opened>();
    const runs = new Map<BenchPage, Opened[]>(pages.map((p) => [p, []]));
    for (let round = 0; round <= RUNS; round++) {
      for (const p of pages) {
        const opened = await openReader(browser, p.url);
        if (opened.outcome !== 'opened') throw new Error(`${p.label}: the reader answered ${String(opened.outcome)}`);
        if (opened.words < 0.95 * p.words) throw new Error(`${p.label}: the reader shows ${opened.words} words of ${p.words}`);
        if (round === 0) cold.set(p, opened);
        else runs.get(p)!.push(opened);
      }
    }

    const base = pages.find((p) => p.id === BASELINE)!;
    const paintedOf = (p: BenchPage) => runs.get(p)!.map((o) => o.painted - o.t0);
    const baseMedian = median(paintedOf(base));
    console.log(`Reader open in Chromium, command to reader painted: ms, median [min–max] of ${RUNS} runs after one cold round`);
    table(
      ['page', 'words', 'HTML', 'to content', 'to painted', 'cold', `× ${base.id}`],
      pages.map((p) => {
        const o = runs.get(p)!;
        const c = cold.get(p)!;
        return [
          p.label,
          p.words.toLocaleString('en-US'),
          `${(p.html.length / 1024).toFixed(0)} KiB`,
          spread(o.map((r) => r.content - r.t0)),
          spread(paintedOf(p)),
          (c.painted - c.t0).toFixed(0),
          (median(paintedOf(p)) / baseMedian).toFixed(2),
        ];
      }),
    );
  } finally {
    await browser.close();
  }
}

function benchExtraction(pages: BenchPage[]): void {
  console.log(`\nStory extraction in jsdom on the same pages: ms, median of ${RUNS} runs`);
  table(
    ['page', 'slipcase', 'readability', 'ratio'],
    pages.map((p) => {
      const doc = parseHtml(p.html, p.url);
      const url = new URL(p.url);
      const adapter = adapterFor(doc, url);
      const title = readFullPage(doc, url).title;
      const [ours, theirs] = timePair(
        () => extractStory(doc, url, adapter, title),
        () => new Readability(doc.cloneNode(true) as Document).parse(),
        RUNS,
      );
      return [`${p.label} [${adapter.id}]`, ours.toFixed(1), theirs.toFixed(1), (ours / theirs).toFixed(2)];
    }),
  );
}

const pages = benchPages();
await benchOpen(pages);
benchExtraction(pages);
