/**
 * Quotev (www.quotev.com): stories told in pages. /story/ID/SLUG is a story's first page (its
 * description, page list and first page of text), /story/ID/SLUG/N its page N. Selectors follow
 * FanFicFare's adapter_quotevcom.py (div.result h1, div.quizAuthorList a, div#qdesct, /fiction/
 * category links, div#quizHeader div.quizBoxTags a, div#rselect a, div#rescontent) and WebToEpub's
 * QuotevParser.js (div#quizHeaderTitle h1, div#footer_pages select, div#quizResArea). Quotev has
 * no rating of any kind, so every page is unknown (the gate's estimator judges the text).
 */
import type { ChapterInfo, ChapterNav, PageInfo } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, hostIs, textOrNull, texts, unique } from '../../core/dom';
import { absoluteUrl, linkByText, linkUrl, listNav, menuChapters } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { menuChapter } from '../kit/chapter-menu';

/** /story/ID, /story/ID/SLUG or /story/ID/SLUG/N. */
const STORY_PATH = /^\/story\/(\d+)(?:\/[^/]+(?:\/(\d+))?)?\/?$/;
/** Category browsing, tag lists, search results. */
const LISTING_PATH = /^\/(?:fiction|stories|search|browse)(?:\/|$)/;
const TITLE = 'div#quizHeaderTitle h1, div.result h1';
const PAGE_MENU = 'div#footer_pages select option';
/** The page list; FanFicFare skips its javascript: entries (the "more" toggle). */
const PAGE_LINKS = 'div#rselect a[href]:not([href^="javascript"])';

export const quotevPages = definePages({
  id: 'quotev',
  name: 'Quotev',
  domains: ['quotev.com'],
  storyBody: ['div#rescontent', 'div#quizResArea'],
  read,
});

export const quotev = defineSite(quotevPages, {
  nav,
});

/** "story ID, page N" of an address: the story's own address is its page 1. */
function pageKey(href: string): string | null {
  const u = new URL(href);
  const m = STORY_PATH.exec(u.pathname);
  return m && hostIs(u, 'quotev.com') ? `${m[1]}:${m[2] ?? '1'}` : null;
}

function pageList(doc: Document, url: URL): ChapterNav['chapters'] {
  const here = pageKey(url.href);
  const links = $$(doc, PAGE_LINKS).flatMap((a) => {
    const target = linkUrl(a);
    const title = cleanText(a).replace(/^\d+\.\s*/, '');
    return target ? [{ title, url: target, current: here !== null && pageKey(target) === here }] : [];
  });
  if (links.length) return links;
  // The footer menu's values are addresses relative to the page (WebToEpub resolves them so).
  return menuChapters($$(doc, PAGE_MENU), (v) => absoluteUrl(v, url.href));
}

function nav(doc: Document, url: URL): ChapterNav {
  const links = $$(doc, 'div#footer_pages a[href]');
  return listNav(pageList(doc, url), linkByText(links, /prev/i), linkByText(links, /next/i));
}

function read(doc: Document, url: URL): PageInfo {
  const m = STORY_PATH.exec(url.pathname);
  if (m) return readStory(doc, url, m[2] ? Number(m[2]) : 1);
  if (LISTING_PATH.test(url.pathname)) return emptyInfo('listing');
  return emptyInfo('none');
}

/** A story of more than one page is read a page (a chapter) at a time; a one-page story is whole. */
function readStory(doc: Document, url: URL, page: number): PageInfo {
  const title = textOrNull($(doc, TITLE));
  if (!title) return emptyInfo('error');
  const chapter = chapterOf(doc, url, page);
  const hasText = Boolean($(doc, 'div#rescontent, div#quizResArea'));
  const info = emptyInfo(!hasText ? 'index' : chapter ? 'chapter' : 'story');
  info.title = title;
  info.author = unique(texts(doc, 'div.quizAuthorList a')).join(', ') || null;
  info.summary = textOrNull($(doc, 'div#qdesct'));
  info.fandoms = texts(doc, 'div#quizHeader a[href*="/fiction/"]');
  info.tags = texts(doc, 'div#quizHeader div.quizBoxTags a');
  if (info.kind === 'chapter') info.chapter = chapter;
  return info;
}

/** The page's place: the footer menu's selected option, else the page list and the address. */
function chapterOf(doc: Document, url: URL, page: number): ChapterInfo | null {
  const menu = menuChapter($$(doc, PAGE_MENU), { current: (_v, place) => place + 1 === page });
  if (menu) return menu;
  const list = pageList(doc, url);
  if (list.length < 2) return null;
  const place = list.findIndex((c) => c.current);
  const index = place >= 0 ? place + 1 : page;
  return { index, count: list.length, title: list[index - 1]?.title || null };
}
