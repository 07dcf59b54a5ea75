import { describe, expect, it } from 'vitest';
import { ao3Scale, ffnScale, filmScale, fimfictionScale, levelOn, ratingOn, siteDefault, tthScale } from './rating-scale';

describe('rating scales', () => {
  it('reads a label on the scale the site names', () => {
    expect(ratingOn(ffnScale, 'Fiction M')).toEqual({ level: 'mature', label: 'Fiction M', source: 'site' });
    expect(ratingOn(ao3Scale, 'Teen And Up Audiences').level).toBe('teen');
    expect(ratingOn(filmScale, 'NC-17').level).toBe('explicit');
  });

  it("knows TtH's all-ages FR7 besides the film scale's FR tiers", () => {
    expect(levelOn(tthScale, 'FR7')).toBe('general');
    expect(levelOn(tthScale, 'FR18')).toBe('mature');
    expect(levelOn(filmScale, 'FR7')).toBe('unknown');
  });

  it("reads Fimfiction's Mature as its adult tier", () => {
    expect(levelOn(fimfictionScale, 'M')).toBe('explicit');
    expect(levelOn(fimfictionScale, 'Everyone')).toBe('general');
  });

  it('leaves an empty label unrated, never general', () => {
    expect(ratingOn(filmScale, '  ')).toEqual({ level: 'unknown', label: null, source: 'none' });
    expect(ratingOn(tthScale, null).source).toBe('none');
  });

  it("gives an adult-only site's default without a label", () => {
    expect(siteDefault('explicit')).toEqual({ level: 'explicit', label: null, source: 'site' });
  });
});
