/**
 * A story's index page (its table of contents): a title, an author, a few work labels ("Rated:",
 * "Status:", "Chapitres :", "話数：") and a list of links to the work's chapters. A listing of
 * several works has the labels too, but once per work, which the "lists several works" gate catches.
 */
import { squash } from '../../core/dom';
import { bylineName, chapterMark, labelPairs, WORK_META } from './lines';
import type { Analysis, Signals } from './signals';
import type { Line } from './walk';

const HEAD = 20;
const MIN_CHAPTERS = 2;

/** The header lines above the page's chapter list, when the page is a work's index; else null. */
export function indexHead(doc: Document, a: Analysis): Line[] | null {
  const list = chapterList(doc, a.content);
  if (!list) return null;
  const at = a.content.findIndex((l) => list.contains(l.block));
  const head = a.content.slice(Math.max(0, at - HEAD), at);
  const keys = new Set(head.flatMap((l) => labelPairs(l.text).map(([k]) => k)));
  const author = keys.has('author') || head.some((l) => bylineName(l) !== null);
  return author && WORK_META.some((k) => keys.has(k)) ? head : null;
}

/**
 * The first list (outside chrome) with at least two chapter links: links named "Chapter 2" /
 * "第2話", or links below the page's own address (/works/5521 → /works/5521/chapters/2), which
 * holds for chapters listed by title alone.
 */
function chapterList(doc: Document, content: Line[]): Element | null {
  const found = new Map<Element, number>();
  for (const l of content) {
    const list = l.block.parentElement;
    if (l.block.nodeName.toUpperCase() !== 'LI' || !l.linkWords || !list || !/^(OL|UL)$/i.test(list.nodeName)) continue;
    const link = l.block.querySelector('a[href]');
    if (!link || !(chapterMark(squash(link.textContent ?? '')) || below(doc, link.getAttribute('href') ?? ''))) continue;
    const n = (found.get(list) ?? 0) + 1;
    if (n >= MIN_CHAPTERS) return list;
    found.set(list, n);
  }
  return null;
}

function below(doc: Document, href: string): boolean {
  try {
    const here = new URL(doc.URL);
    const to = new URL(href, doc.baseURI);
    const base = here.pathname.replace(/\/$/, '');
    return base.length > 1 && to.origin === here.origin && to.pathname.startsWith(`${base}/`);
  } catch {
    return false;
  }
}

/** A work header (author, rating, summary or byline) repeated, or ratings of several levels: the page lists works. */
export function listsWorks(s: Signals): boolean {
  return s.repeats >= 3 || s.ratingMentions >= 3 || s.ratingLevels >= 2;
}
