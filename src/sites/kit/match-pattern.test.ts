import { describe, expect, it } from 'vitest';
import { isMatchPattern, patternMatches } from './match-pattern';

describe('match patterns', () => {
  it('accepts the forms the adapters use and refuses malformed ones', () => {
    expect(isMatchPattern('*://*.example.org/*')).toBe(true);
    expect(isMatchPattern('*://spikeluver.com/SpuffyRealm/*')).toBe(true);
    expect(isMatchPattern('*://example.org')).toBe(false);
    expect(isMatchPattern('*://ex*mple.org/*')).toBe(false);
    expect(isMatchPattern('example.org/*')).toBe(false);
  });

  it('matches exact hosts and dot-suffixes, never substrings', () => {
    const u = (s: string) => new URL(s);
    expect(patternMatches('*://*.example.org/*', u('https://www.example.org/s/1'))).toBe(true);
    expect(patternMatches('*://*.example.org/*', u('http://example.org/'))).toBe(true);
    expect(patternMatches('*://*.example.org/*', u('https://notexample.org/'))).toBe(false);
    expect(patternMatches('*://example.org/*', u('ftp://example.org/'))).toBe(false);
  });

  it('matches the path, query included', () => {
    expect(patternMatches('*://spikeluver.com/SpuffyRealm/*', new URL('https://spikeluver.com/SpuffyRealm/viewstory.php?sid=1'))).toBe(
      true,
    );
    expect(patternMatches('*://spikeluver.com/SpuffyRealm/*', new URL('https://spikeluver.com/other/'))).toBe(false);
  });
});
