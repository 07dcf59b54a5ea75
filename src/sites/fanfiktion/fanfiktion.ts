/**
 * FanFiktion.de (www.fanfiktion.de): a German archive. Every chapter is /s/ID/N/slug, and the first
 * chapter is also the story's info page (FanFicFare reads all metadata there), so there is no index
 * page of its own. Selectors follow FanFicFare's adapter_fanfiktionde.py (the /s/ID/ title link,
 * `div.story-left` and its author link, the chapter `select`, `span.fa-keyboard`, the genre and
 * rating line after `span.fa-angle-right`, `#ffcbox-story-topic-1`, `span.badge-character`,
 * `div#story-summary-inline div`, `div#storytext`, the two age-check sentences) and the pages as
 * public scrapers of the site read them (`h4.huge-font`, `select#kA` with option values as chapter
 * numbers, `a[title*="nächstes Kapitel"]`).
 */
import type { ChapterNav, PageInfo, RatingLevel } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, parseCount, squash, textOrNull, texts, unique } from '../../core/dom';
import { siteRating } from '../../core/rating';
import { absoluteUrl, linkUrl, listNav, menuChapters, noNav } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { menuChapter } from '../kit/chapter-menu';
import { siteDefault } from '../kit/rating-scale';

/** /s/ID, /s/ID/N or /s/ID/N/slug: the story id, the chapter number and the slug. */
const STORY_PATH = /^\/s\/(\w+)(?:\/(\d+)(?:\/([^/]+))?)?\/?$/;
/** Category lists (/Harry-Potter/c/102000001/1/updatedate): the site's browse pages. */
const LISTING_PATH = /\/c\/\d+(?:\/|$)/;
const CHAPTER_MENU = 'select#kA option';
/**
 * The two sentences FanFicFare meets instead of a P18 story: the login wall for readers without a
 * verified age ("…als entwicklungsbeeinträchtigend…"), and the time rule that shows P18 stories to
 * anyone only from 23:00 to 04:00 ("Außerhalb der Zeit von 23:00 Uhr bis 04:00 Uhr ist diese
 * Geschichte nur nach einer erfolgreichen Altersverifikation zugänglich").
 */
const AGE_CHECK = /Diese Geschichte wurde als entwicklungsbeeintr|Uhr ist diese Geschichte nur nach einer/;

export const fanfiktionPages = definePages({
  id: 'fanfiktion',
  name: 'FanFiktion.de',
  domains: ['fanfiktion.de'],
  storyBody: ['div#storytext'],
  read,
});

export const fanfiktion = defineSite(fanfiktionPages, {
  nav,
});

/**
 * The site's age ratings ("P" for "Pflicht-Alter", the reader's minimum age): P6 → general,
 * P12 → teen, P16 → mature, and P18 and P18-AVL (P18 behind a verified age, "Altersverifikation")
 * → explicit.
 */
export function fanfiktionLevel(label: string): RatingLevel {
  const l = label.toUpperCase().replace(/\s+/g, '');
  if (l === 'P6') return 'general';
  if (l === 'P12') return 'teen';
  if (l === 'P16') return 'mature';
  if (l === 'P18' || l === 'P18-AVL') return 'explicit';
  return 'unknown';
}

function read(doc: Document, url: URL): PageInfo {
  const m = STORY_PATH.exec(url.pathname);
  if (m) return readStory(doc, m[1]!);
  if (LISTING_PATH.test(url.pathname)) return emptyInfo('listing');
  return emptyInfo('none');
}

function readStory(doc: Document, id: string): PageInfo {
  const head = $(doc, 'div.story-left');
  const hasText = Boolean($(doc, 'div#storytext'));
  if (!hasText && !AGE_CHECK.test(cleanText(doc.body))) return emptyInfo('error');
  const chapter = menuChapter($$(doc, CHAPTER_MENU), { indexFrom: 'value' });
  const info = emptyInfo(!hasText ? 'gate' : chapter ? 'chapter' : 'story');
  info.title = textOrNull(titleLink(doc, id)) ?? textOrNull(head && $(head, 'h4.huge-font'));
  info.author = textOrNull(head && $(head, 'a[href^="/u/"]'));
  // The breadcrumb runs Fanfiction › medium › fandom (› sub-fandom) › the story's own link.
  info.fandoms = texts(doc, '#ffcbox-story-topic-1 a[href*="/c/"]').slice(2);
  info.summary = textOrNull($(doc, 'div#story-summary-inline div'));
  const line = genreLine(head);
  info.rating = siteRating(line[1], fanfiktionLevel);
  // The age check stands only before P18 and P18-AVL stories; it shows no rating of its own.
  if (info.kind === 'gate' && !line[1]) info.rating = siteDefault('explicit');
  info.tags = unique([...(line[0]?.split(', ') ?? []), ...texts(doc, 'span.badge-character')]).filter(Boolean);
  // "12.345": the dot groups the thousands.
  info.words = parseCount(cleanText($(doc, 'span.fa-keyboard')?.parentElement));
  if (info.kind === 'chapter') info.chapter = chapter;
  return info;
}

/** The story's own link, whose text is its title: in the breadcrumb, before any other. */
function titleLink(doc: Document, id: string): Element | null {
  // The chapter buttons link the story too, named by their title ("nächstes Kapitel").
  return $$(doc, 'a[href*="/s/"]:not([title])').find((a) => (a.getAttribute('href') ?? '').includes(`/s/${id}/`)) ?? null;
}

/** "Drama, Freundschaft / P16 / Gen" after the category's angle: [genres, rating, pairing]. */
function genreLine(head: Element | null): string[] {
  const angle = head && $(head, 'span.fa-angle-right');
  let text = '';
  for (let n = angle?.nextSibling; n; n = n.nextSibling) text += n.textContent ?? '';
  return text.trim() ? text.split(' / ').map(squash) : [];
}

/** The chapter menu's values are chapter numbers; each chapter's address keeps the story's slug. */
function nav(doc: Document, url: URL): ChapterNav {
  const m = STORY_PATH.exec(url.pathname);
  if (!m) return noNav();
  const [, id, here = '1'] = m;
  const slug = m[3] ?? slugOf(titleLink(doc, id!));
  const chapters = menuChapters(
    $$(doc, CHAPTER_MENU),
    (n) => (/^\d+$/.test(n) ? absoluteUrl(`/s/${id}/${n}${slug ? '/' + slug : ''}`, url.href) : null),
    (n) => n === here,
  );
  return listNav(chapters, linkUrl($(doc, 'a[title*="vorheriges Kapitel"]')), linkUrl($(doc, 'a[title*="nächstes Kapitel"]')));
}

function slugOf(a: Element | null): string | null {
  return /^\/s\/\w+\/\d+\/([^/?#]+)/.exec(a?.getAttribute('href') ?? '')?.[1] ?? null;
}
