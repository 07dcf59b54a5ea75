import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../decode-html';

/** Bytes of `text` in a single-byte Latin encoding (windows-1252 for the curly quotes). */
function cp1252(text: string): Uint8Array {
  const table: Record<string, number> = { '\u2018': 0x91, '\u2019': 0x92, '\u201c': 0x93, '\u201d': 0x94, '\u2014': 0x97 };
  return Uint8Array.from([...text], (c) => table[c] ?? c.charCodeAt(0));
}

/** Shift_JIS bytes of a short Japanese sentence: 「吸血鬼の話です。」 */
const SJIS = Uint8Array.from([
  0x81, 0x75, 0x8b, 0x7a, 0x8c, 0x8c, 0x8b, 0x53, 0x82, 0xcc, 0x98, 0x62, 0x82, 0xc5, 0x82, 0xb7, 0x81, 0x42, 0x81, 0x76,
]);
const SJIS_TEXT = '「吸血鬼の話です。」';

const LATIN = '<p>Caf\u00e9 cr\u00e8me \u2014 \u201cSpike,\u201d she said, \u2018don\u2019t.\u2019</p>';

describe('decodeHtml', () => {
  it('follows the charset the server declares', () => {
    expect(decodeHtml(cp1252(LATIN), 'text/html; charset=windows-1252')).toBe(LATIN);
    expect(decodeHtml(cp1252(LATIN), 'text/html; charset="ISO-8859-1"')).toBe(LATIN);
  });

  it('follows a <meta> charset when the server declares none', () => {
    const page = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body>${LATIN}`;
    expect(decodeHtml(cp1252(page), 'text/html')).toBe(page);
    const sjis = new Uint8Array([...new TextEncoder().encode('<meta charset="shift_jis"><p>'), ...SJIS]);
    expect(decodeHtml(sjis, null)).toBe(`<meta charset="shift_jis"><p>${SJIS_TEXT}`);
  });

  it('reads undeclared bytes as UTF-8 when they are valid UTF-8', () => {
    expect(decodeHtml(new TextEncoder().encode(LATIN), null)).toBe(LATIN);
  });

  it('reads undeclared Latin bytes as windows-1252, not as Shift_JIS', () => {
    const text = decodeHtml(cp1252(LATIN), null);
    expect(text).toBe(LATIN);
    expect(text).not.toContain('\ufffd');
  });

  it('recognises undeclared Japanese text in Shift_JIS', () => {
    const page = new Uint8Array([...new TextEncoder().encode('<title>x</title><p>'), ...SJIS, ...SJIS]);
    expect(decodeHtml(page, 'text/html')).toBe(`<title>x</title><p>${SJIS_TEXT}${SJIS_TEXT}`);
  });

  it('prefers a byte order mark to a wrong header', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('caf\u00e9')]);
    expect(decodeHtml(bom, 'text/html; charset=windows-1252')).toBe('caf\u00e9');
  });

  it('falls back to the guesses when the declared label is unknown', () => {
    expect(decodeHtml(new TextEncoder().encode('caf\u00e9'), 'text/html; charset=x-no-such')).toBe('caf\u00e9');
  });
});

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? Array.from(new TextEncoder().encode(p)) : p))).buffer;

describe('decodeHtml, as the reader used it before the library did', () => {
  it('uses the charset the server names', () => {
    expect(decodeHtml(bytes('<p>caf', [0xe9], '</p>'), 'text/html; charset=ISO-8859-1')).toBe('<p>café</p>');
  });

  it('finds a <meta> charset when the server names none', () => {
    // Cyrillic: neither UTF-8 nor the windows-1252 fallback would read these bytes so.
    const page = bytes(
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-5"></head><p>',
      [0xbc, 0xd8, 0xe0],
      '</p>',
    );
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
