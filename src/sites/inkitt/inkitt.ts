/**
 * Inkitt (www.inkitt.com): original fiction. /stories/GENRE/ID is a story's overview (summary,
 * age rating, chapter list), /stories/GENRE/ID/chapters/N its chapter N; links without the genre
 * segment lead to the same pages. Selectors follow WebToEpub's InkittParser.js (h1.story-title,
 * span#storyAuthor, p.story-summary, .chapters-list a with span.chapter-nr and .chapter-title,
 * #story-text-container). The age-rating badge, the genre and tag links and the chapter-page
 * header are assumed (see pages/SOURCES.md).
 */
import type { ChapterInfo, ChapterNav, PageInfo, RatingLevel } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, textOrNull, texts } from '../../core/dom';
import { siteRating } from '../../core/rating';
import { linkUrl, listNav } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';

/** /stories/ID or /stories/GENRE/ID, with /chapters/N for a chapter. */
const STORY_PATH = /^\/stories\/(?:[a-z][\w-]*\/)?(\d+)(?:\/chapters\/(\d+))?\/?$/i;
/** Genre and topic browsing, the story search (/stories?q=…). */
const LISTING_PATH = /^\/(?:genres|topics|tags|search)(?:\/|$)/;
const TEXT = '#story-text-container';
const CHAPTER_LINKS = '.chapters-list a[href]';

export const inkittPages = definePages({
  id: 'inkitt',
  name: 'Inkitt',
  domains: ['inkitt.com'],
  storyBody: [TEXT],
  read,
});

export const inkitt = defineSite(inkittPages, {
  nav,
});

/**
 * Inkitt rates stories by the reader's age: "4+" is for everyone (general), "13+" for teens
 * (teen), "16+" allows strong violence and mild sexual content (mature), "18+" is its adult tier
 * (explicit). Any other label stays unknown, its words kept.
 */
export function inkittLevel(label: string): RatingLevel {
  const age = /^(?:rated\s*)?(\d+)\s*\+$/i.exec(label.trim())?.[1];
  if (age === '4') return 'general';
  if (age === '13') return 'teen';
  if (age === '16') return 'mature';
  if (age === '18') return 'explicit';
  return 'unknown';
}

/** The chapter list's links, titled by their chapter title, the current one found by its address. */
function chapterList(doc: Document, url: URL): ChapterNav['chapters'] {
  const here = url.pathname.replace(/\/$/, '');
  return $$(doc, CHAPTER_LINKS).flatMap((a) => {
    const target = linkUrl(a);
    if (!target) return [];
    const title = textOrNull($(a, '.chapter-title')) ?? cleanText(a);
    return [{ title, url: target, current: new URL(target).pathname.replace(/\/$/, '') === here }];
  });
}

function nav(doc: Document, url: URL): ChapterNav {
  return listNav(chapterList(doc, url), linkUrl($(doc, 'a.chapter-nav-prev[href]')), linkUrl($(doc, 'a.chapter-nav-next[href]')));
}

function read(doc: Document, url: URL): PageInfo {
  const m = STORY_PATH.exec(url.pathname);
  if (m) return readStory(doc, url, m[2] ? Number(m[2]) : null);
  if (LISTING_PATH.test(url.pathname) || (/^\/stories\/?$/.test(url.pathname) && url.searchParams.has('q'))) return emptyInfo('listing');
  return emptyInfo('none');
}

/**
 * A chapter page without its text asks the reader to sign up first (Inkitt walls off later
 * chapters for visitors): a gate, not an error, since the story's header is still there.
 */
function readStory(doc: Document, url: URL, chapter: number | null): PageInfo {
  const title = textOrNull($(doc, 'h1.story-title'));
  if (!title) return emptyInfo('error');
  const hasText = Boolean($(doc, TEXT));
  const info = emptyInfo(chapter === null ? 'index' : hasText ? 'chapter' : 'gate');
  info.title = title;
  info.author = textOrNull($(doc, 'span#storyAuthor'));
  info.summary = textOrNull($(doc, 'p.story-summary'));
  info.rating = siteRating(ageLabel(doc), inkittLevel);
  info.tags = [...texts(doc, '.story-genres a[href^="/genres/"]'), ...texts(doc, '.story-tags a')];
  if (info.kind === 'chapter') info.chapter = chapterOf(doc, url, chapter!);
  return info;
}

/** The badge reads "Rated 16+": the label is the age part, as the site's own words. */
function ageLabel(doc: Document): string | null {
  const text = textOrNull($(doc, '.story-age-rating'));
  return text ? text.replace(/^rated\s*/i, '') || text : null;
}

/** The chapter's number is in its address; the list gives the count and the chapter's title. */
function chapterOf(doc: Document, url: URL, n: number): ChapterInfo {
  const list = chapterList(doc, url);
  const entry = list.find((c) => c.current);
  return { index: n, count: list.length || null, title: entry?.title ?? textOrNull($(doc, 'h2.chapter-head-title')) };
}
