/**
 * How fast the offline library is with stories of realistic size, in the browser's own
 * IndexedDB: `npx tsx scripts/bench/library.ts [--stories N] [--saves N] [--seed S]`.
 *
 * N is 10,000 by default. Filling that many takes about an hour on a 2-core machine (Chromium's
 * writes slow from ~0.08 s to ~0.6 s a story as the database grows past a gigabyte: LevelDB
 * compacts each story's index entries into every level), so the filled profile is cached (below);
 * `--stories 1000` gives a quick run.
 *
 * The library's code (utils/library) is bundled with a small page (library-page.ts) and served to
 * headless Chromium at an https origin; its database lives on disk in a fresh profile, as a
 * reader's does. The stories come from library-stories.ts (sizes and vocabulary described there).
 *
 * - fill: all N stories are written, a transaction each, with the records saveStory writes for
 *   a first save (library-fill.ts). Not a figure of saveStory's speed. A story's
 *   search index is ~2,000 keys (one per field and term) in records of 128 that Chromium adds to
 *   the multi-entry index, so 10,000 realistic stories hold about 20 million index entries. The
 *   filled profile is kept in node_modules/.cache/slipcase-bench/, keyed by a hash of what
 *   decides its contents (the fill's code and the story generator's, with the library code they
 *   call; the vocabulary, the story count, the seed and the Chromium version), and later runs
 *   start from a copy of it (--fresh fills anew); the output says which. A change to how the
 *   library reads keeps the cache; a change to what a save writes fills anew.
 * - save: saveStory itself, one story per call as the runner saves, of new stories from the same
 *   distribution into the full library: back to back; then, their index keys still waiting
 *   (search/waiting.ts), searches for "the", and the keys written in, a story a transaction,
 *   timed; then 1 s apart (the runner's pace, as it fetches at least one page a story, a second
 *   apart), the connection writing in when idle as the runner's does; then the first ones into
 *   an empty library, and their keys written in, for the ratios that show what the library's
 *   size costs a save.
 * - The browser is then restarted, so that reads start from the database on disk; each read is
 *   reported as its first (cold) time and the median / 95th percentile of the rest.
 * - open: loadStory (a story and all its chapters) of stories picked at random.
 * - list: the first page of 50 with no words to match, by latest update and by title.
 * - search: a story's rarest title word, an author's name, a rare word of the text (a few dozen
 *   stories hold it), the commonest word ("the", every story), a fandom filter; fandomCounts.
 * - typing: a search as the reader types its first three letters, which match every longer word
 *   in the titles, authors, fandoms and tags, and whole words in the summary and text: of a title
 *   word, and "the" (in every story's text).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { browserBundle } from './browser-bundle';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_EXECUTABLE, chromiumOptions } from '../../tests/e2e/lib/chromium-args';
import { LIBRARY_NAME } from '../../src/library/db/db';
import type { LibraryQuery } from '../../src/library/search/query';
import { corpusVocabulary } from './library-vocabulary';
import type { LibraryBench, Timed } from './library-page';
import { noFill, type FillStats } from './library-fill';
import { seeded } from '../../tests/lib/seeded';
import { SIZE, type Vocabulary } from './library-stories';
import { median, percentile, table } from './timing';
import { pageHeaps } from './library-heap';
import { libraryFigures } from './library-figures';

const { values } = parseArgs({
  options: {
    stories: { type: 'string', default: '10000' },
    saves: { type: 'string', default: '40' },
    seed: { type: 'string', default: '6' },
    fresh: { type: 'boolean', default: false },
  },
});
const STORIES = Number(values.stories);
const SAVES = Number(values.saves);
const SEED = Number(values.seed);
/** Stories a call to the page fills. */
const BATCH = 25;
/** Stories between progress lines. */
const PROGRESS = 500;
const RUNS = 30;
const ORIGIN = 'https://library.bench.slipcase.test';
const EMPTY = 'slipcase-bench-empty';
/** Where filled profiles are kept: SLIPCASE_BENCH_CACHE, else node_modules/.cache/slipcase-bench. */
const CACHE = process.env.SLIPCASE_BENCH_CACHE ?? join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'slipcase-bench');

interface Browser {
  context: BrowserContext;
  bench<K extends keyof LibraryBench>(name: K, ...args: Parameters<LibraryBench[K]>): Promise<Awaited<ReturnType<LibraryBench[K]>>>;
}

async function launch(profile: string, script: string, vocab: Vocabulary): Promise<Browser> {
  const context = await chromium.launchPersistentContext(profile, chromiumOptions(null));
  await context.route(/^https?:/, (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort('internetdisconnected');
    if (url.pathname === '/bench.js') return route.fulfill({ status: 200, contentType: 'text/javascript', body: script });
    return route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: '<!doctype html><meta charset="utf-8"><title>library bench</title><script src="/bench.js"></script>',
    });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${ORIGIN}/`);
  const bench = ((name: string, ...args: unknown[]) =>
    page.evaluate(
      ([name, args]) =>
        (window as unknown as { libraryBench: Record<string, (...a: unknown[]) => unknown> }).libraryBench[name as string]!(
          ...(args as unknown[]),
        ),
      [name, args] as const,
    )) as Browser['bench'];
  await bench('setup', vocab, SEED);
  return { context, bench };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
const thousands = (n: number) => Math.round(n).toLocaleString('en-US');

/** First (cold) time, then median and p95 of the rest, and the median size. */
function summary(label: string, runs: Timed[], sizeLabel: string): string[] {
  const rest = runs.slice(1).map((r) => r.ms);
  return [
    label,
    fmt(runs[0]!.ms),
    fmt(median(rest)),
    fmt(percentile(rest, 95)),
    `${thousands(median(runs.map((r) => r.size)))} ${sizeLabel}`,
    thousands(median(runs.map((r) => r.requests))),
  ];
}

interface Filled {
  stats: FillStats;
  /** Wall-clock time of the whole fill. */
  ms: number;
  /** The database's size on disk just after the fill. */
  bytes: number;
  builtAt: string;
}

/** Debian's wrapper script complains on stderr; only the version line matters. */
const chromiumVersionLine = () =>
  execFileSync(CHROMIUM_EXECUTABLE, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

const dirBytes = (dir: string) => Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);

/** Fills a new profile at `profile` with the library of STORIES stories. */
async function fillProfile(profile: string, script: string, vocab: Vocabulary): Promise<Filled> {
  const browser = await launch(profile, script, vocab);
  const started = performance.now();
  const stats = noFill();
  for (let n = 0; n < STORIES; n += BATCH) {
    const s = await browser.bench('fill', LIBRARY_NAME, n, Math.min(STORIES, n + BATCH));
    for (const k of Object.keys(stats) as (keyof FillStats)[]) stats[k] += s[k];
    if ((n + BATCH) % PROGRESS < BATCH)
      process.stderr.write(
        `filled ${thousands(stats.stories)} stories, ${thousands(stats.indexKeys)} index keys, ${seconds(performance.now() - started)} ` +
          `(generate ${seconds(stats.generateMs)}, prepare ${seconds(stats.prepareMs)}, terms ${seconds(stats.termsMs)}, write ${seconds(stats.writeMs)})\n`,
      );
  }
  const ms = performance.now() - started;
  await browser.context.close();
  return { stats, ms, bytes: dirBytes(join(profile, 'Default', 'IndexedDB')), builtAt: new Date().toISOString() };
}

/**
 * A filled profile for these inputs: the cached one, or a new one filled now (and cached; older
 * ones of the same size are removed, as each takes up to gigabytes).
 */
async function filledProfile(script: string, vocab: Vocabulary): Promise<{ dir: string; filled: Filled; reused: boolean }> {
  const chromiumVersion = chromiumVersionLine();
  const fillCode = await Promise.all(['library-fill.ts', 'library-stories.ts'].map(async (entry) => (await browserBundle(entry, true)).js));
  const key = createHash('sha256')
    .update(JSON.stringify([fillCode, vocab, STORIES, SEED, chromiumVersion]))
    .digest('hex')
    .slice(0, 16);
  const dir = join(CACHE, `library-${STORIES}-${key}`);
  const record = join(dir, 'fill.json');
  if (!values.fresh && existsSync(record))
    return { dir: join(dir, 'profile'), filled: JSON.parse(readFileSync(record, 'utf8')) as Filled, reused: true };
  mkdirSync(CACHE, { recursive: true });
  for (const old of readdirSync(CACHE))
    if (old.startsWith(`library-${STORIES}-`)) rmSync(join(CACHE, old), { recursive: true, force: true });
  const building = `${dir}.partial`;
  const filled = await fillProfile(join(building, 'profile'), script, vocab);
  writeFileSync(join(building, 'fill.json'), JSON.stringify(filled));
  renameSync(building, dir);
  return { dir: join(dir, 'profile'), filled, reused: false };
}

/** Waits until the full library's connection has written in every waiting story's keys. */
async function untilNoneWaiting(browser: Awaited<ReturnType<typeof launch>>): Promise<void> {
  const deadline = Date.now() + 120_000;
  while ((await browser.bench('waitingCount', LIBRARY_NAME)) > 0) {
    if (Date.now() > deadline) throw new Error('the waiting index keys were not written in within 120 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const started = performance.now();
const profile = mkdtempSync(join(tmpdir(), 'slipcase-library-bench-'));
try {
  const [vocab, script] = [corpusVocabulary(), (await browserBundle('library-page.ts')).js];
  const cached = await filledProfile(script, vocab);
  const { stats: total, ms: fillMs, bytes } = cached.filled;
  // The saves below change the library: they go to a copy.
  cpSync(cached.dir, profile, { recursive: true });

  let browser = await launch(profile, script, vocab);
  const full = await browser.bench('saves', LIBRARY_NAME, STORIES, STORIES + SAVES);
  // The saves' index keys wait (search/waiting.ts): searches read them too, until they are written in.
  const waitingCommon = await browser.bench('searches', LIBRARY_NAME, Array<LibraryQuery>(5).fill({ text: 'the ', fields: ['text'] }));
  const waitingPrefix = await browser.bench('searches', LIBRARY_NAME, Array<LibraryQuery>(5).fill({ text: 'the' }));
  const writtenIn = await browser.bench('writeIns', LIBRARY_NAME);
  const writtenCommon = await browser.bench('searches', LIBRARY_NAME, Array<LibraryQuery>(5).fill({ text: 'the ', fields: ['text'] }));
  const writtenPrefix = await browser.bench('searches', LIBRARY_NAME, Array<LibraryQuery>(5).fill({ text: 'the' }));
  // Paced as the runner saves, its connection writing in when idle (and meanwhile, when saves keep coming).
  await browser.bench('writeInIdle', LIBRARY_NAME);
  const paced: Timed[] = [];
  for (let n = STORIES + SAVES; n < STORIES + 2 * SAVES; n++) {
    await new Promise((r) => setTimeout(r, 1000));
    paced.push(...(await browser.bench('saves', LIBRARY_NAME, n, n + 1)));
  }
  await untilNoneWaiting(browser);
  const empty = await browser.bench('saves', EMPTY, STORIES, STORIES + SAVES);
  const writtenInEmpty = await browser.bench('writeIns', EMPTY);
  await browser.context.close();

  browser = await launch(profile, script, vocab);
  const rand = seeded(SEED);
  const some = (k: number) => Array.from({ length: k }, () => Math.floor(rand() * STORIES));
  const opened = await browser.bench('opens', LIBRARY_NAME, some(RUNS * 2));
  const listUpdated = await browser.bench('searches', LIBRARY_NAME, Array<LibraryQuery>(RUNS).fill({ sort: 'updated', limit: 50 }));
  const listTitle = await browser.bench('searches', LIBRARY_NAME, Array<LibraryQuery>(RUNS).fill({ sort: 'title', limit: 50 }));
  const handles = await Promise.all(some(RUNS).map((n) => browser.bench('handles', n)));
  const byTitle = await browser.bench(
    'searches',
    LIBRARY_NAME,
    handles.map((h) => ({ text: `${h.titleWord} ` })),
  );
  const byAuthor = await browser.bench(
    'searches',
    LIBRARY_NAME,
    handles.map((h) => ({ text: `${h.author} ` })),
  );
  // Tail words of these ranks occur in a few dozen stories of 10,000 each.
  const rare = await Promise.all(Array.from({ length: RUNS }, (_, i) => browser.bench('tailWord', 10_000 + i * 500)));
  const byRare = await browser.bench(
    'searches',
    LIBRARY_NAME,
    rare.map((w) => ({ text: `${w} `, fields: ['text'] })),
  );
  const byCommon = await browser.bench('searches', LIBRARY_NAME, Array<LibraryQuery>(10).fill({ text: 'the ', fields: ['text'] }));
  // As the reader types: the last word's first three letters match every longer word, in every field.
  const byTitlePrefix = await browser.bench(
    'searches',
    LIBRARY_NAME,
    handles.map((h) => ({ text: h.titleWord.slice(0, 3) })),
  );
  const byCommonPrefix = await browser.bench('searches', LIBRARY_NAME, Array<LibraryQuery>(5).fill({ text: 'the' }));
  const fandomNames = await browser.bench('fandomNames');
  const byFandom = await browser.bench(
    'searches',
    LIBRARY_NAME,
    handles.map((h) => ({ fandom: h.fandom })),
  );
  const topFandom = await browser.bench('searches', LIBRARY_NAME, Array<LibraryQuery>(10).fill({ fandom: fandomNames[0]! }));
  const counts = await browser.bench('fandoms', LIBRARY_NAME, 10);
  await browser.context.close();
  // A database never written: the library page on an empty library.
  const [emptyHeap, heap] = await pageHeaps(profile, ORIGIN, ['slipcase-bench-none', LIBRARY_NAME]);

  const saveMs = full.map((r) => r.ms);
  const emptyMs = empty.map((r) => r.ms);
  console.log(`Offline library in Chromium's IndexedDB (${chromiumVersionLine()}, headless, profile on disk), seed ${SEED}`);
  console.log(
    `Stories: ${thousands(total.stories)}; words per story lognormal, median ${thousands(SIZE.medianWords)}, sigma ${SIZE.sigma} ` +
      `(clipped to ${thousands(SIZE.minWords)}–${thousands(SIZE.maxWords)}), chapters of ~${thousands(SIZE.wordsPerChapter)} words; corpus vocabulary of ${thousands(vocab.words.length)} words plus a spliced rare-word tail`,
  );
  console.log(
    `Library: ${thousands(total.words)} words (mean ${thousands(total.words / total.stories)} per story), ${thousands(total.chapters)} chapters, ` +
      `${(total.html / 2 ** 20).toFixed(0)} MiB of chapter HTML, ${thousands(total.indexKeys)} search index keys (mean ${thousands(total.indexKeys / total.stories)} per story)`,
  );
  console.log(
    `Fill (a transaction a story, same records as saveStory): ${seconds(fillMs)}, ${fmt(fillMs / total.stories)} ms a story, ` +
      `${thousands((1000 * total.indexKeys) / total.writeMs)} index keys a second written; ` +
      (cached.reused
        ? `profile reused from ${cached.filled.builtAt} (node_modules/.cache/slipcase-bench; --fresh to refill)`
        : 'filled in this run'),
  );
  console.log(
    `  of which generating ${seconds(total.generateMs)}, prepareChapter ${seconds(total.prepareMs)}, termsOf ${seconds(total.termsMs)}, the write transactions ${seconds(total.writeMs)}`,
  );
  console.log(`Database on disk: ${(bytes / 2 ** 20).toFixed(0)} MiB (${(bytes / total.html).toFixed(2)} × the chapter HTML)\n`);

  console.log(`saveStory, one story a call, ${SAVES} new stories from the same distribution each: ms`);
  const saveRow = (label: string, runs: Timed[]) => {
    const ms = runs.map((r) => r.ms);
    const perThousand = runs.filter((r) => r.size).map((r) => (1000 * r.ms) / r.size);
    return [
      label,
      fmt(median(ms)),
      fmt(percentile(ms, 95)),
      fmt(Math.max(...ms)),
      thousands(median(runs.map((r) => r.size))),
      fmt(median(perThousand)),
    ];
  };
  table(
    ['into', 'median', 'p95', 'max', 'median words', 'ms per 1,000 words (median)'],
    [
      saveRow('the full library, back to back', full),
      saveRow('the full library, 1 s apart', paced),
      saveRow('an empty library, back to back', empty),
    ],
  );
  console.log(
    `full / empty, median, back to back: ${(median(saveMs) / median(emptyMs)).toFixed(2)}; 1 s apart / empty: ${(median(paced.map((r) => r.ms)) / median(emptyMs)).toFixed(2)}\n`,
  );
  console.log(
    `After the back-to-back saves, the same searches with their index keys waiting (${writtenIn.length} stories) and written in, then the writing in: ` +
      `ms, the first run, then median and p95 of the rest. The saves 1 s apart came after, the connection writing in when idle`,
  );
  table(
    ['operation', 'first', 'median', 'p95', 'size (median)', 'IndexedDB requests'],
    [
      summary('search: "the" in text, keys waiting', waitingCommon, 'matches'),
      summary('typing: "the" (prefix), keys waiting', waitingPrefix, 'matches'),
      summary('search: "the" in text, keys written in', writtenCommon, 'matches'),
      summary('typing: "the" (prefix), keys written in', writtenPrefix, 'matches'),
      summary("writing in a story's waiting keys, full library", writtenIn, 'stories'),
      summary("writing in a story's waiting keys, empty library", writtenInEmpty, 'stories'),
    ],
  );
  console.log(
    `writing in, full / empty, median: ${(median(writtenIn.map((r) => r.ms)) / median(writtenInEmpty.map((r) => r.ms))).toFixed(2)}; ` +
      `save plus writing in, full: ${fmt(median(saveMs) + median(writtenIn.map((r) => r.ms)))} ms, empty: ${fmt(median(emptyMs) + median(writtenInEmpty.map((r) => r.ms)))} ms\n`,
  );

  console.log(`Reads after a browser restart: ms, the first (cold) run, then median and p95 of the rest`);
  const rows = [
    summary(`open: loadStory (${opened.length} stories)`, opened, 'chapters'),
    summary('list: first 50 by update', listUpdated, 'stories'),
    summary('list: first 50 by title', listTitle, 'stories'),
    summary('search: rarest title word', byTitle, 'matches'),
    summary('search: author', byAuthor, 'matches'),
    summary('search: rare text word', byRare, 'matches'),
    summary('search: "the" in text', byCommon, 'matches'),
    summary('typing: 3 letters of a title word', byTitlePrefix, 'matches'),
    summary('typing: "the" (prefix)', byCommonPrefix, 'matches'),
    summary("filter: a story's fandom", byFandom, 'matches'),
    summary('filter: largest fandom', topFandom, 'matches'),
    summary('fandomCounts', counts, 'fandoms'),
  ];
  table(['operation', 'first', 'median', 'p95', 'size (median)', 'IndexedDB requests'], rows);
  const listMedian = median(listUpdated.slice(1).map((r) => r.ms));
  console.log(
    `\nRatios to the list by update (median): ` +
      rows
        .slice(1)
        .map((r) => `${r[0]!.replace(/^\w+: /, '')} ${(Number(r[2]) / listMedian).toFixed(1)}`)
        .join('; '),
  );
  console.log(
    `Library page (src/library/ui/LibraryPage.tsx), JS heap after a forced GC: ${(heap!.bytes / 2 ** 20).toFixed(1)} MiB showing "${heap!.count}" ` +
      `(${heap!.cards} cards drawn); on an empty library ${(emptyHeap!.bytes / 2 ** 20).toFixed(1)} MiB\n`,
  );
  libraryFigures({
    stories: STORIES,
    full,
    empty,
    writeIn: writtenIn,
    writeInEmpty: writtenInEmpty,
    waitingReads: [
      [`search "the" in the text, ${writtenIn.length} saves' keys waiting`, waitingCommon],
      [`search "the" as typed, ${writtenIn.length} saves' keys waiting`, waitingPrefix],
    ],
    reads: [
      ['list the first 50 by update', listUpdated],
      ['list the first 50 by title', listTitle],
      ['search "the" in the text (the commonest word)', byCommon],
      ['search "the" as typed (every field, prefix)', byCommonPrefix],
      ['search a rare word of the text', byRare],
      ['filter by the largest fandom', topFandom],
    ],
    fandomCounts: counts,
    heap: heap!,
    emptyHeap: emptyHeap!,
  });
  console.log(`Total ${seconds(performance.now() - started)}`);
} finally {
  rmSync(profile, { recursive: true, force: true });
}
