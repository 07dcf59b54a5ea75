/**
 * Small helpers the site adapters use to point at a story and read its chapter navigation. No
 * libraries here: the adapters are part of the always-on detection bundle.
 */
import type { ChapterNav } from '../core/model';
import { $, $$, cleanText } from '../core/dom';

export type NavChapter = ChapterNav['chapters'][number];

export function noNav(): ChapterNav {
  return { prev: null, next: null, chapters: [] };
}

/** An absolute http(s) URL for an href, against the page's base; null for empty, script and unparsable ones. */
export function absoluteUrl(href: string | null | undefined, base: string): string | null {
  const h = href?.trim();
  if (!h) return null;
  try {
    const u = new URL(h, base);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * The address a page's relative links resolve against: a <base> in its head, else its own address.
 * Unlike `document.baseURI`, a <base> inside the body (in a story's text, say) is ignored: a hostile
 * story could otherwise point its relative images and links at another host.
 */
export function documentBase(doc: Document): string {
  const base = doc.head?.querySelector('base[href]');
  return (base && absoluteUrl(base.getAttribute('href'), doc.URL)) || doc.URL;
}

/** The absolute target of a link element, or null when there is no usable link. */
export function linkUrl(a: Element | null | undefined): string | null {
  return a ? absoluteUrl(a.getAttribute('href'), documentBase(a.ownerDocument)) : null;
}

/** The first link whose text matches, among the candidates. */
export function linkByText(links: Element[], text: RegExp): string | null {
  for (const a of links) {
    const target = text.test(cleanText(a)) ? linkUrl(a) : null;
    if (target) return target;
  }
  return null;
}

/**
 * A chapter list as navigation. Where the page has no previous/next links of its own, the
 * neighbours of the current entry stand in.
 */
export function listNav(chapters: NavChapter[], prev: string | null = null, next: string | null = null): ChapterNav {
  const i = chapters.findIndex((c) => c.current);
  return {
    prev: prev ?? (i > 0 ? chapters[i - 1]!.url : null),
    next: next ?? (i >= 0 && i + 1 < chapters.length ? chapters[i + 1]!.url : null),
    chapters,
  };
}

/**
 * A jump menu's options as chapters: `url(value)` builds each chapter's address from its option
 * value; the current one is the selected option, else the one `isCurrent` recognises.
 */
export function menuChapters(
  options: Element[],
  url: (value: string) => string | null,
  isCurrent: (value: string) => boolean = () => false,
): NavChapter[] {
  const selected = options.findIndex((o) => o.hasAttribute('selected'));
  const chapters: NavChapter[] = [];
  options.forEach((o, i) => {
    const value = o.getAttribute('value') ?? '';
    const target = url(value);
    if (target) chapters.push({ title: cleanText(o), url: target, current: selected >= 0 ? i === selected : isCurrent(value) });
  });
  return chapters;
}

/** The page's own `<link rel="prev|next">`. */
export function relNav(doc: Document): ChapterNav {
  return { prev: linkUrl($(doc, 'link[rel="prev"]')), next: linkUrl($(doc, 'link[rel="next"]')), chapters: [] };
}

/** A heading made for the reader (a chapter title, a threadmark label): detached, it never enters the page. */
export function heading(doc: Document, text: string, level = 2): Element {
  const h = doc.createElement(`h${level}`);
  h.textContent = text;
  return h;
}

const CSS_RULE = /([^{}]*)\{([^{}]*)\}/g;
const CLASS_SELECTOR = /^\.(-?[_a-zA-Z][\w-]*)$/;

/**
 * Class names the page's own <style> elements hide with display:none, in rules on single class
 * selectors (`.cjMzMjk1 { display: none; speak: never; }`). Royal Road hides anti-piracy
 * sentences in the text this way, under class names that change with every page view. Rules in
 * @media blocks hide for one screen size only, and descendant selectors only in one place, so
 * both are left alone.
 */
export function styleHiddenClasses(doc: Document): string[] {
  const names = new Set<string>();
  for (const style of $$(doc, 'style')) {
    for (const [, selectors, declarations] of topLevelCss(style.textContent ?? '').matchAll(CSS_RULE)) {
      if (!/(?:^|;)\s*display\s*:\s*none\b/i.test(declarations ?? '')) continue;
      for (const sel of (selectors ?? '').split(',')) {
        const name = sel.trim().match(CLASS_SELECTOR)?.[1];
        if (name) names.add(name);
      }
    }
  }
  return Array.from(names);
}

/** The stylesheet's top-level rules: comments, at-rule statements and at-rule blocks (@media) left out. */
function topLevelCss(css: string): string {
  let out = '';
  let depth = 0;
  let skipping = false;
  let statement = '';
  for (const c of css.replace(/\/\*[\s\S]*?\*\//g, '')) {
    if (c === '{') {
      if (depth === 0) skipping = statement.trim().startsWith('@');
      if (!skipping) out += statement + c;
      depth++;
      statement = '';
    } else if (c === '}') {
      if (!skipping) out += statement + c;
      depth = Math.max(0, depth - 1);
      if (depth === 0) skipping = false;
      statement = '';
    } else if (c === ';' && depth === 0) {
      statement = ''; // @import, @charset
    } else statement += c;
  }
  return out;
}

/** The element's child nodes that neither are nor hold `exclude`: a note's text around a misnested story body. */
export function childNodesWithout(el: Element, exclude: Node | null): Node[] {
  return Array.from(el.childNodes).filter((n) => !exclude || (n !== exclude && !n.contains(exclude)));
}

/** Does `a` come before `b` in the document (or hold it)? */
export function precedes(a: Node, b: Node): boolean {
  return (a.compareDocumentPosition(b) & a.DOCUMENT_POSITION_FOLLOWING) !== 0;
}

/**
 * Elements whose text the sanitiser (and Readability) drop whole, as a label or fallback. Left
 * unclosed in a story (`<form><button>Send` with no `</button>`), one takes in every paragraph
 * after it, which a browser still shows: such an element holding story blocks is unwrapped.
 */
const SWALLOWING = 'button, option, datalist, select, object, canvas';
const STORY_BLOCKS = 'p, div, br, blockquote, li, hr, pre, table, h1, h2, h3, h4, h5, h6';

/**
 * `nodes` moved, in order, into boxes `make` gives: the first box closed once it holds `first`
 * characters of text, each later one at `later`. The story's pieces (extract.ts) and the reader's
 * parts (ui/story-parts.ts) are cut this way. Measured as textContent, a copy of the text once.
 */
export function bySize<T extends Element>(nodes: readonly ChildNode[], first: number, later: number, make: () => T): T[] {
  const boxes: T[] = [];
  let size = Infinity;
  for (const node of nodes) {
    if (size >= (boxes.length === 1 ? first : later)) {
      boxes.push(make());
      size = 0;
    }
    boxes.at(-1)!.append(node);
    size += node.textContent?.length ?? 0;
  }
  return boxes;
}

/** Whether `node` holds nothing but its one element child (whitespace aside): a wrapper. */
export function wrapsOne(node: ParentNode): boolean {
  return node.childElementCount === 1 && Array.from(node.childNodes).every((n) => n.nodeType !== 3 || !n.textContent?.trim());
}

/** Unwraps the SWALLOWING elements that hold story blocks, keeping their content in place. */
export function unwrapSwallowing(root: ParentNode): void {
  for (const e of Array.from(root.querySelectorAll(SWALLOWING)).reverse())
    if (e.querySelector(STORY_BLOCKS)) e.replaceWith(...Array.from(e.childNodes));
}
