/**
 * How precisely and how fast the reader picks the story: `npx tsx scripts/bench/quality.ts [--runs N]`.
 *
 * For every corpus page with ground-truth story text: token precision and recall of Slipcase's
 * reader text, and of plain Readability's text, against the ground-truth span (the page's text
 * from storyText.first to storyText.last); then the median time of N runs of each extraction on
 * the page and their ratio, measured in the same run. Slipcase's time covers the whole reader
 * pipeline (site adapter or fallback, copy-out, sanitising, text); Readability's covers cloning
 * the document and parsing it.
 *
 * Then the same timing on the reader bench's generated AO3 pages (pages.ts: a 10k-word chapter,
 * 20k- and 200k-word "Entire Work" pages), which have no ground truth.
 *
 * Figures: the time ratio on the seed page, on the 200k-word work, on every page read by the
 * generic path (no site definition reads it) and on the page where it is highest of those a site
 * definition reads; the story text of every page is checked against the record (extraction-text.ts).
 *
 * A page whose ground truth runs across chrome (the XenForo reader pages join post bodies that
 * the page separates with post headers) has no contiguous span: its figures print as "-".
 */
import { readFileSync } from 'node:fs';
import { Readability } from '@mozilla/readability';
import { corpusPages } from '../../tests/lib/corpus';
import { parseHtml } from '../lib/html';
import { extractStory } from '../../src/reader/extract';
import { readFullPage } from '../../src/reader/view';
import { adapterFor } from '../../src/sites/registry';
import { squash, textLines } from '../../src/core/dom';
import { table, timePair } from './timing';
import { figure } from './figures';
import { checkText, finishTextCheck } from './extraction-text';
import { benchPages } from './pages';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;
const SEED = 'allaboutspike/pages/fic-562.html';

interface Truth {
  first: string;
  last: string;
}

function tokens(text: string): string[] {
  return squash(text).split(' ').filter(Boolean);
}

/** Multiset overlap: how many of `got`'s tokens the truth holds, counting repeats. */
function precisionRecall(got: string[], truth: string[]): { p: number; r: number } {
  const want = new Map<string, number>();
  for (const t of truth) want.set(t, (want.get(t) ?? 0) + 1);
  let hit = 0;
  for (const t of got) {
    const n = want.get(t) ?? 0;
    if (n > 0) {
      hit++;
      want.set(t, n - 1);
    }
  }
  return { p: got.length ? hit / got.length : 0, r: truth.length ? hit / truth.length : 0 };
}

/** The page's visible text from the first words of the story to its last, or null when they are not one run. */
function truthSpan(doc: Document, truth: Truth): string | null {
  const text = squash(textLines(doc.body ?? doc.documentElement).join(' '));
  const start = text.indexOf(truth.first);
  const end = start < 0 ? -1 : text.lastIndexOf(truth.last);
  return start >= 0 && end >= start ? text.slice(start, end + truth.last.length) : null;
}

function readabilityText(doc: Document): string {
  const html = new Readability(doc.cloneNode(true) as Document).parse()?.content ?? '';
  const holder = doc.implementation.createHTMLDocument('').body;
  holder.innerHTML = html;
  return textLines(holder).join('\n');
}

const pct = (x: number | null) => (x === null ? '-' : (100 * x).toFixed(1));
const ms = (x: number) => x.toFixed(2);

const rows: string[][] = [];
/** Each page's times, and whether a site definition read it (else the generic path). */
const timed: { page: string; ours: number; theirs: number; site: boolean }[] = [];
const totals = { slipcase: { p: 0, r: 0 }, readability: { p: 0, r: 0 }, n: 0, tSlipcase: 0, tReadability: 0 };

for (const page of corpusPages()) {
  const truth = (page.expected as { storyText?: Truth | null }).storyText;
  if (!truth) continue;
  const html = readFileSync(page.htmlPath, 'utf8');
  const url = page.expected.url;
  const doc = parseHtml(html, url);
  const span = truthSpan(doc, truth);
  const ours = readFullPage(doc, url, { content: true }).content?.text ?? '';
  const theirs = readabilityText(doc);
  const a = span === null ? null : precisionRecall(tokens(ours), tokens(span));
  const b = span === null ? null : precisionRecall(tokens(theirs), tokens(span));

  const u = new URL(url);
  const adapter = adapterFor(doc, u);
  const title = readFullPage(doc, url).title;
  const story = extractStory(doc, u, adapter, title);
  const text = checkText(page.name, story);
  const [tOurs, tTheirs] = timePair(
    () => extractStory(doc, u, adapter, title),
    () => new Readability(doc.cloneNode(true) as Document).parse(),
    RUNS,
  );
  timed.push({ page: page.name, ours: tOurs, theirs: tTheirs, site: adapter.id !== 'generic' && story?.by === 'site' });

  if (a && b) {
    totals.slipcase.p += a.p;
    totals.slipcase.r += a.r;
    totals.readability.p += b.p;
    totals.readability.r += b.r;
    totals.n++;
  }
  totals.tSlipcase += tOurs;
  totals.tReadability += tTheirs;
  rows.push([
    page.name,
    span === null ? '-' : String(tokens(span).length),
    pct(a?.p ?? null),
    pct(a?.r ?? null),
    pct(b?.p ?? null),
    pct(b?.r ?? null),
    ms(tOurs),
    ms(tTheirs),
    (tOurs / tTheirs).toFixed(2),
    `${adapter.id}${story?.by === 'readability' ? ' (fallback)' : ''}`,
    text,
  ]);
}

// The generated AO3 pages of the reader bench (pages.ts): a long chapter and "Entire Work" pages,
// where the copy and the sanitising cost most. No ground-truth span; the text is still checked.
for (const page of benchPages().filter((p) => p.id !== 'seed' && p.id !== 'ao3-1k')) {
  const doc = parseHtml(page.html, page.url);
  const u = new URL(page.url);
  const adapter = adapterFor(doc, u);
  const title = readFullPage(doc, page.url).title;
  const story = extractStory(doc, u, adapter, title);
  const text = checkText(`bench:${page.id}`, story);
  const [tOurs, tTheirs] = timePair(
    () => extractStory(doc, u, adapter, title),
    () => new Readability(doc.cloneNode(true) as Document).parse(),
    page.words > 100_000 ? Math.min(RUNS, 5) : RUNS,
  );
  timed.push({ page: `bench:${page.id}`, ours: tOurs, theirs: tTheirs, site: story?.by === 'site' });
  const read = `${adapter.id}${story?.by === 'readability' ? ' (fallback)' : ''}`;
  rows.push([
    `bench:${page.id} (${page.label})`,
    '-',
    '-',
    '-',
    '-',
    '-',
    ms(tOurs),
    ms(tTheirs),
    (tOurs / tTheirs).toFixed(2),
    read,
    text,
  ]);
}

const n = totals.n;
const corpus = rows.length - timed.filter((t) => t.page.startsWith('bench:')).length;
rows.push([
  `mean of ${n} pages with a span; time: sum over the ${corpus} corpus pages`,
  '',
  pct(totals.slipcase.p / n),
  pct(totals.slipcase.r / n),
  pct(totals.readability.p / n),
  pct(totals.readability.r / n),
  ms(totals.tSlipcase),
  ms(totals.tReadability),
  (totals.tSlipcase / totals.tReadability).toFixed(2),
  '',
  '',
]);

const head = [
  'page',
  'truth tokens',
  'slipcase P%',
  'slipcase R%',
  'readability P%',
  'readability R%',
  'slipcase ms',
  'readability ms',
  'time ratio',
  'read by',
  'text',
];
console.log(`medians of ${RUNS} runs per page`);
table(head, rows);

const extraction = (name: string, t: (typeof timed)[number], note: string) =>
  figure({ name, value: t.ours, unit: 'ms', baseline: { label: 'Readability', value: t.theirs }, note });
const ratio = (t: (typeof timed)[number]) => t.ours / t.theirs;
extraction(
  'extraction: seed page (All About Spike fic-562), jsdom',
  timed.find((t) => t.page === SEED)!,
  `median of ${RUNS}`,
);
const longest = timed.find((t) => t.page === 'bench:ao3-200k');
if (longest) extraction('extraction: 200k-word AO3 work (Entire Work page), jsdom', longest, `median of ${Math.min(RUNS, 5)}`);
const bySite = timed.filter((t) => t.site);
const worst = bySite.reduce((a, b) => (ratio(b) > ratio(a) ? b : a));
extraction(`extraction: highest ratio of the ${bySite.length} pages a site definition reads`, worst, worst.page);
for (const t of timed.filter((t) => !t.site)) extraction(`extraction: generic path, ${t.page}`, t, `median of ${RUNS}`);
figure({
  name: `extraction: all ${corpus} corpus pages, summed`,
  value: totals.tSlipcase,
  unit: 'ms',
  baseline: { label: 'Readability', value: totals.tReadability },
});
finishTextCheck();
