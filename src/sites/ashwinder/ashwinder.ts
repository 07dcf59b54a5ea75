/**
 * Ashwinder (ashwinder.sycophanthex.com): a Severus Snape / Hermione Granger archive on an early
 * eFiction whose pages share none of the family's markup, so it is a site of its own. Each chapter
 * is a story id of its own (viewstory.php?sid=K); the jump menu's options link them after a
 * placeholder, and a story's pages link its chapters as viewstory.php?sid=K&i=1. Selectors follow FanFicFare's
 * adapter_ashwindersycophanthexcom.py (author `a[href*=viewuser.php]`, the menu's options, index
 * links ending `&i=1`, the text in `div[align=left]`, the adult-content login wall) and
 * WWW::FetchStory's Ashwinder fetcher (the `<b><a>Title</a></b> by <b><a>Author</a></b>` line).
 *
 * Rating: story pages state none (both sources read it from the author's story list), so a page
 * is unknown. Adult stories sit behind a members' login that says so: a gate, still unknown,
 * since "adult content and/or themes" names no level.
 */
import type { ChapterInfo, ChapterNav, PageInfo } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, textOrNull } from '../../core/dom';
import { absoluteUrl, linkUrl, listNav, type NavChapter } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { readPhpPage } from '../kit/php-archive';

const STORY_TEXT = 'div[align="left"]';
/** The jump menu's chapter options (FanFicFare skips the first, a placeholder without an address). */
const MENU = 'select option[value*="viewstory.php"]';
const ADULT_WALL = /This story contains adult content and\/or themes/i;

export const ashwinderPages = definePages({
  id: 'ashwinder',
  name: 'Ashwinder',
  domains: ['ashwinder.sycophanthex.com'],
  storyBody: [STORY_TEXT],
  read,
});

export const ashwinder = defineSite(ashwinderPages, {
  nav,
});

function read(doc: Document, url: URL): PageInfo {
  return readPhpPage(doc, url, readStory);
}

/** The "<b><a>Title</a></b> by <b><a>Author</a></b>" line's two links. */
function titleLine(doc: Document): { title: string | null; author: string | null } {
  const author = $$(doc, 'b > a[href*="viewuser.php"]')[0] ?? null;
  const title = $$(doc, 'b > a[href*="viewstory.php"]')[0] ?? null;
  return { title: textOrNull(title), author: textOrNull(author ?? $(doc, 'a[href*="viewuser.php"]')) };
}

function readStory(doc: Document, url: URL): PageInfo {
  const hasText = Boolean($(doc, STORY_TEXT));
  if (!hasText && ADULT_WALL.test(cleanText(doc.body))) return emptyInfo('gate');
  const { title, author } = titleLine(doc);
  if (!author) return emptyInfo('error');
  const info = emptyInfo(hasText ? 'story' : 'index');
  info.title = title;
  info.author = author;
  if (hasText) {
    info.chapter = chapterOf(doc, url);
    if (info.chapter) info.kind = 'chapter';
  }
  return info;
}

function isPage(value: string | null, url: URL): boolean {
  return new URLSearchParams(value?.split('?')[1] ?? '').get('sid') === url.searchParams.get('sid');
}

/** The page's place among the chapters, for a story of more than one. */
function chapterOf(doc: Document, url: URL): ChapterInfo | null {
  const options = $$(doc, MENU);
  const place = options.findIndex((o) => o.hasAttribute('selected') || isPage(o.getAttribute('value'), url));
  if (options.length < 2 || place < 0) return null;
  return { index: place + 1, count: options.length, title: cleanText(options[place]!).replace(/^\d+\.\s*/, '') || null };
}

/** A chapter page's menu, else the page's chapter links (`viewstory.php?sid=K&i=1`). */
function nav(doc: Document, url: URL): ChapterNav {
  const options = $$(doc, MENU);
  if (options.length) {
    const chapters: NavChapter[] = options.map((o) => ({
      title: cleanText(o).replace(/^\d+\.\s*/, ''),
      url: absoluteUrl(o.getAttribute('value'), url.href) ?? '',
      current: o.hasAttribute('selected') || isPage(o.getAttribute('value'), url),
    }));
    return listNav(chapters.filter((c) => c.url));
  }
  const links = $$(doc, 'a[href*="viewstory.php"]').filter((a) => /[?&]i=1$/.test(a.getAttribute('href') ?? ''));
  const chapters = links.map((a) => ({ title: cleanText(a), url: linkUrl(a) ?? '', current: isPage(a.getAttribute('href'), url) }));
  return listNav(chapters.filter((c) => c.url));
}
