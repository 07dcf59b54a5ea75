/**
 * Bringing one of the reader's lists on an archive into the reading memory: the page they have
 * open, then the list's other pages, fetched one at a time through the save jobs' polite clock
 * with the browser's own cookies (the archive shows these lists only to their owner). Slipcase
 * never sees or keeps a password or a cookie. Only the pages of the list the reader asked for are
 * fetched, and each page is remembered as it comes, so stopping half way keeps what was read and
 * importing again adds only what is missing. Pure core: the runner's host passes the database,
 * a window (DOMParser), fetch and the clock.
 */
import type { LibraryDb } from '../db/db';
import { rememberListed } from '../db/memory';
import type { Listed } from '../memory/reading-state';
import { decodeHtml } from '../../core/decode-html';
import { parseInert } from '../../reader/extract';
import { $ } from '../../core/dom';
import { afterFailure, asksToSlowDown, type PoliteClock } from '../jobs/polite-clock';
import type { FetchResponse } from '../jobs/runner';
import {
  LIST_NAMES,
  listEntries,
  listKindOf,
  listPages,
  type ImportAs,
  type ImportView,
  type ListEntry,
  type ListKind,
} from './reading-lists';

export interface ImportDeps {
  db: LibraryDb;
  win: Window & typeof globalThis;
  fetch(url: string, signal: AbortSignal): Promise<FetchResponse>;
  clock: PoliteClock;
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  onChange(view: ImportView): void;
}

/** How the list's stories are remembered (reading-state.ts fromList). */
function listedAs(kind: ListKind, as: ImportAs): (entry: ListEntry) => Listed {
  if (kind === 'ao3-later') return () => 'want';
  if (kind === 'ao3-history') return (e) => (e.later ? 'want' : 'visited');
  return () => as;
}

/** The index each list's pages hold, to tell a page of the list from a login page or an error. */
const LIST_MARKUP: Record<ListKind, string> = {
  'ao3-bookmarks': 'ol.bookmark.index',
  'ao3-later': 'ol.reading.index',
  'ao3-history': 'ol.reading.index',
  'ffn-favourites': '#fs_inside, div.z-list.favstories',
};

class ImportFailure extends Error {}

/** One import at a time; the latest one's view stays to be shown. */
export class ListImport {
  private view: ImportView | null = null;
  private abort: AbortController | null = null;

  constructor(private readonly deps: ImportDeps) {}

  current(): ImportView | null {
    return this.view;
  }

  /** Starts importing the list the reader has open; resolves once its first page is remembered. */
  async start(snapshot: { url: string; html: string }, as: ImportAs): Promise<ImportView> {
    if (this.abort) throw new ImportFailure('An import is running already: wait for it, or stop it first.');
    // Taken before the first await, so a second click cannot start a second import.
    const abort = new AbortController();
    this.abort = abort;
    try {
      const url = new URL(snapshot.url);
      const kind = listKindOf(url);
      const doc = kind && parseInert(this.deps.win, snapshot.html, url.href);
      if (!kind || !doc || !$(doc, LIST_MARKUP[kind])) throw new ImportFailure('This page is not a list Slipcase can import.');
      const listed = listedAs(kind, as);
      const pages = kind === 'ffn-favourites' ? [url.href] : listPages(doc, url);
      const first = listEntries(doc, url, kind);
      const { added } = await rememberListed(this.deps.db, first, listed, this.deps.now());
      const view: ImportView = {
        list: kind,
        name: LIST_NAMES[kind],
        url: url.href,
        state: 'running',
        page: 1,
        pages: pages.length,
        found: first.length,
        added,
        message: null,
      };
      this.show(view);
      void this.walk(pages.slice(1), kind, listed, abort.signal).finally(() => {
        if (this.abort === abort) this.abort = null;
      });
      return view;
    } catch (e) {
      this.abort = null;
      throw e;
    }
  }

  /** Stops the running import; what it read so far stays remembered. */
  stop(): void {
    this.abort?.abort();
  }

  private show(view: ImportView): void {
    this.view = view;
    this.deps.onChange(view);
  }

  private update(change: Partial<ImportView>): void {
    if (this.view) this.show({ ...this.view, ...change });
  }

  private async walk(rest: string[], kind: ListKind, listed: (e: ListEntry) => Listed, signal: AbortSignal): Promise<void> {
    try {
      for (const url of rest) {
        const doc = await this.fetchList(url, kind, signal);
        const entries = listEntries(doc, new URL(url), kind);
        const { added } = await rememberListed(this.deps.db, entries, listed, this.deps.now());
        const v = this.view!;
        this.update({ state: 'running', page: v.page + 1, found: v.found + entries.length, added: v.added + added, message: null });
      }
      this.update({ state: 'done', message: null });
    } catch (e) {
      if (signal.aborted) return this.update({ state: 'cancelled', message: 'Stopped. The stories read so far are remembered.' });
      const message =
        e instanceof ImportFailure ? e.message : `Slipcase could not read the list: ${e instanceof Error ? e.message : String(e)}`;
      this.update({ state: 'failed', message });
    }
  }

  /** One page of the list, through the polite clock, waiting and trying again while the archive asks it to slow down. */
  private async fetchList(url: string, kind: ListKind, signal: AbortSignal): Promise<Document> {
    for (let attempt = 1; ; attempt++) {
      let response: FetchResponse | null = null;
      let error: string | undefined;
      try {
        response = await this.deps.clock.request(signal, () => this.deps.fetch(url, signal));
      } catch (e) {
        if (signal.aborted) throw e;
        error = e instanceof Error ? e.message : String(e);
      }
      if (response && !asksToSlowDown(response.status)) return this.listPage(response, url, kind);
      const status = response?.status ?? null;
      const next = afterFailure({ url, status, retryAfter: response?.headers.get('retry-after') ?? null, error }, attempt, this.deps.now());
      if (!next.retry) throw new ImportFailure(next.message);
      this.update({ state: 'waiting', message: next.message });
      await this.deps.sleep(next.delayMs, signal);
    }
  }

  private async listPage(response: FetchResponse, url: string, kind: ListKind): Promise<Document> {
    const host = new URL(url).host;
    if (response.status >= 400)
      throw new ImportFailure(`${host} answered ${response.status} for ${url}. The stories read so far are remembered.`);
    const at = response.url || url;
    const doc = parseInert(this.deps.win, decodeHtml(await response.arrayBuffer(), response.headers.get('content-type')), at);
    // A login page, or a list that shrank: the archive no longer shows this list to the browser.
    if (new URL(at).pathname !== new URL(url).pathname || !$(doc, LIST_MARKUP[kind]))
      throw new ImportFailure(
        `${host} did not show page ${new URL(url).searchParams.get('page') ?? 1} of the list: log in there and import again. The stories read so far are remembered.`,
      );
    return doc;
  }
}
