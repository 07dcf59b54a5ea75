/**
 * A hostile page's script against Slipcase's page UI, put in before the page's own scripts: it
 * wraps attachShadow to catch the roots made, and once Slipcase's host element appears, and again
 * whenever the test calls `__forge()`, tries everything a page can to work the UI without the reader.
 */

/** What the page's script managed. */
export interface Forged {
  /** The host element was found. */
  host: boolean;
  /** What the host's shadowRoot gave the page. */
  root: null | 'a root';
  /** Shadow roots the wrapped attachShadow caught. */
  capturedRoots: number;
  /** A second attachShadow on the host succeeded (it would have replaced Slipcase's UI). */
  reattached: boolean;
  /** What the page sees at the middle of the window. */
  hit: string | null;
  /** Events dispatched. */
  events: number;
  /** The events something cancelled: Slipcase cancels the input it acts on. */
  cancelled: string[];
}

/** Runs in the page: one try at everything, against the first element matching `tag`. */
function forge(tag: string): Forged {
  const w = window as unknown as { __capturedRoots: ShadowRoot[] };
  const host = document.querySelector(tag);
  const out: Forged = {
    host: host !== null,
    root: null,
    capturedRoots: w.__capturedRoots.length,
    reattached: false,
    hit: null,
    events: 0,
    cancelled: [],
  };
  if (!host) return out;
  out.root = host.shadowRoot ? 'a root' : null;
  const fire = (target: EventTarget, name: string) => {
    const at = { clientX: innerWidth / 2, clientY: innerHeight / 2, bubbles: true, composed: true, cancelable: true };
    const events = [
      ...['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'].map((type) => new MouseEvent(type, at)),
      ...['Enter', ' ', 'Escape', 'Tab'].flatMap((key) => ['keydown', 'keyup'].map((type) => new KeyboardEvent(type, { key, ...at }))),
    ];
    for (const e of events) {
      out.events++;
      if (!target.dispatchEvent(e)) out.cancelled.push(`${name} ${e.type}`);
    }
  };
  const hit = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
  out.hit = hit?.localName ?? null;
  for (const [target, name] of [
    [host, 'host'],
    [hit, 'hit'],
    [window, 'window'],
    [document, 'document'],
  ] as const)
    if (target) fire(target, name);
  (host as HTMLElement).focus();
  fire(document.activeElement ?? host, 'focused');
  // Anything of Slipcase's the page can reach: the host itself, and whatever a selector finds.
  for (const el of document.querySelectorAll<HTMLElement>(`${tag}, ${tag} *`)) el.click();
  try {
    host.attachShadow({ mode: 'open' });
    out.reattached = true;
  } catch {
    out.reattached = false;
  }
  return out;
}

/** The init script: catch roots, try once when `tag` appears, and leave `__forge()` for the test. */
export function forgedInput(tag: string): string {
  return `(() => {
    const forge = ${forge.toString()};
    const captured = [];
    window.__capturedRoots = captured;
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
      const root = attach.call(this, init);
      captured.push(root);
      return root;
    };
    window.__forge = () => forge(${JSON.stringify(tag)});
    new MutationObserver((_, observer) => {
      if (!document.querySelector(${JSON.stringify(tag)})) return;
      observer.disconnect();
      window.__forgedAtMount = window.__forge();
    }).observe(document, { childList: true, subtree: true });
  })();`;
}
