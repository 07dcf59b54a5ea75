/** Small DOM reading helpers shared by the site adapters. Pure: DOM in, data out. */

/** Text content with runs of whitespace (incl. NBSP) folded to one space, trimmed. */
export function cleanText(node: Node | null | undefined): string {
  return squash(node?.textContent ?? '');
}

/** White space that squash changes: any but a plain space, two spaces running, or one at either end. */
const UNFOLDED = /[^\S ]| {2}|^ | $/;

/** Runs of white space (any kind) folded to one plain space, trimmed. */
export function squash(s: string): string {
  // Most text (a story's paragraphs) is folded already: testing for that builds no string, where
  // the replace rebuilds it space by space (10 times as long on a 200k-word work's paragraphs).
  return UNFOLDED.test(s) ? s.replace(/[\s\u00a0]+/g, ' ').trim() : s;
}

/** Whether cleanText(node) would be non-empty, without folding its whole text (a story's, often). */
export function hasText(node: Node | null | undefined): boolean {
  return /\S/.test(node?.textContent ?? '');
}

/** cleanText, or null when the node is missing or empty. */
export function textOrNull(node: Node | null | undefined): string | null {
  const t = cleanText(node);
  return t === '' ? null : t;
}

export function $(root: ParentNode, selector: string): Element | null {
  return root.querySelector(selector);
}

export function $$(root: ParentNode, selector: string): Element[] {
  return Array.from(root.querySelectorAll(selector));
}

/** The trimmed texts of every match, empties dropped, duplicates kept out, order kept. */
export function texts(root: ParentNode, selector: string): string[] {
  return unique(
    $$(root, selector)
      .map(cleanText)
      .filter((t) => t !== ''),
  );
}

export function unique<T>(items: T[]): T[] {
  return Array.from(new Set(items));
}

/** "12,345" / "12 345" / "12.345 words" → 12345; null when there are no digits. */
export function parseCount(s: string | null | undefined): number | null {
  if (!s) return null;
  const m = s.match(/\d[\d,.\s\u00a0]*/);
  if (!m) return null;
  const n = Number(m[0].replace(/[^\d]/g, ''));
  // A count past what a number holds exactly is no count a page means (random text, a phone number run on).
  return Number.isSafeInteger(n) ? n : null;
}

/** A Chinese or Japanese character, with any Katakana length marks it carries (コー is one). */
const CJK_CHAR = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}][\u30fc\uff70]*/gu;
const HAS_CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** CJK and fullwidth punctuation ("。」", "（"), which only CJK text uses. */
const CJK_PUNCTUATION = /^[\u3000-\u303f\u30fb\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+$/;

/** JavaScript's \s: the whitespace that `\S+` runs stop at. */
function isWhite(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Below this code unit there is no Chinese, Japanese or CJK punctuation (the Han radicals start here). */
const CJK_START = 0x2e80;

/**
 * Words as the corpus counts them: runs of non-whitespace, punctuation attached. Chinese and
 * Japanese put no spaces between words, so there each Han, Hiragana or Katakana character is one
 * word (as AO3 counts them) and their punctuation (。「」) is none; a Latin word inside ("用iPhone打")
 * is one. Korean spaces its words, so it counts by spaces like English. Not Intl.Segmenter: its
 * dictionaries differ between engines, and the extension, the CLI and stored counts must agree.
 *
 * The runs are found code unit by code unit, without building them; only a run holding a code
 * unit from CJK_START up (CJK text, or an astral character such as an emoji) is read by wideRun.
 * Reading every run that way, as this did for a whole text once one emoji was in it, took 49 ms
 * of a 200k-word work's opening in Chromium.
 */
export function countWords(s: string): number {
  let n = 0;
  let start = -1;
  let wide = false;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    if (isWhite(c)) {
      if (start >= 0) n += wide ? wideRun(s.slice(start, i)) : 1;
      start = -1;
      wide = false;
    } else {
      if (start < 0) start = i;
      if (c >= CJK_START) wide = true;
    }
  }
  return n;
}

/** The words in one run of non-whitespace that holds CJK text or astral characters (see countWords). */
function wideRun(t: string): number {
  if (!HAS_CJK.test(t)) return CJK_PUNCTUATION.test(t) ? 0 : 1;
  const chars = t.match(CJK_CHAR)?.length ?? 0;
  return chars + t.split(CJK_CHAR).filter((rest) => LETTER_OR_DIGIT.test(rest)).length;
}

/** The query parameter as a positive integer, or null. */
export function intParam(url: URL, name: string): number | null {
  const v = url.searchParams.get(name);
  if (v === null || !/^\d+$/.test(v)) return null;
  return Number(v);
}

const BLOCK =
  /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|CENTER|DD|DIV|DL|DT|FIELDSET|FIGURE|FOOTER|FORM|H[1-6]|HEADER|HR|LI|MAIN|NAV|OL|P|PRE|SECTION|TABLE|TBODY|TD|TH|THEAD|TR|UL)$/;
const SKIP = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|SELECT|OPTION)$/;

/**
 * The visible text of a subtree as lines: <br> and block elements end a line. Old archives put
 * metadata in `<b>Rating:</b> NC-17<br>` runs, so a line is the unit their labels live in.
 * Several roots read as the children of one block; `skip` leaves out elements with their subtree.
 */
export function textLines(root: Node | readonly Node[], skip?: (el: Element) => boolean): string[] {
  const lines: string[] = [];
  let cur = '';
  const flush = () => {
    const t = squash(cur);
    if (t) lines.push(t);
    cur = '';
  };
  const walk = (n: Node) => {
    if (n.nodeType === 3) {
      cur += n.textContent ?? '';
      return;
    }
    if (n.nodeType !== 1 && n.nodeType !== 9 && n.nodeType !== 11) return;
    const name = n.nodeName.toUpperCase();
    if (SKIP.test(name) || (skip && n.nodeType === 1 && skip(n as Element))) return;
    if (name === 'BR') return flush();
    const block = BLOCK.test(name);
    if (block) flush();
    for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
    if (block) flush();
  };
  if (Array.isArray(root)) (root as readonly Node[]).forEach(walk);
  else walk(root as Node);
  flush();
  return lines;
}

/** The document's <title>, trimmed. */
export function docTitle(doc: Document): string {
  return squash(doc.title ?? '');
}

/** Host match on exact host or a dot-suffix: "fanfiction.net" matches "m.fanfiction.net", never "notfanfiction.net". */
export function hostIs(url: URL, ...hosts: string[]): boolean {
  const h = url.hostname.toLowerCase();
  return hosts.some((d) => h === d || h.endsWith('.' + d));
}
