/** The generic adapter's one walk over a page: its visible lines, where each sits, and its form fields. */
import { countWords, squash } from '../../core/dom';

/** One visible line of text: <br> and block boundaries end a line, as in dom.textLines. */
export interface Line {
  text: string;
  words: number;
  linkWords: number;
  /** Inside h1–h6, or bold/large all the way through: a heading-like line. */
  heading: boolean;
  /** The nearest block-level ancestor. */
  block: Element;
  /** In navigation, sidebars, footers or forms. */
  chrome: boolean;
  /** In a comments section. */
  comment: boolean;
}

interface Ctx {
  block: Element;
  link: boolean;
  bold: boolean;
  heading: boolean;
  chrome: boolean;
  comment: boolean;
}

const BLOCK =
  /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|BODY|CENTER|DD|DIV|DL|DT|FIELDSET|FIGURE|FOOTER|FORM|H[1-6]|HEADER|HR|LI|MAIN|NAV|OL|P|PRE|SECTION|TABLE|TBODY|TD|TH|THEAD|TR|UL)$/;
const SKIP = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|SELECT|OPTION|TEXTAREA|BUTTON|IFRAME|SVG|NOFRAMES)$/;
const CHROME_TAG = /^(NAV|ASIDE|FOOTER|FORM)$/;
const CHROME_ROLE = /^(banner|navigation|complementary|contentinfo|search)$/i;
const CHROME_NAME = /(?:^|[\s_-])(?:sidebar|menu|nav|navbar|navigation|footer|widgets?|breadcrumbs?)(?:$|[\s_-])/i;
const COMMENT_NAME = /(?:^|[\s_-])(?:comments?|commentlist|respond|disqus_thread)(?:$|[\s_-])/i;
const FIELD = /^(INPUT|TEXTAREA|SELECT)$/;
const INVISIBLE_INPUT = /^(hidden|submit|button|image|reset|checkbox|radio)$/i;

interface Walked {
  lines: Line[];
  /** Visible form fields outside comment forms (search boxes, filters). */
  formFields: number;
}

/** One pass over the DOM: the page's lines with where they sit, and its form fields. */
export function walkPage(root: Element): Walked {
  const lines: Line[] = [];
  let formFields = 0;
  let text = '';
  let linkText = '';
  let boldText = '';
  let start: Ctx | null = null;

  const flush = () => {
    const t = squash(text);
    if (t && start) {
      const solid = (s: string) => s.replace(/\s+/g, '').length;
      lines.push({
        text: t,
        words: countWords(t),
        linkWords: linkText ? countWords(linkText) : 0,
        heading: start.heading || (boldText !== '' && solid(boldText) >= solid(t)),
        block: start.block,
        chrome: start.chrome,
        comment: start.comment,
      });
    }
    text = linkText = boldText = '';
    start = null;
  };

  const walk = (el: Element, ctx: Ctx) => {
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        const t = c.textContent ?? '';
        if (!start && /\S/.test(t)) start = ctx;
        text += t;
        if (ctx.link) linkText += ' ' + t;
        if (ctx.bold) boldText += t;
        continue;
      }
      if (c.nodeType !== 1) continue;
      const e = c as Element;
      const name = e.nodeName.toUpperCase();
      if (FIELD.test(name) && !ctx.comment && !INVISIBLE_INPUT.test(e.getAttribute('type') ?? '')) formFields++;
      if (SKIP.test(name) || hidden(e)) continue;
      if (name === 'BR') {
        flush();
        continue;
      }
      const block = BLOCK.test(name);
      if (block) flush();
      walk(e, childCtx(e, name, ctx, block));
      if (block) flush();
    }
  };

  walk(root, { block: root, link: false, bold: false, heading: false, chrome: false, comment: false });
  flush();
  return { lines, formFields };
}

function hidden(e: Element): boolean {
  return e.hasAttribute('hidden') || /display\s*:\s*none/i.test(e.getAttribute('style') ?? '');
}

function childCtx(e: Element, name: string, ctx: Ctx, block: boolean): Ctx {
  const names = `${e.getAttribute('id') ?? ''} ${e.getAttribute('class') ?? ''}`;
  const size = name === 'FONT' ? (e.getAttribute('size') ?? '') : '';
  return {
    block: block ? e : ctx.block,
    link: ctx.link || (name === 'A' && e.hasAttribute('href')),
    // Old hand-built pages set their titles in <b> or <font size="5"> rather than <h1>.
    bold: ctx.bold || /^(B|STRONG|H[1-6])$/.test(name) || /^\+|^[4-7]$/.test(size),
    heading: ctx.heading || /^H[1-6]$/.test(name),
    chrome: ctx.chrome || CHROME_TAG.test(name) || CHROME_ROLE.test(e.getAttribute('role') ?? '') || CHROME_NAME.test(names),
    comment: ctx.comment || COMMENT_NAME.test(names),
  };
}
