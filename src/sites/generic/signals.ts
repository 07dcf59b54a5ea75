/** The generic adapter's measurements of a page: the signals the judgement weighs, and where the text sits. */
import { $$, squash } from '../../core/dom';
import { filmScale, levelOn } from '../kit/rating-scale';
import { walkPage, type Line } from './walk';
import { readStructured, type Structured } from './structured';
import {
  BLOG_META,
  bracketRatings,
  bylineName,
  CHAPTER_LINK,
  chapterMark,
  COMMENT_HEAD,
  ENDING,
  isRatingLabel,
  isStoryLine,
  labelPairs,
  PER_WORK,
  statedTotal,
  SHORT_LINE,
  titleParts,
  type ChapterMark,
} from './lines';

/** What the judgement is based on; every value is visible in the unit tests. */
export interface Signals {
  frameset: boolean;
  /** Words of story lines in the block holding the most text. */
  proseWords: number;
  /** Story lines in that block, those opening with a quotation mark, and those of them that are short. */
  paragraphs: number;
  dialogueLines: number;
  shortDialogue: number;
  /** Distinct story-header labels just above the text ("author", "rating", "summary", …). */
  labels: string[];
  byline: boolean;
  /** A rating in brackets near the title ("Buffy/Spike - [PG-13]"). */
  bracketRating: boolean;
  /** A "Chapter N" heading near the text or in the document title. */
  chapterMark: boolean;
  /** "Next chapter" / "Previous chapter" links, a chapter menu or rel=next/prev chapter links. */
  chapterNav: boolean;
  /** "The End", "~ fin ~", "TBC" closing the text. */
  ending: boolean;
  comments: boolean;
  /** "Posted by", "permalink", "TrackBack": blog furniture. */
  blogMeta: boolean;
  /** Words inside links anywhere outside comments. */
  linkWords: number;
  formFields: number;
  /** Ratings anywhere on the page (labels and brackets), and how many levels they span. */
  ratingMentions: number;
  ratingLevels: number;
  /** The most times any once-per-work label (author, rating, summary) or a byline appears. */
  repeats: number;
  /** JSON-LD or og:type declares a work of fiction (Book, Chapter, ShortStory). */
  structured: boolean;
}

export interface Analysis {
  signals: Signals;
  /** Content lines (no chrome, no comments) just above the text, nearest last. */
  before: Line[];
  /** The first few lines of the text, where a summary may come before the disclaimer. */
  opening: Line[];
  marks: ChapterMark[];
  /** Every heading-like line on the page, lower-cased: which part of the <title> is the work's. */
  headings: Set<string>;
  /** Distinct chapter numbers headed inside the text: two or more make it a whole work. */
  chaptersInText: number;
  chapterCount: number | null;
  /** The total a "Chapters: 3/7" label near the text states. */
  statedCount: number | null;
  /** Every content line (no chrome, no comments), for the index and error page checks. */
  content: Line[];
  structured: Structured;
}

const HEAD_BEFORE = 20;
const HEAD_AFTER = 6;

export function analyse(doc: Document): Analysis {
  const signals: Signals = {
    frameset: doc.querySelector('frameset') !== null,
    proseWords: 0,
    paragraphs: 0,
    dialogueLines: 0,
    shortDialogue: 0,
    labels: [],
    byline: false,
    bracketRating: false,
    chapterMark: false,
    chapterNav: false,
    ending: false,
    comments: false,
    blogMeta: false,
    linkWords: 0,
    formFields: 0,
    ratingMentions: 0,
    ratingLevels: 0,
    repeats: 0,
    structured: false,
  };
  const structured = readStructured(doc);
  signals.structured = structured.fiction;
  const empty: Analysis = {
    signals,
    before: [],
    opening: [],
    marks: [],
    headings: new Set(),
    chaptersInText: 0,
    chapterCount: null,
    statedCount: null,
    content: [],
    structured,
  };
  const root = doc.body ?? doc.documentElement;
  if (signals.frameset || !root) return empty;

  const { lines, formFields } = walkPage(root);
  signals.formFields = formFields;
  measurePage(lines, signals);

  const content = lines.filter((l) => !l.chrome && !l.comment);
  empty.content = content;
  const main = mainBlock(content);
  const mainLines = main ? content.filter((l) => main.contains(l.block)) : [];
  const story = mainLines.filter(isStoryLine);
  if (!main || !story[0]) return empty;
  signals.paragraphs = story.length;
  signals.proseWords = story.reduce((n, l) => n + l.words, 0);
  // French and Spanish open dialogue with a dash, German books with ».
  const spoken = story.filter((l) => /^["“„«»‘'「『—–]/.test(l.text));
  signals.dialogueLines = spoken.length;
  signals.shortDialogue = spoken.filter((l) => l.words <= SHORT_LINE).length;
  signals.ending = mainLines.slice(-3).some((l) => ENDING.test(l.text));

  const first = content.indexOf(story[0]);
  const scope = headScope(main);
  const before = content.slice(Math.max(0, first - HEAD_BEFORE), first).filter((l) => scope.contains(l.block));
  const opening = content.slice(first, first + HEAD_AFTER);
  const head = [...before, ...opening];
  const pairs = head.flatMap((l) => labelPairs(l.text));
  signals.labels = Array.from(new Set(pairs.map(([k]) => k)));
  signals.byline = head.some((l) => bylineName(l) !== null);
  signals.bracketRating = head.some((l) => bracketRatings(l.text).length > 0);

  const marks = [...head.map((l) => l.text), ...titleParts(doc)].flatMap((t) => chapterMark(t) ?? []);
  signals.chapterMark = marks.length > 0;
  const menu = chapterMenu(doc);
  signals.chapterNav = menu !== null || hasChapterLinks(doc);
  const inText = new Set(mainLines.flatMap((l) => (l.heading ? (chapterMark(l.text)?.index ?? []) : [])));
  const headings = new Set(content.filter((l) => l.heading).map((l) => l.text.toLowerCase()));
  const statedCount = statedTotal(pairs.find(([k]) => k === 'chapters')?.[1]);
  return { ...empty, before, opening, marks, headings, chaptersInText: inText.size, chapterCount: menu, statedCount };
}

/** Page-wide signals: comments, blog furniture, links, and how often work metadata repeats. */
function measurePage(lines: Line[], s: Signals): void {
  const perWork = new Map<string, number>();
  const bump = (k: string) => perWork.set(k, (perWork.get(k) ?? 0) + 1);
  const levels = new Set<string>();
  let commentLines = 0;
  for (const l of lines) {
    if (l.comment) commentLines++;
    if (COMMENT_HEAD.test(l.text)) s.comments = true;
    if (l.comment) continue;
    s.linkWords += l.linkWords;
    if (BLOG_META.test(l.text)) s.blogMeta = true;
    if (l.chrome) continue;
    for (const [k, v] of labelPairs(l.text)) {
      if (PER_WORK.includes(k)) bump(k);
      if (k === 'rating' && isRatingLabel(v)) {
        s.ratingMentions++;
        levels.add(levelOn(filmScale, v));
      }
    }
    for (const r of bracketRatings(l.text)) {
      s.ratingMentions++;
      levels.add(levelOn(filmScale, r));
    }
    if (bylineName(l)) bump('byline');
  }
  // One stray "comment" class is not a comments section.
  if (commentLines >= 2) s.comments = true;
  s.ratingLevels = levels.size;
  s.repeats = Math.max(0, ...perWork.values());
}

/**
 * The element holding the most story text. Each line's words count for its block and the block's
 * parent, so <p> runs gather in their container and <br> runs in their own block (as Readability
 * scores paragraphs); ties go to the deeper element, which is credited first.
 */
function mainBlock(lines: Line[]): Element | null {
  const credit = new Map<Element, number>();
  let best: Element | null = null;
  let bestWords = 0;
  const add = (el: Element | null, n: number) => {
    if (!el) return;
    const v = (credit.get(el) ?? 0) + n;
    credit.set(el, v);
    if (v > bestWords) {
      best = el;
      bestWords = v;
    }
  };
  for (const l of lines) {
    if (!isStoryLine(l)) continue;
    add(l.block, l.words);
    add(l.block.parentElement, l.words);
  }
  return best;
}

/**
 * Where a story's header may sit: beside the text in its parent (WordPress puts the title in the
 * article header next to the content), but never in a neighbouring table cell, which on old
 * table layouts is the site menu.
 */
function headScope(main: Element): Element {
  if (/^(TD|TH|LI)$/.test(main.nodeName.toUpperCase())) return main;
  return main.parentElement ?? main;
}

/** The chapter count of a chapter jump menu, or null when the page has none. */
function chapterMenu(doc: Document): number | null {
  const select = $$(doc, 'select').find((s) => /chap/i.test(`${s.getAttribute('name')} ${s.id}`));
  return select ? select.querySelectorAll('option').length : null;
}

function hasChapterLinks(doc: Document): boolean {
  // rel=next/prev only counts beside a chapter heading, where it leads to the next chapter.
  return (
    doc.querySelector('link[rel="next"], link[rel="prev"]') !== null ||
    $$(doc, 'a[href]').some((a) => CHAPTER_LINK.test(squash(a.textContent ?? '')))
  );
}
