/**
 * Slipcase's page UI (the interstitial, folds, the reader) lives in closed shadow roots: the
 * page's own script cannot see into them, and neither can a test's page.evaluate. The drivers
 * reach them as Slipcase does, from the extension's isolated world: an extension page injects a
 * function into the tab (scripting.executeScript), and there the browser hands over a closed
 * root (chrome.dom.openOrClosedShadowRoot(el) in Chromium, the el.openOrClosedShadowRoot property in Firefox).
 */
import { until } from '../../lib/wait';

/**
 * Extension pages forbid eval, so the function to inject cannot be rebuilt from its source there:
 * this is the source of a whole expression, evaluated by the automation protocol (which the CSP
 * does not govern), that holds `fn` as written and injects it with `arg` into tab `tabId`.
 * The expression's value is `{ value }` with what `fn` returned, or null when there is no root.
 */
function shadowExpression(tabId: number, host: string, fn: (root: ShadowRoot, arg: never) => unknown, arg: unknown): string {
  return `(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    const [out] = await api.scripting.executeScript({
      target: { tabId: ${JSON.stringify(tabId)} },
      args: [${JSON.stringify(host)}, ${JSON.stringify(arg ?? null)}],
      func: async (hostSelector, arg) => {
        const fn = (${fn.toString()});
        const host = document.querySelector(hostSelector);
        const root = host && (globalThis.chrome?.dom?.openOrClosedShadowRoot?.(host) ?? host.openOrClosedShadowRoot ?? null);
        return root ? { value: await fn(root, arg) } : null;
      },
    });
    // Firefox reports an error thrown in the tab here rather than rejecting.
    if (out?.error) throw new Error(String(out.error.message ?? out.error));
    return out?.result ?? null;
  })()`;
}

/** Runs in the isolated world: the point to click `selector` at, once it is in the window and nothing covers it there. */
function clickPoint(root: ShadowRoot, selector: string): { x: number; y: number } | null {
  const el = root.querySelector(selector);
  if (!el) return null;
  el.scrollIntoView({ block: 'center', inline: 'center' });
  const r = el.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return null;
  const x = r.left + r.width / 2;
  const y = r.top + r.height / 2;
  const hit = root.elementFromPoint(x, y);
  return hit && (hit === el || el.contains(hit)) ? { x, y } : null;
}

/**
 * The same for one of Slipcase's own pages (the offline reader shows the interstitial too): the
 * page is the extension's, so the expression runs in it, where the browser hands over closed roots as well.
 */
function ownPageExpression(host: string, fn: (root: ShadowRoot, arg: never) => unknown, arg: unknown): string {
  return `(async () => {
    const fn = (${fn.toString()});
    const host = document.querySelector(${JSON.stringify(host)});
    const root = host && (globalThis.chrome?.dom?.openOrClosedShadowRoot?.(host) ?? host.openOrClosedShadowRoot ?? null);
    return root ? { value: await fn(root, ${JSON.stringify(arg ?? null)}) } : null;
  })()`;
}

/** What a PageHandle needs to reach closed roots: run an expression in an extension page or in the page itself, click with the mouse. */
export interface ShadowAccess {
  evalInExtension(expression: string): Promise<unknown>;
  evalInPage(expression: string): Promise<unknown>;
  mouseClick(x: number, y: number): Promise<void>;
}

/** The PageHandle's shadow() and clickIn() for the tab `tabId` (null for one of the extension's own pages). */
export function closedShadow(tabId: number | null, access: ShadowAccess) {
  const shadow = async <A, R>(host: string, fn: (root: ShadowRoot, arg: A) => R | Promise<R>, arg: A): Promise<R | null> => {
    const out = (
      tabId === null
        ? await access.evalInPage(ownPageExpression(host, fn as never, arg))
        : await access.evalInExtension(shadowExpression(tabId, host, fn as never, arg))
    ) as { value: R } | null;
    return out ? out.value : null;
  };
  return {
    shadow,
    async clickIn(host: string, selector: string): Promise<void> {
      const at = await until(() => shadow(host, clickPoint, selector), `${selector} in <${host}> to click`);
      await access.mouseClick(at.x, at.y);
    },
  };
}
