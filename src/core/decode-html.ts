/**
 * A fetched page's text from its bytes, decoded as a browser would. Every place Slipcase fetches
 * a page (the reader's chapter turning, the library's save jobs, the `inspect` CLI) decodes
 * through here: `Response.text()` always decodes UTF-8, and many old archives serve
 * windows-1252, ISO-8859-1 or Shift_JIS, whose accents, curly quotes and kana would become U+FFFD.
 *
 * Order, as in the HTML standard's encoding sniffing: a byte order mark, the Content-Type
 * header's charset, a <meta> charset in the first 1024 bytes; with none of these, UTF-8 when the
 * bytes are valid UTF-8, else a Japanese encoding when the bytes decode cleanly to Japanese text,
 * else windows-1252 (what an old archive without a declaration meant).
 */

/** Undeclared encodings worth a guess, tried strictly: each rejects most other encodings' bytes. */
const JAPANESE = ['shift_jis', 'euc-jp'] as const;
/** Kana: the mark of Japanese text, which a wrong guess (Latin bytes read as Shift_JIS) lacks. */
const KANA = /[\u3041-\u309f\u30a0-\u30ff]/g;

export function decodeHtml(bytes: ArrayBuffer | Uint8Array, contentType: string | null): string {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const declared = bomCharset(data) ?? charsetFrom(contentType) ?? metaCharset(data);
  if (declared) {
    const text = tryDecode(declared, data, false);
    if (text !== null) return text;
  }
  return tryDecode('utf-8', data, true) ?? japanese(data) ?? tryDecode('windows-1252', data, false)!;
}

/** The text in `label`'s encoding; null for an unknown label or (when `fatal`) invalid bytes. */
function tryDecode(label: string, data: Uint8Array, fatal: boolean): string | null {
  try {
    const decoder = new TextDecoder(label, { fatal });
    const text = decoder.decode(data);
    return decoder.encoding === 'windows-1252' ? text.replace(/[\x80-\x9f]/g, cp1252Char) : text;
  } catch {
    return null;
  }
}

/**
 * windows-1252's letters in 0x80–0x9F (curly quotes, dashes, €). Browsers decode them so; Node's
 * TextDecoder reads those bytes as ISO-8859-1 control characters, so the CLI and tests fix them here.
 */
const CP1252_HIGH =
  '\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178';
const cp1252Char = (c: string): string => CP1252_HIGH[c.charCodeAt(0) - 0x80]!;

/** Japanese text when the bytes decode without error and a fair share of the letters are kana. */
function japanese(data: Uint8Array): string | null {
  for (const label of JAPANESE) {
    const text = tryDecode(label, data, true);
    if (text === null) continue;
    const letters = text.replace(/<[^>]*>|[\s\x21-\x7e]/g, '').length;
    const kana = text.match(KANA)?.length ?? 0;
    if (letters > 0 && kana / letters > 0.1) return text;
  }
  return null;
}

function charsetFrom(s: string | null): string | null {
  return s?.match(/charset\s*=\s*["']?([\w.:-]+)/i)?.[1] ?? null;
}

function bomCharset(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  return null;
}

/** `<meta charset=…>` or `<meta http-equiv=Content-Type content="…; charset=…">` near the top. */
function metaCharset(data: Uint8Array): string | null {
  const head = new TextDecoder('windows-1252').decode(data.subarray(0, 1024));
  for (const meta of head.match(/<meta[^>]*>/gi) ?? []) {
    const direct = meta.match(/charset\s*=\s*["']?([\w.:-]+)/i)?.[1];
    if (direct) return direct;
  }
  return null;
}
