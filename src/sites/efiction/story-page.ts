/** eFiction's story pages (chapter, index, printable view, gate) and story blocks, read into the model. */
import type { Blurb } from '../types';
import type { ChapterInfo, PageInfo } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, docTitle, parseCount, textOrNull, texts } from '../../core/dom';
import { absoluteUrl, documentBase } from '../../reader/extract-dom';
import { menuChapter } from '../kit/chapter-menu';
import { authorAfter, withoutByline } from '../kit/byline';
import { infoBox, labelText, orNull, pageSid, readLabels, sidOf } from './labels';
import { phpScript } from '../kit/php-archive';
import { filmScale, ratingOn } from '../kit/rating-scale';

/** The chapter jump menu of a chapter page. */
export const JUMP_MENU = 'div.jumpmenu select[name="chapter"], form[name="jump"] select[name="chapter"]';

// ---- title line ----

/**
 * The page's <title> without the site name some skins put first: Whofic's chapter pages have no
 * title line, only "A Teaspoon and an Open Mind :: Title by Author".
 */
function titleAfterSite(doc: Document): { line: string; sited: boolean } {
  const parts = docTitle(doc).split(' :: ');
  return { line: parts[parts.length - 1]!.trim(), sited: parts.length > 1 };
}

export function storyTitle(doc: Document): string | null {
  const line = $(doc, '#pagetitle');
  const linked = textOrNull($(doc, '#pagetitle a[href*="viewstory.php"]'));
  if (linked ?? line) return linked ?? (line && !$(line, 'a') ? textOrNull(line) : null);
  const { line: title, sited } = titleAfterSite(doc);
  const by = title.lastIndexOf(' by ');
  return sited && by > 0 ? orNull(title.slice(0, by)) : null;
}

/** Author links in the title line; else the "Title by Author" <title> eFiction writes on story pages. */
export function storyAuthor(doc: Document, title: string | null): string | null {
  const names = texts(doc, '#pagetitle a[href*="viewuser.php"]');
  if (names.length) return names.join(', ');
  return orNull(authorAfter(titleAfterSite(doc).line, title) ?? '');
}

// ---- page kinds ----

/** Age consent, members-only and warning click-through walls all come as div.errortext with a way on. */
export function isGate(err: Element): boolean {
  const text = cleanText(err);
  if (/Age Consent Required|Registered Users Only/i.test(text)) return true;
  return $$(err, 'a').some((a) => /[?&](ageconsent|warning)=/.test(a.getAttribute('href') ?? ''));
}

/** The chapter the jump menu shows, when the story has more than one. */
function jumpMenuChapter(doc: Document, url: URL): ChapterInfo | null {
  const select = $(doc, JUMP_MENU);
  const wanted = url.searchParams.get('chapter');
  return menuChapter(select ? $$(select, 'option') : [], { current: (v) => v === wanted, orFirst: true, indexFrom: 'value' });
}

/**
 * The printable view: chapter=all is the whole story; chapter=N of a longer story is one chapter,
 * titled in div.chaptertitle as "Title by Author".
 */
function printableChapter(doc: Document, url: URL, box: Element | null, author: string | null): ChapterInfo | null {
  const wanted = url.searchParams.get('chapter');
  const count = box ? parseCount(labelText(box, /^Chapters\s*:?$/i)) : null;
  if (!wanted || !/^\d+$/.test(wanted) || count === null || count < 2 || $$(doc, 'div.chapter').length !== 1) return null;
  return { index: Number(wanted), count, title: orNull(withoutByline(cleanText($(doc, 'div.chaptertitle')), author)) };
}

export function isPrintable(doc: Document, url: URL): boolean {
  return url.searchParams.get('action') === 'printable' || (!!$(doc, 'div.infobox') && !!$(doc, 'div.chapter') && !$(doc, '#story'));
}

export function readStoryPage(doc: Document, url: URL): PageInfo {
  const err = $(doc, 'div.errortext, div.errormsg');
  if (err && !$(doc, '#story')) {
    if (!isGate(err)) return emptyInfo('error');
    const gate = emptyInfo('gate');
    gate.title = storyTitle(doc);
    gate.author = storyAuthor(doc, gate.title);
    return gate;
  }
  const info = emptyInfo();
  info.title = storyTitle(doc);
  info.author = storyAuthor(doc, info.title);
  const box = infoBox(doc, pageSid(doc, url));
  if (box) readLabels(box, info);
  // Sunnydale After Dark puts the rating in the title line, "Title by Author [NC-17]", on every story page;
  // other brackets there (a status, a count) are not ratings.
  const bracketed = cleanText($(doc, '#pagetitle')).match(/\[([^\]]+)\]\s*$/)?.[1];
  const titled = ratingOn(filmScale, bracketed);
  if (info.rating.label === null && titled.level !== 'unknown') info.rating = titled;
  if (isPrintable(doc, url)) {
    info.chapter = printableChapter(doc, url, box, info.author);
    info.kind = info.chapter ? 'chapter' : 'story';
  } else if ($(doc, '#story')) {
    info.chapter = jumpMenuChapter(doc, url);
    info.kind = info.chapter ? 'chapter' : 'story';
  } else {
    // The story index (&index=1, or the default view on archives set to show it): info, no text.
    info.kind = box || url.searchParams.has('index') ? 'index' : 'none';
  }
  return info;
}

/** Browse, search and top-ten pages, and any page of story blocks linking to stories. */
export function isListing(doc: Document, url: URL): boolean {
  if (['browse.php', 'search.php', 'toplists.php'].includes(phpScript(url))) return true;
  return $$(doc, 'div.listbox').some((b) => !!$(b, 'a[href*="viewstory.php"]'));
}

/**
 * A story block on browse, search and author pages: the title line (the story link, "by" the
 * author links, "Rated:") and the label pairs below it. Adult stories link through a
 * `javascript:if(confirm(…)) location = 'viewstory.php?sid=N&ageconsent=ok'` age check; the
 * story's own address is rebuilt from its sid. Series blocks link no story and are left out.
 */
export function readBlurb(box: Element): Blurb | null {
  const link = $(box, 'a[href*="viewstory.php"]');
  const sid = sidOf(link?.getAttribute('href'));
  if (!link || !sid) return null;
  const info = emptyInfo('index');
  info.title = textOrNull(link);
  info.author = orNull(texts(box, 'a[href*="viewuser.php"]').join(', '));
  readLabels(box, info);
  // "Chapters: 7 Table of Contents": the count the listing's marks compare with the reader's place.
  const posted = parseCount(labelText(box, /^Chapters\s*:?$/i));
  return { url: absoluteUrl(`viewstory.php?sid=${sid}`, documentBase(box.ownerDocument)), info, posted };
}
