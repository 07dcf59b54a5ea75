/**
 * Story text a fetched page loads after it shows (SiteAdapter.lateText). A browser tab runs the
 * page's script and gets it; the runner reads pages without running them, so it asks the site
 * for the text itself and puts it where the page's script would. Both documents are DOMParser
 * documents: nothing in them runs or loads, and the reader's extraction sanitises the result.
 */
import { adapterFor } from '../../sites/registry';
import { decodeHtml } from '../../core/decode-html';

/** What the runner's fetch answers, as far as reading the text goes. */
interface Reply {
  status: number;
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * `html` with the text it waits for in place, fetched with `get`; `html` itself when it waits for
 * nothing. Throws when the site does not give the text, so the runner retries the page.
 */
export async function withLateText(
  win: Window & typeof globalThis,
  html: string,
  url: string,
  get: (url: string) => Promise<Reply>,
): Promise<string> {
  const doc = new win.DOMParser().parseFromString(html, 'text/html');
  const u = new URL(url);
  const late = adapterFor(doc, u).lateText?.(doc, u);
  if (!late) return html;
  const reply = await get(late.url);
  if (reply.status >= 400) throw new Error(`${new URL(late.url).host} answered ${reply.status} for ${late.url}`);
  const part = new win.DOMParser().parseFromString(decodeHtml(await reply.arrayBuffer(), reply.headers.get('content-type')), 'text/html');
  late.into.replaceChildren(...Array.from(part.body.childNodes, (n) => doc.importNode(n, true)));
  return `<!DOCTYPE html>${doc.documentElement.outerHTML}`;
}
