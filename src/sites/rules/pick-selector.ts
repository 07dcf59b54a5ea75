/**
 * The CSS selector of an element the reader clicked on a page (the rule picker,
 * src/sites/ui/picker/): short, so the reader can read it in the rule form, and stable, so it
 * still finds the element on the site's other pages. Pure: no extension APIs.
 */

/** Ids and classes a script or a CSS tool generated (numbers, hashes): they change from page to page. */
const GENERATED = /\d{3,}|(?=[a-f]*\d)[0-9a-f]{6,}|^(?:css|sc|jsx|ember|react|ng|svelte|emotion|mui)[-_]|__[a-z0-9]*\d|^[-_]/i;
const MAX_CLASSES = 2;

/** CSS.escape, which jsdom lacks: the same result for the names pages use. */
function escapeName(name: string): string {
  if (typeof CSS !== 'undefined' && typeof CSS.escape === 'function') return CSS.escape(name);
  return name
    .replace(/[^\w\u00a0-\uffff-]/g, (c) => `\\${c}`)
    .replace(/^(-?)(\d)/, (_m, dash: string, d: string) => `${dash}\\${d.charCodeAt(0).toString(16)} `);
}

const stable = (name: string): boolean => name !== '' && !GENERATED.test(name);

const matches = (doc: Document, selector: string): Element[] => {
  try {
    return Array.from(doc.querySelectorAll(selector));
  } catch {
    return [];
  }
};

/** The element's tag and its first stable classes: `div.chapter-text`. */
function part(el: Element): string {
  const classes = Array.from(el.classList).filter(stable).slice(0, MAX_CLASSES);
  return `${el.localName}${classes.map((c) => `.${escapeName(c)}`).join('')}`;
}

function withNth(el: Element): string {
  const same = el.parentElement ? Array.from(el.parentElement.children).filter((c) => c.localName === el.localName) : [el];
  return same.length > 1 ? `${part(el)}:nth-of-type(${same.indexOf(el) + 1})` : part(el);
}

const stableId = (el: Element): string | null => {
  const id = el.getAttribute('id');
  return id && stable(id) && matches(el.ownerDocument, `#${escapeName(id)}`).length === 1 ? `#${escapeName(id)}` : null;
};

/**
 * A selector for `el`: its id when unique and not generated; else its tag and stable classes,
 * with its parents' (`parent > child`) until the selector finds `el` first (or, with `only`, alone);
 * positions (`:nth-of-type`) only when nothing else tells it apart.
 */
export function selectorFor(el: Element, { only = false }: { only?: boolean } = {}): string {
  const doc = el.ownerDocument;
  const fits = (selector: string): boolean => {
    const found = matches(doc, selector);
    return found[0] === el && (!only || found.length === 1);
  };
  const own = stableId(el);
  if (own) return own;
  let chain = part(el);
  for (let node = el; ; node = node.parentElement!) {
    if (fits(chain)) return chain;
    const parent = node.parentElement;
    if (!parent || parent === doc.documentElement) break;
    const anchor = stableId(parent);
    if (anchor && fits(`${anchor} > ${chain}`)) return `${anchor} > ${chain}`;
    chain = `${part(parent)} > ${chain}`;
  }
  return nthPath(el);
}

/** The last resort: the element's place, counted from the nearest ancestor with a unique id or from <body>. */
function nthPath(el: Element): string {
  const steps: string[] = [];
  for (let node: Element | null = el; node && node !== el.ownerDocument.documentElement; node = node.parentElement) {
    const anchor = node === el ? null : stableId(node);
    if (anchor) return [anchor, ...steps].join(' > ');
    steps.unshift(node.localName === 'body' ? 'body' : withNth(node));
  }
  return steps.join(' > ');
}

const textLength = (el: Element): number => (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
const paragraphText = (el: Element): number => Array.from(el.querySelectorAll('p')).reduce((n, p) => n + textLength(p), 0);
const SHARE = 0.8;

/**
 * What the reader means by clicking the story's text: readers click a paragraph, and mean the
 * story. From a paragraph (or a word in one), climbs to the block around it while that block is
 * still text (its paragraphs hold ≥80 % of its text), stopping once the block holds most of the
 * page's paragraphs. Anything else that was clicked is taken as it is.
 */
export function storyBlock(el: Element): Element {
  const paragraph = el.closest('p');
  const body = el.ownerDocument.body;
  if (!paragraph || !body) return el;
  const page = paragraphText(body);
  let block: Element = paragraph;
  for (let parent = block.parentElement; parent && parent !== body; parent = parent.parentElement) {
    if (paragraphText(block) >= SHARE * page || paragraphText(parent) < SHARE * textLength(parent)) break;
    block = parent;
  }
  return block;
}
