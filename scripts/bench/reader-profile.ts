/**
 * Where the reader's opening time goes: `npx tsx scripts/bench/reader-profile.ts [page id] [--runs N]`
 * after `npm run build`. Opens the reader on one bench page (default the 10k-word chapter) as
 * reader-open.ts does, traced with the V8 sampler on, and prints, from the command to the first
 * screen's mark: the page's main-thread tasks over 2 ms with what they hold, the layouts over 1 ms,
 * and the functions with the most self time (CPU samples, summed over the runs after a cold one).
 * Build with `build: { minify: false }` in wxt.config.ts's vite settings to see the functions' names.
 */
import { launchWithExtension, passGate } from './extension-browser';
import { benchPages } from './pages';
import { openOnTab, settledTab } from './reader-driver';
import { cpuSamples, isTask, traceDuring, type TraceEvent } from './trace';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(arg('--runs') ?? 3);
const id = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 'ao3-10k';
const CATEGORIES = [
  'devtools.timeline',
  'v8.execute',
  'toplevel',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-v8.cpu_profiler',
];

/** Adds each sample's time between `from` and `to` to its innermost function's self time in `into`. */
function selfTimes(events: TraceEvent[], pid: number, tid: number, from: number, to: number, into: Map<string, number>) {
  for (const { ts, us, node } of cpuSamples(events, pid, tid).samples) {
    if (ts < from || ts > to) continue;
    const f = node?.callFrame;
    const key = `${f?.functionName || '(anon)'} ${(f?.url ?? '').split('/').pop()}:${f?.lineNumber ?? ''}`;
    into.set(key, (into.get(key) ?? 0) + us / 1000);
  }
}

const page = benchPages().find((p) => p.id === id);
if (!page)
  throw new Error(
    `no bench page ${id}: ${benchPages()
      .map((p) => p.id)
      .join(', ')}`,
  );
const browser = await launchWithExtension([page]);
const self = new Map<string, number>();
try {
  await (await browser.worker()).evaluate((items) => chrome.storage.sync.set(items), passGate([page]));
  for (let run = 0; run <= RUNS; run++) {
    const { tab, id: tabId, worker: w } = await settledTab(browser, page);
    const events = await traceDuring(tab, CATEGORIES, () => openOnTab(w, tabId, page));
    await tab.close();
    const mark = events.find((e) => e.name === 'TimeStamp' && (e.args?.data as { message?: string })?.message === 'slipcase-painted');
    if (!mark) throw new Error('no mark');
    const tasks = events.filter((e) => isTask(e) && e.pid === mark.pid && e.tid === mark.tid && e.ts <= mark.ts);
    const start = Math.min(
      ...events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.name === 'EvaluateScript').map((e) => e.ts),
    );
    if (run === 0) continue;
    console.log(`run ${run}: reader.js evaluated ${((mark.ts - start) / 1000).toFixed(1)} ms before the mark`);
    for (const t of tasks.filter((t) => t.ts >= start - 5000 && t.dur! > 2000)) {
      const inner = events
        .filter(
          (e) =>
            e.pid === mark.pid &&
            e.tid === mark.tid &&
            e.ph === 'X' &&
            e.ts >= t.ts &&
            e.ts < t.ts + t.dur! &&
            e !== t &&
            (e.dur ?? 0) > 1000,
        )
        .map((e) => `${e.name}${e.args?.data?.url ? `(${e.args.data.url.split('/').pop()})` : ''} ${(e.dur! / 1000).toFixed(1)}`)
        .slice(0, 8);
      console.log(`  +${((t.ts - start) / 1000).toFixed(1)} ms task ${(t.dur! / 1000).toFixed(1)} ms: ${inner.join(', ')}`);
    }
    for (const l of events.filter(
      (e) => e.name === 'Layout' && e.pid === mark.pid && e.tid === mark.tid && e.ts >= start && e.ts <= mark.ts && e.dur! > 1000,
    ))
      console.log(`  Layout ${(l.dur! / 1000).toFixed(1)} ms`, JSON.stringify(l.args?.beginData));
    selfTimes(events, mark.pid, mark.tid, start - 5000, mark.ts, self);
  }
} finally {
  await browser.close();
}
console.log(`Self time by function, ms over ${RUNS} runs:`);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${v.toFixed(1).padStart(8)}  ${k}`);
