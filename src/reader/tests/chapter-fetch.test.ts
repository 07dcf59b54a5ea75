import { describe, expect, it } from 'vitest';
import { canFetchInPlace } from '../ext/chapter-fetch';

describe('canFetchInPlace', () => {
  it('only for the page’s own origin', () => {
    const page = 'https://archiveofourown.org/works/1/chapters/1';
    expect(canFetchInPlace('https://archiveofourown.org/works/1/chapters/2#workskin', page)).toBe(true);
    expect(canFetchInPlace('http://archiveofourown.org/works/1/chapters/2', page)).toBe(false);
    expect(canFetchInPlace('https://download.archiveofourown.org/x', page)).toBe(false);
  });
});
