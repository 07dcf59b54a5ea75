/** The library bench's figures for issue #16 (library.ts measures them). */
import { figure, mib } from './figures';
import type { PageHeap } from './library-heap';
import type { Timed } from './library-page';
import { median } from './timing';

export interface LibraryRuns {
  stories: number;
  /** saveStory into the full library back to back, and into an empty one. */
  full: Timed[];
  empty: Timed[];
  /** Writing in the saves' waiting index keys afterwards, a story each, in the full library and the empty one. */
  writeIn: Timed[];
  writeInEmpty: Timed[];
  /** Searches while the saves' keys wait, by label; the first run of each is the cold one. */
  waitingReads: [string, Timed[]][];
  /** Reads after a restart, by label; the first run of each is the cold one. */
  reads: [string, Timed[]][];
  fandomCounts: Timed[];
  /** The library page on the full library and on an empty one. */
  heap: PageHeap;
  emptyHeap: PageHeap;
}

export function libraryFigures(r: LibraryRuns): void {
  const at = `${r.stories.toLocaleString('en-US')} stories`;
  const ms = (runs: Timed[]) => median(runs.map((t) => t.ms));
  figure({
    name: `library at ${at}: a save (saveStory), back to back`,
    value: ms(r.full),
    unit: 'ms',
    baseline: { label: "an empty library's", value: ms(r.empty) },
    note: `median of ${r.full.length}`,
  });
  figure({
    name: `library at ${at}: writing in a saved story's waiting index keys, after the save`,
    value: ms(r.writeIn),
    unit: 'ms',
    baseline: { label: "in an empty library's", value: ms(r.writeInEmpty) },
    note: `median of ${r.writeIn.length}, a transaction each, when the connection is idle (search/waiting.ts)`,
  });
  for (const [label, runs] of [...r.waitingReads, ...r.reads]) {
    const rest = runs.slice(1);
    figure({
      name: `library at ${at}: ${label}`,
      value: ms(rest),
      unit: 'ms',
      note: `median of ${rest.length} after a cold ${runs[0]!.ms.toFixed(0)} ms; ${median(runs.map((t) => t.size)).toLocaleString('en-US')} results, ${median(runs.map((t) => t.requests)).toLocaleString('en-US')} IndexedDB requests`,
    });
  }
  figure({
    name: `library at ${at}: fandomCounts, IndexedDB requests`,
    value: median(r.fandomCounts.map((t) => t.requests)),
    unit: 'requests',
    note: `${ms(r.fandomCounts.slice(1)).toFixed(0)} ms (median after a cold ${r.fandomCounts[0]!.ms.toFixed(0)} ms), ${r.fandomCounts[0]!.size} fandoms; requests are calls that return an IDBRequest, each cursor step included`,
  });
  figure({
    name: `library page at ${at}: JS heap`,
    value: mib(r.heap.bytes),
    unit: 'MiB',
    baseline: { label: 'on an empty library', value: mib(r.emptyHeap.bytes) },
    note: `JSHeapUsedSize after a forced GC; the page shows "${r.heap.count}", ${r.heap.cards} cards drawn (empty: "${r.emptyHeap.count}")`,
  });
}
