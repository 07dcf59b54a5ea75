/**
 * The figures issue #16 judges Slipcase by, as each bench script measures them: printed where they
 * are measured, one `FIGURE` line each, and (when the runner, run.ts, sets BENCH_FIGURES to a file)
 * appended to that file as JSON lines, so that the runner can print them all again at the end.
 *
 * A figure with a baseline measured in the same run (Readability on the same page, an empty
 * library, a 1k-word page) carries its ratio to it. A figure that cannot be measured honestly is
 * recorded with the reason instead of a number.
 */
import { appendFileSync } from 'node:fs';

export interface Figure {
  /** What was measured, e.g. "reader open: 200k-word work, command to first screen". */
  name: string;
  value: number | null;
  unit: string;
  baseline?: { label: string; value: number };
  /** Why there is no number, or what to know about it. */
  note?: string;
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

/** The figure's value, its unit and its ratio, as the runner's table and the FIGURE lines show them. */
export function describe(f: Figure): { value: string; ratio: string } {
  if (f.value === null) return { value: 'not measured', ratio: '' };
  const ratio =
    f.baseline && f.baseline.value > 0
      ? `${(f.value / f.baseline.value).toFixed(2)}× ${f.baseline.label} (${fmt(f.baseline.value)} ${f.unit})`
      : '';
  return { value: `${fmt(f.value)} ${f.unit}`, ratio };
}

export function figure(f: Figure): void {
  const { value, ratio } = describe(f);
  console.log(`FIGURE ${f.name}: ${value}${ratio ? `; ${ratio}` : ''}${f.note ? ` — ${f.note}` : ''}`);
  const file = process.env.BENCH_FIGURES;
  if (file) appendFileSync(file, `${JSON.stringify(f)}\n`);
}

/** A figure this bench cannot measure honestly, with the reason. */
export function unmeasured(name: string, why: string): void {
  figure({ name, value: null, unit: '', note: why });
}

/** Bytes as KiB, for figures in KiB. */
export const kib = (bytes: number) => bytes / 1024;
/** Bytes as MiB, for heap figures. */
export const mib = (bytes: number) => bytes / 2 ** 20;
