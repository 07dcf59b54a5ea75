/**
 * The fallback for pages no site rule knows. It runs only when the reader clicks the toolbar
 * button, so it must judge from the page alone whether the page holds a story. It measures a few
 * named signals in one walk over the DOM (walk.ts, lines.ts, signals.ts), adds them up with fixed
 * weights and calls the page a story only past a few hard gates and above a threshold (judge.ts).
 * A page without story text may be a work's index (index-page.ts) or a story site's "story not
 * found" page (error-page.ts). Labels and headings are read in English, French, German, Spanish and
 * Japanese (labels.ts, lines.ts); structured data adds evidence (structured.ts).
 * Precision over recall: a listing, profile, home page or blog post called a story is worse than a
 * story missed, so unsure is 'none'.
 */
import type { ChapterNav, PageInfo, Rating } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $$, countWords, parseCount, squash } from '../../core/dom';
import { linkByText, relNav } from '../../reader/extract-dom';
import { withoutByline } from '../kit/byline';
import { definePages, defineSite } from '../kit/define-site';
import { filmScale, ratingOn } from '../kit/rating-scale';
import { bracketRatings, bylineName, BRACKET_RATING, chapterMark, cleanName, isRatingLabel, LABEL, labelPairs, titleParts } from './lines';
import { analyse } from './signals';
import { chapterOf, judgeAnalysis } from './judge';
import type { Line } from './walk';

export { ENDING } from './lines';
export { judgeStoryShape, THRESHOLD } from './judge';

function read(doc: Document): PageInfo {
  const a = analyse(doc);
  const j = judgeAnalysis(a, doc);
  if (j.kind === 'none' || j.kind === 'error') return emptyInfo(j.kind);

  const info = emptyInfo(j.kind);
  const index = j.kind === 'index';
  const before = index ? j.head : a.before;
  const head = index ? j.head : [...a.before, ...a.opening];
  const pairs = new Map<string, string>();
  for (const l of head) for (const [k, v] of labelPairs(l.text)) if (!pairs.has(k)) pairs.set(k, v);

  info.chapter = index ? null : chapterOf(a);
  info.author =
    cleanName(pairs.get('author') ?? '') ??
    firstOf(head, bylineName) ??
    a.structured.author ??
    // Blog software marks the post's author link (WordPress "Posted on … by <a rel=author>").
    cleanName(squash(doc.querySelector('a[rel~="author"]')?.textContent ?? ''));
  info.title =
    pairs.get('title') ??
    a.structured.title ??
    headingTitle(doc, before, info.chapter?.title ?? null) ??
    docTitleText(doc, a.headings, info.author);
  info.rating = headRating(pairs.get('rating'), head);
  info.summary = pairs.get('summary') ?? null;
  const warnings = pairs.get('warning');
  if (warnings && !/^(?:none|n\/a|no)\.?$/i.test(warnings)) info.warnings = [warnings];
  const fandom = pairs.get('fandom');
  if (fandom) info.fandoms = [fandom];
  info.words = parseCount(pairs.get('word count'));
  return info;
}

const MAX_RATING_WORDS = 3;
const SCORE = /\d\s*(?:\/\s*\d|stars?|étoiles?|sterne?|estrellas?|out of)|[★☆]/i;

function firstOf<T>(lines: Line[], pick: (l: Line) => T | null): T | null {
  for (const l of lines) {
    const v = pick(l);
    if (v !== null) return v;
  }
  return null;
}

/**
 * A "Rating:" label, else the first bracketed rating near the top. A short label the shared scale
 * does not know ("Tout public", "全年齢") is kept as the site's words, at level unknown; a review
 * score ("5 stars", "4/5") is no rating.
 */
function headRating(label: string | undefined, head: Line[]): Rating {
  const unmapped = label && countWords(label) <= MAX_RATING_WORDS && !SCORE.test(label);
  if (label && (isRatingLabel(label) || unmapped)) return ratingOn(filmScale, label);
  return ratingOn(
    filmScale,
    firstOf(head, (l) => bracketRatings(l.text)[0] ?? null),
  );
}

/**
 * The heading nearest above the text that names the work: not a chapter heading ("Chapter 2",
 * "Chapter Text"), the chapter's own title, a byline, a "Label:" or the site's name.
 */
function headingTitle(doc: Document, before: Line[], chapterTitle: string | null): string | null {
  const skip = new Set([siteName(doc), chapterTitle?.toLowerCase()]);
  for (const l of [...before].reverse()) {
    if (!l.heading || l.words > 15 || /^chapter\b|:$/i.test(l.text) || chapterMark(l.text) || TOC.test(l.text)) continue;
    if (LABEL.test(l.text) || bylineName(l)) continue;
    const t = l.text.replace(BRACKET_RATING, '').trim();
    if (t && !skip.has(t.toLowerCase())) return t;
  }
  return null;
}

/** A table-of-contents heading above an index page's chapter list. */
const TOC =
  /^(?:table of contents|contents|chapters|sommaire|chapitres|table des matières|inhaltsverzeichnis|inhalt|kapitel|índice|capítulos|目次)$/i;

function siteTitle(doc: Document): string | null {
  const meta = doc.querySelector('meta[property="og:site_name"], meta[name="application-name"]');
  return squash(meta?.getAttribute('content') ?? '') || null;
}

function siteName(doc: Document): string | null {
  return siteTitle(doc)?.toLowerCase() ?? null;
}

/**
 * The part of the document title that names the work: not the site name or a chapter part, and
 * preferably one the page also shows as a heading ("TtH • The Long Way Round • Chapter 2").
 * A trailing "by <author>" is dropped.
 */
function docTitleText(doc: Document, headings: Set<string>, author: string | null): string | null {
  const site = siteName(doc);
  const parts = titleParts(doc).filter((p) => p.toLowerCase() !== site && !chapterMark(p));
  // A web serial's posts are titled "Chapter 1.1 | Serial Name": the site is the work.
  const part = parts.find((p) => headings.has(p.toLowerCase())) ?? parts[0] ?? siteTitle(doc);
  if (!part) return null;
  return withoutByline(part, author, { ignoreCase: true });
}

export const genericPages = definePages({
  id: 'generic',
  name: 'Web page',
  // Runs only when the reader clicks the toolbar button, so it asks for no host permissions.
  hosts: [],
  claims: () => true,
  // No markup to rely on, so no story body: the reader takes the story from Readability, and
  // nothing is covered before the page paints.
  storyBody: [],
  read: (doc) => read(doc),
});

export const generic = defineSite(genericPages, {
  nav,
});

const PREV_LINK =
  /^\W*(?:prev(?:ious)?\s+(?:chapter|part)\b|chapitre\s+précédent|vorheriges\s+kapitel|cap[íi]tulo\s+anterior|前の話|前へ)/i;
const NEXT_LINK =
  /^\W*(?:next\s+(?:chapter|part)\b|chapitre\s+suivant|nächstes\s+kapitel|siguiente\s+cap[íi]tulo|cap[íi]tulo\s+siguiente|次の話|次へ)/i;

/** The page's rel=prev/next links, else its "Previous Chapter" / "Next Chapter" links. */
function nav(doc: Document): ChapterNav {
  const rel = relNav(doc);
  const links = $$(doc, 'a[href]');
  return {
    prev: rel.prev ?? linkByText(links, PREV_LINK),
    next: rel.next ?? linkByText(links, NEXT_LINK),
    chapters: [],
  };
}
