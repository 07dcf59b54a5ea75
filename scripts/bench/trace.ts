/** Performance traces through the DevTools protocol (Tracing), for always-on.ts, reader-scroll.ts and reader-profile.ts. */
import type { Page } from 'playwright-core';

export interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { url?: string; functionName?: string; lineNumber?: number; columnNumber?: number };
}

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  id?: string;
  args?: {
    name?: string;
    data?: { url?: string; startTime?: number; cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] };
    beginData?: { url?: string };
  };
}

/** The trace of everything the browser does while `during` runs, in the categories given. */
export async function traceDuring(page: Page, categories: string[], during: () => Promise<unknown>): Promise<TraceEvent[]> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: categories }, transferMode: 'ReportEvents' });
  try {
    await during();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
  return events;
}

/** The top-level tasks of a thread's event loop in a trace. */
export const isTask = (e: TraceEvent) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');

/** Total length of the union of [start, end) intervals, in the trace's microseconds. */
export function unionLength(intervals: [number, number][]): number {
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of [...intervals].sort((x, y) => x[0] - y[0])) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

export interface CpuSample {
  /** When it was taken (trace clock, µs). */
  ts: number;
  /** The time it stands for: until the next sample (µs). */
  us: number;
  /** The innermost frame on the stack. */
  node: ProfileNode | undefined;
}

/**
 * The JavaScript samples of thread `tid` of process `pid` in a trace taken with the V8 sampler on
 * (disabled-by-default-v8.cpu_profiler), and the profile's nodes, by id, to walk up their stacks.
 */
export function cpuSamples(events: TraceEvent[], pid: number, tid: number): { samples: CpuSample[]; nodes: Map<number, ProfileNode> } {
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  if (!profile) throw new Error('no CPU profile of the thread in the trace');
  // The chunks come from the sampler's own thread, tied to the main thread's profile by its id.
  const chunks = events.filter((e) => e.name === 'ProfileChunk' && e.pid === pid && e.id === profile.id);
  const nodes = new Map<number, ProfileNode>();
  const ids: number[] = [];
  const deltas: number[] = [];
  for (const c of chunks) {
    for (const n of c.args?.data?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    ids.push(...(c.args?.data?.cpuProfile?.samples ?? []));
    deltas.push(...(c.args?.data?.timeDeltas ?? []));
  }
  let ts = profile.args!.data!.startTime!;
  const samples = ids.map((id, i) => ({ ts: (ts += deltas[i]!), us: deltas[i + 1] ?? 0, node: nodes.get(id) }));
  return { samples, nodes };
}
