/**
 * The reader's story extraction. The site adapter points at the story on the page; this copies
 * those nodes into an inert document (nothing there loads or runs, and the live page is never
 * touched), removes the chrome the adapter names, resolves links and images against the page,
 * sanitises, and measures the text. Readability on a copy of the document stands in where the
 * adapter has nothing: unknown sites, and known sites whose markup changed.
 */
import { Readability } from '@mozilla/readability';
import type { ChapterNav, ReaderNote, StoryContent } from '../core/model';
import type { Extraction, SiteAdapter } from '../sites/types';
import { ENDING } from '../sites/generic/generic';
import { sanitizeToFragment } from './sanitize';
import { countWords, squash, textLines } from '../core/dom';
import { absoluteUrl, documentBase } from './extract-dom';

export interface Story {
  content: StoryContent;
  notes: ReaderNote[];
  nav: ChapterNav;
  /** Who found the body: the site adapter, or Readability as the fallback. */
  by: 'site' | 'readability';
}

/** Never story text, whatever the adapter points at. */
const ALWAYS_DROP = 'script, style, noscript, template, [hidden]';
/** Readability's output runs on to the site's links after a closing "The End"; looked for this near the end. */
const ENDING_WINDOW = 4;

/**
 * The story on a page, its notes and chapter navigation; null when neither the adapter nor
 * Readability finds anything to read. `title` (the work's, from the page report) lets the fallback drop a
 * repeated title line.
 */
export function extractStory(doc: Document, url: URL, adapter: SiteAdapter, title: string | null): Story | null {
  // A fetched document (DOMParser) has no window of its own: the sanitiser is built on the
  // current one, where nothing of that document runs.
  const win = (doc.defaultView ?? globalThis.window) as (Window & typeof globalThis) | undefined;
  if (!win) throw new Error('extractStory needs a window to build the sanitiser on');
  const inert = doc.implementation.createHTMLDocument('');
  const found = adapter.extract(doc, url);
  const base = documentBase(doc);
  const box = found ? copyOut(found.body, found, inert, base) : readability(doc, inert, title);
  const content = box ? finish(box, win, inert) : null;
  // A story of pictures (a comic, fan art) has no words but is still something to read.
  if (!content || (!content.text && !/<img\b/.test(content.html))) return null;
  const notes = (found?.notes ?? []).flatMap((n): ReaderNote[] => {
    const c = finish(copyOut(n.nodes, found!, inert, base), win, inert);
    return c.text ? [{ label: n.label, html: c.html, position: n.position }] : [];
  });
  return { content, notes, nav: adapter.nav(doc, url), by: found ? 'site' : 'readability' };
}

/** Copies of the page's nodes in a box of the inert document, chrome removed, URLs absolute. */
function copyOut(nodes: Node[], rules: Extraction, inert: Document, base: string): Element {
  const box = inert.createElement('div');
  for (const n of nodes) box.append(inert.importNode(n, true));
  const drop = [ALWAYS_DROP, ...(rules.drop ?? [])].join(', ');
  for (const e of Array.from(box.querySelectorAll(drop))) e.remove();
  for (const e of Array.from(box.querySelectorAll('[style]'))) if (styleHidden(e)) e.remove();
  if (rules.unwrap?.length)
    for (const e of Array.from(box.querySelectorAll(rules.unwrap.join(', ')))) e.replaceWith(...Array.from(e.childNodes));
  resolveUrls(box, base);
  trimEdges(box);
  return box;
}

function styleHidden(e: Element): boolean {
  return /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i.test(e.getAttribute('style') ?? '');
}

/** Links and images made absolute against the page, as the sanitiser keeps absolute URLs only. */
function resolveUrls(box: Element, base: string): void {
  for (const [attr, keep] of [
    ['href', /^\s*mailto:/i],
    ['src', /^\s*data:/i],
  ] as const) {
    for (const e of Array.from(box.querySelectorAll(`[${attr}]`))) {
      const v = e.getAttribute(attr) ?? '';
      if (keep.test(v)) continue;
      const abs = absoluteUrl(v, base);
      if (abs) e.setAttribute(attr, abs);
      else e.removeAttribute(attr);
    }
  }
}

/** Nothing visible at either end: blank text, line breaks, rules and empty blocks at the edges. */
function trimEdges(box: Element): void {
  const blank = (n: Node | null): n is ChildNode =>
    n !== null &&
    (n.nodeType === 3 || n.nodeType === 8
      ? squash(n.textContent ?? '') === ''
      : n.nodeType === 1 && squash(n.textContent ?? '') === '' && !(n as Element).querySelector('img') && n.nodeName !== 'IMG');
  while (blank(box.firstChild)) box.firstChild.remove();
  while (blank(box.lastChild)) box.lastChild.remove();
}

/** Sanitised HTML and its text. */
function finish(box: Element, win: Window & typeof globalThis, inert: Document): StoryContent {
  const holder = inert.createElement('div');
  holder.append(sanitizeToFragment(box.innerHTML, win));
  const text = textLines(holder).join('\n');
  return { html: holder.innerHTML, text, words: countWords(text) };
}

// ---- the fallback ----

function readability(doc: Document, inert: Document, title: string | null): Element | null {
  const copy = doc.cloneNode(true) as Document;
  // Readability resolves against the copy's baseURI: only a <base> in the head may set it (see documentBase).
  for (const b of Array.from(copy.querySelectorAll('base'))) if (b.parentElement !== copy.head) b.remove();
  const article = new Readability(copy).parse();
  if (!article?.content) return null;
  const box = inert.createElement('div');
  box.innerHTML = article.content;
  tidyEdges(box, title);
  return box;
}

/**
 * Readability keeps what sits next to the story in the same container: on hand-built pages the
 * title above it and the "Back to the Fic | Guestbook" links after a closing "~ fin ~". Trimmed
 * here: a leading repeat of the title, empty blocks (banners) and link rows at either end, and
 * anything after a closing mark near the end.
 */
function tidyEdges(box: Element, title: string | null): void {
  const blocks = blockList(box);
  const t = title?.toLowerCase() ?? null;
  while (blocks[0] && (linkRow(blocks[0]) || squash(blocks[0].textContent ?? '').toLowerCase() === t)) blocks.shift()!.remove();
  const trimTail = () => {
    while (blocks.length && linkRow(blocks[blocks.length - 1]!)) blocks.pop()!.remove();
  };
  trimTail();
  const from = Math.max(0, blocks.length - ENDING_WINDOW);
  const end = blocks.findLastIndex((b, i) => i >= from && ENDING.test(squash(b.textContent ?? '')));
  if (end >= 0) for (const b of blocks.splice(end + 1)) b.remove();
  trimTail();
}

/** The story's blocks: the children of the innermost wrapper that holds more than one. */
function blockList(box: Element): ChildNode[] {
  let el = box;
  while (el.children.length === 1 && !Array.from(el.childNodes).some((n) => n.nodeType === 3 && squash(n.textContent ?? ''))) {
    el = el.children[0]!;
  }
  return Array.from(el.childNodes).filter((n) => n.nodeType === 1 || (n.nodeType === 3 && squash(n.textContent ?? '') !== ''));
}

/** An empty block or one that is mostly links: page furniture, not story. */
function linkRow(n: ChildNode): boolean {
  if (n.nodeType !== 1) return false;
  const el = n as Element;
  const words = countWords(el.textContent ?? '');
  if (words === 0) return true;
  const linked = Array.from(el.querySelectorAll('a[href]')).reduce((sum, a) => sum + countWords(a.textContent ?? ''), 0);
  return linked * 2 >= words;
}
