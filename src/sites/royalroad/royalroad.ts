/**
 * Royal Road (www.royalroad.com): web serials. /fiction/N/slug is the fiction page (header,
 * labels, genre tags, content warnings, table#chapters); /fiction/N/slug/chapter/M/slug is one
 * chapter (div.chapter-inner.chapter-content). Royal Road has no age rating, only content
 * warnings, so the rating stays unknown.
 */
import type { Blurb, Extraction } from '../types';
import type { ChapterInfo, ChapterNav, PageInfo } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, hostIs, parseCount, texts, textOrNull } from '../../core/dom';
import {
  absoluteUrl,
  childNodesWithout,
  linkByText,
  linkUrl,
  listNav,
  noNav,
  precedes,
  styleHiddenClasses,
} from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';

const FICTION = /^\/fiction\/(\d+)(?:\/[^/]*)?\/?$/;
const CHAPTER = /^\/fiction\/(?:\d+\/[^/]+\/)?chapter\/(\d+)(?:\/|$)/;
const LISTING = /^\/(?:fictions\/|profile\/\d+\/(?:fictions|favorites)|user\/memberlist|tags?\/)/;

const WORD_NUMBERS = [
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];

interface ScriptChapter {
  id: number;
  title?: string;
  order?: number;
  url?: string;
}

/** The `window.chapters = [...]` list Royal Road embeds for its chapter table, when the page has it. */
function scriptChapters(doc: Document): ScriptChapter[] | null {
  for (const s of $$(doc, 'script')) {
    const m = (s.textContent ?? '').match(/window\.chapters\s*=\s*(\[[\s\S]*?\])\s*;/);
    if (!m?.[1]) continue;
    try {
      const list = JSON.parse(m[1]) as ScriptChapter[];
      if (Array.isArray(list)) return [...list].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
    } catch {
      return null;
    }
  }
  return null;
}

/** "Chapter 12", "Ch. 12: …", "Chapter Two", "12. …": the number a chapter title starts with. */
function numberInTitle(title: string): number | null {
  const m = title.match(/^(?:chapter|ch\.?)\s*(\d+|[a-z]+)\b/i) ?? title.match(/^(\d+)\s*[.:)\-–]/);
  const n = m?.[1];
  if (!n) return null;
  if (/^\d+$/.test(n)) return Number(n) || null;
  const w = WORD_NUMBERS.indexOf(n.toLowerCase());
  return w >= 0 ? w + 1 : null;
}

/** Does the page link a previous/next chapter: true (a link), false (a disabled button), null (no sign). */
interface Nav {
  prev: boolean | null;
  next: boolean | null;
}

function navState(doc: Document, dir: 'prev' | 'next'): boolean | null {
  if ($(doc, `link[rel="${dir}"]`)) return true;
  const word = dir === 'prev' ? /^Previous\s*Chapter/i : /^Next\s*Chapter/i;
  const controls = $$(doc, '.chapter a, .chapter button, .nav-buttons a, .nav-buttons button').filter((e) => word.test(cleanText(e)));
  if (controls.some((e) => e.tagName === 'A' && e.hasAttribute('href'))) return true;
  if (controls.some((e) => e.hasAttribute('disabled'))) return false;
  return null;
}

/**
 * The chapter's place in the fiction: from the embedded chapter list when present, else from the
 * navigation (no previous chapter = the first; no next = the last) and a number in the title.
 * null when the page gives no way to tell.
 */
function readChapter(doc: Document, id: string, title: string | null, nav: Nav): ChapterInfo | null {
  const list = scriptChapters(doc);
  const pos = list ? list.findIndex((c) => String(c.id) === id) : -1;
  const entry = list?.[pos];
  if (list && entry) return { index: pos + 1, count: list.length, title: title ?? entry.title ?? null };

  const index = nav.prev === false ? 1 : title ? numberInTitle(title) : null;
  if (index === null) return null;
  return { index, count: nav.next === false ? index : null, title };
}

/** The "Warning: This fiction contains:" list on the fiction page. */
function contentWarnings(doc: Document): string[] {
  const box = $$(doc, '.fiction-info div, .fiction-info p').find(
    (e) => /^Warning\b/i.test(cleanText(e)) && /This fiction contains/i.test(cleanText(e)) && $(e, 'li'),
  );
  return box ? texts(box, 'li') : [];
}

/** The word count behind the "Pages" statistic: "… calculated from 552,530 words." */
function statedWords(doc: Document): number | null {
  for (const e of $$(doc, '.fiction-stats [data-content]')) {
    const m = (e.getAttribute('data-content') ?? '').match(/from\s+([\d,.\s]+)\s+words/i);
    if (m) return parseCount(m[1]);
  }
  return null;
}

function readFiction(doc: Document): PageInfo {
  const header = $(doc, '.fic-header');
  const title = textOrNull($(doc, '.fic-header h1, .fic-title h1'));
  if (!header || !title) return emptyInfo('none');
  const info = emptyInfo('index');
  info.title = title;
  info.author = textOrNull($(header, 'h4 a[href*="/profile/"], a[href*="/profile/"]'));
  info.summary = textOrNull($(doc, '.fiction-info .description'));
  info.tags = texts(doc, '.fiction-info .tags .label, .fiction-info .tags a.fiction-tag');
  info.warnings = contentWarnings(doc);
  info.words = statedWords(doc);
  return info;
}

function readChapterPage(doc: Document, id: string): PageInfo {
  const header = $(doc, '.fic-header');
  if (!header || !$(doc, '.chapter-content')) return emptyInfo('none');
  const info = emptyInfo('chapter');
  // The chapter header links the fiction title (h2) and the author; the h1 is the chapter's title.
  info.title = textOrNull($(header, 'a[href^="/fiction/"] h2, h2'));
  info.author = textOrNull($(header, 'a[href*="/profile/"]'));
  const nav: Nav = { prev: navState(doc, 'prev'), next: navState(doc, 'next') };
  const chapter = readChapter(doc, id, textOrNull($(header, 'h1')), nav);
  // The only chapter of a fiction is the whole work.
  if (chapter?.count === 1 || (nav.prev === false && nav.next === false)) info.kind = 'story';
  else info.chapter = chapter;
  return info;
}

export const royalroadPages = definePages({
  id: 'royalroad',
  name: 'Royal Road',
  hosts: ['*://royalroad.com/*', '*://www.royalroad.com/*'],
  // Only the reading site: status., feedback. and the CDN are other apps.
  claims: (_doc, url) => url.hostname === 'royalroad.com' || hostIs(url, 'www.royalroad.com'),
  read(doc, url) {
    const chapter = url.pathname.match(CHAPTER);
    if (chapter?.[1]) return readChapterPage(doc, chapter[1]);
    if (FICTION.test(url.pathname)) return readFiction(doc);
    return emptyInfo(LISTING.test(url.pathname) ? 'listing' : 'none');
  },
  extract,
  storyBody: ['.chapter-content'],
  blurbs: { selector: 'div.fiction-list-item', read: readBlurb },
});

export const royalroad = defineSite(royalroadPages, {
  nav,
});

/**
 * A fiction on a listing (best rated, search, a profile's fictions or favourites): its title link
 * to /fiction/N/slug, its genre and warning labels, and "109 Chapters" among its stats.
 */
function readBlurb(item: Element): Blurb | null {
  const link = $(item, 'h2.fiction-title a[href]');
  const url = link ? linkUrl(link) : null;
  if (!link || !url || !FICTION.test(new URL(url).pathname)) return null;
  const info = emptyInfo('index');
  info.title = textOrNull(link);
  info.tags = texts(item, '.tags a.label, .tags span.label, a.fiction-tag').filter((t) => !STATUS_LABEL.test(t));
  const chapters = $$(item, '.stats div, .stats span').find((el) => CHAPTER_COUNT.test(cleanText(el)));
  return { url, info, posted: chapters ? parseCount(cleanText(chapters).match(CHAPTER_COUNT)?.[1]) : null };
}

/** A fiction's state among its labels ("ONGOING", "COMPLETED"): not a tag. */
const STATUS_LABEL = /^(?:ongoing|completed|hiatus|stub|dropped|inactive)$/i;
const CHAPTER_COUNT = /^([\d,]+)\s+Chapters?$/i;

// ---- reader: story text, author's notes and chapter navigation ----

/**
 * div.chapter-content, without the sentences the page hides from readers: Royal Road plants
 * "stolen from Royal Road" lines in the text under random class names and hides them with its
 * own <style> rules (`.cjMzMjk1 { display: none; speak: never; }`). The author's notes above and
 * below become notes; a top note left unclosed (it then holds the text) gives only its own nodes.
 */
function extract(doc: Document): Extraction | null {
  const content = $(doc, '.chapter-inner.chapter-content') ?? $(doc, '.chapter-content');
  if (!content) return null;
  const notes = $$(doc, '.author-note-portlet').flatMap((portlet) => {
    const body = $(portlet, '.author-note') ?? $(portlet, '.portlet-body');
    if (!body) return [];
    const label = textOrNull($(portlet, '.portlet-title .caption')) ?? "Author's note";
    const position = precedes(portlet, content) ? ('before' as const) : ('after' as const);
    return [{ label, nodes: childNodesWithout(body, content), position }];
  });
  return { body: [content], notes, drop: styleHiddenClasses(doc).map((c) => '.' + c) };
}

/**
 * The Previous / Next Chapter buttons (disabled at either end), and the embedded chapter list when
 * present. The fiction page lists every chapter in table#chapters: the library plans from it.
 */
function nav(doc: Document, url: URL): ChapterNav {
  if (FICTION.test(url.pathname)) {
    const chapters = $$(doc, 'table#chapters tbody tr td:first-child a[href]').flatMap((a) => {
      const target = linkUrl(a);
      return target ? [{ title: cleanText(a), url: target, current: false }] : [];
    });
    return listNav(chapters);
  }
  const here = url.pathname.match(CHAPTER)?.[1];
  const fiction = url.pathname.match(/^\/fiction\/(\d+)/)?.[1];
  if (!here || !fiction) return noNav();
  const chapters = (scriptChapters(doc) ?? []).flatMap((c) => {
    const target = absoluteUrl(c.url ?? `/fiction/${fiction}/chapter/${c.id}`, url.href);
    return target ? [{ title: c.title ?? '', url: target, current: String(c.id) === here }] : [];
  });
  const buttons = $$(doc, '.nav-buttons a, .chapter a.btn');
  return listNav(
    chapters,
    linkByText(buttons, /^Previous\s*Chapter/i) ?? linkUrl($(doc, 'link[rel="prev"]')),
    linkByText(buttons, /^Next\s*Chapter/i) ?? linkUrl($(doc, 'link[rel="next"]')),
  );
}
