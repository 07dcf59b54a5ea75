import { describe, expect, it } from 'vitest';
import { chapterNumber, NUMBER_WORD_PATTERN } from './number-words';

describe('number words', () => {
  it('reads digits and written numbers up to twelve', () => {
    expect(chapterNumber('twelve')).toBe(12);
    expect(chapterNumber('One')).toBe(1);
    expect(chapterNumber('7')).toBe(7);
  });

  it('gives null for serial numbering and other words', () => {
    expect(chapterNumber('1.1')).toBeNull();
    expect(chapterNumber('thirteen')).toBeNull();
  });

  it('offers the words as a pattern', () => {
    expect(new RegExp(`^(?:${NUMBER_WORD_PATTERN})$`).test('eleven')).toBe(true);
  });
});
