/**
 * A thread's threadmarks as a work's chapters: the threadmarked posts a page holds, one chapter
 * each, and the threadmark categories (the story, side stories, apocrypha, informational posts…)
 * as runs of reader-mode pages that saving walks. Replies are never chapters.
 *
 * Category markup follows FanFicFare's base_xenforo2forum_adapter.py: thread and reader pages carry
 * one menu button per category (`a.menuTrigger`, `data-categoryId`, the name as its title), the
 * threadmark list its category tabs (`#threadmark-category-N`). A category's reader pages start at
 * `reader/page-1?threadmark_category=N` (FanFicFare make_reader_url); the story's are `reader/`.
 */
import type { Extraction, RunKind, SplitChapter, WorkRun } from '../types';
import { $, $$, cleanText, textOrNull } from '../../core/dom';

/** Reader-mode furniture inside a post's text. */
export const POST_CHROME = ['.js-selectToQuoteEnd', '.message-lastEdit', '.bbCodeBlock-expandLink', '.js-unfurl'];

/** The thread's own address, with its trailing slash: https://host[/forum]/threads/slug.N/ */
export function threadBase(url: URL): string | null {
  const m = url.pathname.match(/^(.*\/threads\/(?:[^/]*\.)?\d+)(?:\/|$)/);
  return m ? `${url.origin}${m[1]}/` : null;
}

/** The post's text: its bbWrapper, else the message body (older skins). */
export function postText(post: Element): Element | null {
  return $(post, '.message-body .bbWrapper') ?? $(post, 'article.message-body') ?? $(post, '.message-userContent');
}

/** Every threadmarked post the page holds, in page order. */
export function threadmarkedPosts(doc: Document): Element[] {
  return $$(doc, 'article.hasThreadmark');
}

/** The post's permalink, the form threadmark lists link to; null for a post without an id. */
function postUrl(post: Element, base: string): string | null {
  const id = post.getAttribute('data-content')?.match(/^post-(\d+)$/)?.[1];
  return id ? `${base}post-${id}` : null;
}

/**
 * Each threadmarked post as a chapter under its threadmark label, addressed by its permalink so
 * that a post read on a thread page and on a reader page is one chapter. Forums number no
 * chapters: the order is the run's. Null on a page without any, and on a thread page with one:
 * that post is the page's chapter as the reader shows it (xenforo.ts extract), numbered when the
 * page tells its place.
 */
export function splitPosts(doc: Document, url: URL): SplitChapter[] | null {
  const base = threadBase(url);
  if (!base) return null;
  const reader = /\/(?:\d+\/)?reader\b/.test(url.pathname.slice(new URL(base).pathname.length - 1));
  const chapters: SplitChapter[] = [];
  for (const post of threadmarkedPosts(doc)) {
    const text = postText(post);
    if (!text) continue;
    const extraction: Extraction = { body: [text], notes: [], drop: POST_CHROME };
    chapters.push({ number: null, title: textOrNull($(post, '.threadmarkLabel')), url: postUrl(post, base), extraction });
  }
  return chapters.length > (reader ? 0 : 1) ? chapters : null;
}

const KIND_NAMES: readonly (readonly [RegExp, RunKind])[] = [
  [/^threadmarks?$/i, 'story'],
  [/^side\s*-?\s*stor(?:y|ies)$/i, 'sidestory'],
  [/^(?:apocrypha|omake)$/i, 'apocrypha'],
  [/^informational$/i, 'informational'],
  [/^media$/i, 'media'],
];

/** A category by its id and name: category 1 is always the story's own threadmarks. */
function runKind(id: string, name: string): RunKind {
  if (id === '1') return 'story';
  return KIND_NAMES.find(([re]) => re.test(name))?.[1] ?? 'other';
}

/** A category's id from its button or tab: data-categoryId, the link's threadmark_category, the tab's id; else 1. */
function categoryId(a: Element): string {
  return (
    a.getAttribute('data-categoryId') ??
    a.getAttribute('href')?.match(/[?&]threadmark_category=(\d+)/)?.[1] ??
    a.id.match(/^threadmark-category-(\d+)$/)?.[1] ??
    '1'
  );
}

function readerStart(base: string, id: string): string {
  return id === '1' ? `${base}reader/` : `${base}reader/page-1?threadmark_category=${id}`;
}

/**
 * The thread's threadmark categories, in the forum's order, each as the first reader page of its
 * threadmarks. A page that shows threadmarks but no category menu has the story's alone. Null on
 * a page of no thread, or one without threadmarks.
 */
export function threadmarkRuns(doc: Document, url: URL): WorkRun[] | null {
  const base = threadBase(url);
  if (!base) return null;
  const runs = new Map<string, WorkRun>();
  for (const a of $$(doc, 'a.menuTrigger[href*="threadmarks"], .block-tabHeader--threadmarkCategoryTabs a.tabs-tab')) {
    const id = categoryId(a);
    const name = a.getAttribute('title') ?? cleanText(a);
    if (!runs.has(id)) runs.set(id, { kind: runKind(id, name), name, url: readerStart(base, id) });
  }
  if (runs.size) return [...runs.values()];
  const marked = threadmarkedPosts(doc).length > 0 || $(doc, '.structItem--threadmark') !== null;
  return marked ? [{ kind: 'story', name: 'Threadmarks', url: readerStart(base, '1') }] : null;
}
