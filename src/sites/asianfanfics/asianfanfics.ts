/**
 * Asianfanfics (www.asianfanfics.com): a story's overview ("Foreword") is /story/view/ID/slug,
 * chapter N /story/view/ID/N/slug. Selectors follow FanFicFare's adapter_asianfanficscom.py after
 * the site's 2026 redesign (the first h1, header.flow-root with `<span>by</span>` and
 * a[href^="/profile/u/"], a[href^="/browse/tag/"], "Total word count:", aside a[data-toc-chapter],
 * a[href="/htmx/story/verify_age"], "Please subscribe to read further chapters.", div#bodyText,
 * div#user-submitted-body, div#story-description) and WebToEpub's AsianfanficsParser.js (aside
 * chapter list, div#user-submitted-body); the older layout's select[name="chapter-nav"] menu
 * (earlier FanFicFare versions) stays a fallback for the chapter list.
 *
 * Rating: the site has no rating scale. An author may mark a story Mature; the site then asks
 * "Are you over 18?" before the text. A page behind that check is a gate and a story marked
 * Mature is mature (label "Mature"); anything else states no rating and stays unknown.
 */
import type { ChapterInfo, ChapterNav, PageInfo, Rating } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, parseCount, textOrNull, texts, unique } from '../../core/dom';
import { absoluteUrl, listNav, type NavChapter } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import type { LateText } from '../types';

/** /story/view/ID[/N][/slug]: N, where given, is the chapter (0 is the Foreword, the overview). */
const STORY_PATH = /^\/story\/view\/0*(\d+)(?:\/(\d+))?(?:\/[^/]*)?\/?$/;
const LISTING_PATH = /^\/(?:browse|search)(?:\/|$)/;
const HEADER = 'header.flow-root';
const TEXT = 'div#user-submitted-body';
const AGE_CHECK = 'a[href="/htmx/story/verify_age"]';
const SUBSCRIBE = /please subscribe to read further chapters/i;
const NOT_FOUND = /^page not found$/i;

export const asianfanficsPages = definePages({
  id: 'asianfanfics',
  name: 'Asianfanfics',
  domains: ['asianfanfics.com'],
  // The text arrives by htmx into #bodyText; #user-submitted-body is the text without the chapter image.
  storyBody: [TEXT, 'div#bodyText'],
  read,
});

export const asianfanfics = defineSite(asianfanficsPages, {
  nav,
  lateText,
});

/**
 * A chapter page as the site serves it holds a placeholder that htmx fills from /htmx/chapter/…
 * once the page shows (FanFicFare's getChapterText fetches the same address): the library, which
 * reads pages without their scripts, fetches it too.
 */
function lateText(doc: Document, url: URL): LateText | null {
  const slot = $(doc, 'div[hx-get^="/htmx/chapter/"]');
  if (!slot || $(doc, TEXT)) return null;
  return { into: slot, url: new URL(slot.getAttribute('hx-get')!, url).href };
}

interface TocEntry {
  number: number;
  title: string;
  url: string;
}

/** The chapter of the page's address; 0 on the overview. */
function chapterNumber(url: URL): number {
  return Number(STORY_PATH.exec(url.pathname)?.[2] ?? 0);
}

/** The TOC row's label without its aria-hidden number badge (the `.truncate` span holds the title). */
function rowTitle(a: Element): string {
  return cleanText($(a, '.truncate') ?? a);
}

/**
 * The chapters, Foreword left out. The TOC is rendered twice (desktop aside, mobile dialog): rows
 * are deduplicated by their number. The older layout's menu gives the number in its option path.
 */
function tocEntries(doc: Document, url: URL): TocEntry[] {
  const byNumber = new Map<number, TocEntry>();
  for (const a of $$(doc, 'a[data-toc-chapter][href]')) {
    const number = Number(a.getAttribute('data-toc-chapter'));
    const href = absoluteUrl(a.getAttribute('href'), url.href);
    if (number > 0 && href && !byNumber.has(number)) byNumber.set(number, { number, title: rowTitle(a), url: href });
  }
  if (byNumber.size) return [...byNumber.values()].sort((x, y) => x.number - y.number);
  return $$(doc, 'select[name="chapter-nav"] option').flatMap((o) => {
    const href = absoluteUrl(o.getAttribute('value'), url.href);
    const number = href ? chapterNumber(new URL(href)) : 0;
    return href && number > 0 ? [{ number, title: cleanText(o), url: href }] : [];
  });
}

function nav(doc: Document, url: URL): ChapterNav {
  const here = chapterNumber(url);
  const chapters: NavChapter[] = tocEntries(doc, url).map((e) => ({ title: e.title, url: e.url, current: e.number === here }));
  return listNav(chapters);
}

function read(doc: Document, url: URL): PageInfo {
  if (STORY_PATH.test(url.pathname)) return readStory(doc, url);
  if (LISTING_PATH.test(url.pathname)) return emptyInfo('listing');
  return emptyInfo('none');
}

function readStory(doc: Document, url: URL): PageInfo {
  const title = textOrNull($(doc, `${HEADER} h1, h1#story-title`) ?? $(doc, 'h1'));
  if (!title || NOT_FOUND.test(title)) return emptyInfo('error');
  const here = chapterNumber(url);
  const info = emptyInfo(here > 0 ? 'chapter' : 'index');
  const header = $(doc, HEADER) ?? doc;
  info.title = title;
  info.author = unique(texts(header, 'a[href^="/profile/u/"]')).join(', ') || null;
  info.tags = texts(header, 'a[href^="/browse/tag/"]');
  info.summary = textOrNull($(doc, 'div#story-description'));
  info.words = parseCount(afterLabel(doc, 'Total word count:'));
  info.rating = ratingOf(doc, header);
  if (here > 0) info.chapter = chapterOf(doc, url, here);
  if (isGated(doc)) info.kind = 'gate';
  return info;
}

/** The age check or the subscribers' wall stands where the text would be. */
function isGated(doc: Document): boolean {
  if ($(doc, TEXT)) return false;
  return Boolean($(doc, AGE_CHECK)) || SUBSCRIBE.test(cleanText($(doc, 'main') ?? doc.body));
}

/** A story marked Mature says so in its header; the age check says the same without the word. */
function ratingOf(doc: Document, header: ParentNode): Rating {
  const mark = $$(header, 'span').find((s) => /^mature$/i.test(cleanText(s)));
  if (mark) return { level: 'mature', label: cleanText(mark), source: 'site' };
  if ($(doc, AGE_CHECK)) return { level: 'mature', label: null, source: 'site' };
  return emptyInfo().rating;
}

/** The text right after a `<span>Label:</span>` (FanFicFare reads the span's next sibling). */
function afterLabel(doc: Document, label: string): string | null {
  const span = $$(doc, 'span').find((s) => cleanText(s) === label);
  return span?.nextSibling?.textContent ?? null;
}

function chapterOf(doc: Document, url: URL, here: number): ChapterInfo {
  const entries = tocEntries(doc, url);
  const entry = entries.find((e) => e.number === here);
  return { index: here, count: entries.length || null, title: entry?.title || null };
}
