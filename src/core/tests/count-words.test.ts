import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countWords, parseCount } from '../dom';

/** What countWords counts in text without Chinese or Japanese: runs of non-whitespace. */
const runs = (s: string) => s.match(/\S+/g)?.length ?? 0;
const noCjk = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u3000-\u303f\u30fb\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/u;

/** countWords's definition, token by token, as it once read any text holding CJK or an emoji. */
function byTokens(s: string): number {
  const cjk = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
  const char = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}][\u30fc\uff70]*/gu;
  const punctuation = /^[\u3000-\u303f\u30fb\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+$/;
  let n = 0;
  for (const t of s.match(/\S+/g) ?? []) {
    if (!cjk.test(t)) n += punctuation.test(t) ? 0 : 1;
    else n += (t.match(char)?.length ?? 0) + t.split(char).filter((rest) => /[\p{L}\p{N}]/u.test(rest)).length;
  }
  return n;
}

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
    expect(countWords('Fine 😂 then')).toBe(3);
    expect(countWords('コーヒー\u3000を')).toBe(3);
  });

  it('agrees, on any mix of scripts, with the definition read token by token', () => {
    const chars = fc.oneof(
      fc.constantFrom(' ', '\n', '\u3000', '\ufeff', 'a', 'iPhone', '用', 'コー', 'ｰ', '。', '「', '\u{20000}', '\u{1F602}', '한'),
      fc.string({ unit: 'grapheme' }),
    );
    fc.assert(
      fc.property(
        fc.array(chars).map((a) => a.join('')),
        (s) => countWords(s) === byTokens(s),
      ),
    );
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
