/**
 * The reader's own lists on the archives, as the pages they see while logged in show them: AO3's
 * bookmarks, Marked for Later and History (otwarchive's bookmarks/index and readings/index, 20
 * blurbs a page, `ol.pagination`), and the favourite stories on an FFN profile (`div.z-list.favstories`,
 * all on one page). Pure: DOM in, entries out; list-import.ts walks the pages and the reading memory
 * keeps what they say.
 */
import { $, $$, cleanText } from '../../core/dom';
import type { PageReport } from '../../core/model';
import { adapterFor } from '../../sites/registry';
import { storyKey } from '../../warnings/policy';

export type ListKind = 'ao3-bookmarks' | 'ao3-later' | 'ao3-history' | 'ffn-favourites';

export const LIST_NAMES: Record<ListKind, string> = {
  'ao3-bookmarks': 'AO3 bookmarks',
  'ao3-later': 'AO3 Marked for Later',
  'ao3-history': 'AO3 History',
  'ffn-favourites': 'FanFiction.net favourites',
};

/** What each list means for a story the memory does not know yet (see importedRecord). */
export type ImportAs = 'read' | 'want';

/** What the pages show of an import. */
export interface ImportView {
  list: ListKind;
  /** "AO3 bookmarks" */
  name: string;
  /** The page it started from. */
  url: string;
  state: 'running' | 'waiting' | 'done' | 'failed' | 'cancelled';
  /** Pages read so far, of `pages`. */
  page: number;
  pages: number;
  /** Stories found on them, and those the memory did not know. */
  found: number;
  added: number;
  /** A sentence for the reader when it waits or fails. */
  message: string | null;
}

/** Lists whose stories the reader has read, or may have: the reader says which (bookmarks may be "to read"). */
export const ASKS_HOW: ReadonlySet<ListKind> = new Set(['ao3-bookmarks', 'ffn-favourites']);

const AO3_HOSTS = /(?:^|\.)archiveofourown\.(?:org|com|net|gay)$|^ao3\.org$/;
const FFN_HOSTS = /(?:^|\.)fanfiction\.net$/;

/** The list a page's address names, before its markup is read: null for any other page. */
export function listKindOf(url: URL): ListKind | null {
  if (AO3_HOSTS.test(url.hostname)) {
    if (/^\/users\/[^/]+\/(?:pseuds\/[^/]+\/)?bookmarks\/?$/.test(url.pathname)) return 'ao3-bookmarks';
    if (/^\/users\/[^/]+\/readings\/?$/.test(url.pathname)) return url.searchParams.get('show') === 'to-read' ? 'ao3-later' : 'ao3-history';
  }
  if (FFN_HOSTS.test(url.hostname) && /^\/u\/\d+(?:\/[^/]*)?\/?$/.test(url.pathname)) return 'ffn-favourites';
  return null;
}

/** One story a list holds, read from its entry. */
export interface ListEntry {
  /** The memory's key for it (storyKey): the same its own page reports. */
  id: string;
  site: string;
  url: string;
  title: string;
  author: string | null;
  /** The chapters the entry says are posted; null when it says none. */
  posted: number | null;
  /** AO3 History: when the reader last opened it (ms), and whether it was marked for later. */
  visitedAt: number | null;
  later: boolean;
}

/** The selector of a list's entries: FFN profiles hold the author's own stories too, which are not favourites. */
const ENTRY: Record<ListKind, string> = {
  'ao3-bookmarks': 'li.bookmark.blurb',
  'ao3-later': 'li.reading.blurb',
  'ao3-history': 'li.reading.blurb',
  'ffn-favourites': 'div.z-list.favstories',
};

/** The stories on one page of a list, in page order; entries that are not a work (a series, a deleted work) are left out. */
export function listEntries(doc: Document, url: URL, kind: ListKind): ListEntry[] {
  const adapter = adapterFor(doc, url);
  const reader = adapter.blurbs;
  if (!reader) return [];
  return $$(doc, ENTRY[kind]).flatMap((el) => {
    const blurb = el.matches(reader.selector) ? reader.read(el, url) : null;
    if (!blurb?.url || !blurb.info.title) return [];
    const at = new URL(blurb.url);
    // An external-work bookmark (AO3 /external_works/N) names a story off the archive: nothing there for the memory to mark.
    if (at.hostname !== url.hostname || at.pathname.startsWith('/external_works/')) return [];
    const report: Pick<PageReport, 'url' | 'site' | 'title' | 'author'> = { url: at.href, site: adapter.id, ...blurb.info };
    const visited = kind === 'ao3-history' || kind === 'ao3-later' ? visitOf(el) : { visitedAt: null, later: false };
    return [
      {
        id: storyKey(report),
        site: adapter.id,
        url: at.href,
        title: blurb.info.title,
        author: blurb.info.author,
        posted: blurb.posted ?? null,
        ...visited,
        later: kind === 'ao3-later' || visited.later,
      },
    ];
  });
}

/** AO3 History's "Last visited: 03 Dec 2026 (Update available.) Visited 3 times (Marked for Later.)" line. */
function visitOf(el: Element): { visitedAt: number | null; later: boolean } {
  const line = cleanText($(el, 'h4.viewed'));
  const date = line.match(/Last visited:\s*(\d{1,2} [A-Z][a-z]{2} \d{4})/)?.[1];
  const at = date ? Date.parse(`${date} UTC`) : NaN;
  return { visitedAt: Number.isNaN(at) ? null : at, later: /\(Marked for Later\.\)/.test(line) };
}

/** A list holds at most this many pages for Slipcase to walk: 20,000 works on AO3. */
export const MAX_PAGES = 1000;

/**
 * Every page of the list, the one the reader is on first, from its pagination: the same address
 * with `page=k`. Only pages of the same list on the same archive: a link elsewhere is never taken.
 */
export function listPages(doc: Document, url: URL): string[] {
  const current = Number(url.searchParams.get('page') ?? '1') || 1;
  const last = Math.min(
    MAX_PAGES,
    $$(doc, 'ol.pagination a[href]').reduce((most, a) => {
      const to = new URL(a.getAttribute('href') ?? '', url);
      const n = Number(to.searchParams.get('page'));
      return to.origin === url.origin && to.pathname === url.pathname && Number.isInteger(n) ? Math.max(most, n) : most;
    }, current),
  );
  const pages = [url.href];
  for (let n = 1; n <= last; n++) {
    if (n === current) continue;
    const page = new URL(url.href);
    page.searchParams.set('page', String(n));
    page.hash = '';
    pages.push(page.href);
  }
  return pages;
}
