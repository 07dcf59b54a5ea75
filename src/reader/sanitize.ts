/**
 * Every archive page is untrusted. Story HTML is sanitised with DOMPurify before it is shown
 * anywhere and again before it is stored. An allow-list, not a block-list:
 *
 * - only the tags fiction needs survive (text styling, scene breaks, poetry line breaks, lists,
 *   tables, images); scripts, styles, forms, frames, embeds, SVG and MathML do not, and the text
 *   inside scripts, styles and form controls goes with them;
 * - only presentational attributes survive: no event handlers, ids, names, classes or data-*;
 * - links and images must be absolute http(s) URLs (mailto: for links): javascript:, vbscript:,
 *   relative and protocol-less URLs are dropped, so resolve relative URLs against the page first;
 * - images may also be data:image/* URIs other than SVG: an embedded picture costs no request;
 *   SVG is left out as it is a document, not a picture;
 * - inline styles keep only alignment and emphasis, so nothing can load (no url(), @import or
 *   remote CSS), position, overlay or hide;
 * - every link opens in a new tab with rel="noopener noreferrer nofollow".
 */
import createDOMPurify, { type Config } from 'dompurify';

const CONFIG: Config = {
  ALLOWED_TAGS: [
    'a',
    'abbr',
    'b',
    'bdi',
    'bdo',
    'blockquote',
    'br',
    'caption',
    'center',
    'cite',
    'code',
    'dd',
    'del',
    'details',
    'dfn',
    'div',
    'dl',
    'dt',
    'em',
    'figcaption',
    'figure',
    'font',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'i',
    'img',
    'ins',
    'kbd',
    'li',
    'mark',
    'ol',
    'p',
    'pre',
    'q',
    'rp',
    'rt',
    'ruby',
    's',
    'samp',
    'small',
    'span',
    'strike',
    'strong',
    'sub',
    'summary',
    'sup',
    'table',
    'tbody',
    'td',
    'tfoot',
    'th',
    'thead',
    'tr',
    'tt',
    'u',
    'ul',
    'var',
    'wbr',
  ],
  ALLOWED_ATTR: [
    'href',
    'src',
    'alt',
    'title',
    'width',
    'height',
    'align',
    'colspan',
    'rowspan',
    'lang',
    'dir',
    'style',
    'start',
    'type',
    'open',
  ],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  // DOMPurify tests every attribute not named here against the URI pattern above.
  ADD_URI_SAFE_ATTR: ['width', 'height', 'align', 'colspan', 'rowspan', 'lang', 'dir', 'start', 'type', 'open'],
  // Removed with their text: form controls would leave their option and button labels in the story.
  ADD_FORBID_CONTENTS: ['select', 'option', 'optgroup', 'datalist', 'textarea', 'button', 'object', 'embed', 'applet', 'canvas'],
};

/** Inline styles are kept only for alignment and emphasis: nothing can load, position or hide. */
const SAFE_STYLE = /^(?:text-align|font-style|font-weight|text-decoration(?:-line)?)\s*:\s*[a-z0-9 -]+$/i;
/** Embedded raster images. */
const DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|avif|bmp);base64,[a-z0-9+/=\s]+$/i;

/** CONFIG, giving nodes. Passed to each call too, for its return type only: DOMPurify uses the configuration set once. */
const AS_NODES = { ...CONFIG, RETURN_DOM_FRAGMENT: true } as const;

type Purifier = ReturnType<typeof createDOMPurify>;
/**
 * Configured DOMPurify instances per window and kind (markup or nodes), each made when first
 * needed (making one costs a few milliseconds of a cold reader's opening) and configured once
 * (setConfig): parsed on every call, the configuration cost as much as sanitising a short chapter.
 * The hooks hold no state.
 */
const purifiers = new WeakMap<Window, Partial<Record<'html' | 'dom', Purifier>>>();

function purifier(win: Window & typeof globalThis, kind: 'html' | 'dom'): Purifier {
  let made = purifiers.get(win);
  if (!made) purifiers.set(win, (made = {}));
  return (made[kind] ??= configured(
    kind === 'dom' && isDefaultWindow(win) ? createDOMPurify : createDOMPurify(win),
    kind === 'html' ? CONFIG : AS_NODES,
  ));
}

/**
 * The module's default export is an instance already made for the global window when the module
 * was loaded, and nothing else here uses it: taking it for the nodes' purifier saves making one,
 * a few milliseconds of every reader opening.
 */
function isDefaultWindow(win: Window & typeof globalThis): boolean {
  return typeof window !== 'undefined' && win === window && createDOMPurify.isSupported;
}

function configured(purify: Purifier, config: Config): Purifier {
  purify.setConfig(config);
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    // DOMPurify lets data: URIs through on images by default; only embedded pictures may stay.
    if (
      data.attrName === 'src' &&
      /^\s*data:/i.test(data.attrValue) &&
      !(node.nodeName === 'IMG' && DATA_IMAGE.test(data.attrValue.trim()))
    )
      data.keepAttr = false;
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.hasAttribute('style')) {
      const kept = (node.getAttribute('style') ?? '')
        .split(';')
        .map((d) => d.trim())
        .filter((d) => SAFE_STYLE.test(d));
      if (kept.length) node.setAttribute('style', kept.join('; '));
      else node.removeAttribute('style');
    }
    if (node.nodeName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
  return purify;
}

export function sanitizeHtml(html: string, win: Window & typeof globalThis): string {
  return purifier(win, 'html').sanitize(html, CONFIG);
}

/**
 * The same, as nodes of DOMPurify's own inert document, for a caller that reads the result
 * (text, word count) without parsing the HTML a second time. Serialised, it is sanitizeHtml's string.
 */
export function sanitizeToFragment(html: string, win: Window & typeof globalThis): DocumentFragment {
  return purifier(win, 'dom').sanitize(html, AS_NODES);
}

/**
 * Nodes already parsed (extract.ts gives its boxes, moved into `nodes`), sanitised as copies in
 * DOMPurify's own inert document: the same allow-list as sanitizeToFragment without a serialise
 * and a parse, which in Chromium took twice as long on a long work (ao3-200k: 91-106 ms against
 * 49-57 ms; the 10k-word chapter 3.7-6.8 ms against 2.0-2.7 ms).
 */
export function sanitizeNodes(nodes: DocumentFragment, win: Window & typeof globalThis): DocumentFragment {
  return purifier(win, 'dom').sanitize(nodes, AS_NODES);
}
