/**
 * Tapas (tapas.io): comics and novels; Slipcase reads the novels. An episode is /episode/ID, a
 * series /series/SLUG (or /series/SLUG/info, its details tab). Selectors follow WebToEpub's
 * TapasParser.js (text in `#viewport`, else the viewer's `article`; series title `.series-root
 * .title` / `.center-info__title--small`; author `.creator` / `.viewer-section--episode
 * .name-wrapper .name`; episode title `.center-info .js-ep-title` / `div.viewer__header p.title`;
 * summary `.description__body`), gallery-dl's tapas.py (a novel's text inside `div.viewer`, before
 * `div.viewer-bottom`) and keiyoushi/extensions-source's Tapastic.kt (`.info__right .title`,
 * `.creator-section .name`, `.genre-btn`, the creator's note `p.js-episode-story`, a comic's
 * `img.content__img`). The episode list is not in the page: those downloaders fetch it from
 * /series/ID/episodes, so `nav` lists no chapters.
 *
 * Rating: Tapas has no rating scale. It marks a series for mature audiences with a "Mature" badge
 * and puts mature episodes behind an age check (gallery-dl sets a birth-date cookie to pass it);
 * either maps to mature. No source shows their markup: the badge is read by its word in the
 * title area, the check by `.js-age-verification` (assumed). A page without either says nothing
 * of the audience, so it stays unknown, never general.
 */
import type { ChapterNav, PageInfo, Rating } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, docTitle, textOrNull, texts } from '../../core/dom';
import { linkByText, listNav } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';

const EPISODE_PATH = /^\/episode\/\d+\/?$/;
const SERIES_PATH = /^\/series\/[\w-]+(?:\/info)?\/?$/;
/** Browse, genre and search results. */
const LISTING_PATH = /^\/(?:novels|comics|search)(?:\/|$)/;
const NOT_FOUND_TITLE = /not found|^404\b/i;
const TEXT = ['#viewport', 'div.viewer article'];
/** Where the badge sits: the series' details and the episode viewer's header. */
const BADGE_AREA = ['.info__right', '.series-root', '.center-info', '.viewer__header']
  .map((area) => `${area} span, ${area} div, ${area} i`)
  .join(', ');
/** The age check that stands in front of a mature episode or series. */
const AGE_GATE = '.js-age-verification';

export const tapasPages = definePages({
  id: 'tapas',
  name: 'Tapas',
  domains: ['tapas.io'],
  storyBody: TEXT,
  read,
  extract(doc) {
    const text = $(doc, TEXT.join(', '));
    if (!text) return null;
    const note = $(doc, 'p.js-episode-story');
    return { body: [text], notes: note ? [{ label: "Creator's note", nodes: [note], position: 'after' }] : [] };
  },
});

export const tapas = defineSite(tapasPages, {
  nav,
});

/** The "Mature" badge or the age check; the site states nothing else about audience. */
export function tapasRating(doc: Document): Rating {
  const badge = $$(doc, BADGE_AREA).find((el) => el.childElementCount === 0 && /^mature$/i.test(cleanText(el)));
  if (badge) return { level: 'mature', label: cleanText(badge), source: 'site' };
  if ($(doc, AGE_GATE)) return { level: 'mature', label: null, source: 'site' };
  return { level: 'unknown', label: null, source: 'none' };
}

function nav(doc: Document): ChapterNav {
  const links = $$(doc, 'a[href*="/episode/"]');
  return listNav([], linkByText(links, /^prev(?:ious)?\b/i), linkByText(links, /^next\b/i));
}

function read(doc: Document, url: URL): PageInfo {
  const episode = EPISODE_PATH.test(url.pathname);
  if (episode || SERIES_PATH.test(url.pathname)) {
    if (NOT_FOUND_TITLE.test(docTitle(doc))) return emptyInfo('error');
    return episode ? readEpisode(doc) : readSeries(doc);
  }
  if (LISTING_PATH.test(url.pathname)) return emptyInfo('listing');
  return emptyInfo('none');
}

function readSeries(doc: Document): PageInfo {
  const title = textOrNull($(doc, '.series-root .title, .info__right .title'));
  if (!title) return emptyInfo('error');
  const info = emptyInfo('index');
  info.title = title;
  info.author = authors(doc, ['.creator-section .name', '.creator']);
  info.summary = textOrNull($(doc, '.description__body'));
  info.tags = texts(doc, '.genre-btn');
  info.rating = tapasRating(doc);
  return info;
}

/**
 * An episode page: its text, or the age check in its place (a gate), or neither (a comic's
 * images, which are not Slipcase's, or a locked episode).
 */
function readEpisode(doc: Document): PageInfo {
  const gate = $(doc, AGE_GATE) !== null;
  const text = $(doc, TEXT.join(', '));
  if (!gate && !text) return emptyInfo($(doc, 'img.content__img') ? 'none' : 'error');
  const info = emptyInfo(gate && !text ? 'gate' : 'chapter');
  info.title = textOrNull($(doc, '.center-info .center-info__title--small, .series-root .title'));
  info.author = authors(doc, ['.viewer-section--episode .name-wrapper .name', '.creator']);
  info.rating = tapasRating(doc);
  const title = textOrNull($(doc, '.center-info .js-ep-title, div.viewer__header p.title'));
  const number = /^(?:episode|ep\.?|chapter)\s*(\d+)\b/i.exec(title ?? '');
  if (info.kind === 'chapter') info.chapter = number ? { index: Number(number[1]), count: null, title } : null;
  return info;
}

/** Co-creators, each named once, from the first selector that finds any. */
function authors(doc: Document, selectors: string[]): string | null {
  for (const selector of selectors) {
    const names = texts(doc, selector);
    if (names.length) return names.join(', ');
  }
  return null;
}
