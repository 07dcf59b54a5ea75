/**
 * HarryPotterFanFiction.com: one fandom's archive. A story's index is viewstory.php?psid=N (its
 * metadata as `div.entry__key` / `div.entry__value` pairs and a `table.table-chapters`), a chapter
 * viewstory.php?chapterid=N (the text in `div.storytext-container`). Selectors follow FanFicFare's
 * adapter_harrypotterfanfictioncom.py as it last stood (removed in f994c67c when the site closed);
 * a Mature story asks for consent (&showRestricted) before it shows its chapters.
 */
import type { ChapterNav, PageInfo, RatingLevel } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, parseCount, textOrNull } from '../../core/dom';
import { siteRating } from '../../core/rating';
import { absoluteUrl, linkByText, listNav, menuChapters } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { menuChapter } from '../kit/chapter-menu';
import { listItems } from '../kit/lists';
import { siteDefault } from '../kit/rating-scale';

const STORY_TEXT = ['div.storytext-container'];
/** FanFicFare's adult check: the index of a Mature story without &showRestricted. */
const RESTRICTED = /This story may contain chapters not appropriate for a general audience|This story may contain adult themes/i;
const NOT_FOUND = /ERROR locating story meta|has not been validated by the adminstrators|story (?:could not be|was not) found/i;

/**
 * The site's age scale: General → general, 12+ → teen, 15+ → mature (strong themes, past the
 * teen tier), Mature → explicit (its adult tier, shown only after the reader says they are over
 * 17). Anything else stays unknown with the site's words.
 */
function hpffLevel(label: string): RatingLevel {
  const l = label.trim().toLowerCase();
  if (l === 'general' || l === 'g') return 'general';
  if (/^1[23]\+$/.test(l)) return 'teen';
  if (/^1[56]\+$/.test(l)) return 'mature';
  if (l === 'mature' || /^1[78]\+$/.test(l)) return 'explicit';
  return 'unknown';
}

export const hpffPages = definePages({
  id: 'hpff',
  name: 'HarryPotterFanFiction.com',
  domains: ['harrypotterfanfiction.com'],
  storyBody: STORY_TEXT,
  read,
});

export const hpff = defineSite(hpffPages, {
  nav,
  adultGate,
});

/** The consent FanFicFare gives: the same address with `&showRestricted`, as the notice's own link has it. */
function adultGate(doc: Document, url: URL): string | null {
  if ($(doc, 'div.storytext-container, table.table-chapters') || !RESTRICTED.test(cleanText(doc.body))) return null;
  if (/[?&]showRestricted\b/.test(url.search)) return null;
  const here = new URL(url.href);
  here.hash = '';
  return here.href + (here.search ? '&' : '?') + 'showRestricted';
}

function read(doc: Document, url: URL): PageInfo {
  const page = url.pathname.replace(/^.*\//, '').toLowerCase();
  if (page === 'viewstory.php' && (url.searchParams.has('psid') || url.searchParams.has('chapterid'))) return readStory(doc, url);
  if (page === 'browse.php' || page === 'search.php' || page === 'viewuser.php' || page === 'topstories.php') return emptyInfo('listing');
  return emptyInfo('none');
}

function readStory(doc: Document, url: URL): PageInfo {
  const bodyText = cleanText(doc.body);
  if (NOT_FOUND.test(bodyText)) return emptyInfo('error');
  const text = $(doc, STORY_TEXT[0]!);
  const chapters = $(doc, 'table.table-chapters');
  if (!text && !chapters) {
    if (!RESTRICTED.test(bodyText)) return emptyInfo('error');
    // Only the Mature tier asks for consent, so the notice itself says how the story is rated.
    return { ...emptyInfo('gate'), title: titleOf($(doc, 'h2')), author: authorOf(doc), rating: siteDefault('explicit') };
  }
  const info = emptyInfo(text ? 'chapter' : 'index');
  info.title = titleOf($(doc, 'h2'));
  info.author = authorOf(doc);
  const meta = entries(doc);
  info.rating = siteRating(meta.get('rating'), hpffLevel);
  info.warnings = listItems(meta.get('advisory'));
  info.tags = [
    ...listItems(meta.get('characters')),
    ...listItems(meta.get('primary relationship')),
    ...listItems(meta.get('secondary relationship(s)')),
  ];
  info.words = parseCount(meta.get('words'));
  info.fandoms = ['Harry Potter'];
  if (text) {
    info.chapter = menuChapter($$(doc, 'select[name="chapterid"] option'), {
      current: (v) => chapterIdOf(v) === url.searchParams.get('chapterid'),
    });
    if (!info.chapter) info.kind = 'story';
  }
  return info;
}

/** The story heading "Title <i>by Author</i>" without its byline (read from a copy: the page is never changed). */
function titleOf(heading: Element | null): string | null {
  if (!heading) return null;
  const copy = heading.cloneNode(true) as Element;
  copy.querySelector('i')?.remove();
  return textOrNull(copy);
}

/** The byline's author link, "by Wren Ashcombe". */
function authorOf(doc: Document): string | null {
  return textOrNull($(doc, 'a[href*="viewuser.php?uid="]'))?.replace(/^by\s+/i, '') || null;
}

/** The `entry__key` / `entry__value` pairs, keys in lower case. */
function entries(doc: Document): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const key of $$(doc, 'div.entry__key')) {
    const value = key.parentElement ? $(key.parentElement, 'div.entry__value') : null;
    if (value) pairs.set(cleanText(key).toLowerCase(), cleanText(value));
  }
  return pairs;
}

/** The chapter id an option or link names ("433441", "?chapterid=433441", "viewstory.php?chapterid=433441&i=1"). */
function chapterIdOf(href: string | null): string | null {
  const m = href?.trim().match(/^(\d+)$|chapterid=(\d+)/);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** The index's chapter table or the chapter page's menu, and the chapter page's own Previous / Next links. */
function nav(doc: Document, url: URL): ChapterNav {
  const here = url.searchParams.get('chapterid');
  const table = $$(doc, 'table.table-chapters a[href*="chapterid="]').map((a) => ({
    title: cleanText(a),
    url: absoluteUrl(`viewstory.php?chapterid=${chapterIdOf(a.getAttribute('href'))}`, url.href)!,
    current: false,
  }));
  const chapters = table.length
    ? table
    : menuChapters(
        $$(doc, 'select[name="chapterid"] option'),
        (v) => (chapterIdOf(v) ? absoluteUrl(`viewstory.php?chapterid=${chapterIdOf(v)}`, url.href) : null),
        (v) => chapterIdOf(v) === here,
      );
  const links = $$(doc, 'a[href*="chapterid="]');
  const prev = linkByText(links, /^(?:«\s*)?Prev(?:ious)?(?: Chapter)?$/i);
  const next = linkByText(links, /^Next(?: Chapter)?(?:\s*»)?$/i);
  return listNav(chapters, prev, next);
}
