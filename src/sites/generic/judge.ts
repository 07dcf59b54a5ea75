/** The generic adapter's verdict: weighted signals, hard gates and a threshold decide story, chapter or none. */
import type { ChapterInfo } from '../../core/model';
import { isErrorPage } from './error-page';
import { indexHead, listsWorks } from './index-page';
import { FANNISH } from './lines';
import { analyse, type Analysis, type Signals } from './signals';
import type { Line } from './walk';

export const WEIGHTS = {
  /** Per step of story text reached: 100, 500 and 1500 words. */
  prose: 1,
  dialogue: 2,
  /** Per distinct header label, at most three. */
  label: 1,
  byline: 1,
  bracketRating: 1,
  chapterMark: 1,
  chapterNav: 1,
  ending: 1,
  structured: 1,
  comments: -1,
  blogMeta: -1,
  linkHeavy: -2,
  forms: -1,
} as const;
export const THRESHOLD = 4;
const MIN_PROSE = 100;
const PROSE_STEPS = [MIN_PROSE, 500, 1500];

export interface Judgement {
  kind: 'story' | 'chapter' | 'index' | 'error' | 'none';
  score: number;
  /** Each weighted signal's contribution to the score. */
  parts: Partial<Record<keyof typeof WEIGHTS, number>>;
  /** The hard gate that ruled the page out, or null. */
  veto: string | null;
  signals: Signals;
  /** On an index page, the header lines above its chapter list. */
  head: Line[];
}

/**
 * Fiction's dialogue: a fifth of the paragraphs open with a quotation mark, and some of those are
 * short exchanges ("Me again."); news quotes come in long attributed paragraphs.
 */
function dialogue(s: Signals): boolean {
  return s.dialogueLines >= 3 && s.dialogueLines >= 0.2 * s.paragraphs && s.shortDialogue >= 2;
}

function scoreParts(s: Signals): Judgement['parts'] {
  const parts: Judgement['parts'] = {
    prose: WEIGHTS.prose * PROSE_STEPS.filter((w) => s.proseWords >= w).length,
    dialogue: dialogue(s) ? WEIGHTS.dialogue : 0,
    label: WEIGHTS.label * Math.min(3, s.labels.length),
    byline: s.byline ? WEIGHTS.byline : 0,
    bracketRating: s.bracketRating ? WEIGHTS.bracketRating : 0,
    chapterMark: s.chapterMark ? WEIGHTS.chapterMark : 0,
    chapterNav: s.chapterMark && s.chapterNav ? WEIGHTS.chapterNav : 0,
    ending: s.ending ? WEIGHTS.ending : 0,
    structured: s.structured ? WEIGHTS.structured : 0,
    comments: s.comments ? WEIGHTS.comments : 0,
    blogMeta: s.blogMeta ? WEIGHTS.blogMeta : 0,
    linkHeavy: s.linkWords > s.proseWords ? WEIGHTS.linkHeavy : 0,
    forms: s.formFields >= 3 ? WEIGHTS.forms : 0,
  };
  return Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== 0));
}

/** Gates no score can outweigh. */
function vetoOf(s: Signals): string | null {
  if (s.frameset) return 'frameset';
  if (listsWorks(s)) return 'lists several works';
  if (s.proseWords < MIN_PROSE) return 'too little text';
  // Prose alone may be an essay, review or textbook chapter: fiction shows dialogue or a fan header.
  const evidence = dialogue(s) || s.labels.some((k) => FANNISH.includes(k));
  return evidence ? null : 'nothing marks it as fiction';
}

/**
 * Story text first; a page without it may still be a work's index (its chapter list under a work
 * header) or a story site's "story not found" page.
 */
export function judgeAnalysis(a: Analysis, doc: Document): Judgement {
  const s = a.signals;
  const parts = scoreParts(s);
  const score = Object.values(parts).reduce((n, v) => n + v, 0);
  const veto = vetoOf(s);
  const verdict = { score, parts, veto, signals: s, head: [] };
  if (!veto && score >= THRESHOLD) return { ...verdict, kind: chapterOf(a) ? 'chapter' : 'story' };
  const head = s.frameset || listsWorks(s) ? null : indexHead(doc, a);
  if (head) return { ...verdict, kind: 'index', head };
  return { ...verdict, kind: !s.frameset && isErrorPage(a) ? 'error' : 'none' };
}

/** Judge a page: story, chapter, index, error or none, with the signals and score behind the verdict. */
export function judgeStoryShape(doc: Document): Judgement {
  return judgeAnalysis(analyse(doc), doc);
}

/**
 * One chapter of a longer work: a numbered chapter heading plus chapter navigation or a stated
 * total. Several chapter headings inside the text make it a whole work on one page instead.
 */
export function chapterOf(a: Analysis): ChapterInfo | null {
  const mark = a.marks.find((m) => m.index !== null);
  if (!mark?.index || a.chaptersInText >= 2) return null;
  const count = mark.count ?? a.chapterCount ?? a.statedCount;
  if (!a.signals.chapterNav && !(count && count > 1)) return null;
  return { index: mark.index, count, title: mark.title };
}
