/**
 * `npx tsx scripts/corpus-report.ts`: how the adapters read the whole fixture corpus, per site.
 * Prints one row per site: pages, and how many had the right kind, title, author, rating and chapter;
 * then the claims matrix: how many of each site's pages every adapter's `claims` accepts.
 */
import { readFileSync } from 'node:fs';
import { detectPage } from '../src/core/page';
import { parseHtml } from './lib/html';
import { corpusPages } from '../tests/lib/corpus';
import { SITES } from '../src/sites/registry';
import { claimsMatrix, FALLBACK, rowIsRight } from '../src/sites/tests/claims-matrix';

type Field = 'kind' | 'title' | 'author' | 'rating' | 'chapter';
const FIELDS: Field[] = ['kind', 'title', 'author', 'rating', 'chapter'];

const rows = new Map<string, { pages: number; ok: Record<Field, number>; misses: string[] }>();
for (const page of corpusPages()) {
  const e = page.expected;
  const r = detectPage(parseHtml(readFileSync(page.htmlPath, 'utf8'), e.url), e.url);
  const skipNames = e.kind === 'listing' || e.kind === 'none';
  const right: Record<Field, boolean> = {
    kind: r.kind === e.kind && r.site === e.site,
    title: (skipNames && e.title === null) || r.title === e.title,
    author: (skipNames && e.author === null) || r.author === e.author,
    rating: r.rating.level === e.rating.level && [e.rating.label, ...(e.labelAlternatives ?? [])].includes(r.rating.label),
    chapter: JSON.stringify(r.chapter) === JSON.stringify(e.chapter),
  };
  const row = rows.get(e.site) ?? { pages: 0, ok: { kind: 0, title: 0, author: 0, rating: 0, chapter: 0 }, misses: [] };
  row.pages++;
  for (const f of FIELDS) {
    if (right[f]) row.ok[f]++;
    else row.misses.push(`${page.name}: ${f}`);
  }
  rows.set(e.site, row);
}

console.log(['site', 'pages', ...FIELDS].map((h) => h.padEnd(16)).join(''));
for (const [site, row] of [...rows].sort()) {
  console.log([site, String(row.pages), ...FIELDS.map((f) => `${row.ok[f]}/${row.pages}`)].map((c) => c.padEnd(16)).join(''));
}
for (const row of rows.values()) for (const m of row.misses) console.log(`  miss: ${m}`);

// The claims matrix: rows are the pages' own sites, columns every adapter but the fallback, which
// claims every page by design and owns exactly the pages no other adapter claims.
const matrix = claimsMatrix();
const adapters = SITES.map((s) => s.id).filter((id) => id !== FALLBACK);
console.log(`\nclaims: pages of a site (rows) claimed by each adapter (columns); ${FALLBACK} is the fallback`);
console.log(''.padEnd(19) + adapters.map((h) => h.slice(0, 8).padEnd(9)).join(''));
for (const owner of [...new Set(matrix.map((r) => r.owner))].sort()) {
  const rows = matrix.filter((r) => r.owner === owner);
  const cells = adapters.map((a) => String(rows.filter((r) => r.claimedBy.includes(a)).length || '.'));
  console.log((`${owner} (${rows.length})`.padEnd(19) + cells.map((c) => c.padEnd(9)).join('')).trimEnd());
}
const wrong = matrix.filter((r) => !rowIsRight(r));
console.log(
  wrong.length
    ? wrong.map((r) => `  overlap: ${r.page} claimed by ${r.claimedBy.join(', ')}`).join('\n')
    : 'no page is claimed by an adapter other than its own',
);
