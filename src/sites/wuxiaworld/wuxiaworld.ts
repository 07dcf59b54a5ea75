/**
 * Wuxiaworld (www.wuxiaworld.com): English translations of Chinese and Korean web novels. A novel's
 * page is /novel/SLUG (details and the chapter list), a chapter /novel/SLUG/CHAPTER-SLUG. The site
 * is a React app whose server-rendered HTML already holds both. Selectors follow WebToEpub's
 * WuxiaworldParser.js: the chapter text is the `div.fr-view` (not an announcement's `.panel-body`)
 * with the most paragraphs, cleaned of `button` and `#spoiler_teaser`; the chapter title
 * `div.caption h4`; the author the element after an "Author:" label in `div.flex-row` /
 * `div.text-gray-t3`; the chapter list the novel's links in `#full-width-tabpanel-1` that carry a
 * `div[role=status]`, newest first, where a status with content marks a locked chapter; the old
 * layout's list `li.chapter-item a`.
 *
 * Rating: Wuxiaworld rates nothing. Its pages carry no rating, age mark or mature flag, so every
 * work is `unknown`: the site is not adult-only, and an unrated work is not thereby general.
 */
import type { ChapterNav, PageInfo } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, docTitle, textOrNull } from '../../core/dom';
import { linkByText, linkUrl, listNav } from '../../reader/extract-dom';
import type { NavChapter } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';

const NOVEL_PATH = /^\/novel\/([\w-]+)\/?$/;
const CHAPTER_PATH = /^\/novel\/([\w-]+)\/([\w-]+)\/?$/;
/** Browse and search results. */
const LISTING_PATH = /^\/(?:novels|search)(?:\/|$)/;
const NOT_FOUND_TITLE = /not found|^404\b/i;
const TEXT = 'div.fr-view:not(.panel-body)';

export const wuxiaworldPages = definePages({
  id: 'wuxiaworld',
  name: 'Wuxiaworld',
  domains: ['wuxiaworld.com'],
  storyBody: [TEXT],
  read,
  extract(doc) {
    const text = chapterText(doc);
    return text ? { body: [text], notes: [], drop: ['button', '#spoiler_teaser'] } : null;
  },
});

export const wuxiaworld = defineSite(wuxiaworldPages, {
  nav,
});

/**
 * The text block: a page may hold other `fr-view` blocks (a novel's synopsis, an announcement),
 * and the chapter is the one with the most paragraphs, as WebToEpub picks it.
 */
function chapterText(doc: Document): Element | null {
  let best: Element | null = null;
  let most = -1;
  for (const el of $$(doc, TEXT)) {
    const n = el.querySelectorAll('p').length;
    if (n > most) [best, most] = [el, n];
  }
  return best;
}

/** The value after the "Author:" label of the novel's details. */
function authorOf(doc: Document): string | null {
  const label = $$(doc, 'div.flex-row > div, div.text-gray-t3 > div').find((d) => cleanText(d) === 'Author:');
  return textOrNull(label?.nextElementSibling);
}

/**
 * The chapter list, oldest first. The current layout lists the novel's chapters newest first, each
 * link with a status box that holds a lock or a wait mark when the chapter cannot be read yet: those
 * are left out, as WebToEpub does, since their pages hold no text to save.
 */
function chapterList(doc: Document, slug: string): NavChapter[] {
  const old = $$(doc, 'li.chapter-item a[href]');
  const area = $(doc, '#full-width-tabpanel-1') ?? doc.body;
  const links = old.length
    ? old
    : $$(area, `a[href^="/novel/${slug}/"]`)
        .filter((a) => {
          const status = $(a, 'div[role="status"]');
          return status !== null && status.innerHTML.trim() === '';
        })
        .reverse();
  const seen = new Set<string>();
  const chapters: NavChapter[] = [];
  for (const a of links) {
    const url = linkUrl(a);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    chapters.push({ title: cleanText($(a, '.font-set-sb16 span, .line-clamp-1 span') ?? a), url, current: false });
  }
  return chapters;
}

function nav(doc: Document, url: URL): ChapterNav {
  const novel = NOVEL_PATH.exec(url.pathname);
  if (novel) return listNav(chapterList(doc, novel[1]!));
  const links = $$(doc, 'a[href^="/novel/"]');
  return listNav([], linkByText(links, /^previous chapter$/i), linkByText(links, /^next chapter$/i));
}

function read(doc: Document, url: URL): PageInfo {
  const novel = NOVEL_PATH.exec(url.pathname);
  const chapter = CHAPTER_PATH.exec(url.pathname);
  if (novel || chapter) {
    if (NOT_FOUND_TITLE.test(docTitle(doc))) return emptyInfo('error');
    return novel ? readNovel(doc) : readChapter(doc, chapter![1]!);
  }
  if (LISTING_PATH.test(url.pathname)) return emptyInfo('listing');
  return emptyInfo('none');
}

function readNovel(doc: Document): PageInfo {
  const title = textOrNull($(doc, 'h1'));
  if (!title) return emptyInfo('error');
  const info = emptyInfo('index');
  info.title = title;
  info.author = authorOf(doc);
  info.summary = textOrNull(chapterText(doc));
  return info;
}

/**
 * A chapter page names its novel in the link back to the novel's page (not the "Table of Contents"
 * button, which leads there too) and the chapter in its caption; it gives no total, and no author
 * (that is on the novel's page).
 */
function readChapter(doc: Document, slug: string): PageInfo {
  if (!chapterText(doc)) return emptyInfo('error');
  const info = emptyInfo('chapter');
  const back = $$(doc, `a[href="/novel/${slug}"], a[href="/novel/${slug}/"]`).find((a) => !/^(?:table of contents)?$/i.test(cleanText(a)));
  info.title = textOrNull(back);
  info.author = authorOf(doc);
  const title = textOrNull($(doc, 'div.caption h4'));
  const number = /\bchapter\s+(\d+)\b/i.exec(title ?? '');
  info.chapter = number ? { index: Number(number[1]), count: null, title } : null;
  return info;
}
