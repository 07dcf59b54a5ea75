/**
 * Text helpers for the library: the one tokeniser that the search index and search queries share,
 * sort keys, a chapter's plain text from stored HTML, and a content hash. Pure string functions:
 * no DOM, so database migrations can use them too.
 */

/** Lower case, accents and other marks removed, compatibility forms folded ("ﬁ" → "fi"). */
export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/**
 * A word is a run of letters and digits; an apostrophe inside one is dropped ("don't" → "dont",
 * so "dont" and "don't" meet). Chinese and Japanese write no spaces: each of their characters is a
 * token, and a query of several of them matches texts holding them all.
 */
const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/gu;
/** Longer runs are not words anyone searches for (URLs, base64, keyboard mash). */
export const MAX_TOKEN = 32;
/**
 * Runs of letters and digits, at most one longer than a token may be. The bound matters: V8
 * repeats a Unicode class on its backtracking stack, so an unbounded run of millions of letters
 * (a hostile 50 MB title) overflowed it.
 */
const WORD = new RegExp(`[\\p{L}\\p{N}]{1,${MAX_TOKEN + 1}}`, 'gu');
const APOSTROPHE = /(?<=[\p{L}\p{N}])['’ʼ](?=[\p{L}\p{N}])/gu;

/** The normalised words of a text, in order, repeats kept. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  // A piece that continues an overlong run (it starts where one ended) belongs to that run.
  let longRunEnd = -1;
  for (const m of fold(text).replace(APOSTROPHE, '').replace(CJK, ' $& ').matchAll(WORD)) {
    const word = m[0];
    if (word.length > MAX_TOKEN || m.index === longRunEnd) longRunEnd = m.index + word.length;
    else out.push(word);
  }
  return out;
}

const ARTICLE = /^(?:the|an?)\s+/;

/** Sort key: folded, leading punctuation and (for titles) a leading article left out. */
export function sortKey(s: string, dropArticle: boolean): string {
  const k = fold(s).replace(/^[^\p{L}\p{N}]+/u, '');
  return dropArticle ? k.replace(ARTICLE, '') : k;
}

const BLOCK_TAG =
  /<\/?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|table|tr|td|th|caption|figure|figcaption|details|summary|center)\b[^>]*>/gi;
const ENTITY = /&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos|nbsp));/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The plain text of sanitised HTML, for indexing only (never for display): block tags become
 * spaces so words on either side stay apart, other tags vanish, common entities are decoded.
 * Stored HTML comes out of DOMPurify, so tags are well-formed and `<` in text is escaped.
 */
export function htmlText(html: string): string {
  return html
    .replace(BLOCK_TAG, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(ENTITY, (_m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name) return NAMED[name.toLowerCase()] ?? ' ';
      const code = dec ? Number(dec) : parseInt(hex ?? '', 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    });
}

/** "length:fnv1a32" of a string: tells an unchanged chapter without keeping its old text around. */
export function contentHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${s.length}:${h.toString(16).padStart(8, '0')}`;
}
