/**
 * Properties of the rating scales (src/core/rating.ts and the scales sites name in
 * src/sites/kit/rating-scale.ts), over labels as sites write them and over arbitrary text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RatingLevel } from '../model';
import { UNRATED } from '../model';
import { LEVEL_ORDER, mpaaLevel } from '../rating';
import {
  ao3Scale,
  ffnScale,
  filmScale,
  fimfictionScale,
  levelOn,
  ratingOn,
  tthScale,
  type RatingScale,
} from '../../sites/kit/rating-scale';

const RUNS = { numRuns: 300 };
type ScaleName = 'ao3' | 'ffn' | 'film' | 'tth' | 'fimfiction';
const SCALE: Record<ScaleName, RatingScale> = { ao3: ao3Scale, ffn: ffnScale, film: filmScale, tth: tthScale, fimfiction: fimfictionScale };
const SCALES = Object.keys(SCALE) as ScaleName[];
const LEVELS: readonly RatingLevel[] = [...LEVEL_ORDER, 'unknown'];
const rank = (l: RatingLevel) => LEVEL_ORDER.indexOf(l);

/** Each scale's labels from lowest to highest tier, in the spellings the corpus pages use. */
const LADDERS: Record<ScaleName, readonly string[]> = {
  ao3: ['General Audiences', 'Teen And Up Audiences', 'Mature', 'Explicit'],
  ffn: ['K', 'K+', 'T', 'M', 'MA'],
  film: ['G', 'PG', 'PG-13', 'R', 'NC-17'],
  tth: ['FR7', 'FR13', 'FR15', 'FR18', 'FR21'],
  fimfiction: ['Everyone', 'Teen', 'Mature'],
};

/** Ways archives say "no rating": never a level on any scale. */
const NO_RATING = ['Not Rated', 'Unrated', 'No Rating', 'None', 'N/A', 'Pending', '?', '-', 'Rating:'];

const scale = fc.constantFrom(...SCALES);
/** Text as hostile pages carry it: any code points, including controls, RTL marks and surrogate pairs. */
const anyText = fc.string({ unit: 'binary', maxLength: 40 });
/** ASCII case changed letter by letter: every scale reads labels case-insensitively. */
const recased = (label: string) =>
  fc
    .array(fc.boolean(), { minLength: label.length, maxLength: label.length })
    .map((up) => Array.from(label, (c, i) => (up[i] ? c.toUpperCase() : c.toLowerCase())).join(''));
const padding = fc.constantFrom('', ' ', '  ', '\t', '\n', '\u00a0');

describe('rating scales, for any label', () => {
  it('give one of the five shared levels and never throw', () => {
    fc.assert(
      fc.property(scale, anyText, (s, label) => {
        expect(LEVELS).toContain(levelOn(SCALE[s], label));
      }),
      RUNS,
    );
  });

  it('read a label as the site wrote it: trimmed, from the site, on its scale; a blank one as unrated', () => {
    fc.assert(
      fc.property(scale, fc.option(anyText, { nil: undefined }), (s, label) => {
        const r = ratingOn(SCALE[s], label);
        if (!label?.trim()) expect(r).toEqual(UNRATED);
        else expect(r).toEqual({ level: levelOn(SCALE[s], label.trim()), label: label.trim(), source: 'site' });
        // "No rating" never reads as a level, least of all as general.
        if (r.source === 'none') expect(r.level).toBe('unknown');
      }),
      RUNS,
    );
  });

  it('never read a way of saying "no rating" as a level, whatever its case and spacing', () => {
    const none = fc.constantFrom(...NO_RATING).chain((l) => fc.tuple(recased(l), padding, padding));
    fc.assert(
      fc.property(scale, none, (s, [label, before, after]) => {
        expect(levelOn(SCALE[s], before + label + after)).toBe('unknown');
      }),
      RUNS,
    );
  });

  it('never give a level to a label without a letter or a digit', () => {
    const symbols = fc.string({ unit: fc.constantFrom(...' -–—:;,/()[]*.!?+#\u00a0\u200f'), maxLength: 12 });
    fc.assert(
      fc.property(scale, symbols, (s, label) => {
        expect(levelOn(SCALE[s], label)).toBe('unknown');
      }),
      RUNS,
    );
  });
});

describe('rating scales, for the labels sites use', () => {
  const rung = scale.chain((s) => fc.tuple(fc.constant(s), fc.nat(LADDERS[s].length - 1)));

  it('know every label of every scale, whatever its case and surrounding space', () => {
    fc.assert(
      fc.property(
        rung.chain(([s, i]) => fc.tuple(fc.constant(s), fc.constant(LADDERS[s][i]!), recased(LADDERS[s][i]!), padding, padding)),
        ([s, label, variant, before, after]) => {
          const level = levelOn(SCALE[s], label);
          expect(level).not.toBe('unknown');
          expect(levelOn(SCALE[s], before + variant + after)).toBe(level);
        },
      ),
      RUNS,
    );
  });

  it('keep each scale in order: a higher tier is never a lower level', () => {
    fc.assert(
      fc.property(rung, fc.nat(4), ([s, i], step) => {
        const j = Math.min(i + step, LADDERS[s].length - 1);
        expect(rank(levelOn(SCALE[s], LADDERS[s][j]!))).toBeGreaterThanOrEqual(rank(levelOn(SCALE[s], LADDERS[s][i]!)));
      }),
      RUNS,
    );
  });

  it('read a film or FR rating by its first token, whatever description follows', () => {
    const described = fc.tuple(
      fc.constantFrom('film' as const, 'tth' as const),
      fc.constantFrom(' - ', ' – ', ': ', ' (', ' '),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(described, fc.nat(4), ([s, separator, description], i) => {
        const label = LADDERS[s][i]!;
        expect(levelOn(SCALE[s], label + separator + description)).toBe(levelOn(SCALE[s], label));
      }),
      RUNS,
    );
  });

  it("map the shared scale's own names to themselves where a scale uses them (AO3, film-style)", () => {
    const names: Record<Exclude<RatingLevel, 'unknown'>, string> = {
      general: 'General',
      teen: 'Teen',
      mature: 'Mature',
      explicit: 'Explicit',
    };
    fc.assert(
      fc.property(
        fc.constantFrom('ao3' as const, 'film' as const),
        fc.constantFrom(...(LEVEL_ORDER as (keyof typeof names)[])),
        (s, level) => {
          expect(levelOn(SCALE[s], names[level])).toBe(level);
          // Idempotent: reading the level's own name again gives the same level.
          expect(levelOn(SCALE[s], names[levelOn(SCALE[s], names[level]) as typeof level])).toBe(level);
        },
      ),
      RUNS,
    );
  });
});

describe('found by the properties', () => {
  it('reads a film rating followed straight by a colon ("R: Restricted") by its first token', () => {
    expect(mpaaLevel('G:')).toBe('general');
    expect(mpaaLevel('R: Restricted')).toBe('mature');
    expect(mpaaLevel('NC-17:')).toBe('explicit');
  });
});
