import { describe, expect, it } from 'vitest';
import { DEFAULT_READER_SETTINGS, LINE_HEIGHT, SIZE, clampToRange, normalizeSettings, readingMinutes, resolveTheme } from '../settings';

describe('normalizeSettings', () => {
  it('gives the defaults for anything that is not settings', () => {
    for (const stored of [undefined, null, 42, 'dark', [], {}]) expect(normalizeSettings(stored)).toEqual(DEFAULT_READER_SETTINGS);
  });

  it('keeps valid values', () => {
    const s = {
      theme: 'black',
      font: 'dyslexic',
      size: 24,
      lineHeight: 1.8,
      width: 80,
      justify: true,
      voice: 'urn:voice:en-GB',
      rate: 1.5,
    };
    expect(normalizeSettings(s)).toEqual(s);
  });

  it('replaces unknown choices and wrong types field by field', () => {
    const s = normalizeSettings({ theme: 'neon', font: 'comic', size: '20', justify: 'yes', voice: '', rate: null, width: 70 });
    expect(s).toEqual({ ...DEFAULT_READER_SETTINGS, width: 70 });
  });

  it('clamps numbers into range and onto the step', () => {
    const s = normalizeSettings({ size: 100, lineHeight: 1.63, width: 12, rate: 9 });
    expect(s.size).toBe(SIZE.max);
    expect(s.lineHeight).toBe(1.6);
    expect(s.width).toBe(40);
    expect(s.rate).toBe(2);
  });
});

describe('clampToRange', () => {
  it('lands on exact steps, without float noise', () => {
    expect(clampToRange(1.6000000000000003, LINE_HEIGHT, 0)).toBe(1.6);
    expect(clampToRange(1.25, LINE_HEIGHT, 0)).toBe(1.3);
    expect(clampToRange(Number.NaN, SIZE, 19)).toBe(19);
    expect(clampToRange(Infinity, SIZE, 19)).toBe(19);
  });
});

describe('resolveTheme', () => {
  it('follows the system only for Auto', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('sepia', true)).toBe('sepia');
    expect(resolveTheme('light', true)).toBe('light');
  });
});

describe('readingMinutes', () => {
  it('rounds to whole minutes, at least one for any text', () => {
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(3)).toBe(1);
    expect(readingMinutes(3074)).toBe(13);
    expect(readingMinutes(8297)).toBe(36);
  });
});
