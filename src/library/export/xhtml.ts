/**
 * Stored chapter HTML as EPUB 3 XHTML. The sanitiser keeps what fiction on old archives uses —
 * <center>, <font>, align="center", lists and inline tags wrapped round paragraphs — which HTML
 * parsers forgive and EPUB's XHTML content model does not. Here such markup is rewritten into
 * its valid equivalent, keeping how it looks, then serialised as XML.
 *
 * Images are not embedded, and none loads from the web (it would tell its host who reads the
 * book): each becomes a link to the picture, named by its alt text or file name.
 */
import { imageLink, imageName } from '../../reader/image-placeholders';

/** Obsolete elements and the (styled) element that replaces each. */
const RESTYLE: Record<string, { tag: string; style?: string }> = {
  center: { tag: 'div', style: 'text-align: center' },
  font: { tag: 'span' },
  strike: { tag: 's' },
  tt: { tag: 'span', style: 'font-family: monospace' },
};

/** Elements whose content must be phrasing content. */
const PHRASING_ONLY = new Set(
  'p h1 h2 h3 h4 h5 h6 pre span b i em strong u s small sub sup code kbd samp var cite dfn abbr q mark bdi bdo ruby rt rp summary'.split(
    ' ',
  ),
);
/** Styles that keep an inline element's look when it must become a block. */
const INLINE_LOOK: Record<string, string> = {
  b: 'font-weight: bold',
  strong: 'font-weight: bold',
  i: 'font-style: italic',
  em: 'font-style: italic',
  cite: 'font-style: italic',
  dfn: 'font-style: italic',
  var: 'font-style: italic',
  u: 'text-decoration: underline',
  s: 'text-decoration: line-through',
  h1: 'font-weight: bold',
  h2: 'font-weight: bold',
  h3: 'font-weight: bold',
  h4: 'font-weight: bold',
  h5: 'font-weight: bold',
  h6: 'font-weight: bold',
};
/** Elements that are flow content only: not allowed inside PHRASING_ONLY ones. */
const FLOW_ONLY = new Set(
  'address article aside blockquote details div dl figure footer h1 h2 h3 h4 h5 h6 header hr ol p pre section table ul'.split(' '),
);

/** Attributes allowed per element beyond the global ones, with a test of the value. */
const GLOBAL_ATTRS: Record<string, RegExp> = {
  title: /[^]*/,
  style: /[^]*/,
  dir: /^(?:ltr|rtl|auto)$/i,
  lang: /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i,
};
const ELEMENT_ATTRS: Record<string, Record<string, RegExp>> = {
  a: { href: /^/, target: /^_blank$/, rel: /^[a-z ]+$/ },
  ol: { start: /^-?\d+$/, type: /^[1aAiI]$/ },
  td: { colspan: /^[1-9]\d*$/, rowspan: /^\d+$/ },
  th: { colspan: /^[1-9]\d*$/, rowspan: /^\d+$/ },
  details: { open: /^/ },
};
const ALIGN = /^(?:left|right|center|justify)$/i;
/** Characters XML 1.0 does not allow, and lone surrogates. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- control characters are what this finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** A control character becomes a space (it may sit between words), a broken surrogate U+FFFD. */
const xmlSafe = (s: string) => s.replace(NOT_XML, (c) => (c.length === 1 && c < ' ' ? ' ' : '\uFFFD'));

/** `<div>` holding the chapter as XHTML (its xmlns declared), ready to put in a page's body. */
export function chapterXhtml(html: string, win: Window & typeof globalThis): string {
  const doc = win.document.implementation.createHTMLDocument('');
  const box = doc.createElement('div');
  box.innerHTML = html;
  for (const img of Array.from(box.querySelectorAll('img'))) replaceImage(img);
  fix(box);
  cleanText(box);
  box.setAttribute('class', 'chapter');
  return new win.XMLSerializer().serializeToString(box);
}

/** An image becomes "[Image: name]", a link to it where it is on the web (./remote-images.ts). */
function replaceImage(img: HTMLImageElement): void {
  const doc = img.ownerDocument;
  const name = imageName(img);
  const label = doc.createTextNode(name ? `[Image: ${name}]` : '[Image]');
  const link = imageLink(img);
  if (link) {
    const a = doc.createElement('a');
    a.setAttribute('href', link.href);
    a.append(label);
    img.replaceWith(a);
  } else img.replaceWith(label);
}

/** Rewrites an element's subtree into valid XHTML, children first. */
function fix(el: Element): void {
  for (const child of Array.from(el.children)) fix(child);
  let e = el;
  const name = e.localName;
  const restyle = RESTYLE[name];
  if (restyle) e = rename(e, restyle.tag, restyle.style);
  const parent = e.parentElement?.localName;
  if (name === 'li' && parent !== 'ul' && parent !== 'ol') e = rename(e, 'div');
  else if ((name === 'dt' || name === 'dd') && parent !== 'dl') e = rename(e, 'div');
  else if ((name === 'rt' || name === 'rp') && parent !== 'ruby') e = rename(e, 'span');
  else if (name === 'summary' && (parent !== 'details' || e.parentElement!.firstElementChild !== e)) e = rename(e, 'div');
  else if (name === 'figcaption' && parent !== 'figure') e = rename(e, 'div');
  if (PHRASING_ONLY.has(e.localName) && holdsFlow(e)) e = rename(e, 'div', INLINE_LOOK[e.localName]);
  if (e.localName === 'ul' || e.localName === 'ol') wrapStrays(e, 'li');
  if (e.localName === 'dl') wrapStrays(e, 'dd');
  fixAttributes(e);
}

/** Links and edits take their parent's content model: a block inside one is inside the parent. */
const TRANSPARENT = new Set(['a', 'ins', 'del']);

function holdsFlow(e: Element): boolean {
  return Array.from(e.children).some((c) => FLOW_ONLY.has(c.localName) || (TRANSPARENT.has(c.localName) && holdsFlow(c)));
}

/** The element renamed, attributes and children kept, a style added for the look it had. */
function rename(e: Element, tag: string, style?: string): Element {
  const out = e.ownerDocument.createElement(tag);
  for (const a of Array.from(e.attributes)) out.setAttribute(a.name, a.value);
  if (style) addStyle(out, style);
  out.append(...Array.from(e.childNodes));
  e.replaceWith(out);
  return out;
}

function addStyle(e: Element, style: string): void {
  const old = e.getAttribute('style');
  e.setAttribute('style', old ? `${old}; ${style}` : style);
}

/** A list's children that are not items (text, paragraphs) are put in items. */
function wrapStrays(list: Element, item: 'li' | 'dd'): void {
  const allowed = item === 'li' ? ['li'] : ['dt', 'dd'];
  for (const c of Array.from(list.childNodes)) {
    const stray = c.nodeType === 1 ? !allowed.includes((c as Element).localName) : c.nodeType === 3 && (c.textContent ?? '').trim() !== '';
    if (stray) {
      const wrap = list.ownerDocument.createElement(item);
      c.replaceWith(wrap);
      wrap.append(c);
    } else if (c.nodeType !== 1) c.remove();
  }
}

function fixAttributes(e: Element): void {
  const own = ELEMENT_ATTRS[e.localName] ?? {};
  const align = e.getAttribute('align');
  for (const a of Array.from(e.attributes)) {
    const test = GLOBAL_ATTRS[a.name] ?? own[a.name];
    if (!test || !test.test(a.value)) e.removeAttribute(a.name);
  }
  if (align && ALIGN.test(align) && e.localName !== 'table') addStyle(e, `text-align: ${align.toLowerCase()}`);
  const href = e.getAttribute('href');
  if (href !== null && !/^mailto:/i.test(href)) {
    // XHTML wants a valid URL: spaces and the like percent-encoded, as the URL parser does.
    if (URL.canParse(href)) e.setAttribute('href', new URL(href).href);
    else e.removeAttribute('href');
  }
}

/** Drops characters XML cannot hold from every text and attribute value. */
function cleanText(root: Element): void {
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const clean = xmlSafe(n.nodeValue!);
    if (clean !== n.nodeValue) n.nodeValue = clean;
  }
  for (const e of Array.from(root.querySelectorAll('*')))
    for (const a of Array.from(e.attributes)) {
      const clean = xmlSafe(a.value);
      if (clean !== a.value) e.setAttribute(a.name, clean);
    }
}

/** Text escaped for XML content and attribute values. */
export function escapeXml(s: string): string {
  return xmlSafe(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
