import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { squash } from '../dom';

/** squash's definition: every run of white space one plain space, none at the ends. */
const folded = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('squash', () => {
  it('folds runs of every kind of white space and trims', () => {
    expect(squash('  one\u00a0 two\n\tthree\u3000 ')).toBe('one two three');
    expect(squash('one two three')).toBe('one two three');
    expect(squash('one  two')).toBe('one two');
    expect(squash(' one')).toBe('one');
    expect(squash('one\u2028')).toBe('one');
  });

  it('agrees with its definition on any text, folded already or not', () => {
    const pieces = fc.oneof(
      fc.constantFrom(' ', '  ', '\n', '\t', '\u00a0', '\u2009', '\u3000', '\ufeff', '\u2028', 'a', 'word', 'é'),
      fc.string({ unit: 'grapheme' }),
    );
    fc.assert(
      fc.property(
        fc.array(pieces).map((a) => a.join('')),
        (s) => squash(s) === folded(s),
      ),
    );
  });
});
