/**
 * FanFiction.net and its original-fiction sister FictionPress: the same software on both, desktop
 * (www.) and mobile (m.) editions. Story URLs are /s/<id>/<chapter>/<slug>.
 */
import type { Blurb } from '../types';
import type { ChapterInfo, ChapterNav, PageInfo } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, hostIs, parseCount, squash, textOrNull, unique } from '../../core/dom';
import { absoluteUrl, childNodesWithout, documentBase, linkUrl, listNav, menuChapters, noNav } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { menuChapter } from '../kit/chapter-menu';
import { dashFields, fieldValue as field } from '../kit/labels';
import { ffnScale, ratingOn } from '../kit/rating-scale';

/** The site's genre names: they tell the genre field of the metadata line from the characters. */
const GENRES = new Set([
  'Adventure',
  'Angst',
  'Crime',
  'Drama',
  'Family',
  'Fantasy',
  'Friendship',
  'General',
  'Horror',
  'Humor',
  'Hurt/Comfort',
  'Mystery',
  'Parody',
  'Poetry',
  'Romance',
  'Sci-Fi',
  'Spiritual',
  'Supernatural',
  'Suspense',
  'Tragedy',
  'Western',
]);

/** First path segments of browse pages: FFN categories, crossovers, communities, search; FictionPress sections. */
const BROWSE = new Set([
  'anime',
  'book',
  'cartoon',
  'comic',
  'game',
  'misc',
  'movie',
  'play',
  'tv',
  'crossovers',
  'community',
  'communities',
  'search',
  'j',
  'fiction',
  'poetry',
]);

/** Texts FFN shows instead of a story: unknown id, removed story, stale chapter URL, closed category. */
const NOT_FOUND =
  /Story Not Found|Unable to locate story|Story is unavailable|Chapter not found|Category for this story has been disabled/i;

/** The story header: desktop #profile_top, or the mobile edition's #content block. */
function header(doc: Document): Element | null {
  return $(doc, '#profile_top') ?? ($(doc, '#storycontent') ? $(doc, '#content') : null);
}

/** The desktop metadata line "Rated: Fiction M - English - Romance - Chapters: 3 - Words: 12,345 - ..." as fields. */
function metaFields(head: Element): string[] {
  return dashFields(cleanText($(head, 'span.xgray')));
}

const RATED = /Rated:\s*((?:Fiction\s+)?(?:K\+|K|T|MA|M))(?![\w+])/i;

/** The rating link's text ("Fiction M"), else the words after "Rated:" wherever the header has them. */
function ratingLabel(head: Element): string | null {
  const link = textOrNull($(head, 'a[href*="fictionratings.com"]'));
  if (link) return link;
  return cleanText(head).match(RATED)?.[1] ?? null;
}

/**
 * Genres and characters: the unkeyed fields after the rating and language. Listings put the
 * fandom ("Harry Potter", "Crossover - A & B") before the rating.
 */
function tags(fields: string[]): string[] {
  const rated = fields.findIndex((f) => f.startsWith('Rated:'));
  const rest = rated >= 0 ? fields.slice(rated + 2) : fields;
  return unique(
    rest
      .filter((f) => !/^[\w ]+:/.test(f))
      .flatMap((f) => {
        const genres = f
          .replace('Hurt/Comfort', 'Hurt-Comfort')
          .split('/')
          .map((g) => g.replace('Hurt-Comfort', 'Hurt/Comfort'));
        if (genres.every((g) => GENRES.has(g))) return genres;
        return f.split(/[,[\]]/).map(squash);
      })
      .filter((t) => t !== ''),
  );
}

/** The breadcrumb: "Books > Harry Potter", or one "A + B Crossover" link. */
function fandoms(doc: Document): string[] {
  const links = $$(doc, '#pre_story_links a')
    .map(cleanText)
    .filter((t) => t !== '');
  if (links.length > 1) return links.slice(-1);
  const [only] = links;
  return only && / Crossover$/.test(only) ? only.replace(/ Crossover$/, '').split(' + ') : [];
}

/** The chapter menu's current entry, when the story has more than one chapter. */
function selectChapter(doc: Document, url: URL): ChapterInfo | null {
  const select = $(doc, 'select#chap_select') ?? $(doc, 'select[name="chapter"]');
  const wanted = String(urlChapter(url));
  return menuChapter(select ? $$(select, 'option') : [], { current: (v) => v === wanted, orFirst: true, indexFrom: 'value' });
}

/** Without a menu (mobile edition): "Chapters: N" in the metadata, or the "Ch 2 of 5" navigation. */
function countedChapter(head: Element, fields: string[], url: URL): ChapterInfo | null {
  const nav = cleanText(head.ownerDocument.body).match(/\bCh (\d+) of (\d+)\b/);
  const count = parseCount(field(fields, 'Chapters')) ?? (nav ? Number(nav[2]) : null);
  if (count === null || count < 2) return null;
  return { index: urlChapter(url) ?? (nav ? Number(nav[1]) : 1), count, title: null };
}

function urlChapter(url: URL): number | null {
  const m = url.pathname.match(/^\/s\/\d+\/(\d+)/);
  return m ? Number(m[1]) : null;
}

function readStory(doc: Document, url: URL): PageInfo {
  const head = header(doc);
  if (!head) return emptyInfo(NOT_FOUND.test(cleanText(doc.body)) ? 'error' : 'none');
  const info = emptyInfo();
  const fields = metaFields(head);
  info.title = textOrNull($(head, 'b.xcontrast_txt') ?? $(head, 'b'));
  info.author = textOrNull($(head, 'a[href^="/u/"], a[href*="fanfiction.net/u/"], a[href*="fictionpress.com/u/"]'));
  info.summary = textOrNull($(head, ':scope > div.xcontrast_txt'));
  info.rating = ratingOn(ffnScale, ratingLabel(head));
  info.words = parseCount(field(fields, 'Words'));
  info.tags = tags(fields);
  info.fandoms = fandoms(doc);
  info.chapter = selectChapter(doc, url) ?? countedChapter(head, fields, url);
  info.kind = info.chapter ? 'chapter' : 'story';
  return info;
}

/** Category, crossover, community and search pages, and any page of story blurbs (div.z-list). */
function isListing(doc: Document, url: URL): boolean {
  const first = url.pathname.split('/')[1]?.toLowerCase() ?? '';
  return BROWSE.has(first) || /-crossovers$/.test(first) || !!$(doc, 'div.z-list');
}

export const ffnPages = definePages({
  id: 'ffn',
  name: 'FanFiction.net',
  hosts: ['*://www.fanfiction.net/*', '*://m.fanfiction.net/*', '*://www.fictionpress.com/*', '*://m.fictionpress.com/*'],
  claims: (_doc, url) => hostIs(url, 'fanfiction.net', 'fictionpress.com'),
  storyBody: ['#storytext', '#storycontent'],
  read(doc, url) {
    if (/^\/s\/\d+/.test(url.pathname)) return readStory(doc, url);
    return emptyInfo(isListing(doc, url) ? 'listing' : 'none');
  },
  blurbs: { selector: 'div.z-list', read: readBlurb },
});

export const ffn = defineSite(ffnPages, {
  nav,
});

/**
 * A story on a browse, search or community page: `a.stitle` (the story link), the author link,
 * and `div.z-indent`, the summary followed by the `div.xgray` line "Harry Potter - Rated: T -
 * English - Romance/Drama - Chapters: 20 - Words: 100,234 - … - Harry P., Hermione G. - Complete".
 */
function readBlurb(el: Element): Blurb | null {
  const link = $(el, 'a.stitle');
  if (!link) return null;
  const info = emptyInfo('index');
  const line = $(el, 'div.xgray');
  const fields = dashFields(cleanText(line));
  info.title = textOrNull(link);
  info.author = textOrNull($(el, 'a[href^="/u/"]'));
  info.rating = ratingOn(ffnScale, line ? (cleanText(line).match(RATED)?.[1] ?? null) : null);
  info.words = parseCount(field(fields, 'Words'));
  info.tags = tags(fields).filter((t) => t !== 'Complete');
  const indent = $(el, 'div.z-indent');
  const summary = indent
    ? squash(
        childNodesWithout(indent, line)
          .map((n) => n.textContent ?? '')
          .join(''),
      )
    : '';
  info.summary = summary === '' ? null : summary;
  return { url: linkUrl(link), info, posted: parseCount(field(fields, 'Chapters')) };
}

/**
 * The chapter menu: option values are chapter numbers, chapter k of story N is /s/N/k/slug (the
 * slug is optional). The Prev / Next buttons go to the neighbouring entries.
 */
function nav(doc: Document, url: URL): ChapterNav {
  const m = url.pathname.match(/^\/s\/(\d+)(?:\/(\d+))?(?:\/([^/]+))?/);
  if (!m) return noNav();
  const [, story, chapter = '1', slug] = m;
  const select = $(doc, 'select#chap_select') ?? $(doc, 'select[name="chapter"]');
  const chapters = menuChapters(
    select ? $$(select, 'option') : [],
    (k) => (/^\d+$/.test(k) ? absoluteUrl(`/s/${story}/${k}${slug ? '/' + slug : ''}`, url.href) : null),
    (k) => k === chapter,
  );
  return listNav(chapters, stepTarget(doc, /^<\s*Prev\b|^«\s*Prev\b/i), stepTarget(doc, /^Next\s*(?:>|»)/i));
}

/** Where the "< Prev" / "Next >" control leads: a button's `self.location='…'` (desktop) or a link (mobile). */
function stepTarget(doc: Document, label: RegExp): string | null {
  for (const el of $$(doc, 'button[onclick], a[href]')) {
    if (!label.test(cleanText(el))) continue;
    const href = el.getAttribute('href') ?? el.getAttribute('onclick')?.match(/location\s*=\s*'([^']+)'/)?.[1];
    const target = absoluteUrl(href, documentBase(doc));
    if (target) return target;
  }
  return null;
}
