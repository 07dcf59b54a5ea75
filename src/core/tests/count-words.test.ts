import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countWords, parseCount } from '../dom';

/** What countWords counts in text without Chinese or Japanese: runs of non-whitespace. */
const runs = (s: string) => s.match(/\S+/g)?.length ?? 0;
const noCjk = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u3000-\u303f\u30fb\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/u;

describe('countWords', () => {
  it('counts runs of non-whitespace, every kind of whitespace included', () => {
    expect(countWords('')).toBe(0);
    expect(countWords(' \t\n')).toBe(0);
    expect(countWords('one two\u00a0three\u2003four\u202ffive\ufeffsix\u1680seven\u2028eight')).toBe(8);
    expect(countWords('  «Bonjour,» dit-il —  ')).toBe(3);
  });

  it('agrees with \\S+ on any text without Chinese or Japanese', () => {
    const chars = fc.oneof(
      fc.constantFrom(' ', '\n', '\t', '\u00a0', '\u2009', '\u3000', '\ufeff', 'a', 'é', '—', '\u{1F600}'),
      fc.string({ unit: 'grapheme' }),
    );
    fc.assert(
      fc.property(
        fc.array(chars).map((a) => a.join('')),
        (s) => {
          if (noCjk.test(s)) return true;
          return countWords(s) === runs(s);
        },
      ),
    );
  });

  it('still counts Chinese and Japanese by character', () => {
    expect(countWords('用iPhone打电话。')).toBe(5);
  });
});

describe('parseCount', () => {
  it('reads the first number, with its thousands separators', () => {
    expect(parseCount('Words: 12,345')).toBe(12345);
    expect(parseCount('1.234 Wörter')).toBe(1234);
    expect(parseCount('none')).toBeNull();
  });

  it('gives no count past what a number holds exactly', () => {
    expect(parseCount('Words: 100000000000000000000')).toBeNull();
    expect(parseCount(`Words: ${Number.MAX_SAFE_INTEGER}`)).toBe(Number.MAX_SAFE_INTEGER);
  });
});
