import { describe, expect, it } from 'vitest';
import { ao3Level, ffnLevel, mpaaLevel, siteRating } from '../rating';

describe('AO3 ratings', () => {
  it.each([
    ['General Audiences', 'general'],
    ['Teen And Up Audiences', 'teen'],
    ['Mature', 'mature'],
    ['Explicit', 'explicit'],
    ['Not Rated', 'unknown'],
    ['Something New', 'unknown'],
  ])('%s → %s', (label, level) => expect(ao3Level(label)).toBe(level));
});

describe('FanFiction.net ratings', () => {
  it.each([
    ['K', 'general'],
    ['K+', 'general'],
    ['Fiction K+', 'general'],
    ['T', 'teen'],
    ['Fiction T', 'teen'],
    ['Rated: Fiction M', 'mature'],
    ['M', 'mature'],
    ['MA', 'explicit'],
    ['', 'unknown'],
    ['Q', 'unknown'],
  ])('%s → %s', (label, level) => expect(ffnLevel(label)).toBe(level));
});

describe('film-style ratings (eFiction, old archives)', () => {
  it.each([
    ['G', 'general'],
    ['PG', 'general'],
    ['PG-13', 'teen'],
    ['PG13', 'teen'],
    ['PG-14', 'teen'],
    ['PG-15', 'teen'],
    ['R', 'mature'],
    ['R - Restricted', 'mature'],
    ['NC-17', 'explicit'],
    ['NC-17 - No One 17 and Under Admitted', 'explicit'],
    ['NC17', 'explicit'],
    ['NC-21', 'explicit'],
    ['Adult', 'explicit'],
    ['X', 'explicit'],
    ['[PG-13]', 'teen'],
    ['FR13', 'teen'],
    ['FR18', 'mature'],
    ['FR21', 'explicit'],
    ['Romance', 'unknown'],
    ['Rated for awesome', 'unknown'],
  ])('%s → %s', (label, level) => expect(mpaaLevel(label)).toBe(level));

  it('matches on the first token, not on words later in the label', () => {
    // "R" appears later but the label's own rating is PG.
    expect(mpaaLevel('PG - some R-rated language')).toBe('general');
  });
});

describe('siteRating', () => {
  it('treats a missing or blank label as unrated, never general', () => {
    expect(siteRating(null, mpaaLevel)).toEqual({ level: 'unknown', label: null, source: 'none' });
    expect(siteRating('   ', mpaaLevel)).toEqual({ level: 'unknown', label: null, source: 'none' });
  });

  it('keeps the site label as shown, trimmed', () => {
    expect(siteRating(' NC-17 ', mpaaLevel)).toEqual({ level: 'explicit', label: 'NC-17', source: 'site' });
  });

  it('keeps an unrecognised label but reports unknown', () => {
    expect(siteRating('Not Rated', ao3Level)).toEqual({ level: 'unknown', label: 'Not Rated', source: 'site' });
  });
});
