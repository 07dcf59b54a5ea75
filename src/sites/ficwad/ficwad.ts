/**
 * FicWad (ficwad.com): every page is /story/N. A story's index and each of its chapters have ids of
 * their own, and each chapter carries its own summary, rating and word count. Selectors follow
 * FanFicFare's adapter_ficwadcom.py (`div#story`, `div.storylist h4`, `span.author a[href^="/a/"]`,
 * `blockquote.summary`, the `.meta` line read by "Rating: … -" and "… words", `span.story-warnings`
 * titles, `ul.storylist li`, `.blocked`, `div#storytext`, the front page's "Featured Story") and
 * WebToEpub's FicwadParser.js (`form[name=chapterlist]` options with a "Story Index" entry, the
 * story's link as the last `div#story h2 a`, `div#chapters h4 a`).
 */
import type { ChapterNav, PageInfo, RatingLevel } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, parseCount, textOrNull, texts, unique } from '../../core/dom';
import { siteRating } from '../../core/rating';
import { absoluteUrl, linkByText, linkUrl, listNav, menuChapters } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { menuChapter } from '../kit/chapter-menu';

const STORY_PATH = /^\/story\/(\d+)\/?$/;
/** Categories, author pages and search results list stories. */
const LISTING_PATH = /^\/(?:category\/\d+|a\/[^/]+|search)(?:\/|$)/;
/** The page's own story (or chapter) block; `#chapters` holds one such block per chapter. */
const OWN = 'div#story > div.storylist';
const MENU = 'form[name="chapterlist"] select option';

export const ficwadPages = definePages({
  id: 'ficwad',
  name: 'FicWad',
  domains: ['ficwad.com'],
  storyBody: ['div#storytext'],
  read,
});

export const ficwad = defineSite(ficwadPages, {
  nav,
});

/** FicWad's film scale: G and PG → general, PG-13 → teen, R → mature, NC-17 (blocked to guests) → explicit. */
export function ficwadLevel(label: string): RatingLevel {
  const l = label.toUpperCase().replace(/\s+/g, '');
  if (l === 'G' || l === 'PG') return 'general';
  if (l === 'PG-13') return 'teen';
  if (l === 'R') return 'mature';
  if (l === 'NC-17') return 'explicit';
  return 'unknown';
}

function read(doc: Document, url: URL): PageInfo {
  if (STORY_PATH.test(url.pathname)) return readStory(doc);
  if (LISTING_PATH.test(url.pathname)) return emptyInfo('listing');
  return emptyInfo('none');
}

function readStory(doc: Document): PageInfo {
  const own = $(doc, OWN);
  // A removed story's address shows the front page (FanFicFare: "<h4>Featured Story</h4>").
  const featured = $$(doc, 'h4').some((h) => cleanText(h) === 'Featured Story');
  if (!own || featured || textOrNull($(own, 'h4'))?.startsWith('Deleted story')) return emptyInfo('error');
  const hasText = Boolean($(doc, 'div#storytext'));
  const chapter = menuChapter(chapterOptions(doc));
  const kind = $(doc, 'div#chapters') ? 'index' : hasText ? (chapter ? 'chapter' : 'story') : $(doc, '.blocked') ? 'gate' : 'error';
  const info = emptyInfo(kind);
  const meta = $(own, '.meta');
  const metaText = cleanText(meta);
  const ownTitle = textOrNull($(own, 'h4'));
  // On a chapter the heading names the chapter; the story is the breadcrumb's last link.
  const storyLink = $$(doc, 'div#story > h2 a[href^="/story/"]').pop();
  info.title = textOrNull(storyLink) ?? ownTitle;
  info.author = textOrNull($(own, 'span.author a[href^="/a/"]'));
  info.fandoms = texts(meta ?? own, 'a[href^="/category/"]');
  info.summary = textOrNull($(own, 'blockquote.summary'));
  info.rating = siteRating(/Rating: (.+?) -/.exec(metaText)?.[1], ficwadLevel);
  info.warnings = unique($$(own, 'span.story-warnings a[title]').map((a) => a.getAttribute('title')!.trim()));
  const genres = /Genres: (.*?) -/.exec(metaText)?.[1] ?? '';
  const characters = cleanText($(own, 'span.story-characters')).replace(/^Characters:\s*/, '');
  info.tags = unique([...genres.split(/,\s*/), ...characters.split(/,\s*/)].filter(Boolean));
  info.words = parseCount(/([\d,]+) words/.exec(metaText)?.[1]);
  if (kind === 'chapter') info.chapter = { ...chapter!, title: ownTitle ?? chapter!.title };
  return info;
}

/** The chapter menu without its first entry, "Story Index". */
function chapterOptions(doc: Document): Element[] {
  return $$(doc, MENU).filter((o) => !/^Story Index$/i.test(cleanText(o)));
}

/** The index lists the chapters it may show (a blocked one has no link); a chapter has the menu and ❮ ❯ buttons. */
function nav(doc: Document, url: URL): ChapterNav {
  const listed = $$(doc, 'div#chapters li h4 a[href]');
  if (listed.length)
    return listNav(listed.map((a) => ({ title: cleanText(a), url: linkUrl(a) ?? '', current: false })).filter((c) => c.url));
  const chapters = menuChapters(chapterOptions(doc), (v) => absoluteUrl(v, url.href));
  const buttons = $$(doc, 'form[name="chapterlist"] a[href]');
  return listNav(chapters, linkByText(buttons, /❮/), linkByText(buttons, /❯/));
}
