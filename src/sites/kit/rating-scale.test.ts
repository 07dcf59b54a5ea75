import { describe, expect, it } from 'vitest';
import { levelOn, ratingOn, siteDefault } from './rating-scale';

describe('rating scales', () => {
  it('reads a label on the scale the site names', () => {
    expect(ratingOn('ffn', 'Fiction M')).toEqual({ level: 'mature', label: 'Fiction M', source: 'site' });
    expect(ratingOn('ao3', 'Teen And Up Audiences').level).toBe('teen');
    expect(ratingOn('film', 'NC-17').level).toBe('explicit');
  });

  it("knows TtH's all-ages FR7 besides the film scale's FR tiers", () => {
    expect(levelOn('tth', 'FR7')).toBe('general');
    expect(levelOn('tth', 'FR18')).toBe('mature');
    expect(levelOn('film', 'FR7')).toBe('unknown');
  });

  it("reads Fimfiction's Mature as its adult tier", () => {
    expect(levelOn('fimfiction', 'M')).toBe('explicit');
    expect(levelOn('fimfiction', 'Everyone')).toBe('general');
  });

  it('leaves an empty label unrated, never general', () => {
    expect(ratingOn('film', '  ')).toEqual({ level: 'unknown', label: null, source: 'none' });
    expect(ratingOn('tth', null).source).toBe('none');
  });

  it("gives an adult-only site's default without a label", () => {
    expect(siteDefault('explicit')).toEqual({ level: 'explicit', label: null, source: 'site' });
  });
});
