/**
 * Which adapter claims which corpus page: every adapter's `claims` asked about every page, the
 * registry's order left out. Shared by the registry's meta-test and `scripts/corpus-report.ts`.
 */
import { readFileSync } from 'node:fs';
import { parseHtml } from '../../../scripts/lib/html';
import { corpusPages } from '../../../tests/lib/corpus';
import { SITES } from '../registry';

export interface ClaimRow {
  /** The page's name ("ao3/pages/…"). */
  page: string;
  /** The adapter the page's ground truth names. */
  owner: string;
  /** Every adapter whose `claims` accepts the page, the fallback (`generic`) left out. */
  claimedBy: string[];
}

/** The adapter that accepts any page no other adapter claims. */
export const FALLBACK = 'generic';

export function claimsMatrix(): ClaimRow[] {
  return corpusPages().map((p) => {
    const url = new URL(p.expected.url);
    const doc = parseHtml(readFileSync(p.htmlPath, 'utf8'), p.expected.url);
    const claimedBy = SITES.filter((s) => s.id !== FALLBACK && s.claims(doc, url)).map((s) => s.id);
    return { page: p.name, owner: p.expected.site, claimedBy };
  });
}

/** A row is right when exactly its owner claims it, or nobody does and the fallback owns it. */
export function rowIsRight(row: ClaimRow): boolean {
  const expected = row.owner === FALLBACK ? [] : [row.owner];
  return row.claimedBy.join() === expected.join();
}
