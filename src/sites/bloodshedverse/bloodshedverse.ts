/**
 * Bloodshed (bloodshedverse.com): a Spike/Buffy archive. Markup as read by FanFicFare's
 * adapter_bloodshedversecom.py: `<title>` "Title by author", `a.headline` author link,
 * `select[name=chapter]` whose option values are per-chapter `no`s. Rating, genre and warnings
 * live in `div.list_info` rows ("<b>Rating:</b> NC-17 - <b>Warning:</b> …") on the author's and contents pages only,
 * so read pages are unrated.
 */
import type { ChapterInfo, ChapterNav, PageInfo, PageKind } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, docTitle, parseCount, textOrNull } from '../../core/dom';
import { absoluteUrl, linkByText, listNav, menuChapters } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { menuChapter } from '../kit/chapter-menu';
import { boldPairs } from '../kit/labels';
import { listItems } from '../kit/lists';
import { splitByline, withoutByline } from '../kit/byline';
import { filmScale, ratingOn } from '../kit/rating-scale';

export const bloodshedversePages = definePages({
  id: 'bloodshedverse',
  name: 'Bloodshedverse',
  domains: ['bloodshedverse.com'],
  storyBody: ['#storytext', 'div.tl'],
  read,
  /**
   * div#storytext (FanFicFare: the first class-less div in div.tl). The in-text ad links
   * (`nobr > a.FAtxtL`) wrap story words: the links go, the words stay.
   */
  extract(doc) {
    const text = $(doc, '#storytext') ?? $$(doc, 'div.tl > div').find((d) => !d.getAttribute('class'));
    return text ? { body: [text], notes: [], unwrap: ['a.FAtxtL', 'nobr'] } : null;
  },
});

export const bloodshedverse = defineSite(bloodshedversePages, {
  nav,
});

/** The chapter menu (option values are each chapter's `no`) and the Previous / Next Chapter links. */
function nav(doc: Document, url: URL): ChapterNav {
  const no = url.searchParams.get('no');
  const chapters = menuChapters(
    $$(doc, 'select[name="chapter"] option'),
    (n) => (/^\d+$/.test(n) ? absoluteUrl(`stories.php?go=read&no=${n}`, url.href) : null),
    (n) => n === no,
  );
  const links = $$(doc, '.chapter_nav a');
  return listNav(chapters, linkByText(links, /Previous Chapter/i), linkByText(links, /Next Chapter/i));
}

function read(doc: Document, url: URL): PageInfo {
  const page = url.pathname.replace(/^.*\//, '').toLowerCase();
  const go = url.searchParams.get('go');
  if (page === 'stories.php' && (go === 'read' || go === 'chapters') && url.searchParams.has('no')) {
    // The site answers a missing story with an empty "<title> by </title>" page, not a 404.
    if (/^by$/i.test(docTitle(doc)) || docTitle(doc) === '') return emptyInfo('error');
    return go === 'read' ? readStory(doc, url) : readWork(doc, 'index');
  }
  if (page === 'stories.php' || page === 'search.php' || (page === 'authors.php' && go === 'view')) return emptyInfo('listing');
  return emptyInfo('none');
}

function readStory(doc: Document, url: URL): PageInfo {
  const info = readWork(doc, 'story');
  info.chapter = chapterOf(doc, url);
  if (info.chapter) info.kind = 'chapter';
  return info;
}

/** Title and author from `<title>` and the author link; rating rows where the page has them. */
function readWork(doc: Document, kind: PageKind): PageInfo {
  const info = emptyInfo(kind);
  info.author = textOrNull($(doc, 'a.headline'));
  info.title = titleOf(doc, info.author);
  const fields = boldPairs($$(doc, 'div.list_info b'));
  info.rating = ratingOn(filmScale, fields.get('rating'));
  info.warnings = listItems(fields.get('warning') ?? fields.get('warnings'));
  info.words = parseCount(fields.get('words'));
  info.summary = textOrNull($(doc, 'div.list_summary'));
  return info;
}

/** "Hollow Hours by ember_and_ash" minus the author; the site's story title div as a fallback. */
function titleOf(doc: Document, author: string | null): string | null {
  const t = docTitle(doc);
  const cut = withoutByline(t, author);
  if (cut !== t) return cut.trim() || null;
  if (t.includes(' by ')) return splitByline(t).title;
  return textOrNull($(doc, '.story_title'));
}

/** The chapter menu's selected option (or the one whose value is this page's `no`). */
function chapterOf(doc: Document, url: URL): ChapterInfo | null {
  const no = url.searchParams.get('no');
  return menuChapter($$(doc, 'select[name="chapter"] option'), { current: (value) => value === no, numbered: false });
}
