/**
 * How deep a page's elements nest, estimated from its markup in one linear pass before jsdom
 * parses it. jsdom's parser and tree code walk up and down the tree recursively, so a page nested
 * many thousands deep parses in time quadratic in the depth and then overflows the stack, where a
 * browser never builds such a tree (Chromium stops nesting at 512). The estimate follows the
 * parser's rules for which tags close which open elements closely enough for real pages; where
 * markup is misnested it errs low, so sloppy pages are not turned away.
 */

const VOID = new Set('area base basefont bgsound br col embed frame hr image img input keygen link meta param source track wbr'.split(' '));
/** Elements whose content is text up to their own end tag, never markup. */
const RAW = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);
/** Start and end tags the parser folds into the one html, head and body it always has. */
const ROOT = new Set(['html', 'head', 'body']);
const FORMATTING = new Set('a b big code em font i nobr s small strike strong tt u'.split(' '));
const TABLE = new Set('table tbody thead tfoot tr td th caption colgroup'.split(' '));

/** Open elements a search for an element to close stops at ("has an element in scope"). */
const SCOPE = new Set('applet caption html table td th marquee object template'.split(' '));
const BUTTON_SCOPE = new Set([...SCOPE, 'button']);
const TABLE_SCOPE = new Set(['html', 'table', 'template']);
/** The spec's "special" elements that can be left open (void ones never are). */
const SPECIAL = new Set(
  (
    'address applet article aside blockquote body button caption center colgroup dd details dir div dl dt fieldset ' +
    'figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 head header hgroup html li listing main marquee menu nav ' +
    'noscript object ol p pre section select summary table tbody td template tfoot th thead tr ul'
  ).split(' '),
);
const LIST_STOP = new Set([...SPECIAL].filter((t) => t !== 'address' && t !== 'div' && t !== 'p'));

/** A start tag that closes an open element of the same group first, and where that search stops. */
const IMPLIED: Record<string, { group: string[]; stop: Set<string> }> = {};
const implied = (tags: string, group: string, stop: Set<string>) => {
  for (const t of tags.split(' ')) IMPLIED[t] = { group: group.split(' '), stop };
};
implied('p', 'p', BUTTON_SCOPE);
implied('li', 'li', LIST_STOP);
implied('dd dt', 'dd dt', LIST_STOP);
implied('td th', 'td th', TABLE_SCOPE);
implied('tr', 'tr', TABLE_SCOPE);
implied('tbody thead tfoot', 'tbody thead tfoot', TABLE_SCOPE);
implied('a nobr button select', '', SCOPE);
implied('h1 h2 h3 h4 h5 h6', 'h1 h2 h3 h4 h5 h6', new Set());
implied('option optgroup', 'option optgroup', new Set());
implied('rb rp rt rtc', 'rb rp rt rtc', new Set());

/**
 * The deepest nesting of elements the page's markup builds (html and body not counted). Stops
 * once past `limit`, which also bounds the work each tag can cost.
 */
export function nestingDepth(html: string, limit = Infinity): number {
  const open: string[] = [];
  let deepest = 0;
  let i = html.indexOf('<');
  while (i >= 0 && i < html.length) {
    const tag = readTag(html, i);
    i = tag.end;
    if (tag.name && !ROOT.has(tag.name)) {
      if (tag.closing) endTag(open, tag.name);
      else if (startTag(open, tag.name, tag.selfClosing)) {
        deepest = Math.max(deepest, open.length);
        if (deepest > limit) break;
        if (RAW.has(tag.name)) i = rawEnd(html, i, tag.name);
      }
      if (tag.name === 'plaintext' && !tag.closing) break;
    }
    i = html.indexOf('<', i);
  }
  return deepest;
}

interface Tag {
  name: string | null;
  closing: boolean;
  selfClosing: boolean;
  /** Index just past the tag. */
  end: number;
}

/** The tag at `<` (its name lower-cased), or a comment, doctype or stray `<` with no name. */
function readTag(html: string, at: number): Tag {
  if (html.startsWith('<!--', at)) return skipped(html.indexOf('-->', at + 4), 3, html.length);
  const closing = html[at + 1] === '/';
  const nameAt = at + (closing ? 2 : 1);
  if (!/[a-z]/i.test(html[nameAt] ?? '')) {
    // "<!doctype", "<?xml", "</ >": skipped to ">"; a lone "<" is text.
    return html[at + 1] === '!' || html[at + 1] === '?' || closing ? skipped(html.indexOf('>', at), 1, html.length) : text(at + 1);
  }
  let j = nameAt;
  while (j < html.length && !/[\s/>]/.test(html[j]!)) j++;
  const name = html.slice(nameAt, j).toLowerCase();
  // Attributes: a quote opens a value only after "=", as in the tokenizer.
  let quote = '';
  let last = '';
  for (; j < html.length; j++) {
    const c = html[j]!;
    if (quote) {
      if (c === quote) quote = last = '';
    } else if (c === '>') break;
    else if ((c === '"' || c === "'") && last === '=') quote = c;
    else if (!/\s/.test(c)) last = c;
  }
  return { name, closing, selfClosing: last === '/', end: j + 1 };
}

const skipped = (found: number, length: number, eof: number): Tag => text(found < 0 ? eof : found + length);
const text = (end: number): Tag => ({ name: null, closing: false, selfClosing: false, end });

/** Where the end tag of a script, style or other raw-text element starts, or the end of the page. */
function rawEnd(html: string, from: number, name: string): number {
  const re = new RegExp(`</${name}[\\s/>]`, 'gi');
  re.lastIndex = from;
  return re.exec(html)?.index ?? html.length;
}

/** Opens the element unless it is void, self-closed or ignored; true when it was opened. */
function startTag(open: string[], name: string, selfClosing: boolean): boolean {
  if (VOID.has(name) || selfClosing) return false;
  // A form inside a form is dropped by the parser.
  if (name === 'form' && open.includes('form')) return false;
  const rule = IMPLIED[name];
  if (rule) {
    const group = rule.group.length ? rule.group : [name];
    const at = findOpen(open, (t) => group.includes(t), rule.stop);
    if (at >= 0) open.length = at;
  }
  open.push(name);
  return true;
}

/** Closes the nearest open element of that name, if the parser would reach it. */
function endTag(open: string[], name: string): void {
  // Formatting end tags reach their element across others (the adoption agency), table end tags
  // within the table, other special ones within their scope, the rest up to a special element.
  let stop = SPECIAL;
  if (FORMATTING.has(name)) stop = new Set();
  else if (TABLE.has(name)) stop = TABLE_SCOPE;
  else if (SPECIAL.has(name)) stop = SCOPE;
  const at = findOpen(open, (t) => t === name, stop);
  if (at >= 0) open.length = at;
}

/** The index of the nearest open element that matches, searching down until a `stop` element. */
function findOpen(open: string[], match: (tag: string) => boolean, stop: Set<string>): number {
  for (let k = open.length - 1; k >= 0; k--) {
    if (match(open[k]!)) return k;
    if (stop.has(open[k]!)) return -1;
  }
  return -1;
}
