/**
 * What the reading memory's listing marks cost an AO3 listing's main thread:
 * `npx tsx scripts/bench/listing-marks.ts [--runs N]` after `npm run build`.
 *
 * A 20-entry AO3 tag listing (the corpus listing's 8 blurbs, repeated under other work ids) is
 * loaded N times in Chromium with the built extension, traced as always-on.ts traces a work page
 * (content-trace.ts). Every entry is in the reading memory; the loads alternate between the marks
 * on and the marks off, in one browser, so the machine's load drifts alike for both. The difference of the medians of our scripts' main-thread time is what
 * the marks add: asking the background, and putting 20 marks in.
 */
import { readFileSync } from 'node:fs';
import { corpusPages } from '../../tests/lib/corpus';
import { builtExtension } from '../../tests/e2e/lib/build';
import type { ExtensionBrowser } from './extension-browser';
import { measureSettings, type Run } from './content-trace';
import { figure } from './figures';
import { median, table } from './timing';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 9;
const ENTRIES = 20;
const page = corpusPages().find((p) => p.name === 'ao3/pages/tags-buffy-summers-spike-works-page1071.html')!;
const url = page.expected.url;

/** The listing with ENTRIES blurbs: its own, then copies of them under new work ids. */
function twentyEntries(): { html: string; ids: number[] } {
  const html = readFileSync(page.htmlPath, 'utf8');
  const blurbs = [...html.matchAll(/<li id="work_(\d+)"[\s\S]*?<\/li>\s*(?=<li id="work_|<\/ol>)/g)];
  if (blurbs.length === 0) throw new Error('no blurbs found in the listing');
  const ids: number[] = [];
  const copies = Array.from({ length: ENTRIES }, (_, i) => {
    const [text, id] = [blurbs[i % blurbs.length]![0], blurbs[i % blurbs.length]![1]!];
    const next = i < blurbs.length ? Number(id) : 60_000_000 + i;
    ids.push(next);
    return text.replaceAll(id, String(next));
  });
  const first = blurbs[0]!.index!;
  const last = blurbs.at(-1)!;
  return { html: html.slice(0, first) + copies.join('\n') + html.slice(last.index! + last[0].length), ids };
}

/** The marks on or off, as the options page's switch sets them. */
function marksSwitch(marks: boolean) {
  return async (browser: ExtensionBrowser): Promise<void> => {
    const worker = await browser.worker();
    await worker.evaluate((on) => chrome.storage.local.set({ 'memory-settings': { remember: true, marks: on } }), marks);
  };
}

/** Opens the library once (its database is made then) and puts every entry in the reading memory. */
function prepare(ids: number[]) {
  return async (browser: ExtensionBrowser): Promise<void> => {
    const worker = await browser.worker();
    // Node's URL gives no origin for chrome-extension: addresses.
    const origin = worker.url().split('/').slice(0, 3).join('/');
    const options = await browser.context.newPage();
    await options.goto(`${origin}/options.html#library`);
    await options.waitForSelector('.library-page, main');
    const records = ids.map((id, i) => ({
      id: `ao3:archiveofourown.org:${id}`,
      site: 'ao3',
      url: `https://archiveofourown.org/works/${id}`,
      title: 'A story',
      author: null,
      state: (['reading', 'caught-up', 'paused', 'want'] as const)[i % 4],
      chosen: i % 4 > 1,
      chapter: 1,
      chapters: 1,
      seenAt: 1_760_000_000_000,
      stateAt: 1_760_000_000_000,
    }));
    await options.evaluate(
      (all) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('slipcase-library');
          open.onsuccess = () => {
            const tx = open.result.transaction('memory', 'readwrite');
            for (const r of all) tx.objectStore('memory').put(r);
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        }),
      records,
    );
    await options.close();
  };
}

const built = builtExtension('chrome-mv3');
const manifest = JSON.parse(readFileSync(`${built}/manifest.json`, 'utf8')) as { content_scripts: { js?: string[] }[] };
const scripts = [...manifest.content_scripts.flatMap((c) => c.js ?? []), 'content-scripts/gate-more.js'];
const { html, ids } = twentyEntries();
const [marked, plain] = (await measureSettings(built, scripts, { url, html }, RUNS, prepare(ids), [
  marksSwitch(true),
  marksSwitch(false),
])) as [Run[], Run[]];

const both = (r: Run) => r.start + r.later;
const ms = (xs: number[]) => `${median(xs).toFixed(2)} [${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}]`;
console.log(
  `Listing marks on a ${ENTRIES}-entry AO3 listing (${url}), Chromium: our scripts' main-thread ms, median [min–max] of ${RUNS} loads`,
);
table(
  ['', `${ENTRIES} entries remembered, marks on`, 'marks off'],
  [
    ['document_start', ms(marked.map((r) => r.start)), ms(plain.map((r) => r.start))],
    ['later', ms(marked.map((r) => r.later)), ms(plain.map((r) => r.later))],
    ['both', ms(marked.map(both)), ms(plain.map(both))],
  ],
);
const added = median(marked.map(both)) - median(plain.map(both));
figure({
  name: `listing marks, ${ENTRIES}-entry AO3 listing, main thread added`,
  value: Math.max(0, added),
  unit: 'ms',
  note: `marks on ${median(marked.map(both)).toFixed(2)} ms − marks off ${median(plain.map(both)).toFixed(2)} ms (medians of ${RUNS} traced loads each); target ≤ 5 ms`,
});
