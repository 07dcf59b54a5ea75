/**
 * A content script's main-thread time on a page, from performance traces of its loads in Chromium
 * with an unpacked extension: what always-on.ts and listing-marks.ts measure. See always-on.ts for
 * what is counted.
 */
import { launchWithExtension, type ExtensionBrowser } from './extension-browser';
import { cpuSamples, isTask, traceDuring, unionLength, type ProfileNode, type TraceEvent } from './trace';

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

export interface Run {
  /** Content-script main-thread time in its evaluation at document_start, and after it (ms). */
  start: number;
  later: number;
  /** Of `later`: from CPU samples outside the script's trace events (promise continuations). */
  sampled: number;
  /** Every top-level task on the page's main thread from the navigation to the end (ms). */
  pageTotal: number;
  /** Sampled ms by the innermost frame of the scripts on the stack (what it calls outside them included). */
  byFunction: Map<string, number>;
}

/**
 * The main thread's JavaScript samples: when each was taken (trace clock), for how long, and the
 * innermost frame of `scripts` on its stack ("name@file:line:col"), null when none of them is.
 */
function samplesOf(events: TraceEvent[], pid: number, tid: number, scripts: string[]): { ts: number; us: number; ours: string | null }[] {
  const { samples, nodes } = cpuSamples(events, pid, tid);
  const ours = (leaf: ProfileNode | undefined): string | null => {
    for (let n = leaf; n; n = n.parent === undefined ? undefined : nodes.get(n.parent)) {
      const { url: at, functionName, lineNumber, columnNumber } = n.callFrame;
      const script = scripts.find((s) => at?.endsWith(s));
      if (script) return `${functionName || '(top level)'}@${script}:${(lineNumber ?? 0) + 1}:${(columnNumber ?? 0) + 1}`;
    }
    return null;
  };
  return samples.map((s) => ({ ts: s.ts, us: s.us, ours: ours(s.node) }));
}

export function analyse(events: TraceEvent[], scripts: string[], url: string): Run {
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
  const samples = samplesOf(events, parse.pid, parse.tid, scripts);
  const sampled = samples.filter((s) => s.ours && !inSpan(s.ts)).reduce((sum, s) => sum + s.us, 0);
  const byFunction = new Map<string, number>();
  for (const s of samples) if (s.ours) byFunction.set(s.ours, (byFunction.get(s.ours) ?? 0) + s.us / 1000);
  const tasks = onMain.filter(isTask);
  return {
    start: evaluation.dur! / 1000,
    later: (unionLength(spans.filter(([a]) => a >= evaluation.ts + evaluation.dur!)) + sampled) / 1000,
    sampled: sampled / 1000,
    pageTotal: unionLength(tasks.filter((e) => e.ts >= parse.ts - 50_000).map((e) => [e.ts, e.ts + e.dur!])) / 1000,
    byFunction,
  };
}

/**
 * Loads `url` (answered with `html`) `runs` + 1 times in Chromium with the unpacked extension at
 * `extension`, tracing each; the first, cold load is not kept. `prepare` runs once first.
 */
export async function measure(
  extension: string,
  scripts: string[],
  page: { url: string; html: string },
  runs: number,
  prepare?: (browser: ExtensionBrowser) => Promise<void>,
): Promise<Run[]> {
  const [only] = await measureSettings(extension, scripts, page, runs, prepare, [async () => {}]);
  return only!;
}

/**
 * `measure` for several settings of one browser, interleaved: each round sets each in turn
 * (`settings[k]`) and loads the page under it, so the machine's load drifts alike for all.
 * The runs under each setting, in the order given; each setting's first, cold load is not kept.
 */
export async function measureSettings(
  extension: string,
  scripts: string[],
  page: { url: string; html: string },
  runs: number,
  prepare: ((browser: ExtensionBrowser) => Promise<void>) | undefined,
  settings: ((browser: ExtensionBrowser) => Promise<void>)[],
): Promise<Run[][]> {
  const { url } = page;
  const browser = await launchWithExtension([page], extension);
  const kept: Run[][] = settings.map(() => []);
  try {
    await prepare?.(browser);
    for (let i = 0; i <= runs; i++) {
      for (const [k, set] of settings.entries()) {
        await set(browser);
        const tab = await browser.context.newPage();
        try {
          const events = await traceDuring(tab, CATEGORIES, async () => {
            await tab.goto(url, { waitUntil: 'load' });
            await tab.waitForTimeout(AFTER_LOAD_MS);
          });
          const run = analyse(events, scripts, url);
          if (i > 0) kept[k]!.push(run);
        } finally {
          await tab.close();
        }
      }
    }
  } finally {
    await browser.close();
  }
  return kept;
}
