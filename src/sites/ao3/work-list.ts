/**
 * The works an otwarchive series page (`/series/<id>`) or a creator's works page
 * (`/users/<name>/works`, `/users/<name>/pseuds/<pseud>/works`) lists, in the page's order, for
 * saving them as one batch. A series page lists `ul.series.work.index > li.work.blurb`, each with
 * "Part <strong>n</strong> of <series>"; a works page `ol.work.index > li.work.blurb`. Both page
 * with `ol.pagination` (20 works a page). Every address is the page's own: only work links on the
 * page's host are kept, and only a next page of the same list is followed.
 */
import { $, $$, cleanText } from '../../core/dom';
import { sameHost, type ListedWork, type WorkList } from '../kit/listed-works';

const SERIES_PATH = /^\/series\/\d+\/?$/;
const AUTHOR_PATH = /^\/users\/[^/]+\/(?:pseuds\/[^/]+\/)?works\/?$/;
const WORK_PATH = /^\/works\/(\d+)\/?$/;

/** The kind of work list at `url`, or null for any other page. */
export function ao3WorkListKind(url: string): WorkList['kind'] | null {
  if (!URL.canParse(url)) return null;
  const { pathname } = new URL(url);
  return SERIES_PATH.test(pathname) ? 'series' : AUTHOR_PATH.test(pathname) ? 'author' : null;
}

/** The works the page at `pageUrl` lists, in order; null when it is no series or works page. */
export function ao3WorkList(doc: Document, pageUrl: string): WorkList | null {
  const kind = ao3WorkListKind(pageUrl);
  if (!kind) return null;
  const page = new URL(pageUrl);
  const blurbs = $$(doc, kind === 'series' ? 'ul.series.work.index > li.work.blurb' : 'ol.work.index > li.work.blurb');
  const seen = new Set<string>();
  const works: ListedWork[] = [];
  for (const blurb of blurbs) {
    const work = listedWork(blurb, page, kind);
    if (work && !seen.has(work.url)) {
      seen.add(work.url);
      works.push(work);
    }
  }
  const title = kind === 'series' ? cleanText($($(doc, '#main') ?? doc, 'h2.heading')) || page.pathname : creatorTitle(page);
  return { kind, title, url: `${page.origin}${page.pathname}`, works, next: nextPage(doc, page) };
}

/** "Works by <pseud>" from the address: the page's heading counts them ("1 - 20 of 35 Works by …"). */
function creatorTitle(page: URL): string {
  const parts = page.pathname.split('/');
  const name = (parts[3] === 'pseuds' ? parts[4] : parts[2]) ?? '';
  try {
    return `Works by ${decodeURIComponent(name)}`;
  } catch {
    return `Works by ${name}`;
  }
}

/** A blurb's work, when its heading links to a work on the page's own host. */
function listedWork(blurb: Element, page: URL, kind: WorkList['kind']): ListedWork | null {
  const link = $(blurb, '.header h4.heading a[href]');
  const url = sameHost(link?.getAttribute('href'), page);
  const id = url && WORK_PATH.exec(url.pathname)?.[1];
  if (!id) return null;
  const part = kind === 'series' ? Number(cleanText($(blurb, ':scope > ul.series > li > strong'))) : NaN;
  return {
    url: `${page.origin}/works/${id}`,
    title: cleanText(link) || `Work ${id}`,
    part: Number.isInteger(part) && part > 0 ? part : null,
  };
}

/** The pagination's next link, when it is the same list on the same host. */
function nextPage(doc: Document, page: URL): string | null {
  const next = sameHost($(doc, 'ol.pagination li.next a[href]')?.getAttribute('href'), page);
  if (!next || next.pathname !== page.pathname || !/^\d+$/.test(next.searchParams.get('page') ?? '')) return null;
  return next.href;
}
