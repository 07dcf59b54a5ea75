/**
 * The shared data model. Every site adapter maps its page onto these types; the popup, badge,
 * reader, library and `inspect` CLI all read them. Mirrors ../shared/contracts/inspect.md.
 */

export type RatingLevel = 'general' | 'teen' | 'mature' | 'explicit' | 'unknown';

/**
 * story: a whole work on one page; chapter: one chapter of a longer work; index: table of contents
 * or info page without the text; gate: age, adult-content or login wall; error: not found/removed;
 * listing: search, tag or browse results; none: anything else.
 */
export type PageKind = 'story' | 'chapter' | 'index' | 'gate' | 'error' | 'listing' | 'none';

export interface Rating {
  level: RatingLevel;
  /** The site's own words ("Explicit", "Fiction M", "NC-17"); null when the page shows none. */
  label: string | null;
  source: 'site' | 'none';
}

export interface ChapterInfo {
  /** 1-based. */
  index: number;
  /** null when the site gives no total (AO3 "3/?"). */
  count: number | null;
  title: string | null;
}

/** What an adapter reads off a page: everything in the report but the URL, estimate and content. */
export interface PageInfo {
  kind: PageKind;
  title: string | null;
  /** Several authors joined with ", ". */
  author: string | null;
  fandoms: string[];
  summary: string | null;
  rating: Rating;
  /** The site's own warning strings, as shown. */
  warnings: string[];
  /** The site hid its warnings (AO3 "Show warnings"): not the same as "no warnings". */
  warningsHidden: boolean;
  tags: string[];
  chapter: ChapterInfo | null;
  /** The work's word count as the site states it. */
  words: number | null;
}

export interface Estimate {
  level: RatingLevel;
  reasons: string[];
}

export interface StoryContent {
  /** The reader view's story body, sanitised. */
  html: string;
  /** Its plain text, blocks separated by newlines. */
  text: string;
  words: number;
}

export interface PageReport extends PageInfo {
  url: string;
  /** Adapter id, e.g. "ao3", "ffn", "efiction", "allaboutspike", "generic". */
  site: string;
  estimate: Estimate | null;
  content: StoryContent | null;
}

export const UNRATED: Rating = Object.freeze({ level: 'unknown', label: null, source: 'none' }) as Rating;

/** A PageInfo with every field empty; adapters fill in what the page shows. */
export function emptyInfo(kind: PageKind = 'none'): PageInfo {
  return {
    kind,
    title: null,
    author: null,
    fandoms: [],
    summary: null,
    rating: { ...UNRATED },
    warnings: [],
    warningsHidden: false,
    tags: [],
    chapter: null,
    words: null,
  };
}

/** Kinds that hold story text for the reader: an index, gate or listing has none. */
export function holdsStory(kind: PageKind): boolean {
  return kind === 'story' || kind === 'chapter';
}

/** Kinds that put (part of) a work in front of the reader, so a badge and rating apply. */
export function isWorkPage(kind: PageKind): boolean {
  return kind === 'story' || kind === 'chapter' || kind === 'index' || kind === 'gate';
}

/** A collapsible part shown around the story body in the reader: summary, author's notes. */
export interface ReaderNote {
  label: string;
  /** Sanitised HTML. */
  html: string;
  position: 'before' | 'after';
}

/** The way from this chapter to its neighbours. URLs are absolute. */
export interface ChapterNav {
  prev: string | null;
  next: string | null;
  /** Set when prev and next turn pages of a thread rather than chapters (a forum's reader pages). */
  unit?: 'page';
  /** Every chapter the page lists, in order; empty when the page lists none. */
  chapters: { title: string; url: string; current: boolean }[];
}

/** What prev and next turn, as the reader names them: "chapter", or "page" on a forum's reader pages. */
export const turnUnit = (nav: ChapterNav): 'chapter' | 'page' => nav.unit ?? 'chapter';

/** Everything the reader view shows for a page. */
export interface ReaderView {
  report: PageReport;
  /** The human name of the site that read it, for the reader's header ("Archive of Our Own"). */
  siteName: string;
  /** The story body (sanitised) with its text and word count; in a staged view, its first piece alone. */
  content: StoryContent;
  notes: ReaderNote[];
  nav: ChapterNav;
  /** A staged view's rest (src/reader/read-view.ts#ViewOptions.firstChars); absent when `content` is the whole story. */
  rest?: StoryRest;
}

/**
 * The rest of a long story after its first piece, sanitised a piece at a time as the reader asks
 * for it, so that the first screen does not wait for all of it. Lives in the page it was read in:
 * never sent in a message.
 */
export interface StoryRest {
  /**
   * The elements that wrap the whole story (its chapter's wrapper, its writing direction),
   * sanitised and empty: every piece, the first included, goes in the innermost.
   */
  shell: string;
  /** The next piece, sanitised now; null once there are no more. */
  next(): StoryContent | null;
}

/**
 * How much of a paragraph's text a reading position keeps (src/reader/ui/blocks.ts#Anchor), to
 * find the place again in an edited chapter: enough to tell paragraphs apart, small to store.
 */
export const ANCHOR_TEXT = 64;
