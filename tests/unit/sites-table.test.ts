/** docs/sites.md is the table the catalogue and the test pages make today. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sitesTable } from '../../scripts/lib/sites-table';
import { corpusPages } from '../lib/corpus';

describe('docs/sites.md', () => {
  const table = sitesTable(corpusPages());

  it('is up to date (npm run -s sites:table > docs/sites.md)', () => {
    expect(readFileSync(join(import.meta.dirname, '../../docs/sites.md'), 'utf8')).toBe(table);
  });

  it('has a row for every archive, each with its pages split by origin', () => {
    const rows = table.split('\n').filter((l) => /^\| (?!archive|---)/.test(l));
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) {
      const [pages, real, rebuilt] = r.split('|').slice(-4, -1).map(Number);
      expect(real! + rebuilt!, r).toBe(pages);
    }
  });
});
