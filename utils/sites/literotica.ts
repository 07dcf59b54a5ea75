/**
 * Literotica (www.literotica.com and its language subdomains): an adult-only story site with no
 * per-story rating, so every page that shows a work is explicit by site default (label null).
 * Story pages are /s/slug (poems /p/slug), series pages /series/se/N. Selectors follow FanFicFare's
 * adapter_literotica.py and WebToEpub's LiteroticaParser.js; the current layout hashes its class
 * names (`_author__title_h5t6y_15`), so they are matched on their stable prefix.
 */
import type { SiteAdapter } from './types';
import type { PageInfo, PageKind } from '../model';
import { emptyInfo } from '../model';
import { $, cleanText, docTitle, hostIs, textOrNull, texts } from '../dom';

const WORK_PATH = /^\/(?:s|p)\/[^/]+\/?$/;
const SERIES_PATH = /^\/series\/se\/\d+/;
/** Categories, new/top lists, author works lists. */
const LISTING_PATH = /^\/(?:c|stories|new|top|tags?|authors\/[^/]+\/(?:works|lists|favorites))(?:\/|$)/;
/** Listing-only subdomains. */
const LISTING_HOSTS = ['tags.literotica.com', 'search.literotica.com'];
const NOT_FOUND_TITLE = /^(?:404\b|page not found)/i;
/** FanFicFare treats a submission still in the moderation queue as missing. */
const UNAPPROVED = /This submission is awaiting moderator's approval/i;

export const literotica: SiteAdapter = {
  id: 'literotica',
  name: 'Literotica',
  hosts: ['*://literotica.com/*', '*://*.literotica.com/*'],
  claims: (_doc, url) => hostIs(url, 'literotica.com'),
  read,
};

function read(doc: Document, url: URL): PageInfo {
  if (hostIs(url, ...LISTING_HOSTS)) return emptyInfo('listing');
  const work = WORK_PATH.test(url.pathname);
  if (work || SERIES_PATH.test(url.pathname)) {
    if (!$(doc, 'h1') || NOT_FOUND_TITLE.test(docTitle(doc)) || UNAPPROVED.test(cleanText(doc.body)))
      return emptyInfo('error');
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
  info.author = textOrNull(
    $(doc, 'a[class^="_author__title"], a[class*=" _author__title"], span.b-story-user-y a, div.y_eS a'),
  );
  info.summary =
    textOrNull($(doc, 'div[class^="_widget__info"], div[class*=" _widget__info"]')) ??
    textOrNull($(doc, 'meta[name="description"]')?.getAttributeNode('content'));
  info.tags = texts(doc, 'a[class^="_tag_item"], a[class*=" _tag_item"]');
  info.rating = { level: 'explicit', label: null, source: 'site' };
  return info;
}
