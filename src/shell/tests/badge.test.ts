import { describe, expect, it } from 'vitest';
import { badgeFor, ratingText } from '../badge';
import type { PageKind, Rating } from '../../core/model';

const rated = (level: Rating['level'], label: string | null = null): Rating => ({ level, label, source: label ? 'site' : 'none' });

describe('badgeFor', () => {
  it.each([
    ['general', 'G'],
    ['teen', 'T'],
    ['mature', 'M'],
    ['explicit', 'E'],
    ['unknown', '?'],
  ] as const)('a %s work shows %s', (level, letter) => {
    expect(badgeFor({ kind: 'story', rating: rated(level), title: 'X' })?.text).toBe(letter);
  });

  it('uses a different colour for every level, and unrated is not green', () => {
    const colours = (['general', 'teen', 'mature', 'explicit', 'unknown'] as const).map(
      (l) => badgeFor({ kind: 'chapter', rating: rated(l), title: null })!.color,
    );
    expect(new Set(colours).size).toBe(5);
    expect(colours[4]).not.toBe(colours[0]);
  });

  it.each(['listing', 'error', 'none'] as PageKind[])('shows nothing on a %s page', (kind) => {
    expect(badgeFor({ kind, rating: rated('explicit', 'Explicit'), title: null })).toBeNull();
  });

  it.each(['story', 'chapter', 'index', 'gate'] as PageKind[])('shows the rating on a %s page', (kind) => {
    expect(badgeFor({ kind, rating: rated('mature', 'R'), title: 'T' })?.title).toBe('Slipcase: T: Mature (R)');
  });
});

describe('ratingText', () => {
  it('says Unrated plainly when there is no rating', () => expect(ratingText(rated('unknown'))).toBe('Unrated'));
  it('keeps the site label when it says something else', () => expect(ratingText(rated('mature', 'Fiction M'))).toBe('Mature (Fiction M)'));
  it('does not repeat a label equal to the level name', () => expect(ratingText(rated('explicit', 'Explicit'))).toBe('Explicit'));
  it('shows AO3 Not Rated as unrated with its label', () => expect(ratingText(rated('unknown', 'Not Rated'))).toBe('Unrated (Not Rated)'));
});
