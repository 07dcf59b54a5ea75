/**
 * Story extraction where the reader does it, in Chromium: `npx tsx scripts/bench/extraction-browser.ts [--runs N]`.
 *
 * quality.ts times extraction in jsdom, whose HTML parser and DOM are script: there, the reader's
 * sanitising (a serialise and a parse) weighs far more than in a browser. Here every corpus page
 * with ground truth and the reader bench's long AO3 pages are served under their URLs to a plain
 * Chromium (no extension), and the page itself runs the reader's reading of it (readerView, as the
 * reader view opens: a copy of the page, the site's definition or the generic path, the copy-out,
 * the sanitising and the text) against plain Readability on a clone of the page, in turns, N runs
 * each after a warm-up; medians and their ratio. The text read is checked against the record
 * (extraction-text.ts), kept apart from quality.ts's (see checkPrinted).
 */
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { corpusPages } from '../../tests/lib/corpus';
import { chromiumOptions } from '../../tests/e2e/lib/chromium-args';
import { browserBundle } from './browser-bundle';
import { figure } from './figures';
import { checkPrint, finishTextCheck } from './extraction-text';
import { benchPages } from './pages';
import { median, table } from './timing';
import { adapterFor } from '../../src/sites/registry';
import { parseHtml } from '../lib/html';
import { readFullPage } from '../../src/reader/view';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;
const SEED = 'allaboutspike/pages/fic-562.html';

interface Page {
  name: string;
  url: string;
  html: string;
}

const pages: Page[] = [
  ...corpusPages()
    .filter((p) => (p.expected as { storyText?: unknown }).storyText)
    .map((p) => ({ name: p.name, url: p.expected.url, html: readFileSync(p.htmlPath, 'utf8') })),
  ...benchPages()
    .filter((p) => p.id !== 'seed')
    .map((p) => ({ name: `bench:${p.id}`, url: p.url, html: p.html })),
];

/**
 * The text read in the browser against the record, under its own names ("chromium:<page>"): the
 * live page differs from jsdom's parse (a browser runs the page's inline scripts and reads
 * <noscript> as text), and so, on a few pages, does the text.
 */
const checkPrinted = (name: string, text: string) => checkPrint(`chromium:${name}`, text);

/** Whether a site definition reads the page's story (in jsdom, as the reader would). */
function bySite(p: Page): boolean {
  const doc = parseHtml(p.html, p.url);
  return adapterFor(doc, new URL(p.url)).id !== 'generic' && readFullPage(doc, p.url, { content: true }).content !== null;
}

const { js } = await browserBundle('extraction-page.ts');
const browser = await chromium.launch(chromiumOptions(null));
const served = new Map(pages.map((p) => [p.url, p.html]));
const timed: { name: string; ours: number; theirs: number; site: boolean; text: string }[] = [];
try {
  const context = await browser.newContext({ javaScriptEnabled: true });
  // The page's own scripts are not served: only its HTML, as the reader finds it once it has run.
  await context.route(/^https?:/, (route) => {
    const html = served.get(route.request().url().split('#')[0]!);
    return html === undefined
      ? route.abort('internetdisconnected')
      : route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  });
  const tab = await context.newPage();
  for (const p of pages) {
    await tab.goto(p.url, { waitUntil: 'load' });
    await tab.addScriptTag({ content: js });
    const runs = p.html.length > 500_000 ? Math.min(RUNS, 5) : RUNS;
    const r = await tab.evaluate(
      (n) =>
        (window as unknown as { slipcaseExtraction(n: number): { ours: number[]; theirs: number[]; text: string } }).slipcaseExtraction(n),
      runs,
    );
    timed.push({ name: p.name, ours: median(r.ours), theirs: median(r.theirs), site: bySite(p), text: checkPrinted(p.name, r.text) });
  }
} finally {
  await browser.close();
}

console.log(`Extraction in Chromium (the page's own thread), medians of ${RUNS} runs (5 on pages over 500 KB): ms`);
table(
  ['page', 'slipcase', 'readability', 'ratio', 'read by', 'text'],
  timed.map((t) => [t.name, t.ours.toFixed(2), t.theirs.toFixed(2), (t.ours / t.theirs).toFixed(2), t.site ? 'site' : 'generic', t.text]),
);
const extraction = (name: string, t: (typeof timed)[number], note: string) =>
  figure({ name, value: t.ours, unit: 'ms', baseline: { label: 'Readability', value: t.theirs }, note });
const ratio = (t: (typeof timed)[number]) => t.ours / t.theirs;
extraction(
  'extraction in Chromium: seed page (All About Spike fic-562)',
  timed.find((t) => t.name === SEED)!,
  `median of ${RUNS}`,
);
extraction(
  'extraction in Chromium: 200k-word AO3 work',
  timed.find((t) => t.name === 'bench:ao3-200k')!,
  'median of 5',
);
const site = timed.filter((t) => t.site);
const worstSite = site.reduce((a, b) => (ratio(b) > ratio(a) ? b : a));
extraction(`extraction in Chromium: highest ratio of the ${site.length} pages a site definition reads`, worstSite, worstSite.name);
const generic = timed.filter((t) => !t.site);
if (generic.length) {
  const worstGeneric = generic.reduce((a, b) => (ratio(b) > ratio(a) ? b : a));
  extraction(
    `extraction in Chromium: highest ratio of the ${generic.length} pages the generic path reads`,
    worstGeneric,
    worstGeneric.name,
  );
}
const sum = (k: 'ours' | 'theirs') => timed.reduce((s, t) => s + t[k], 0);
figure({
  name: `extraction in Chromium: all ${timed.length} pages, summed`,
  value: sum('ours'),
  unit: 'ms',
  baseline: { label: 'Readability', value: sum('theirs') },
});
finishTextCheck();
