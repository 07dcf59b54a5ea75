/**
 * A few lines of DOM building for the gate's page UI. The always-on content script carries it, so
 * it is plain DOM rather than Preact: no framework loads on every archive page.
 */

type Child = Node | string | null | false;

/** `h(doc, 'p', { class: 'x' }, 'text', child)`: an element with attributes and children. */
export function h(doc: Document, tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const el = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  for (const c of children) if (c !== null && c !== false) el.append(typeof c === 'string' ? doc.createTextNode(c) : c);
  return el;
}

/**
 * `handler` for the reader's own input only: a page's script can call `el.click()` or dispatch
 * events at Slipcase's buttons, but those are not trusted (`isTrusted`), and do nothing.
 */
export const trusted =
  <E extends Event>(handler: (event: E) => void) =>
  (event: E): void => {
    if (event.isTrusted) handler(event);
  };

/**
 * A host element for a shadow root, out of the page's CSS: its own styles inline and
 * `!important` (which no stylesheet of the page's outranks), everything else reset. The root is
 * closed: the page's script cannot reach into Slipcase's UI to read it, rewrite it or find its buttons.
 */
export function shadowHost(doc: Document, tag: string, hostStyle: string, css: string): { host: HTMLElement; root: ShadowRoot } {
  const host = doc.createElement(tag);
  host.setAttribute('style', `all: initial !important; ${hostStyle}`);
  const root = host.attachShadow({ mode: 'closed' });
  root.append(h(doc, 'style', {}, css));
  return { host, root };
}
