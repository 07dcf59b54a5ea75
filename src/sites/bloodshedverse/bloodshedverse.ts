/**
 * Bloodshed (bloodshedverse.com): a Spike/Buffy archive. Markup as read by FanFicFare's
 * adapter_bloodshedversecom.py: `<title>` "Title by author", `a.headline` author link,
 * `select[name=chapter]` whose option values are per-chapter `no`s. Rating, genre and warnings
 * live in `div.list_info` rows ("<b>Rating:</b> NC-17 - <b>Warning:</b> …") on the author's and contents pages only,
 * so read pages are unrated.
 */
import type { SiteAdapter } from '../types';
import type { ChapterInfo, ChapterNav, PageInfo, PageKind } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { mpaaLevel, siteRating } from '../../core/rating';
import { $, $$, cleanText, docTitle, hostIs, parseCount, squash, textOrNull } from '../../core/dom';
import { absoluteUrl, linkByText, listNav, menuChapters } from '../../reader/extract-dom';

export const bloodshedverse: SiteAdapter = {
  id: 'bloodshedverse',
  name: 'Bloodshedverse',
  hosts: ['*://bloodshedverse.com/*', '*://*.bloodshedverse.com/*'],
  claims: (_doc, url) => hostIs(url, 'bloodshedverse.com'),
  read,
  /**
   * div#storytext (FanFicFare: the first class-less div in div.tl). The in-text ad links
   * (`nobr > a.FAtxtL`) wrap story words: the links go, the words stay.
   */
  extract(doc) {
    const text = $(doc, '#storytext') ?? $$(doc, 'div.tl > div').find((d) => !d.getAttribute('class'));
    return text ? { body: [text], notes: [], unwrap: ['a.FAtxtL', 'nobr'] } : null;
  },
  nav,
  cover: ['#storytext', 'div.tl'],
};

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
  if (page === 'stories.php' || page === 'search.php' || (page === 'authors.php' && go === 'view'))
    return emptyInfo('listing');
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
  const fields = infoFields(doc);
  info.rating = siteRating(fields.get('rating'), mpaaLevel);
  info.warnings = listValue(fields.get('warning') ?? fields.get('warnings'));
  info.words = parseCount(fields.get('words'));
  info.summary = textOrNull($(doc, 'div.list_summary'));
  return info;
}

/** "Hollow Hours by ember_and_ash" minus the author; the site's story title div as a fallback. */
function titleOf(doc: Document, author: string | null): string | null {
  const t = docTitle(doc);
  if (author && t.endsWith(' by ' + author)) return t.slice(0, -(' by ' + author).length).trim() || null;
  const cut = t.lastIndexOf(' by ');
  if (cut > 0) return t.slice(0, cut).trim();
  return textOrNull($(doc, '.story_title'));
}

/**
 * The `<b>Key:</b> value -` pairs of the list_info rows, several to a row, keyed lower-case. The
 * value is the text after the <b> up to the next element, trimmed of its ": -," punctuation.
 */
function infoFields(doc: Document): Map<string, string> {
  const fields = new Map<string, string>();
  for (const b of $$(doc, 'div.list_info b')) {
    const key = cleanText(b).replace(/:$/, '').trim().toLowerCase();
    const next = b.nextSibling?.nodeType === 3 ? (b.nextSibling.textContent ?? '') : '';
    const value = squash(next).replace(/^[\s:,-]+|[\s:,-]+$/g, '');
    if (key && !fields.has(key)) fields.set(key, value);
  }
  return fields;
}

/** "none" is the site's word for an empty list; lists start with a stray ", " at times. */
function listValue(v: string | undefined): string[] {
  if (!v) return [];
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && s.toLowerCase() !== 'none');
}

/** The chapter menu's selected option (or the one whose value is this page's `no`). */
function chapterOf(doc: Document, url: URL): ChapterInfo | null {
  const options = $$(doc, 'select[name="chapter"] option');
  if (options.length < 2) return null;
  const no = url.searchParams.get('no');
  let i = options.findIndex((o) => o.hasAttribute('selected'));
  if (i < 0) i = options.findIndex((o) => o.getAttribute('value') === no);
  if (i < 0) return null;
  return { index: i + 1, count: options.length, title: cleanText(options[i]) || null };
}
