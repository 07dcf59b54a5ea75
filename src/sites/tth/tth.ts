/**
 * Twisting the Hellmouth (www.tthfanfic.org): a hand-built BtVS crossover archive. Markup as read
 * by FanFicFare's adapter_tthfanficorg.py: h2 title, `table.verticaltable` metadata row,
 * `select#chapnav` chapter list, `div#storyinnerbody` text.
 */
import type { ChapterInfo, ChapterNav, PageInfo, PageKind } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, parseCount, textOrNull, texts } from '../../core/dom';
import { absoluteUrl, linkUrl, listNav, menuChapters } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { menuChapter } from '../kit/chapter-menu';
import { ratingOn, tthScale } from '../kit/rating-scale';

/** /Story-123, /Story-123-4/Author+Title.htm, /T-999/Story-123-4/…, /story.php?no=123. */
const STORY_PATH = /^(?:\/T-\d+)?\/Story-(\d+)(?:-(\d+))?(?:\/|$)/i;
/** Story lists: categories, author pages, series, browse and search; others show `.storylistitem`s. */
const LISTING_PATH = /^\/(?:(?:Category|AuthorStories|Series)-\d+|(?:Stories|Search)(?:[/.?-]|$))/i;
/** The note TtH shows instead of the text when the story is above the reader's rating filter. */
const FILTER_GATE = /This story is rated (FR\d+) which is above your chosen filter level/i;

export const tthPages = definePages({
  id: 'tth',
  name: 'Twisting the Hellmouth',
  domains: ['tthfanfic.org'],
  storyBody: ['#storyinnerbody'],
  read,
});

export const tth = defineSite(tthPages, {
  nav,
});

/** The chapter menu (option values are chapter paths) and the « Previous / Next » Chapter links. */
function nav(doc: Document, url: URL): ChapterNav {
  const select = $(doc, 'select#chapnav, select[name="chapnav"]');
  const chapters = menuChapters(
    select ? $$(select, 'option') : [],
    (path) => absoluteUrl(path, url.href),
    (path) => samePath(path, url),
  );
  return listNav(chapters, linkUrl($(doc, 'a.arrowb')), linkUrl($(doc, 'a.arrowf')));
}

function isStoryUrl(url: URL): boolean {
  return STORY_PATH.test(url.pathname) || (/^\/story\.php$/i.test(url.pathname) && url.searchParams.has('no'));
}

function read(doc: Document, url: URL): PageInfo {
  if (texts(doc, 'h2').some((t) => /^Story Not Found$/i.test(t))) return emptyInfo('error');

  if (isStoryUrl(url) || /^\/StoryInfo-\d+/i.test(url.pathname)) {
    const gate = cleanText(doc.body).match(FILTER_GATE);
    if (gate) {
      const { info } = readMeta(doc, 'gate');
      if (info.rating.source === 'none') info.rating = ratingOn(tthScale, gate[1]);
      return info;
    }
    if (!isStoryUrl(url)) return readMeta(doc, 'index').info;
    return readStory(doc, url);
  }
  if (LISTING_PATH.test(url.pathname) || $(doc, '.storylistitem')) return emptyInfo('listing');
  return emptyInfo('none');
}

function readStory(doc: Document, url: URL): PageInfo {
  const { info, chapters } = readMeta(doc, 'story');
  info.chapter = chapterOf(doc, url, chapters);
  info.kind = info.chapter ? 'chapter' : 'story';
  return info;
}

/**
 * The story header every story page carries: title, summary and the metadata table, plus the
 * table's chapter total.
 */
function readMeta(doc: Document, kind: PageKind): { info: PageInfo; chapters: number | null } {
  const info = emptyInfo(kind);
  info.title = textOrNull($(doc, '#pagebody h2') ?? $(doc, 'h2'));
  const cells = metaCells(doc);
  const authorCell = cells.get('author');
  const authors = authorCell ? texts(authorCell, 'a') : texts(doc, 'a[href^="/AuthorStories-"]');
  info.author = authors.length ? authors.join(', ') : textOrNull(authorCell);
  info.rating = ratingOn(tthScale, textOrNull(cells.get('rating')));
  info.words = parseCount(textOrNull(cells.get('words')));
  const categories = cells.get('categories');
  if (categories) info.tags = texts(categories, 'a');
  info.summary = summaryOf(doc);
  return { info, chapters: parseCount(textOrNull(cells.get('chapters'))) };
}

/** The metadata row keyed by its lower-cased header ("rating" → <td>FR18</td>). */
function metaCells(doc: Document): Map<string, Element> {
  const cells = new Map<string, Element>();
  const table = $(doc, 'table.verticaltable');
  if (!table) return cells;
  const heads = $$(table, 'th').map((th) => cleanText(th).toLowerCase());
  const tds = $$(table, 'td');
  // FanFicFare's fixed order, for a table without a header row.
  const order = ['categories', 'author', 'rating', 'chapters', 'words'];
  tds.forEach((td, i) => {
    const key = heads.length === tds.length ? heads[i] : order[i];
    if (key && !cells.has(key)) cells.set(key, td);
  });
  return cells;
}

function summaryOf(doc: Document): string | null {
  for (const p of $$(doc, '.storysummary p')) {
    const t = cleanText(p);
    if (/^Summary:/i.test(t)) return t.replace(/^Summary:\s*/i, '') || null;
  }
  return null;
}

/**
 * The chapter from the chapter menu (its options are "N. Title"); without a menu, from the URL's
 * chapter number and the table's chapter total. Null for a one-chapter story.
 */
function chapterOf(doc: Document, url: URL, total: number | null): ChapterInfo | null {
  const select = $(doc, 'select#chapnav, select[name="chapnav"]');
  const options = select ? $$(select, 'option') : [];
  const count = options.length > 1 ? options.length : total;
  if (!count || count < 2) return null;
  const fromMenu = menuChapter(options, { current: (path) => samePath(path, url) });
  if (fromMenu) return fromMenu;
  const n = url.pathname.match(STORY_PATH)?.[2];
  return { index: n ? Number(n) : 1, count, title: textOrNull($(doc, '#storyinnerbody h3')) };
}

function samePath(href: string | null, url: URL): boolean {
  if (!href) return false;
  try {
    return new URL(href, url).pathname === url.pathname;
  } catch {
    return false;
  }
}
