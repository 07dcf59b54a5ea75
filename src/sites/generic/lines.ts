/** What the generic adapter recognises in a line: header labels, bylines, ratings, chapter marks, endings. */
import { countWords, docTitle, squash } from '../../core/dom';
import { filmScale, levelOn } from '../kit/rating-scale';
import { chapterNumber, NUMBER_WORD_PATTERN } from '../kit/number-words';
import type { Line } from './walk';

import { LABEL } from './labels';

export { FANNISH, LABEL, labelPairs, PER_WORK, statedTotal, WORK_META } from './labels';

/** "by X" / "written by X" and their French, German and Spanish forms ("écrit par X", "von X", "por X"). */
export const BYLINE = /^(?:(?:written|écrit|geschrieben|escrito)\s+)?(?:by|par|von|por):?\s+(.+)$/i;
export const BRACKET_RATING = /\[([A-Za-z]{1,3}(?:[-–]?\d{2})?\+?)\]/g;
const CHAPTER = new RegExp(
  String.raw`^(?:chapter|chap\.?|ch\.|part|chapitre|partie|kapitel|teil|cap[íi]tulo|cap\.|parte)\s*(\d+(?:\.\d+)?|${NUMBER_WORD_PATTERN})\b(?:\s*(?:of|/|sur|von|de)\s*(\d+))?(?:\s*[:.\-–—]\s*(.*))?$`,
  'i',
);
/** "第3話", "第12章 灯台守": Japanese and Chinese chapter headings. */
const CJK_CHAPTER = /^第\s*(\d+)\s*[話话章回部]\s*[:：]?\s*(.*)$/;
/** Previous / next chapter links, in the languages the chapter headings above are read in. */
export const CHAPTER_LINK = new RegExp(
  [
    String.raw`\b(?:next|previous|prev|last|back)\b\W*(?:chapter|part)\b`,
    String.raw`^(?:chapter|part)\s+\d+\s*(?:»|>|→)|^(?:«|<|←)\s*(?:chapter|part)\b`,
    String.raw`chapitre\s+(?:suivant|précédent)|(?:nächstes|vorheriges)\s+kapitel`,
    String.raw`cap[íi]tulo\s+(?:siguiente|anterior)|siguiente\s+cap[íi]tulo`,
    String.raw`^\W*(?:次の話|前の話|次へ|前へ)\W*$`,
  ].join('|'),
  'i',
);
export const ENDING =
  /^[\s~*=_\-–—.·（(【〈《]*(?:the end|fin|finis|end|tbc|to be continued|end of (?:chapter|part)\b.*|ende|全文完|完|完结|完結|终|終|おわり|終わり|未完待续|未完待續|つづく|続く)[\s~*=_\-–—.!·）)】〉》。！]*$/i;
export const BLOG_META = /\bposted (?:on|by|in|at)\b|\bpermalink\b|\btrackback\b|\bfiled under\b|\bthis entry was posted\b/i;
export const COMMENT_HEAD =
  /^(?:\d+\s+(?:comments?|responses?|replies|thoughts\b.*)|comments?(?:\s*\(\d+\))?|leave a (?:reply|comment)|post a comment|add a comment)$/i;
/** A line of dialogue this short is a story's, not a news quote's. */
export const SHORT_LINE = 12;

/** The name on a short "By Sable" line; not "By the fourth day of the heatwave, …". */
export function bylineName(line: Line): string | null {
  const name = line.text.match(BYLINE)?.[1];
  if (
    !name ||
    line.words > 6 ||
    /[.!?,;]$/.test(name) ||
    /^(?:the|a|an|le|la|les|une?|der|die|das|den|dem|eine?|el|los|las|una)\s/i.test(name)
  )
    return null;
  return cleanName(name);
}

export function cleanName(s: string): string | null {
  const name = s
    .replace(/\s*[(<[].*$/, '') // "(sable@example.com)", "<mail>", "[site]"
    .replace(/\s+\S+@\S+$/, '')
    .replace(/[\s,;:.-]+$/, '');
  return name || null;
}

export function bracketRatings(text: string): string[] {
  return Array.from(text.matchAll(BRACKET_RATING), (m) => m[1] ?? '').filter((l) => levelOn(filmScale, l) !== 'unknown');
}

/** A rating label the shared scale knows, or the author's explicit "not rated". */
export function isRatingLabel(label: string): boolean {
  return levelOn(filmScale, label) !== 'unknown' || /^(?:not rated|unrated)\b/i.test(label);
}

export interface ChapterMark {
  /** null for serial numbering like "1.1", which says nothing about the position in the work. */
  index: number | null;
  count: number | null;
  title: string | null;
}

export function chapterMark(text: string): ChapterMark | null {
  const cjk = text.match(CJK_CHAPTER);
  if (cjk?.[1] && text.length <= 40) return { index: Number(cjk[1]), count: null, title: cjk[2]?.trim() || null };
  if (countWords(text) > 14) return null;
  const m = text.match(CHAPTER);
  if (!m?.[1]) return null;
  const index = chapterNumber(m[1]);
  return { index, count: m[2] ? Number(m[2]) : null, title: m[3]?.trim() || null };
}

/** A line of the story itself: not a heading, a header label or a row of links. */
export function isStoryLine(l: Line): boolean {
  return !l.heading && !LABEL.test(l.text) && l.linkWords * 2 < l.words;
}

/** The document title's parts, split at its separators (" | ", " - ", " » "). */
export function titleParts(doc: Document): string[] {
  return docTitle(doc)
    .split(/\s+(?:[|:»«·•~]{1,2}|[-–—]{1,2})\s+/)
    .map(squash)
    .filter(Boolean);
}
