/**
 * XenForo 2 forums with threadmarks (SpaceBattles, Sufficient Velocity, Questionable Questing,
 * Alternate History under /forum/, and other XenForo boards that run the threadmarks add-on). A story is a thread; its chapters are
 * threadmarked posts.
 *
 * - /threads/slug.N/threadmarks: the table of contents → index.
 * - /threads/slug.N/reader/ (page-K): reader mode, a run of consecutive threadmarked posts with
 *   no discussion in between → story. It is the work's text in reading order, several chapters at
 *   once, so no single chapter number describes it and `chapter` stays null; the reader page
 *   number is a pagination of the whole work, not a chapter index.
 * - A thread page showing a threadmarked post → chapter; one without any → none (discussion). The
 *   reader shows every threadmarked post on it and none of the replies (threadmarks.ts).
 *
 * None of these forums rates stories, so the rating is unknown.
 */
import type { Blurb, Extraction } from '../types';
import type { ChapterInfo, ChapterNav, PageInfo, PageKind } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, hostIs, texts, textOrNull } from '../../core/dom';
import { heading, linkUrl, noNav } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { POST_CHROME, postText, splitPosts, threadmarkRuns, threadmarkedPosts } from './threadmarks';

const HOSTS = ['forums.spacebattles.com', 'forums.sufficientvelocity.com', 'questionablequesting.com'];
/** Boards that live in a folder of their site (FanFicFare's getPathPrefix): only that folder is theirs. */
const FOLDER_BOARDS = [{ host: 'www.alternatehistory.com', path: '/forum/' }];
const THREAD = /\/threads\/(?:[^/]*\.)?(\d+)(\/.*)?$/;
const LISTING = /^(?:\/forum)?\/(?:forums|whats-new|search|tags|find-threads|threadmarks)(?:\/|$)/;

function onKnownBoard(url: URL): boolean {
  return hostIs(url, ...HOSTS) || FOLDER_BOARDS.some((b) => url.hostname === b.host && url.pathname.startsWith(b.path));
}
const THREADMARK_MARKUP = 'article.hasThreadmark, .structItem--threadmark, .threadmarkLabel';

function isXenForo2(doc: Document): boolean {
  const html = doc.documentElement;
  if (html.id === 'XF' || html.getAttribute('data-app') === 'public') return true;
  return /Forum software by XenForo/i.test(cleanText($(doc, '.p-footer-copyright, .copyright')));
}

function template(doc: Document): string {
  return doc.documentElement.getAttribute('data-template') ?? '';
}

/** Other boards only when the page is plainly XenForo and carries threadmarks. */
function isThreadmarkPage(doc: Document): boolean {
  return isXenForo2(doc) && ($(doc, THREADMARK_MARKUP) !== null || template(doc).startsWith('svThreadmarks'));
}

/** The post the URL points at: #post-M, /post-M or /posts/M. */
function targetPostId(url: URL): string | null {
  const m = `${url.pathname}${url.hash}`.match(/(?:#|\/)posts?[-/](\d+)/);
  return m?.[1] ?? null;
}

/** The threadmarked post a thread page is about: the one the URL targets, else the first on the page. */
function threadmarkedPost(doc: Document, url: URL): Element | null {
  const id = targetPostId(url);
  const target = id ? $(doc, `article.hasThreadmark[data-content="post-${id}"]`) : null;
  return target ?? $(doc, 'article.hasThreadmark');
}

function kindOf(doc: Document, url: URL, post: Element | null): PageKind {
  const t = template(doc);
  if (t === 'login' || (t === 'error' && $(doc, '.p-body form[action*="login"]'))) return 'gate';
  if (t === 'error') return 'error';
  const thread = url.pathname.match(THREAD);
  if (!thread) return LISTING.test(url.pathname) ? 'listing' : 'none';
  const rest = thread[2] ?? '/';
  if (/^\/threadmarks\b/.test(rest) || t.startsWith('svThreadmarks_threadmark_list')) return 'index';
  if (/^\/(?:\d+\/)?reader\b/.test(rest)) return $(doc, 'article.hasThreadmark') ? 'story' : 'none';
  return post ? 'chapter' : 'none';
}

/** The thread title: the breadcrumb link to the thread (threadmark list), else the h1 minus prefix labels. */
function threadTitle(doc: Document, url: URL): string | null {
  const id = url.pathname.match(THREAD)?.[1];
  const crumb = id
    ? $$(doc, '.p-breadcrumbs a[href*="/threads/"]').find((a) => THREAD.exec(a.getAttribute('href') ?? '')?.[1] === id)
    : undefined;
  if (crumb) return textOrNull(crumb);
  const h1 = $(doc, 'h1.p-title-value');
  if (!h1) return null;
  const copy = h1.cloneNode(true) as Element;
  for (const label of $$(copy, '.label, .label-append')) label.remove();
  return (
    textOrNull(copy)
      ?.replace(/\s+[-–]\s+Threadmarks$/i, '')
      .replace(/^Threadmarks for:?\s*/i, '') ?? null
  );
}

/** The thread starter, as the thread header names them; else the author of the first threadmark. */
function threadAuthor(doc: Document): string | null {
  const starter = $$(doc, '.p-description li').find((li) => /Thread starter/i.test(cleanText(li)));
  const name = starter ? textOrNull($(starter, '.username')) : null;
  if (name) return name;
  const first = $(doc, '.structItem--threadmark[data-content-author], article.hasThreadmark[data-author]');
  return first?.getAttribute('data-content-author') ?? first?.getAttribute('data-author') ?? null;
}

/** The threadmark list's "Statistics (81 threadmarks, 150k words)", as a number. */
function statedWords(doc: Document): number | null {
  for (const e of $$(doc, '.block-formSectionHeader')) {
    const m = cleanText(e).match(/([\d.,]+)\s*([km])?\s+words\b/i);
    if (!m?.[1]) continue;
    const scale = m[2] ? (m[2].toLowerCase() === 'k' ? 1e3 : 1e6) : 1;
    return Math.round(Number(m[1].replace(/,/g, '')) * scale);
  }
  return null;
}

/**
 * A threadmarked post in thread view. The page tells its position only when it is the first
 * threadmark (no "previous" control); the total comes from the "View all N threadmarks" menu.
 */
function postChapter(doc: Document, post: Element): ChapterInfo | null {
  const nav = $$(post, '.threadmark-control').map((a) => a.className);
  const hasNext = nav.some((c) => /--next\b/.test(c));
  const hasPrev = nav.some((c) => /--(?:previous|prev|first)\b/.test(c));
  if (!hasNext || hasPrev) return null;
  const all = $$(doc, 'a')
    .map((a) => cleanText(a).match(/^View all (\d+) threadmarks$/i))
    .find((m) => m);
  return { index: 1, count: all ? Number(all[1]) : null, title: textOrNull($(post, '.threadmarkLabel')) };
}

export const xenforoPages = definePages({
  id: 'xenforo',
  name: 'XenForo forum',
  hosts: [...HOSTS.map((h) => `*://${h}/*`), '*://*.questionablequesting.com/*', ...FOLDER_BOARDS.map((b) => `*://${b.host}${b.path}*`)],
  family: true,
  claims: (doc, url) => onKnownBoard(url) || isThreadmarkPage(doc),
  read(doc, url) {
    const post = threadmarkedPost(doc, url);
    const info: PageInfo = emptyInfo(kindOf(doc, url, post));
    if (!url.pathname.match(THREAD) || info.kind === 'gate' || info.kind === 'error') return info;
    info.title = threadTitle(doc, url);
    info.author = threadAuthor(doc);
    info.tags = texts(doc, '.tagList .tagItem');
    if (info.kind === 'index') info.words = statedWords(doc);
    if (info.kind === 'chapter' && post) info.chapter = postChapter(doc, post);
    // A thread with a single threadmark is a one-shot: that post is the whole work.
    if (info.chapter?.count === 1) {
      info.kind = 'story';
      info.chapter = null;
    }
    return info;
  },
  extract,
  storyBody: ['.message-body', '.message-userContent'],
  blurbs: { selector: 'div.structItem--thread', read: readBlurb },
});

export const xenforo = defineSite(xenforoPages, {
  nav,
  splitChapters: splitPosts,
  workRuns: threadmarkRuns,
});

/**
 * A thread on a forum's list, a search result or "What's new": its title link (after any prefix
 * label), its starter, and the threadmark count where the board shows one ("Threadmarks: 81").
 */
function readBlurb(item: Element, url: URL): Blurb | null {
  const link = $$(item, '.structItem-title a[href]').find((a) => THREAD.test(new URL(a.getAttribute('href') ?? '', url).pathname));
  const target = link ? linkUrl(link) : null;
  if (!link || !target) return null;
  const info = emptyInfo('index');
  info.title = textOrNull(link);
  info.author = item.getAttribute('data-author') ?? textOrNull($(item, '.structItem-parts .username'));
  const count = $$(item, '.structItem-parts li')
    .map((li) => cleanText(li).match(/^Threadmarks?\s*:\s*([\d,]+)$/i)?.[1])
    .find(Boolean);
  return { url: target, info, posted: count ? Number(count.replace(/,/g, '')) : null };
}

// ---- reader: threadmarked posts and their navigation ----

function isReaderPage(url: URL): boolean {
  return /^\/(?:\d+\/)?reader\b/.test(url.pathname.match(THREAD)?.[2] ?? '');
}

/**
 * Reader mode and thread pages alike: every threadmarked post on the page, in order, each under its
 * threadmark label; the replies between them are left out. The text is the post's bbWrapper,
 * without quote-selection and lightbox furniture.
 */
function extract(doc: Document): Extraction | null {
  const body: Node[] = [];
  for (const post of threadmarkedPosts(doc)) {
    const text = postText(post);
    if (!text) continue;
    const label = textOrNull($(post, '.threadmarkLabel'));
    if (label) body.push(heading(doc, label));
    body.push(text);
  }
  return body.length ? { body, notes: [], drop: POST_CHROME } : null;
}

/**
 * Reader pages: the page navigation (each reader page is the next run of threadmarks). A thread
 * page: the threadmark before its first threadmarked post and the one after its last.
 */
function nav(doc: Document, url: URL): ChapterNav {
  if (isReaderPage(url)) {
    return { prev: linkUrl($(doc, '.pageNav-jump--prev')), next: linkUrl($(doc, '.pageNav-jump--next')), chapters: [], unit: 'page' };
  }
  const posts = threadmarkedPosts(doc);
  if (!posts.length) return noNav();
  // A post of another category (an omake) may have no neighbours: the nearest one that has decides.
  const prevs = posts.map((p) => linkUrl($(p, '.threadmark-control--previous, .threadmark-control--prev')));
  const nexts = posts.map((p) => linkUrl($(p, '.threadmark-control--next')));
  return { prev: prevs.find((u) => u !== null) ?? null, next: nexts.reverse().find((u) => u !== null) ?? null, chapters: [] };
}
