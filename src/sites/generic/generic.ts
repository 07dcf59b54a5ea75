/**
 * The fallback for pages no site rule knows. It runs only when the reader clicks the toolbar
 * button, so it must judge from the page alone whether the page holds a story. It measures a few
 * named signals in one walk over the DOM, adds them up with fixed weights and calls the page a
 * story only past a few hard gates and above a threshold. Precision over recall: a listing,
 * profile, home page or blog post called a story is worse than a story missed, so unsure is 'none'.
 */
import type { SiteAdapter } from '../types';
import type { ChapterInfo, ChapterNav, PageInfo, Rating } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $$, countWords, docTitle, parseCount, squash } from '../../core/dom';
import { mpaaLevel, siteRating } from '../../core/rating';
import { linkByText, relNav } from '../../reader/extract-dom';

/** One visible line of text: <br> and block boundaries end a line, as in dom.textLines. */
interface Line {
  text: string;
  words: number;
  linkWords: number;
  /** Inside h1–h6, or bold/large all the way through: a heading-like line. */
  heading: boolean;
  /** The nearest block-level ancestor. */
  block: Element;
  /** In navigation, sidebars, footers or forms. */
  chrome: boolean;
  /** In a comments section. */
  comment: boolean;
}

interface Ctx {
  block: Element;
  link: boolean;
  bold: boolean;
  heading: boolean;
  chrome: boolean;
  comment: boolean;
}

const BLOCK =
  /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|BODY|CENTER|DD|DIV|DL|DT|FIELDSET|FIGURE|FOOTER|FORM|H[1-6]|HEADER|HR|LI|MAIN|NAV|OL|P|PRE|SECTION|TABLE|TBODY|TD|TH|THEAD|TR|UL)$/;
const SKIP = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|SELECT|OPTION|TEXTAREA|BUTTON|IFRAME|SVG|NOFRAMES)$/;
const CHROME_TAG = /^(NAV|ASIDE|FOOTER|FORM)$/;
const CHROME_ROLE = /^(banner|navigation|complementary|contentinfo|search)$/i;
const CHROME_NAME = /(?:^|[\s_-])(?:sidebar|menu|nav|navbar|navigation|footer|widgets?|breadcrumbs?)(?:$|[\s_-])/i;
const COMMENT_NAME = /(?:^|[\s_-])(?:comments?|commentlist|respond|disqus_thread)(?:$|[\s_-])/i;
const FIELD = /^(INPUT|TEXTAREA|SELECT)$/;
const INVISIBLE_INPUT = /^(hidden|submit|button|image|reset|checkbox|radio)$/i;

interface Walked {
  lines: Line[];
  /** Visible form fields outside comment forms (search boxes, filters). */
  formFields: number;
}

/** One pass over the DOM: the page's lines with where they sit, and its form fields. */
function walkPage(root: Element): Walked {
  const lines: Line[] = [];
  let formFields = 0;
  let text = '';
  let linkText = '';
  let boldText = '';
  let start: Ctx | null = null;

  const flush = () => {
    const t = squash(text);
    if (t && start) {
      const solid = (s: string) => s.replace(/\s+/g, '').length;
      lines.push({
        text: t,
        words: countWords(t),
        linkWords: linkText ? countWords(linkText) : 0,
        heading: start.heading || (boldText !== '' && solid(boldText) >= solid(t)),
        block: start.block,
        chrome: start.chrome,
        comment: start.comment,
      });
    }
    text = linkText = boldText = '';
    start = null;
  };

  const walk = (el: Element, ctx: Ctx) => {
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        const t = c.textContent ?? '';
        if (!start && /\S/.test(t)) start = ctx;
        text += t;
        if (ctx.link) linkText += ' ' + t;
        if (ctx.bold) boldText += t;
        continue;
      }
      if (c.nodeType !== 1) continue;
      const e = c as Element;
      const name = e.nodeName.toUpperCase();
      if (FIELD.test(name) && !ctx.comment && !INVISIBLE_INPUT.test(e.getAttribute('type') ?? '')) formFields++;
      if (SKIP.test(name) || hidden(e)) continue;
      if (name === 'BR') {
        flush();
        continue;
      }
      const block = BLOCK.test(name);
      if (block) flush();
      walk(e, childCtx(e, name, ctx, block));
      if (block) flush();
    }
  };

  walk(root, { block: root, link: false, bold: false, heading: false, chrome: false, comment: false });
  flush();
  return { lines, formFields };
}

function hidden(e: Element): boolean {
  return e.hasAttribute('hidden') || /display\s*:\s*none/i.test(e.getAttribute('style') ?? '');
}

function childCtx(e: Element, name: string, ctx: Ctx, block: boolean): Ctx {
  const names = `${e.getAttribute('id') ?? ''} ${e.getAttribute('class') ?? ''}`;
  const size = name === 'FONT' ? (e.getAttribute('size') ?? '') : '';
  return {
    block: block ? e : ctx.block,
    link: ctx.link || (name === 'A' && e.hasAttribute('href')),
    // Old hand-built pages set their titles in <b> or <font size="5"> rather than <h1>.
    bold: ctx.bold || /^(B|STRONG|H[1-6])$/.test(name) || /^\+|^[4-7]$/.test(size),
    heading: ctx.heading || /^H[1-6]$/.test(name),
    chrome:
      ctx.chrome ||
      CHROME_TAG.test(name) ||
      CHROME_ROLE.test(e.getAttribute('role') ?? '') ||
      CHROME_NAME.test(names),
    comment: ctx.comment || COMMENT_NAME.test(names),
  };
}

// ---------------------------------------------------------------------------------------------
// Line patterns

/** Story-header labels that fan-fiction authors put above their text ("Rating: NC-17"). */
const LABEL =
  /^(title|authors?|written by|rating|rated|pairings?|characters?|fandoms?|summary|disclaimer|a\/n|author['’]?s['’]? notes?|spoilers?|warnings?|feedback|archiv(?:e|ing)|distribution|betas?|beta['’]?d by|word ?count)\s*:\s*/i;
/** Where a second label starts on the same line ("Title: X Author: Y") or a " | " divider. */
const NEXT_LABEL =
  /\s+[|•]\s+|\s+(?=(?:Title|Authors?|Rating|Rated|Pairings?|Characters?|Fandoms?|Summary|Disclaimer|Spoilers?|Warnings?|Feedback|Word ?count)\s*:)/;
const BYLINE = /^(?:written\s+)?by:?\s+(.+)$/i;
const BRACKET_RATING = /\[([A-Za-z]{1,3}(?:[-–]?\d{2})?\+?)\]/g;
const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const CHAPTER = new RegExp(
  String.raw`^(?:chapter|chap\.?|ch\.|part)\s*(\d+(?:\.\d+)?|${NUMBER_WORDS.join('|')})\b(?:\s*(?:of|/)\s*(\d+))?(?:\s*[:.\-–—]\s*(.*))?$`,
  'i',
);
const CHAPTER_LINK =
  /\b(?:next|previous|prev|last|back)\b\W*(?:chapter|part)\b|^(?:chapter|part)\s+\d+\s*(?:»|>|→)|^(?:«|<|←)\s*(?:chapter|part)\b/i;
export const ENDING = /^[\s~*=_\-–—.·]*(?:the end|fin|finis|end|tbc|to be continued|end of (?:chapter|part)\b.*)[\s~*=_\-–—.!·]*$/i;
const BLOG_META = /\bposted (?:on|by|in|at)\b|\bpermalink\b|\btrackback\b|\bfiled under\b|\bthis entry was posted\b/i;
const COMMENT_HEAD =
  /^(?:\d+\s+(?:comments?|responses?|replies|thoughts\b.*)|comments?(?:\s*\(\d+\))?|leave a (?:reply|comment)|post a comment|add a comment)$/i;
/** Labels that turn up once per work: seen three times, the page lists works. */
const PER_WORK = ['author', 'rating', 'summary'];
/** Labels only fan fiction uses; "Title", "Author", "Rating" and "Summary" also head book and film reviews. */
const FANNISH = ['pairing', 'character', 'fandom', 'disclaimer', 'a/n', 'feedback', 'archive', 'distribution', 'beta'];
/** A line of dialogue this short is a story's, not a news quote's. */
const SHORT_LINE = 12;

function labelKey(label: string): string {
  const l = label.toLowerCase().replace(/['’]/g, '');
  if (l === 'rated') return 'rating';
  if (l === 'written by' || l === 'authors') return 'author';
  if (l.startsWith('authors note') || l.startsWith('author note')) return 'a/n';
  if (l.startsWith('beta')) return 'beta';
  if (l.startsWith('word')) return 'word count';
  return l.replace(/s$/, '');
}

/** Every "Label: value" pair on a line, in order. */
function labelPairs(text: string): [string, string][] {
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
function bylineName(line: Line): string | null {
  const name = line.text.match(BYLINE)?.[1];
  if (!name || line.words > 6 || /[.!?,;]$/.test(name) || /^(?:the|a|an)\s/i.test(name)) return null;
  return cleanName(name);
}

function cleanName(s: string): string | null {
  const name = s
    .replace(/\s*[(<[].*$/, '') // "(sable@example.com)", "<mail>", "[site]"
    .replace(/\s+\S+@\S+$/, '')
    .replace(/[\s,;:.-]+$/, '');
  return name || null;
}

function bracketRatings(text: string): string[] {
  return Array.from(text.matchAll(BRACKET_RATING), (m) => m[1] ?? '').filter((l) => mpaaLevel(l) !== 'unknown');
}

/** A rating label the shared scale knows, or the author's explicit "not rated". */
function isRatingLabel(label: string): boolean {
  return mpaaLevel(label) !== 'unknown' || /^(?:not rated|unrated)\b/i.test(label);
}

interface ChapterMark {
  /** null for serial numbering like "1.1", which says nothing about the position in the work. */
  index: number | null;
  count: number | null;
  title: string | null;
}

function chapterMark(text: string): ChapterMark | null {
  const m = text.match(CHAPTER);
  if (!m?.[1] || countWords(text) > 14) return null;
  const n = m[1].toLowerCase();
  const index = /^\d+$/.test(n) ? Number(n) : NUMBER_WORDS.includes(n) ? NUMBER_WORDS.indexOf(n) + 1 : null;
  return { index, count: m[2] ? Number(m[2]) : null, title: m[3]?.trim() || null };
}

/** A line of the story itself: not a heading, a header label or a row of links. */
function isStoryLine(l: Line): boolean {
  return !l.heading && !LABEL.test(l.text) && l.linkWords * 2 < l.words;
}

// ---------------------------------------------------------------------------------------------
// Measuring

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
}

interface Analysis {
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
}

const HEAD_BEFORE = 20;
const HEAD_AFTER = 6;

function analyse(doc: Document): Analysis {
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
  };
  const empty: Analysis = {
    signals,
    before: [],
    opening: [],
    marks: [],
    headings: new Set(),
    chaptersInText: 0,
    chapterCount: null,
  };
  const root = doc.body ?? doc.documentElement;
  if (signals.frameset || !root) return empty;

  const { lines, formFields } = walkPage(root);
  signals.formFields = formFields;
  measurePage(lines, signals);

  const content = lines.filter((l) => !l.chrome && !l.comment);
  const main = mainBlock(content);
  const mainLines = main ? content.filter((l) => main.contains(l.block)) : [];
  const story = mainLines.filter(isStoryLine);
  if (!main || !story[0]) return empty;
  signals.paragraphs = story.length;
  signals.proseWords = story.reduce((n, l) => n + l.words, 0);
  const spoken = story.filter((l) => /^["“„«‘']/.test(l.text));
  signals.dialogueLines = spoken.length;
  signals.shortDialogue = spoken.filter((l) => l.words <= SHORT_LINE).length;
  signals.ending = mainLines.slice(-3).some((l) => ENDING.test(l.text));

  const first = content.indexOf(story[0]);
  const scope = headScope(main);
  const before = content.slice(Math.max(0, first - HEAD_BEFORE), first).filter((l) => scope.contains(l.block));
  const opening = content.slice(first, first + HEAD_AFTER);
  const head = [...before, ...opening];
  signals.labels = Array.from(new Set(head.flatMap((l) => labelPairs(l.text).map(([k]) => k))));
  signals.byline = head.some((l) => bylineName(l) !== null);
  signals.bracketRating = head.some((l) => bracketRatings(l.text).length > 0);

  const marks = [...head.map((l) => l.text), ...titleParts(doc)].flatMap((t) => chapterMark(t) ?? []);
  signals.chapterMark = marks.length > 0;
  const menu = chapterMenu(doc);
  signals.chapterNav = menu !== null || hasChapterLinks(doc);
  const inText = new Set(mainLines.flatMap((l) => (l.heading ? (chapterMark(l.text)?.index ?? []) : [])));
  const headings = new Set(content.filter((l) => l.heading).map((l) => l.text.toLowerCase()));
  return { signals, before, opening, marks, headings, chaptersInText: inText.size, chapterCount: menu };
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
        levels.add(mpaaLevel(v));
      }
    }
    for (const r of bracketRatings(l.text)) {
      s.ratingMentions++;
      levels.add(mpaaLevel(r));
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
  const rel = $$(doc, 'link[rel="next"], link[rel="prev"]').some((l) => /chapter|part/i.test(l.getAttribute('title') ?? ''));
  return rel || $$(doc, 'a[href]').some((a) => CHAPTER_LINK.test(squash(a.textContent ?? '')));
}

// ---------------------------------------------------------------------------------------------
// Judging

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
  comments: -1,
  blogMeta: -1,
  linkHeavy: -2,
  forms: -1,
} as const;
export const THRESHOLD = 4;
const MIN_PROSE = 100;
const PROSE_STEPS = [MIN_PROSE, 500, 1500];

export interface Judgement {
  kind: 'story' | 'chapter' | 'none';
  score: number;
  /** Each weighted signal's contribution to the score. */
  parts: Partial<Record<keyof typeof WEIGHTS, number>>;
  /** The hard gate that ruled the page out, or null. */
  veto: string | null;
  signals: Signals;
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
  if (s.repeats >= 3 || s.ratingMentions >= 3 || s.ratingLevels >= 2) return 'lists several works';
  if (s.proseWords < MIN_PROSE) return 'too little text';
  // Prose alone may be an essay, review or textbook chapter: fiction shows dialogue or a fan header.
  const evidence = dialogue(s) || s.labels.some((k) => FANNISH.includes(k));
  return evidence ? null : 'nothing marks it as fiction';
}

function judgeAnalysis(a: Analysis): Judgement {
  const s = a.signals;
  const parts = scoreParts(s);
  const score = Object.values(parts).reduce((n, v) => n + v, 0);
  const veto = vetoOf(s);
  let kind: Judgement['kind'] = 'none';
  if (!veto && score >= THRESHOLD) kind = chapterOf(a) ? 'chapter' : 'story';
  return { kind, score, parts, veto, signals: s };
}

/** Judge a page: story, chapter or none, with the signals and score behind the verdict. */
export function judgeStoryShape(doc: Document): Judgement {
  return judgeAnalysis(analyse(doc));
}

/**
 * One chapter of a longer work: a numbered chapter heading plus chapter navigation or a stated
 * total. Several chapter headings inside the text make it a whole work on one page instead.
 */
function chapterOf(a: Analysis): ChapterInfo | null {
  const mark = a.marks.find((m) => m.index !== null);
  if (!mark?.index || a.chaptersInText >= 2) return null;
  const count = mark.count ?? a.chapterCount;
  if (!a.signals.chapterNav && !(count && count > 1)) return null;
  return { index: mark.index, count, title: mark.title };
}

// ---------------------------------------------------------------------------------------------
// Reading metadata (story and chapter pages only)

function read(doc: Document): PageInfo {
  const a = analyse(doc);
  const j = judgeAnalysis(a);
  if (j.kind === 'none') return emptyInfo('none');

  const info = emptyInfo(j.kind);
  const pairs = new Map<string, string>();
  for (const l of [...a.before, ...a.opening]) for (const [k, v] of labelPairs(l.text)) if (!pairs.has(k)) pairs.set(k, v);

  info.chapter = chapterOf(a);
  info.author =
    cleanName(pairs.get('author') ?? '') ??
    firstOf([...a.before, ...a.opening], bylineName) ??
    // Blog software marks the post's author link (WordPress "Posted on … by <a rel=author>").
    cleanName(squash(doc.querySelector('a[rel~="author"]')?.textContent ?? ''));
  info.title =
    pairs.get('title') ??
    headingTitle(doc, a.before, info.chapter?.title ?? null) ??
    docTitleText(doc, a.headings, info.author);
  info.rating = headRating(pairs.get('rating'), [...a.before, ...a.opening]);
  info.summary = pairs.get('summary') ?? null;
  const warnings = pairs.get('warning');
  if (warnings && !/^(?:none|n\/a|no)\.?$/i.test(warnings)) info.warnings = [warnings];
  const fandom = pairs.get('fandom');
  if (fandom) info.fandoms = [fandom];
  info.words = parseCount(pairs.get('word count'));
  return info;
}

function firstOf<T>(lines: Line[], pick: (l: Line) => T | null): T | null {
  for (const l of lines) {
    const v = pick(l);
    if (v !== null) return v;
  }
  return null;
}

/** A "Rating:" label, else the first bracketed rating near the top. */
function headRating(label: string | undefined, head: Line[]): Rating {
  if (label && isRatingLabel(label)) return siteRating(label, mpaaLevel);
  return siteRating(firstOf(head, (l) => bracketRatings(l.text)[0] ?? null), mpaaLevel);
}

/**
 * The heading nearest above the text that names the work: not a chapter heading ("Chapter 2",
 * "Chapter Text"), the chapter's own title, a byline, a "Label:" or the site's name.
 */
function headingTitle(doc: Document, before: Line[], chapterTitle: string | null): string | null {
  const skip = new Set([siteName(doc), chapterTitle?.toLowerCase()]);
  for (const l of [...before].reverse()) {
    if (!l.heading || l.words > 15 || /^chapter\b|:$/i.test(l.text) || LABEL.test(l.text) || bylineName(l)) continue;
    const t = l.text.replace(BRACKET_RATING, '').trim();
    if (t && !skip.has(t.toLowerCase())) return t;
  }
  return null;
}

function siteTitle(doc: Document): string | null {
  const meta = doc.querySelector('meta[property="og:site_name"], meta[name="application-name"]');
  return squash(meta?.getAttribute('content') ?? '') || null;
}

function siteName(doc: Document): string | null {
  return siteTitle(doc)?.toLowerCase() ?? null;
}

function titleParts(doc: Document): string[] {
  return docTitle(doc)
    .split(/\s+(?:[|:»«·•~]{1,2}|[-–—]{1,2})\s+/)
    .map(squash)
    .filter(Boolean);
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
  return author && part.toLowerCase().endsWith(` by ${author.toLowerCase()}`) ? part.slice(0, -(author.length + 4)) : part;
}

export const generic: SiteAdapter = {
  id: 'generic',
  name: 'Web page',
  // Runs only when the reader clicks the toolbar button, so it asks for no host permissions.
  hosts: [],
  claims: () => true,
  read: (doc) => read(doc),
  // No markup to rely on: the reader takes the story from Readability.
  extract: () => null,
  nav,
  // No hosts: it never runs before the page paints.
  cover: [],
};

/** The page's rel=prev/next links, else its "Previous Chapter" / "Next Chapter" links. */
function nav(doc: Document): ChapterNav {
  const rel = relNav(doc);
  const links = $$(doc, 'a[href]');
  return {
    prev: rel.prev ?? linkByText(links, /^\W*prev(?:ious)?\s+(?:chapter|part)\b/i),
    next: rel.next ?? linkByText(links, /^\W*next\s+(?:chapter|part)\b/i),
    chapters: [],
  };
}
