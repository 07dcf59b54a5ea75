/**
 * Literotica (www.literotica.com and its language subdomains): an adult-only story site with no
 * per-story rating, so every page that shows a work is explicit by site default (label null).
 * Story pages are /s/slug (poems /p/slug), series pages /series/se/N. Selectors follow FanFicFare's
 * adapter_literotica.py and WebToEpub's LiteroticaParser.js; the current layout hashes its class
 * names (`_author__title_h5t6y_15`), so they are matched on their stable prefix.
 */
import type { ChapterNav, PageInfo, PageKind } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, docTitle, hostIs, intParam, textOrNull, texts } from '../../core/dom';
import { linkUrl } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { siteDefault } from '../kit/rating-scale';

const WORK_PATH = /^\/(?:s|p)\/[^/]+\/?$/;
const SERIES_PATH = /^\/series\/se\/\d+/;
/** Categories, new/top lists, author works lists. */
const LISTING_PATH = /^\/(?:c|stories|new|top|tags?|authors\/[^/]+\/(?:works|lists|favorites))(?:\/|$)/;
/** Listing-only subdomains. */
const LISTING_HOSTS = ['tags.literotica.com', 'search.literotica.com'];
const NOT_FOUND_TITLE = /^(?:404\b|page not found)/i;
/** FanFicFare treats a submission still in the moderation queue as missing. */
const UNAPPROVED = /This submission is awaiting moderator's approval/i;

export const literoticaPages = definePages({
  id: 'literotica',
  name: 'Literotica',
  domains: ['literotica.com'],
  read,
  /** The text div inside the article content (the current layout), or the older layout's story body. */
  extract(doc) {
    const text =
      $(doc, 'div[class^="_article__content"] > div, div[class*=" _article__content"] > div') ??
      $(doc, 'div[class^="_article__content"], div[class*=" _article__content"], div.b-story-body-x > div, div.aa_ht');
    return text ? { body: [text], notes: [] } : null;
  },
  storyBody: ['div[class^="_article__content"]', 'div[class*=" _article__content"]', 'div.b-story-body-x', 'div.aa_ht'],
});

export const literotica = defineSite(literoticaPages, {
  nav,
});

/**
 * A long story is split into ?page=N pages: the neighbours are the page's rel=prev/next links,
 * else its links to page N-1 and N+1 of the same story.
 */
function nav(doc: Document, url: URL): ChapterNav {
  const page = intParam(url, 'page') ?? 1;
  const linkTo = (n: number) =>
    $$(doc, 'a[href*="page="]')
      .map(linkUrl)
      .find((u) => u !== null && new URL(u).pathname === url.pathname && new URL(u).searchParams.get('page') === String(n)) ?? null;
  return {
    prev: linkUrl($(doc, 'link[rel="prev"]')) ?? (page > 1 ? linkTo(page - 1) : null),
    next: linkUrl($(doc, 'link[rel="next"]')) ?? linkTo(page + 1),
    chapters: [],
  };
}

function read(doc: Document, url: URL): PageInfo {
  if (hostIs(url, ...LISTING_HOSTS)) return emptyInfo('listing');
  const work = WORK_PATH.test(url.pathname);
  if (work || SERIES_PATH.test(url.pathname)) {
    if (!$(doc, 'h1') || NOT_FOUND_TITLE.test(docTitle(doc)) || UNAPPROVED.test(cleanText(doc.body))) return emptyInfo('error');
    return readWork(doc, work ? 'story' : 'index');
  }
  if (LISTING_PATH.test(url.pathname)) return emptyInfo('listing');
  return emptyInfo('none');
}

/**
 * A story is one work however many ?page=N pages the site splits it into, so the page is a story,
 * not a chapter; a series page lists its parts and is the index.
 */
function readWork(doc: Document, kind: PageKind): PageInfo {
  const info = emptyInfo(kind);
  info.title = textOrNull($(doc, 'h1'));
  info.author = textOrNull($(doc, 'a[class^="_author__title"], a[class*=" _author__title"], span.b-story-user-y a, div.y_eS a'));
  info.summary =
    textOrNull($(doc, 'div[class^="_widget__info"], div[class*=" _widget__info"]')) ??
    textOrNull($(doc, 'meta[name="description"]')?.getAttributeNode('content'));
  info.tags = texts(doc, 'a[class^="_tag_item"], a[class*=" _tag_item"]');
  info.rating = siteDefault('explicit');
  return info;
}
