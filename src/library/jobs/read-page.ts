/**
 * A page the save runner reads: parsed once into an inert copy (see parseInert), the story text
 * the page loads after it shows filled in where its script would put it (SiteAdapter.lateText),
 * then copied as the library keeps it (page-copy.ts). A page too large or too slow to read fails
 * the job, saying so.
 */
import type { JobScope } from '../types';
import { copyPage, type PageCopy } from './page-copy';
import { JobFailure, hostOf, nothingDone } from './job-words';
import { ExtractionError, parseInert } from '../../reader/extract';
import { decodeHtml } from '../../core/decode-html';
import { adapterFor } from '../../sites/registry';

type Win = Window & typeof globalThis;

/** What the runner's fetch answers, as far as reading a page goes. */
export interface Reply {
  status: number;
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** `read`, with a page too large or too slow to read turned into the job's failure. */
function readable<T>(url: string, scope: JobScope, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof ExtractionError)) throw e;
    throw new JobFailure(`${e.message.replace(/\.$/, '')} (${url}), ${nothingDone(scope)}`);
  }
}

export function parsePage(win: Win, html: string, url: string, scope: JobScope): Document {
  return readable(url, scope, () => parseInert(win, html, url));
}

/** The page as the library keeps it, and the inert document it was read from, for the plan and the adult gate. */
export function copyOf(doc: Document, url: string, scope: JobScope): { page: PageCopy; doc: Document } {
  return { page: readable(url, scope, () => copyPage(doc, url)), doc };
}

export function readPage(win: Win, html: string, url: string, scope: JobScope): { page: PageCopy; doc: Document } {
  return copyOf(parsePage(win, html, url, scope), url, scope);
}

/**
 * The text `doc` waits for, fetched with `get` and put in its slot; nothing when it waits for none.
 * A browser tab runs the page's script for it; the runner does not run pages, so it asks the site
 * itself. The reply is read inert too. Throws when the site does not give it, so the page is retried.
 */
export async function fillLateText(win: Win, doc: Document, url: string, get: (url: string) => Promise<Reply>): Promise<void> {
  const u = new URL(url);
  const late = adapterFor(doc, u).lateText?.(doc, u);
  if (!late) return;
  const reply = await get(late.url);
  if (reply.status >= 400) throw new Error(`${hostOf(late.url)} answered ${reply.status} for ${late.url}`);
  const part = parseInert(win, decodeHtml(await reply.arrayBuffer(), reply.headers.get('content-type')), late.url);
  late.into.replaceChildren(...Array.from(part.body.childNodes, (n) => doc.importNode(n, true)));
}
