/**
 * Properties of the reader's warn-list matcher (src/warnings/tag-match.ts), over any patterns and
 * any tags: it never throws and never matches everything; a tag is found by itself whatever its
 * case, spacing or typographic apostrophes; and a pattern never matches inside a longer word.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePatterns } from '../tag-match';

const RUNS = { numRuns: 300 };
const target = (tags: string[], summary: string | null = null) => ({ tags, warnings: [], summary });
/** Words of letters only (any script), joined by single spaces: a tag as the reader would type it. */
const word = fc.stringMatching(/^[a-zA-Z\u00e0-\u00f6\u00f8-\u00ff\u0430-\u044f]{1,10}$/);
const tag = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));

describe('the warn-list matcher', () => {
  it('never throws on any patterns and text, and ignores patterns with no letter or digit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { maxLength: 8 }),
        fc.array(fc.string(), { maxLength: 6 }),
        fc.option(fc.string()),
        (patterns, tags, summary) => {
          const m = compilePatterns(patterns);
          for (const p of m.patterns) expect(/[\p{L}\p{N}]/u.test(p)).toBe(true);
          for (const hit of m.match(target(tags, summary))) expect(m.patterns).toContain(hit.pattern);
        },
      ),
      RUNS,
    );
  }, 60_000);

  it('finds a tag by itself, whatever its case and spacing', () => {
    fc.assert(
      fc.property(tag, fc.boolean(), (t, upper) => {
        const written = ` ${upper ? t.toUpperCase() : t.toLowerCase()} `.replace(/ /g, '  ');
        expect(
          compilePatterns([written])
            .match(target([t]))
            .map((h) => h.text),
        ).toEqual([t]);
      }),
      RUNS,
    );
  }, 60_000);

  it('matches an apostrophe or a hyphen as its typographic variants', () => {
    fc.assert(
      fc.property(
        word,
        word,
        fc.constantFrom("'", '\u2019', '\u02bc'),
        fc.constantFrom('-', '\u2010', '\u2013'),
        (a, b, apostrophe, hyphen) => {
          const m = compilePatterns([`${a}'${b}`, `${a}-${b}`]);
          expect(m.match(target([`${a}${apostrophe}${b}`, `${a}${hyphen}${b}`])).length).toBe(2);
        },
      ),
      RUNS,
    );
  }, 60_000);

  it('never matches a word inside a longer word', () => {
    fc.assert(
      fc.property(word, word, (w, more) => {
        expect(compilePatterns([w]).match(target([`${w}${more}`, `${more}${w}`]))).toEqual([]);
      }),
      RUNS,
    );
  }, 60_000);
});
