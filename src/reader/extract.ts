/**
 * The reader's story extraction. The page is first copied into an inert document without the
 * markup that clobbers DOM properties (inertCopy: nothing there loads or runs, page scripts cannot
 * reach it, and the live page is never touched). On that copy the site adapter points at the
 * story; this copies those nodes out, removes the chrome the adapter names, resolves links and
 * images against the page, sanitises, and measures the text. Readability stands in where the
 * adapter has nothing: unknown sites, and known sites whose markup changed.
 */
import type { ChapterNav, ReaderNote, StoryContent, StoryRest } from '../core/model';
import type { Extraction, SiteAdapter } from '../sites/types';
import { sanitizeNodes } from './sanitize';
import { quietImages } from './images';
import { countWords, textLines } from '../core/dom';
import { absoluteUrl, bySize, documentBase, unwrapSwallowing, wrapsOne } from './extract-dom';
import { readability } from './fallback';
import { thousands } from '../core/numbers';

/** The page could not be read safely: too large, or past the time allowed. The message says which, in words for the reader. */
export class ExtractionError extends Error {
  override name = 'ExtractionError';
}

/**
 * Past this many elements a page is not read. A million words on one page (an AO3 whole work)
 * come to about 40,000; no story page in the corpus has 1,000; an archive's list of all its
 * 100,000 stories, about 200,000.
 */
export const MAX_ELEMENTS = 250_000;
/** Readability scores a page up to five times over, and tidies what it keeps: a lower bound for it. */
export const MAX_READABILITY_ELEMENTS = 50_000;
/**
 * A read that has taken this long gives up before sanitising. It cannot be stopped half-way (it
 * runs in one go, on the page's thread): the bounds above are what keep each step short.
 */
export const MAX_READ_MS = 20_000;

export interface Story {
  content: StoryContent;
  notes: ReaderNote[];
  nav: ChapterNav;
  /** Who found the body: the site adapter, or Readability as the fallback. */
  by: 'site' | 'readability';
  /** A staged story's rest (ExtractOptions.firstChars): `content` is then its first piece alone. */
  rest?: StoryRest;
}

export interface ExtractOptions {
  /**
   * `page` is a copy the caller made with inertCopy for this read alone and reads nothing more
   * from but its nodes' owner document: extraction may move the story out of it instead of copying it.
   */
  takeApart?: boolean;
  /**
   * Stage a long story: sanitise its first pieces, at least this many characters of text, now,
   * and the rest a piece at a time when the reader asks for it (Story.rest), so that the first
   * screen waits for no more than it shows. The elements that wrap the whole story come apart from
   * it, in the rest's shell. For the reader's first screen alone: everything else wants it whole.
   */
  firstChars?: number;
}

/** Characters of text in each later piece of a staged story: what the reader puts on the page in a frame (ui/story-parts.ts). */
const PIECE = 15_000;

/** Never story text, whatever the adapter points at. */
const ALWAYS_DROP = 'script, style, noscript, template, [hidden]';

/**
 * The story on a page, its notes and chapter navigation; null when neither the adapter nor
 * Readability finds anything to read. `title` (the work's, from the page report) lets the fallback drop a
 * repeated title line. Read from an inert copy of `page` (see inertCopy); throws an ExtractionError
 * on a page too large or too slow to read.
 */
export function extractStory(
  page: Document,
  url: URL,
  adapter: SiteAdapter,
  title: string | null,
  opts: ExtractOptions = {},
): Story | null {
  const started = Date.now();
  const doc = inertCopy(page);
  const win = doc.defaultView as Window & typeof globalThis;
  const found = adapter.extract(doc, url);
  const base = documentBase(doc);
  // Read before Readability, which changes the document it reads: when the copy is our own, it
  // reads that rather than a copy of the copy.
  const nav = adapter.nav(doc, url);
  const direction = pageDirection(doc, adapter.language?.(doc) ?? null);
  const own = doc !== page || opts.takeApart === true;
  // The notes are copied before the story body, which (from a copy of our own) is moved out, not
  // copied. The boxes belong to the copy itself, inert as it is: a move within one document adopts nothing.
  const noteBoxes = (found?.notes ?? []).map((n) => copyOut(n.nodes, found!, doc, base, false));
  const box = found ? copyOut(found.body, found, doc, base, own) : readableBox(doc, title, base, own);
  inTime(started);
  if (!box) return null;
  const by = found ? 'site' : 'readability';
  const whole = withDirection(box, direction, doc);
  const pieces = opts.firstChars ? inStages(whole, opts.firstChars) : [];
  if (pieces.length > 1) {
    // The box is left holding the wrappers alone: the shell, sanitised with the first piece.
    const [first, shell, ...noted] = finish([pieces.shift()!, whole, ...noteBoxes], win);
    const rest: StoryRest = { shell: shell!.html, next: () => (pieces.length ? finish([pieces.shift()!], win)[0]! : null) };
    return { content: first!, notes: readerNotes(found, noted), nav, by, rest };
  }
  const [content, ...noted] = finish([whole, ...noteBoxes], win);
  // A story of pictures (a comic, fan art) has no words but is still something to read.
  if (!content || (!content.text && !/<img\b/.test(content.html))) return null;
  return { content, notes: readerNotes(found, noted), nav, by };
}

/** The adapter's notes that hold any text, from their sanitised boxes (in the same order). */
function readerNotes(found: Extraction | null, noted: StoryContent[]): ReaderNote[] {
  return (found?.notes ?? []).flatMap((note, i): ReaderNote[] => {
    const c = noted[i]!;
    return c.text ? [{ label: note.label, html: c.html, position: note.position }] : [];
  });
}

/**
 * The story's nodes, under the elements that only wrap them (a chapter's wrapper, the direction's),
 * moved into boxes of at least `first` characters of text, then of PIECE each, leaving the
 * wrappers empty. When the story is no longer than `first`, it is put back: one box, or none.
 */
function inStages(box: Element, first: number): Element[] {
  let spine = box;
  while (wrapsOne(spine)) spine = spine.firstElementChild!;
  const pieces = bySize(Array.from(spine.childNodes), first, PIECE, () => box.ownerDocument.createElement('div'));
  if (pieces.length === 1) spine.append(...Array.from(pieces[0]!.childNodes));
  return pieces.length > 1 ? pieces : [];
}

/**
 * The page's nodes in a box of `owner` (the inert copy), chrome removed, URLs absolute: copied, or with
 * `move` (the page is a copy of this read's own) moved there, which on a long work saves copying
 * it twice. Nodes nested in one another are copied, as moving the inner one would cut it out of the outer.
 */
function copyOut(nodes: Node[], rules: Extraction, owner: Document, base: string, move: boolean): Element {
  const box = owner.createElement('div');
  const moving = move && !nested(nodes);
  for (const n of nodes) box.append(moving ? n : owner.importNode(n, true));
  unwrapSwallowing(box);
  quietImages(box, base);
  const drop = [ALWAYS_DROP, ...(rules.drop ?? [])].join(', ');
  for (const e of Array.from(box.querySelectorAll(drop))) e.remove();
  for (const e of Array.from(box.querySelectorAll('[style]'))) if (styleHidden(e)) e.remove();
  if (rules.unwrap?.length)
    for (const e of Array.from(box.querySelectorAll(rules.unwrap.join(', ')))) e.replaceWith(...Array.from(e.childNodes));
  resolveUrls(box, base);
  trimEdges(box);
  return box;
}

/** Does any of the nodes sit inside another of them? */
function nested(nodes: Node[]): boolean {
  const set = new Set(nodes);
  return nodes.some((n) => {
    for (let p = n.parentNode; p; p = p.parentNode) if (set.has(p)) return true;
    return false;
  });
}

/**
 * The page's writing direction and language sit on <html> or <body>, outside the story body: kept
 * on a wrapper so Arabic and Hebrew still read right to left, and Japanese gets Japanese glyphs.
 * The story's own language, where its site states one, wins over the page's.
 */
function pageDirection(doc: Document, storyLang: string | null): { dir: string | null; lang: string | null } {
  const attr = (name: string) => doc.body?.getAttribute(name) || doc.documentElement.getAttribute(name) || '';
  const dir = attr('dir').trim().toLowerCase();
  const lang = storyLang?.trim() || attr('lang').trim();
  return { dir: /^(rtl|ltr|auto)$/.test(dir) ? dir : null, lang: /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i.test(lang) ? lang : null };
}

function withDirection(box: Element, { dir, lang }: ReturnType<typeof pageDirection>, owner: Document): Element {
  if (!dir && !lang) return box;
  const wrap = owner.createElement('div');
  if (dir) wrap.setAttribute('dir', dir);
  if (lang) wrap.setAttribute('lang', lang);
  wrap.append(...Array.from(box.childNodes));
  box.append(wrap);
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
      ? !/\S/.test(n.textContent ?? '')
      : n.nodeType === 1 && !holdsLetters(n as Element) && !(n as Element).querySelector('img') && n.nodeName !== 'IMG');
  while (blank(box.firstChild)) box.firstChild.remove();
  while (blank(box.lastChild)) box.lastChild.remove();
}

/**
 * Whether an element of the inert copy holds any text but white space. An edge is often the whole
 * story's wrapper: this stops at its first words. Folding the wrapper's whole text, as this did,
 * took about 12 ms of a 10k-word chapter's opening in Chromium, and building it (textContent) 3 ms.
 */
function holdsLetters(e: Element): boolean {
  const texts = e.ownerDocument.createTreeWalker(e, 4 /* NodeFilter.SHOW_TEXT */);
  for (let t = texts.nextNode(); t; t = texts.nextNode()) if (/\S/.test((t as Text).data)) return true;
  return false;
}

/**
 * Each box's sanitised HTML and its text, in one call of the sanitiser (each call makes a
 * document: 0.02-0.15 ms of a short chapter's 0.15-0.23 ms in Chromium, paid once, not per box).
 * The boxes go to DOMPurify as nodes, which it copies into its own inert document: no serialise
 * and parse (twice the time on a long work in Chromium), nor DOMPurify's IN_PLACE mode, whose
 * extra passes over the live nodes cost more still (270-350 ms on a 200k-word work). Each box is
 * a bare <div> of this read's own, which the sanitiser keeps: its copy, in the same place, holds
 * the box's sanitised content.
 */
function finish(boxes: Element[], win: Window & typeof globalThis): StoryContent[] {
  const nodes = boxes[0]!.ownerDocument.createDocumentFragment();
  nodes.append(...boxes);
  // Read where the sanitiser left them: moving the nodes to another document would adopt each one (10 ms of a 200k-word work in Chromium).
  const holders = sanitizeNodes(nodes, win).children;
  // The caller pairs the results with its boxes by place: one lost box would give a note the story's text.
  if (holders.length !== boxes.length) throw new Error(`The sanitiser returned ${holders.length} boxes of ${boxes.length}`);
  return Array.from(holders, (holder) => {
    const text = textLines(holder).join('\n');
    return { html: holder.innerHTML, text, words: countWords(text) };
  });
}

/** Readability's article on a page no larger than it reads in time (see MAX_READABILITY_ELEMENTS). */
function readableBox(doc: Document, title: string | null, base: string, own: boolean): Element | null {
  const size = doc.getElementsByTagName('*').length;
  if (size > MAX_READABILITY_ELEMENTS) throw tooLarge(size);
  return readability(doc, title, base, own);
}

// ---- the copy ----

/** Copies made by inertCopy: already safe, not copied again. */
const copies = new WeakSet<Document>();
/** Elements a form exposes as its named properties (by id or name). */
const FORM_ITEMS = new Set(['button', 'fieldset', 'input', 'object', 'output', 'select', 'textarea', 'img']);
/** Elements the document exposes as its named properties. */
const DOCUMENT_ITEMS = new Set(['embed', 'form', 'iframe', 'img', 'object']);
/** What Readability sets on the elements it scores. */
const EXPANDOS = ['readability', '_readabilityDataTable'];

/**
 * A copy of the page for reading it: in a document of its own (no script, no loads, unreachable
 * from the page's scripts, untouched by them while it is read), without the markup that clobbers
 * DOM properties. A form exposes its controls as properties over the built-in ones
 * (`<input name="parentNode">` makes `form.parentNode` that input), and the document its named
 * images, forms, embeds, objects and iframes (`<img name="body">`): a walk up or along the tree
 * then goes round for ever, as Readability's did. Those ids and names are dropped from the copy;
 * any other id or name stays, as the adapters select by them. Throws an ExtractionError on a page
 * over MAX_ELEMENTS.
 */
export function inertCopy(page: Document): Document {
  if (copies.has(page)) return page;
  // A fetched document (DOMParser) has no window of its own: the copy and the sanitiser are made
  // with the current one, where nothing of that document runs.
  const win = (builtin<Window | null>(page, 'defaultView') ?? globalThis.window) as (Window & typeof globalThis) | undefined;
  if (!win) throw new Error('Reading a page needs a window to build the copy and the sanitiser on');
  const size = builtin<(name: string) => HTMLCollection>(page, 'getElementsByTagName').call(page, '*').length;
  if (size > MAX_ELEMENTS) throw tooLarge(size);
  // A quirks-mode page matches class names in any case: its copy is parsed in the same mode.
  const quirks = builtin<string>(page, 'compatMode') === 'BackCompat';
  const copy = new win.DOMParser().parseFromString(quirks ? '' : '<!DOCTYPE html>', 'text/html');
  const root = builtin<Element | null>(page, 'documentElement');
  if (root) copy.replaceChild(copy.importNode(root, true), copy.documentElement);
  defuse(copy);
  keepBase(copy, builtin<string>(page, 'URL'));
  Object.defineProperty(copy, 'defaultView', { value: win });
  copies.add(copy);
  return copy;
}

/**
 * A fetched or saved page (`html` from `url`) as inertCopy would give it, without copying it
 * twice: parsed with `win`'s DOMParser, where nothing of it loads or runs and no page script
 * holds it, then cleared of clobbering names in place. Throws an ExtractionError past MAX_ELEMENTS.
 */
export function parseInert(win: Window & typeof globalThis, html: string, url: string): Document {
  const doc = new win.DOMParser().parseFromString(html, 'text/html');
  const size = doc.getElementsByTagName('*').length;
  if (size > MAX_ELEMENTS) throw tooLarge(size);
  defuse(doc);
  keepBase(doc, url);
  Object.defineProperty(doc, 'defaultView', { value: win });
  copies.add(doc);
  return doc;
}

/** Drops every id and name that would shadow a built-in property of the copy or of its forms. */
function defuse(copy: Document): void {
  const docProto = Object.getPrototypeOf(copy) as object;
  const formProto = Object.getPrototypeOf(builtin<Document['createElement']>(copy, 'createElement').call(copy, 'form')) as object;
  const root = builtin<Element | null>(copy, 'documentElement');
  if (!root) return;
  // Read and changed through the prototypes: a form's own properties may be its controls. Only the
  // tags that can clobber are looked at, by tag name: a selector over every id and name cost more.
  const byTag = builtin<Element['getElementsByTagName']>(root, 'getElementsByTagName');
  const get = builtin<Element['getAttribute']>(root, 'getAttribute');
  const remove = builtin<Element['removeAttribute']>(root, 'removeAttribute');
  for (const tag of new Set([...FORM_ITEMS, ...DOCUMENT_ITEMS])) {
    for (const e of Array.from(byTag.call(root, tag))) {
      for (const attr of ['id', 'name']) {
        const v = get.call(e, attr);
        if (v === null) continue;
        const onForm = FORM_ITEMS.has(tag) && (v in formProto || EXPANDOS.includes(v));
        if (onForm || (DOCUMENT_ITEMS.has(tag) && v in docProto)) remove.call(e, attr);
      }
    }
  }
}

/**
 * The copy's links resolve as the page's did: against a <base> in its head, else the page's
 * address (a copy parsed elsewhere has another). A <base> in the body never counts (see documentBase).
 */
function keepBase(copy: Document, pageUrl: string): void {
  for (const b of Array.from(copy.querySelectorAll('base'))) if (b.parentElement !== copy.head) b.remove();
  if (copy.URL === pageUrl) return;
  const head = copy.head ?? copy.documentElement.insertBefore(copy.createElement('head'), copy.documentElement.firstChild);
  const own = head.querySelector('base[href]');
  const base = own ? absoluteUrl(own.getAttribute('href'), pageUrl) : pageUrl;
  if (own && base) own.setAttribute('href', base);
  else if (!own) head.prepend(Object.assign(copy.createElement('base'), { href: pageUrl }));
}

/** A property as the object's prototypes define it, past any own property that shadows it. */
function builtin<T>(obj: object, name: string): T {
  for (let p = Object.getPrototypeOf(obj) as object | null; p; p = Object.getPrototypeOf(p) as object | null) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d) return (d.get ? d.get.call(obj) : d.value) as T;
  }
  throw new Error(`No built-in ${name}`);
}

function tooLarge(elements: number): ExtractionError {
  return new ExtractionError(`This page is too large to read: ${thousands(elements)} elements.`);
}

/** Gives up once a read has run past MAX_READ_MS. */
function inTime(started: number): void {
  const took = Date.now() - started;
  if (took > MAX_READ_MS) throw new ExtractionError(`This page took too long to read: ${Math.round(took / 1000)} s.`);
}
