/**
 * `npx tsx scripts/generic-report.ts`: how the generic adapter reads its own pages (src/sites/generic/pages).
 * Prints precision and recall per page kind (a positive is a story, chapter, index or error page; a
 * negative is none or listing), field accuracy on the positives, and every miss.
 */
import { readFileSync } from 'node:fs';
import { detectPage } from '../src/core/page';
import { parseHtml } from './lib/html';
import { corpusPages } from '../tests/lib/corpus';

const KINDS = ['story', 'chapter', 'index', 'error'] as const;
type Field = 'title' | 'author' | 'rating' | 'chapter';
const FIELDS: Field[] = ['title', 'author', 'rating', 'chapter'];
const isPositive = (kind: string) => (KINDS as readonly string[]).includes(kind);

const results = corpusPages()
  .filter((p) => p.folder === 'generic')
  .map((page) => {
    const e = page.expected;
    const r = detectPage(parseHtml(readFileSync(page.htmlPath, 'utf8'), e.url), e.url);
    const got = r.site === 'generic' && isPositive(r.kind) ? r.kind : 'none';
    const right: Record<Field, boolean> = {
      title: r.title === e.title,
      author: r.author === e.author,
      rating: r.rating.level === e.rating.level && r.rating.label === e.rating.label,
      chapter: JSON.stringify(r.chapter) === JSON.stringify(e.chapter),
    };
    return { name: page.name.replace('generic/pages/', ''), want: isPositive(e.kind) ? e.kind : 'none', got, right };
  });

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(0)}%`.padStart(4) + ` (${n}/${d})` : '   -');
console.log(
  `generic pages: ${results.filter((r) => r.want !== 'none').length} positives, ${results.filter((r) => r.want === 'none').length} negatives\n`,
);
console.log(['kind', 'precision', 'recall'].map((h) => h.padEnd(16)).join(''));
const row = (label: string, said: (k: string) => boolean) => {
  const tp = results.filter((r) => said(r.got) && r.got === r.want).length;
  const called = results.filter((r) => said(r.got)).length;
  const actual = results.filter((r) => said(r.want)).length;
  console.log([label, pct(tp, called), pct(tp, actual)].map((c) => c.padEnd(16)).join(''));
};
for (const k of KINDS) row(k, (x) => x === k);
row('any positive', isPositive);

const found = results.filter((r) => r.want !== 'none' && r.got === r.want);
console.log(`\nfields on the ${found.length} positives recognised as their kind`);
for (const f of FIELDS) console.log(`  ${f.padEnd(10)}${pct(found.filter((r) => r.right[f]).length, found.length)}`);

for (const r of results) {
  if (r.got !== r.want) console.log(`  miss: ${r.name}: ${r.want} read as ${r.got}`);
  else if (r.want !== 'none') for (const f of FIELDS) if (!r.right[f]) console.log(`  miss: ${r.name}: ${f}`);
}
