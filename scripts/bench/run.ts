/**
 * Runs the benchmarks one after another and prints every figure of issue #16 again at the end:
 * `npx tsx scripts/bench/run.ts [--quick]` (`npm run bench`, `npm run bench:quick`).
 *
 * The full run has the library at 10,000 stories (an hour to fill the first time, then cached) and
 * more runs of each timing; --quick has the library at 1,000 stories and fewer runs, and takes a
 * few minutes. Every step runs even when one before it failed (all but the build), and the run
 * exits non-zero if any failed. Steps that drive a browser take /tmp/e2e.lock with flock(1) where
 * it exists, so that they do not share the cores with end-to-end tests run the same way.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, type Figure } from './figures';
import { table } from './timing';

const QUICK = process.argv.includes('--quick');
const LOCK = '/tmp/e2e.lock';

interface Step {
  name: string;
  command: string[];
  /** Drives a browser: runs under the e2e lock. */
  browser?: boolean;
  /** Later steps need it: stop if it fails. */
  required?: boolean;
  /** Node's heap limit for the step, in MB, where the default is too small. */
  heapMb?: number;
}

const tsx = (script: string, ...args: string[]) => ['npx', 'tsx', join('scripts', 'bench', script), ...args];

const STEPS: Step[] = [
  { name: 'build', command: ['npm', 'run', 'build'], required: true },
  { name: 'bundle sizes', command: tsx('bundle-size.ts') },
  // jsdom keeps something of every window it made, closed or not (Readability alone on the corpus
  // grows the heap by 220 MB over 200 pages of 3 runs each): at 15 runs a page, Node's 4 GB ran out.
  { name: 'extraction quality and speed', command: tsx('quality.ts', '--runs', QUICK ? '5' : '15'), heapMb: 12_288 },
  { name: 'extraction in Chromium', command: tsx('extraction-browser.ts', '--runs', QUICK ? '5' : '15'), browser: true },
  { name: 'estimator', command: tsx('estimator.ts') },
  { name: 'always-on script, main thread', command: tsx('always-on.ts', '--runs', QUICK ? '5' : '9'), browser: true },
  { name: 'reader open', command: tsx('reader-open.ts', '--runs', QUICK ? '3' : '7'), browser: true },
  { name: 'listing marks', command: tsx('listing-marks.ts', '--runs', QUICK ? '5' : '9'), browser: true },
  { name: 'WebDAV sync (issue #19)', command: tsx('dav-sync.ts', '--stories', QUICK ? '1000' : '10000') },
  {
    name: 'library',
    command: tsx('library.ts', '--stories', QUICK ? '1000' : '10000', '--saves', QUICK ? '20' : '40'),
    browser: true,
  },
];

const hasFlock = spawnSync('flock', ['--version'], { stdio: 'ignore' }).status === 0;
const scratch = mkdtempSync(join(tmpdir(), 'slipcase-bench-run-'));
const figuresFile = join(scratch, 'figures.jsonl');
const env = { ...process.env, BENCH_FIGURES: figuresFile };
const seconds = (ms: number) => `${(ms / 1000).toFixed(0)} s`;

const started = performance.now();
const done: { step: Step; ok: boolean; ms: number; waited: number; load: number }[] = [];
// The timings are only as quiet as the machine: each step's 1-minute load average is printed with it.
const load = () => loadavg()[0]!;
console.log(
  `Slipcase bench${QUICK ? ' (quick)' : ''}, ${new Date().toISOString()}, ${cpus().length} cores, load average ${load().toFixed(1)}${hasFlock ? '' : '; no flock(1): browser steps run without the e2e lock'}`,
);
const lockedAt = join(scratch, 'locked-at');
for (const step of STEPS) {
  // Under the lock, the step first notes when it got it: the wait for other users of the lock is not the bench's time.
  const command =
    step.browser && hasFlock ? ['flock', LOCK, 'sh', '-c', `date +%s%3N > ${lockedAt}; exec "$@"`, 'sh', ...step.command] : step.command;
  rmSync(lockedAt, { force: true });
  const wallStart = Date.now();
  console.log(`\n===== ${step.name}: ${command === step.command ? '' : `flock ${LOCK} `}${step.command.join(' ')}`);
  const t = performance.now();
  const before = load();
  const heap = step.heapMb ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${step.heapMb}`.trim() } : {};
  const r = spawnSync(command[0]!, command.slice(1), { stdio: 'inherit', env: { ...env, ...heap } });
  const ok = r.status === 0;
  const waited = existsSync(lockedAt) ? Number(readFileSync(lockedAt, 'utf8')) - wallStart : 0;
  done.push({ step, ok, ms: performance.now() - t, waited, load: Math.max(before, load()) });
  console.log(
    `===== ${step.name}: ${ok ? 'done' : `FAILED (${r.error?.message ?? `exit ${r.status ?? r.signal}`})`} in ${seconds(performance.now() - t)}${waited ? `, ${seconds(waited)} of it waiting for the lock` : ''}`,
  );
  if (!ok && step.required) break;
}

const figures: Figure[] = existsSync(figuresFile)
  ? readFileSync(figuresFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Figure)
  : [];
rmSync(scratch, { recursive: true, force: true });

console.log(`\n===== Figures of issue #16 (${figures.length})`);
table(
  ['figure', 'value', 'ratio to the baseline of this run', 'note'],
  figures.map((f) => {
    const { value, ratio } = describe(f);
    return [f.name, value, ratio, f.note ?? ''];
  }),
  4,
);
console.log('\n===== Steps');
table(
  ['step', 'outcome', 'wall time', 'of which waiting for the e2e lock', 'load average (1 min, higher of start and end)'],
  done.map((d) => [d.step.name, d.ok ? 'ok' : 'FAILED', seconds(d.ms), seconds(d.waited), d.load.toFixed(1)]),
);
const failed = done.filter((d) => !d.ok).length + STEPS.length - done.length;
const waitedAll = done.reduce((a, d) => a + d.waited, 0);
console.log(
  `Total ${seconds(performance.now() - started)} (${seconds(performance.now() - started - waitedAll)} without the waits for the lock); ${failed ? `${failed} step(s) failed or did not run` : 'every step ran'}`,
);
process.exitCode = failed ? 1 : 0;
