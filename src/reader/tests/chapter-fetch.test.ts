import { describe, expect, it } from 'vitest';
import { canFetchInPlace, decodeHtml } from '../ext/chapter-fetch';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? Array.from(new TextEncoder().encode(p)) : p))).buffer;

describe('decodeHtml', () => {
  it('uses the charset the server names', () => {
    expect(decodeHtml(bytes('<p>caf', [0xe9], '</p>'), 'text/html; charset=ISO-8859-1')).toBe('<p>café</p>');
  });

  it('finds a <meta> charset when the server names none', () => {
    // Cyrillic: neither UTF-8 nor the windows-1252 fallback would read these bytes so.
    const page = bytes('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-5"></head><p>', [0xbc, 0xd8, 0xe0], '</p>');
    expect(decodeHtml(page, 'text/html')).toContain('<p>Мир</p>');
    expect(decodeHtml(bytes('<meta charset="utf-8"><p>caf', [0xc3, 0xa9]), null)).toBe('<meta charset="utf-8"><p>café');
  });

  it('honours a byte order mark', () => {
    expect(decodeHtml(bytes([0xef, 0xbb, 0xbf], '<p>é</p>'), null)).toBe('<p>é</p>');
  });

  it('takes undeclared text as UTF-8 when it is valid, else windows-1252', () => {
    expect(decodeHtml(bytes('<p>caf', [0xc3, 0xa9], '</p>'), null)).toBe('<p>café</p>');
    expect(decodeHtml(bytes('<p>caf', [0xe9], '</p>'), null)).toBe('<p>café</p>');
  });
});

describe('canFetchInPlace', () => {
  it('only for the page’s own origin', () => {
    const page = 'https://archiveofourown.org/works/1/chapters/1';
    expect(canFetchInPlace('https://archiveofourown.org/works/1/chapters/2#workskin', page)).toBe(true);
    expect(canFetchInPlace('http://archiveofourown.org/works/1/chapters/2', page)).toBe(false);
    expect(canFetchInPlace('https://download.archiveofourown.org/x', page)).toBe(false);
  });
});
