/**
 * How well and how fast the text estimator rates the corpus: `npx tsx scripts/bench/estimator.ts`.
 *
 * Every corpus page with a site rating and story text is read through readFullPage (src/reader/view.ts,
 * with content), its rating hidden, its text estimated, and the estimate compared with the site's
 * level (fic-562, unrated, with its known true audience). Prints the confusion matrix, explicit
 * recall and the General/Teen pages called Explicit for all pages, real pages, synthetic pages and
 * real story texts (the real pages plus fic-562); then throughput on the seed page and on a
 * 200,000-word text built from the corpus stories (medians of repeated runs).
 *
 * Where readFullPage returns no story text, the page's whole body text is estimated instead (the
 * output says so); the matrices are also printed for the ground truth's story span (its first
 * words to its last), which measures the estimator apart from text extraction.
 *
 * The synthetic pages' story texts are tame placeholder prose even where the page says NC-17, so
 * their rows measure the placeholder, not the estimator; read the real rows for accuracy.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { estimateText } from '../../src/warnings/estimate/estimate';
import { textLines } from '../../src/core/dom';
import type { RatingLevel } from '../../src/core/model';
import { readFullPage } from '../../src/reader/view';
import { parseHtml } from '../lib/html';
import { corpusPages } from '../../tests/lib/corpus';

const SEED = 'allaboutspike/pages/fic-562.html';
const LEVELS: RatingLevel[] = ['general', 'teen', 'mature', 'explicit', 'unknown'];

interface Row {
  name: string;
  real: boolean;
  truth: RatingLevel;
  /** Estimated from readFullPage's story text (or the body text, see fromBody). */
  estimated: RatingLevel;
  /** Estimated from the ground truth's story span. */
  spanEstimated: RatingLevel;
  words: number;
  reason: string;
  fromBody: boolean;
}

type Column = 'estimated' | 'spanEstimated';

function storyText(html: string, url: string): { text: string; fromBody: boolean } {
  const doc = parseHtml(html, url);
  const text = readFullPage(doc, url, { content: true }).content?.text;
  if (text) return { text, fromBody: false };
  return { text: textLines(doc.body ?? doc.documentElement).join('\n'), fromBody: true };
}

/** The text from the ground truth's first words to its last words, lines kept. */
function spanText(html: string, url: string, first: string, last: string): string {
  const doc = parseHtml(html, url);
  const text = textLines(doc.body ?? doc.documentElement).join('\n');
  const phrase = (s: string) =>
    new RegExp(
      s
        .split(' ')
        .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('\\s+'),
      'g',
    );
  const end = [...text.matchAll(phrase(last))].pop()!;
  return text.slice(text.search(phrase(first)), end.index + end[0].length);
}

function collect(): { rows: Row[]; skipped: string[] } {
  const rows: Row[] = [];
  const skipped: string[] = [];
  for (const page of corpusPages()) {
    const exp = page.expected as typeof page.expected & { trueAudience?: RatingLevel };
    const truth = exp.rating.level !== 'unknown' ? exp.rating.level : exp.trueAudience;
    if (!truth) continue;
    if (!exp.storyText) {
      skipped.push(`${page.name} (${truth}, ${exp.kind}: no story text on the page)`);
      continue;
    }
    const html = readFileSync(page.htmlPath, 'utf8');
    const { text, fromBody } = storyText(html, exp.url);
    const e = estimateText(text);
    rows.push({
      name: page.name,
      real: page.expected.origin === 'real',
      truth,
      estimated: e.level,
      spanEstimated: estimateText(spanText(html, exp.url, exp.storyText.first, exp.storyText.last)).level,
      words: exp.storyText.words,
      reason: e.reasons[0] ?? '',
      fromBody,
    });
  }
  return { rows, skipped };
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const padL = (s: string | number, n: number) => String(s).padStart(n);

function matrix(title: string, rows: Row[], column: Column): void {
  console.log(`\n${title} (${rows.length} pages) — rows: site level, columns: estimated level`);
  console.log(pad('', 10) + LEVELS.map((l) => padL(l, 9)).join(''));
  for (const truth of LEVELS.slice(0, 4)) {
    const cells = LEVELS.map((est) => rows.filter((r) => r.truth === truth && r[column] === est).length);
    console.log(pad(truth, 10) + cells.map((c) => padL(c, 9)).join(''));
  }
  const explicit = rows.filter((r) => r.truth === 'explicit');
  const found = explicit.filter((r) => r[column] === 'explicit').length;
  const recall = explicit.length ? `${(found / explicit.length).toFixed(2)} (${found}/${explicit.length})` : 'n/a (no explicit pages)';
  const falseExplicit = rows.filter((r) => (r.truth === 'general' || r.truth === 'teen') && r[column] === 'explicit').length;
  console.log(`explicit recall: ${recall}; General/Teen called Explicit: ${falseExplicit}`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function throughput(label: string, text: string, runs: number): void {
  const words = text.split(/\s+/).filter(Boolean).length;
  const t0 = performance.now();
  estimateText(text);
  const first = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    estimateText(text);
    times.push(performance.now() - s);
  }
  const ms = median(times);
  console.log(
    `${pad(label, 26)} ${padL(words.toLocaleString('en-US'), 8)} words ${padL(text.length.toLocaleString('en-US'), 10)} chars  ` +
      `median ${ms.toFixed(2)} ms over ${runs} runs (first call ${first.toFixed(2)} ms)  ` +
      `${Math.round(text.length / ms).toLocaleString('en-US')} chars/ms  ${Math.round(words / ms).toLocaleString('en-US')} words/ms`,
  );
}

function main(): void {
  const { rows, skipped } = collect();
  console.log('Estimator vs site rating (rating hidden, text estimated)\n');
  console.log(pad('page', 70) + pad('site', 10) + pad('estimate', 10) + pad('on span', 10) + padL('words', 7) + '  first reason');
  for (const r of rows)
    console.log(
      [pad(r.name, 70), pad(r.truth, 10), pad(r.estimated, 10), pad(r.spanEstimated, 10), padL(r.words, 7), '  ', r.reason].join('') +
        (r.fromBody ? '  [body text]' : ''),
    );
  const fromBody = rows.filter((r) => r.fromBody).length;
  if (fromBody)
    console.log(
      `\nNOTE: readFullPage(…, { content: true }).content was null for ${fromBody}/${rows.length} pages; ` +
        'their whole body text (site chrome included) was estimated instead.',
    );
  console.log(`\nSkipped, rated but without story text:\n  ${skipped.join('\n  ')}`);

  for (const [column, source] of [
    ['estimated', 'readFullPage text'],
    ['spanEstimated', 'ground-truth story span'],
  ] as const) {
    console.log(`\n=== Estimated from the ${source}${column === 'estimated' && fromBody ? ' (body text where it was null)' : ''}`);
    matrix('All pages', rows, column);
    matrix(
      'Real pages',
      rows.filter((r) => r.real),
      column,
    );
    matrix(
      'Synthetic pages (placeholder prose; fic-562 is real text)',
      rows.filter((r) => !r.real),
      column,
    );
    matrix(
      'Real story texts (real pages and fic-562)',
      rows.filter((r) => r.real || r.name === SEED),
      column,
    );
  }

  console.log('\nThroughput (on ground-truth story spans, so extraction does not change the numbers)');
  const spans = corpusPages()
    .filter((p) => p.expected.storyText && p.expected.storyText.words >= 50)
    .map((p) => {
      const { first, last } = p.expected.storyText!;
      return { name: p.name, text: spanText(readFileSync(p.htmlPath, 'utf8'), p.expected.url, first, last) };
    });
  throughput('seed page (fic-562)', spans.find((s) => s.name === SEED)!.text, 51);
  const stories = spans.map((s) => s.text).join('\n');
  const parts: string[] = [];
  for (let words = 0; words < 200_000; words += stories.split(/\s+/).length) parts.push(stories);
  throughput('200k-word corpus text', parts.join('\n'), 21);
}

main();
