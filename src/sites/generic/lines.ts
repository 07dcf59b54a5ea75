/** What the generic adapter recognises in a line: header labels, bylines, ratings, chapter marks, endings. */
import { countWords, docTitle, squash } from '../../core/dom';
import { levelOn } from '../kit/rating-scale';
import { chapterNumber, NUMBER_WORD_PATTERN } from '../kit/number-words';
import type { Line } from './walk';

/** Story-header labels that fan-fiction authors put above their text ("Rating: NC-17"). */
export const LABEL =
  /^(title|authors?|written by|rating|rated|pairings?|characters?|fandoms?|summary|disclaimer|a\/n|author['’]?s['’]? notes?|spoilers?|warnings?|feedback|archiv(?:e|ing)|distribution|betas?|beta['’]?d by|word ?count|标题|標題|タイトル|作者|分级|分級|レーティング|配对|配對|カップリング|原作|简介|簡介|あらすじ|声明|聲明|警告|注意)\s*[:：]\s*/i;
/** Chinese and Japanese header labels, by the English label they stand for. */
const CJK_LABEL: Record<string, string> = {
  标题: 'title',
  標題: 'title',
  タイトル: 'title',
  作者: 'author',
  分级: 'rating',
  分級: 'rating',
  レーティング: 'rating',
  配对: 'pairing',
  配對: 'pairing',
  カップリング: 'pairing',
  原作: 'fandom',
  简介: 'summary',
  簡介: 'summary',
  あらすじ: 'summary',
  声明: 'disclaimer',
  聲明: 'disclaimer',
  警告: 'warning',
  注意: 'warning',
};
/** Where a second label starts on the same line ("Title: X Author: Y") or a " | " divider. */
const NEXT_LABEL =
  /\s+[|•]\s+|\s+(?=(?:Title|Authors?|Rating|Rated|Pairings?|Characters?|Fandoms?|Summary|Disclaimer|Spoilers?|Warnings?|Feedback|Word ?count)\s*:)|\s+(?=(?:作者|分级|分級|レーティング|原作|警告)\s*[:：])/;
export const BYLINE = /^(?:written\s+)?by:?\s+(.+)$/i;
export const BRACKET_RATING = /\[([A-Za-z]{1,3}(?:[-–]?\d{2})?\+?)\]/g;
const CHAPTER = new RegExp(
  String.raw`^(?:chapter|chap\.?|ch\.|part)\s*(\d+(?:\.\d+)?|${NUMBER_WORD_PATTERN})\b(?:\s*(?:of|/)\s*(\d+))?(?:\s*[:.\-–—]\s*(.*))?$`,
  'i',
);
export const CHAPTER_LINK =
  /\b(?:next|previous|prev|last|back)\b\W*(?:chapter|part)\b|^(?:chapter|part)\s+\d+\s*(?:»|>|→)|^(?:«|<|←)\s*(?:chapter|part)\b/i;
export const ENDING =
  /^[\s~*=_\-–—.·（(【〈《]*(?:the end|fin|finis|end|tbc|to be continued|end of (?:chapter|part)\b.*|全文完|完|完结|完結|终|終|おわり|終わり|未完待续|未完待續|つづく|続く)[\s~*=_\-–—.!·）)】〉》。！]*$/i;
export const BLOG_META = /\bposted (?:on|by|in|at)\b|\bpermalink\b|\btrackback\b|\bfiled under\b|\bthis entry was posted\b/i;
export const COMMENT_HEAD =
  /^(?:\d+\s+(?:comments?|responses?|replies|thoughts\b.*)|comments?(?:\s*\(\d+\))?|leave a (?:reply|comment)|post a comment|add a comment)$/i;
/** Labels that turn up once per work: seen three times, the page lists works. */
export const PER_WORK = ['author', 'rating', 'summary'];
/** Labels only fan fiction uses; "Title", "Author", "Rating" and "Summary" also head book and film reviews. */
export const FANNISH = ['pairing', 'character', 'fandom', 'disclaimer', 'a/n', 'feedback', 'archive', 'distribution', 'beta'];
/** A line of dialogue this short is a story's, not a news quote's. */
export const SHORT_LINE = 12;

function labelKey(label: string): string {
  const cjk = CJK_LABEL[label];
  if (cjk) return cjk;
  const l = label.toLowerCase().replace(/['’]/g, '');
  if (l === 'rated') return 'rating';
  if (l === 'written by' || l === 'authors') return 'author';
  if (l.startsWith('authors note') || l.startsWith('author note')) return 'a/n';
  if (l.startsWith('beta')) return 'beta';
  if (l.startsWith('word')) return 'word count';
  return l.replace(/s$/, '');
}

/** Every "Label: value" pair on a line, in order. */
export function labelPairs(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  let rest = text;
  for (let m = LABEL.exec(rest); m; m = LABEL.exec(rest)) {
    rest = rest.slice(m[0].length);
    const cut = rest.search(NEXT_LABEL);
    const value = (cut < 0 ? rest : rest.slice(0, cut)).trim();
    if (value) pairs.push([labelKey(m[1] ?? ''), value]);
    if (cut < 0) break;
    rest = rest.slice(cut).replace(/^\s*[|•]?\s*/, '');
  }
  return pairs;
}

/** The name on a short "By Sable" line; not "By the fourth day of the heatwave, …". */
export function bylineName(line: Line): string | null {
  const name = line.text.match(BYLINE)?.[1];
  if (!name || line.words > 6 || /[.!?,;]$/.test(name) || /^(?:the|a|an)\s/i.test(name)) return null;
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
  return Array.from(text.matchAll(BRACKET_RATING), (m) => m[1] ?? '').filter((l) => levelOn('film', l) !== 'unknown');
}

/** A rating label the shared scale knows, or the author's explicit "not rated". */
export function isRatingLabel(label: string): boolean {
  return levelOn('film', label) !== 'unknown' || /^(?:not rated|unrated)\b/i.test(label);
}

export interface ChapterMark {
  /** null for serial numbering like "1.1", which says nothing about the position in the work. */
  index: number | null;
  count: number | null;
  title: string | null;
}

export function chapterMark(text: string): ChapterMark | null {
  const m = text.match(CHAPTER);
  if (!m?.[1] || countWords(text) > 14) return null;
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
