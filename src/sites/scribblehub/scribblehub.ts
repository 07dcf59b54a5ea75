/**
 * Scribble Hub (www.scribblehub.com): web serials. A series' index is /series/ID/slug/ (details,
 * genres, tags and the chapter list), a chapter /read/ID-slug/chapter/CID/. The site has no rating
 * field: FanFicFare's adapter_scribblehubcom.py reads its "Mature" (gid 20) and "Adult" (gid 902)
 * genres as the rating, and so does this file. Selectors follow that adapter (div.fic_title,
 * span.auth_name_fic, div.wi_fic_desc, a.fic_genre, ul.ul_rate_expand, a.toc_a, div#chp_raw) and
 * WebToEpub's ScribblehubParser.js (div.chapter-title, .wi_authornotes).
 */
import type { ChapterNav, PageInfo, Rating, RatingLevel } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, docTitle, textOrNull, texts } from '../../core/dom';
import { siteRating } from '../../core/rating';
import { linkUrl, listNav } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';

const SERIES_PATH = /^\/series\/\d+(?:\/|$)/;
const CHAPTER_PATH = /^\/read\/\d+-[^/]*\/chapter\/\d+\/?$/;
/** Rankings, latest updates, genre and tag browsing, search results. */
const LISTING_PATH = /^\/(?:series-ranking|latest-series|series-finder|genre|tag|fandom|trending)(?:\/|$)/;
const NOT_FOUND_TITLE = /page not found|^404\b/i;
/** The genres that stand for a rating: gid 20 "Mature", gid 902 "Adult". */
const RATING_GENRES = 'a.fic_genre[gid="902"], a.fic_genre[gid="20"]';

export const scribblehubPages = definePages({
  id: 'scribblehub',
  name: 'Scribble Hub',
  domains: ['scribblehub.com'],
  storyBody: ['div#chp_raw'],
  unwrap: ['.wi_authornotes', '.wi_news'],
  read,
});

export const scribblehub = defineSite(scribblehubPages, {
  nav,
});

/** Scribble Hub's rating genres: Adult (sexual content) → explicit, Mature → mature; others stay unknown. */
export function scribblehubLevel(label: string): RatingLevel {
  const l = label.trim().toLowerCase();
  if (l === 'adult') return 'explicit';
  if (l === 'mature') return 'mature';
  return 'unknown';
}

/** The strongest rating genre the index shows (Adult outranks Mature); none shown → unknown. */
function ratingOf(doc: Document): Rating {
  const genres = $$(doc, RATING_GENRES);
  const adult = genres.find((g) => g.getAttribute('gid') === '902');
  return siteRating(textOrNull(adult ?? genres[0]), scribblehubLevel);
}

function nav(doc: Document, url: URL): ChapterNav {
  if (CHAPTER_PATH.test(url.pathname)) return listNav([], linkUrl($(doc, 'a.btn-prev[href]')), linkUrl($(doc, 'a.btn-next[href]')));
  // The index lists the newest chapter first unless the reader chose ascending order.
  const links = $$(doc, 'a.toc_a[href]');
  const order = links.map((a) => Number(a.closest('li[order]')?.getAttribute('order') ?? NaN));
  const ascending = order.length < 2 || order.some(Number.isNaN) || order[0]! < order[order.length - 1]!;
  const chapters = links.map((a) => ({ title: cleanText(a), url: linkUrl(a)!, current: false }));
  return listNav(ascending ? chapters : chapters.reverse());
}

function read(doc: Document, url: URL): PageInfo {
  const series = SERIES_PATH.test(url.pathname);
  if (series || CHAPTER_PATH.test(url.pathname)) {
    if (NOT_FOUND_TITLE.test(docTitle(doc))) return emptyInfo('error');
    if (series) return $(doc, 'div.fic_title') ? readSeries(doc) : emptyInfo('error');
    return $(doc, 'div#chp_raw') ? readChapter(doc) : emptyInfo('error');
  }
  if (LISTING_PATH.test(url.pathname) || url.searchParams.has('s')) return emptyInfo('listing');
  return emptyInfo('none');
}

function readSeries(doc: Document): PageInfo {
  const info = emptyInfo('index');
  info.title = textOrNull($(doc, 'div.fic_title'));
  info.author = textOrNull($(doc, 'span.auth_name_fic'));
  info.summary = textOrNull($(doc, 'div.wi_fic_desc'));
  info.tags = [...texts(doc, 'a.fic_genre'), ...texts(doc, 'span.wi_fic_showtags_inner a')];
  info.warnings = texts(doc, 'ul.ul_rate_expand a');
  info.rating = ratingOf(doc);
  return info;
}

/**
 * A chapter page names its series and author but neither the genres nor the chapter's place, so
 * its rating is unknown and its chapter carries the title only where a "Chapter N" heading says so.
 */
function readChapter(doc: Document): PageInfo {
  const info = emptyInfo('chapter');
  info.title = textOrNull($(doc, 'div.wi_breadcrumb a[href*="/series/"]'));
  info.author = textOrNull($(doc, 'span.auth_name_fic, .chp_byauthor a'));
  const title = textOrNull($(doc, 'div.chapter-title'));
  const number = /^(?:chapter|ch\.?)\s*(\d+)\b/i.exec(title ?? '');
  info.chapter = number ? { index: Number(number[1]), count: null, title } : null;
  return info;
}
