/**
 * What the always-on content script costs an archive page's main thread, from a performance
 * trace: `npx tsx scripts/bench/always-on.ts [--runs N]` after `npm run build`.
 *
 * An AO3 work page (a real one from the corpus, served under its URL) is loaded N times in a new
 * tab of Chromium with the built extension and the default settings, each load traced with the
 * DevTools protocol (Tracing, the timeline categories DevTools' Performance panel records) until
 * a second after the load event, when the script's idle work is done. The content script's
 * main-thread time, on the page's renderer main thread:
 *   - the trace events that run its code, those whose URL is one of the manifest's always-on
 *     scripts or the gate's parts injected on demand (content-scripts/gate-more.js): its evaluation at document_start (compiling included) and the event listeners it
 *     set, as a union of intervals;
 *   - plus the JavaScript samples of the trace's CPU profile (V8's sampler, a sample about every
 *     0.2 ms) with one of those scripts on the stack that fall outside those events: the promise
 *     continuations (microtasks) where most of its work after the page is parsed runs, which no
 *     trace event names.
 * "document_start" is the script's evaluation event, samples in it included; "later" is the rest
 * (DOM ready, idle, storage replies). Medians over the runs.
 *
 * The baseline, measured the same way in the same run: the same page with an extension whose only
 * content script is `void 0` at document_start (trivialExtension). Its time is what Chromium spends
 * on any content script there (setting up the isolated world, compiling and running a script), so
 * "ours minus baseline" is what Slipcase's own code adds; Slipcase still pays the baseline.
 * The floor, measured the same way: an extension whose script does the least any gate must, a
 * style put in at document_start (the cover before first paint) and one message to its background
 * once the page is parsed (the report). What that costs is Chromium's, not the gate's: the style
 * sheet and the bindings of chrome.runtime made in the isolated world on first use.
 * `--sync-kb N` first fills storage.sync with N KB of other items (as a synced library list would).
 * `--top` also prints where our scripts' sampled time went, by (minified) function.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusPages } from '../../tests/lib/corpus';
import { builtExtension } from '../../tests/e2e/lib/build';
import type { ExtensionBrowser } from './extension-browser';
import { figure } from './figures';
import { median, table } from './timing';
import { measure, measureSettings, type Run } from './content-trace';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 9;
const syncArg = process.argv.indexOf('--sync-kb');
/** KB of other items put in storage.sync first (a reader's synced library list is up to 64 KB); 0 by default. */
const SYNC_KB = syncArg > 0 ? Number(process.argv[syncArg + 1]) : 0;
const PAGE = 'ao3/pages/ao3js-works-17793689.html';
const GATE_MORE = 'content-scripts/gate-more.js';
/** The baseline and floor extensions' content script (see scriptExtension). */
const NOOP = 'noop.js';
/** The floor: a cover style at document_start, and once the page is parsed one message and the cover lifted. */
const FLOOR_SCRIPT = `const s = document.createElement('style');
s.textContent = '#workskin:not(#x):not(#x) { visibility: hidden !important; }';
document.documentElement.append(s);
document.addEventListener('DOMContentLoaded', () => {
  chrome.runtime.sendMessage({ type: 'report', url: location.href }).catch(() => 0);
  s.remove();
});
`;

/** Items of about 6 KB under keys of the library list's family (lib.), `kb` KB in all. */
async function fillSync(browser: ExtensionBrowser, kb: number): Promise<void> {
  const worker = await browser.worker();
  const items = Object.fromEntries(Array.from({ length: Math.ceil(kb / 6) }, (_, i) => [`lib.bench.${i}`, 'x'.repeat(6000)]));
  await worker.evaluate((all) => chrome.storage.sync.set(all), items);
}

/**
 * An extension whose only content script is `code`, run at document_start on the same page; its
 * background answers every message. With `void 0`, the baseline: what any content script costs
 * there, Chromium creating the extension's isolated world (its global object and bindings) and
 * evaluating a script in it. Subtracting it leaves what Slipcase's code itself costs; it does not
 * make the isolated world free for Slipcase, which pays it all the same.
 */
function scriptExtension(code: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipcase-baseline-'));
  const manifest = {
    manifest_version: 3,
    name: 'Baseline: one content script',
    version: '1',
    // launchWithExtension waits for the extension's service worker.
    background: { service_worker: 'background.js' },
    content_scripts: [{ matches: [`${new URL(url).origin}/*`], js: [NOOP], run_at: 'document_start' }],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'background.js'), 'chrome.runtime.onMessage.addListener((m, s, answer) => answer(true));\n');
  writeFileSync(join(dir, NOOP), code + '\n');
  return dir;
}

async function measureScript(code: string): Promise<Run[]> {
  const dir = scriptExtension(code);
  try {
    return await measure(dir, [NOOP], { url, html }, RUNS);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const page = corpusPages().find((p) => p.name === PAGE)!;
const url = page.expected.url;
const html = readFileSync(page.htmlPath, 'utf8');
const built = builtExtension('chrome-mv3');
const manifest = JSON.parse(readFileSync(join(built, 'manifest.json'), 'utf8')) as { content_scripts: { js?: string[] }[] };
// The gate's lazy parts, injected into the page when it needs them (src/warnings/ext/gate-more.ts), count too.
const scripts = [...manifest.content_scripts.flatMap((c) => c.js ?? []), GATE_MORE];
/** The reader's rating settings in storage.sync: the defaults, or with the text of rated works left unread. */
const ratingSettings = (value: object | null) => async (browser: ExtensionBrowser) => {
  const worker = await browser.worker();
  await worker.evaluate(
    (v) => (v ? chrome.storage.sync.set({ 'rating-settings': v }) : chrome.storage.sync.remove('rating-settings')),
    value,
  );
};
// Interleaved, so the machine's load drifts alike for both: the defaults read a rated chapter's
// text for the background's estimate (checkRated); without that the gate reads the page alone.
const [runs = [], unchecked = []] = await measureSettings(
  built,
  scripts,
  { url, html },
  RUNS,
  SYNC_KB > 0 ? (b) => fillSync(b, SYNC_KB) : undefined,
  [ratingSettings(null), ratingSettings({ checkRated: false })],
);
const base = await measureScript('void 0;');
const floor = await measureScript(FLOOR_SCRIPT);

const ms = (xs: number[]) => `${median(xs).toFixed(2)} [${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}]`;
const both = (r: Run) => r.start + r.later;
console.log(
  `Always-on script (${scripts.join(', ')}) on ${PAGE} (${url}), Chromium, default settings${SYNC_KB ? `, ${SYNC_KB} KB of other items in storage.sync` : ''}: main-thread ms, median [min–max] of ${RUNS} loads after one cold load`,
);
const row = (label: string, of: (r: Run) => number) => [
  label,
  ms(runs.map(of)),
  ms(unchecked.map(of)),
  ms(base.map(of)),
  ms(floor.map(of)),
];
table(
  ['part', 'ours', 'ours, rated text not checked', 'baseline: a `void 0` content script', 'floor: a cover style and one message'],
  [
    row('document_start: its evaluation, compiling included', (r) => r.start),
    row('later: DOM ready, idle, storage replies', (r) => r.later),
    row('  of which promise continuations (CPU samples)', (r) => r.sampled),
    row('both', both),
    row("page's main thread, all tasks, navigation to load + 1 s", (r) => r.pageTotal),
  ],
);
if (process.argv.includes('--top')) printTop(runs);
const total = median(runs.map(both));
const baseline = median(base.map(both));
const note = `document_start ${median(runs.map((r) => r.start)).toFixed(2)} ms, later ${median(runs.map((r) => r.later)).toFixed(2)} ms; the page's main thread in all ${median(runs.map((r) => r.pageTotal)).toFixed(0)} ms; median of ${RUNS} traced loads`;
figure({
  name: 'always-on script, AO3 work page, main thread at document_start + idle',
  value: total,
  unit: 'ms',
  baseline: { label: 'a `void 0` content script (the isolated world)', value: baseline },
  note,
});
const withoutCheck = median(unchecked.map(both));
figure({
  name: 'always-on script, AO3 work page, main thread with the text of rated works not checked',
  value: withoutCheck,
  unit: 'ms',
  baseline: { label: 'the default settings, which read the chapter for the estimate', value: total },
  note: `checkRated off: the gate reads the page's metadata alone; interleaved with the default loads`,
});
const least = median(floor.map(both));
figure({
  name: 'always-on script, AO3 work page, main thread against the least a gate that covers and reports costs',
  value: total,
  unit: 'ms',
  baseline: { label: 'a script that puts in a cover style and sends one message', value: least },
  note: `the floor's document_start ${median(floor.map((r) => r.start)).toFixed(2)} ms, later ${median(floor.map((r) => r.later)).toFixed(2)} ms; the 2 ms target is below it when the floor is over 2 ms`,
});
figure({
  name: 'always-on script, AO3 work page, main thread minus what any content script costs',
  value: Math.max(0, total - baseline),
  unit: 'ms',
  note: `ours ${total.toFixed(2)} ms − baseline ${baseline.toFixed(2)} ms (medians of separate loads)`,
});

/** `--top`: where the sampled time of our scripts went, by function (minified names; the column finds it in the build). */
function printTop(of: Run[]): void {
  const sum = new Map<string, number>();
  for (const r of of) for (const [f, t] of r.byFunction) sum.set(f, (sum.get(f) ?? 0) + t / of.length);
  const top = [...sum].sort((a, b) => b[1] - a[1]).slice(0, 15);
  console.log('\nSampled time by innermost function of our scripts (mean ms per load; what it calls outside them included)');
  table(
    ['function', 'ms'],
    top.map(([f, t]) => [f, t.toFixed(2)]),
  );
}
