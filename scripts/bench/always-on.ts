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
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPages } from '../../tests/lib/corpus';
import { builtExtension } from '../../tests/e2e/lib/build';
import { launchWithExtension } from './extension-browser';
import { figure } from './figures';
import { median, table } from './timing';
import { isTask, traceDuring, unionLength, type ProfileNode, type TraceEvent } from './trace';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 9;
const PAGE = 'ao3/pages/ao3js-works-17793689.html';
const GATE_MORE = 'content-scripts/gate-more.js';
/** After the load event: the script's idle callbacks and timers have run by then. */
const AFTER_LOAD_MS = 1000;
const CATEGORIES = [
  'devtools.timeline',
  'v8.execute',
  'v8',
  'loading',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-v8.cpu_profiler',
];

interface Run {
  /** Content-script main-thread time in its evaluation at document_start, and after it (ms). */
  start: number;
  later: number;
  /** Of `later`: from CPU samples outside the script's trace events (promise continuations). */
  sampled: number;
  /** Every top-level task on the page's main thread from the navigation to the end (ms). */
  pageTotal: number;
}

/** The main thread's JavaScript samples: when each was taken (trace clock), for how long, and whether `scripts` are on its stack. */
function samplesOf(events: TraceEvent[], pid: number, tid: number, scripts: string[]): { ts: number; us: number; ours: boolean }[] {
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  if (!profile) throw new Error('no CPU profile of the main thread in the trace');
  // The chunks come from the sampler's own thread, tied to the main thread's profile by its id.
  const chunks = events.filter((e) => e.name === 'ProfileChunk' && e.pid === pid && e.id === profile.id);
  const nodes = new Map<number, ProfileNode>();
  const samples: number[] = [];
  const deltas: number[] = [];
  for (const c of chunks) {
    for (const n of c.args?.data?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    samples.push(...(c.args?.data?.cpuProfile?.samples ?? []));
    deltas.push(...(c.args?.data?.timeDeltas ?? []));
  }
  const ours = (id: number | undefined): boolean => {
    for (let n = id === undefined ? undefined : nodes.get(id); n; n = n.parent === undefined ? undefined : nodes.get(n.parent))
      if (scripts.some((s) => n.callFrame.url?.endsWith(s))) return true;
    return false;
  };
  let ts = profile.args!.data!.startTime!;
  // A sample stands for the time until the next one.
  return samples.map((node, i) => ({ ts: (ts += deltas[i]!), us: deltas[i + 1] ?? 0, ours: ours(node) }));
}

function analyse(events: TraceEvent[], scripts: string[], url: string): Run {
  const threadName = new Map(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name]),
  );
  // The page's renderer main thread: the one that parsed its HTML.
  const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url === url);
  if (!parse) throw new Error(`no ParseHTML of ${url} in the trace`);
  const onMain = events.filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X' && e.dur !== undefined);
  if (threadName.get(`${parse.pid}:${parse.tid}`) !== 'CrRendererMain') throw new Error('ParseHTML ran off the renderer main thread');
  const ours = onMain.filter((e) => scripts.some((s) => e.args?.data?.url?.endsWith(s)));
  const evaluation = ours.find((e) => e.name === 'EvaluateScript');
  if (!evaluation) throw new Error('the always-on script was not evaluated on the page: did it run?');
  const spans: [number, number][] = ours.map((e) => [e.ts, e.ts + e.dur!]);
  const inSpan = (ts: number) => spans.some(([a, b]) => a <= ts && ts <= b);
  const sampled = samplesOf(events, parse.pid, parse.tid, scripts)
    .filter((s) => s.ours && !inSpan(s.ts))
    .reduce((sum, s) => sum + s.us, 0);
  const tasks = onMain.filter(isTask);
  return {
    start: evaluation.dur! / 1000,
    later: (unionLength(spans.filter(([a]) => a >= evaluation.ts + evaluation.dur!)) + sampled) / 1000,
    sampled: sampled / 1000,
    pageTotal: unionLength(tasks.filter((e) => e.ts >= parse.ts - 50_000).map((e) => [e.ts, e.ts + e.dur!])) / 1000,
  };
}

const page = corpusPages().find((p) => p.name === PAGE)!;
const url = page.expected.url;
const manifest = JSON.parse(readFileSync(join(builtExtension('chrome-mv3'), 'manifest.json'), 'utf8')) as {
  content_scripts: { js?: string[] }[];
};
// The gate's lazy parts, injected into the page when it needs them (src/warnings/ext/gate-more.ts), count too.
const scripts = [...manifest.content_scripts.flatMap((c) => c.js ?? []), GATE_MORE];
const browser = await launchWithExtension([{ url, html: readFileSync(page.htmlPath, 'utf8') }]);
const runs: Run[] = [];
try {
  // One load before the measured ones: the browser's first, with its caches cold.
  for (let i = 0; i <= RUNS; i++) {
    const tab = await browser.context.newPage();
    try {
      const events = await traceDuring(tab, CATEGORIES, async () => {
        await tab.goto(url, { waitUntil: 'load' });
        await tab.waitForTimeout(AFTER_LOAD_MS);
      });
      const run = analyse(events, scripts, url);
      if (i > 0) runs.push(run);
    } finally {
      await tab.close();
    }
  }
} finally {
  await browser.close();
}

const ms = (xs: number[]) => `${median(xs).toFixed(2)} [${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}]`;
console.log(
  `Always-on script (${scripts.join(', ')}) on ${PAGE} (${url}), Chromium, default settings: main-thread ms, median [min–max] of ${RUNS} loads after one cold load`,
);
table(
  ['part', 'ms'],
  [
    ['document_start: its evaluation, compiling included', ms(runs.map((r) => r.start))],
    ['later: DOM ready, idle, storage replies', ms(runs.map((r) => r.later))],
    ['  of which promise continuations (CPU samples)', ms(runs.map((r) => r.sampled))],
    ['both', ms(runs.map((r) => r.start + r.later))],
    ["page's main thread, all tasks, navigation to load + 1 s", ms(runs.map((r) => r.pageTotal))],
  ],
);
const total = median(runs.map((r) => r.start + r.later));
figure({
  name: 'always-on script, AO3 work page, main thread at document_start + idle',
  value: total,
  unit: 'ms',
  note: `document_start ${median(runs.map((r) => r.start)).toFixed(2)} ms, later ${median(runs.map((r) => r.later)).toFixed(2)} ms; the page's main thread in all ${median(runs.map((r) => r.pageTotal)).toFixed(0)} ms; median of ${RUNS} traced loads`,
});
