/**
 * The e-reader shelf's names and catalog (issue #19): every saved story as "Author - Title.epub"
 * in `slipcase-shelf/`, and an OPDS 1.2 acquisition catalog of them, newest first, in pages, that
 * KOReader, Calibre and other OPDS readers browse. Plain files even when the sync is encrypted:
 * an e-reader has no passphrase. Titles and names are untrusted: escaped, and stripped of what XML
 * 1.0 and file systems refuse. Pure.
 */
import type { StoryMeta } from '../types';

export const SHELF = 'slipcase-shelf';
/** Entries per catalog page. */
export const PAGE_SIZE = 50;
const FEED_TYPE = 'application/atom+xml;profile=opds-catalog;kind=acquisition';

// eslint-disable-next-line no-control-regex -- control characters are among what file systems refuse
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f<>:"/\\|?*#%]+/g;

/** "Author - Title.epub", safe on any file system and in an address; another story's name gets " (2)". `taken` is updated. */
export function shelfFileName(meta: Pick<StoryMeta, 'title' | 'authors'>, taken: Set<string>): string {
  const clean = (s: string) => s.normalize('NFC').replace(UNSAFE_IN_NAME, ' ').replace(/\s+/g, ' ').trim();
  const author = clean(meta.authors.join(' & ')) || 'Anonymous';
  const title = clean(meta.title) || 'Untitled';
  // A name ends in neither a dot nor a space (Windows drops them), and stays short enough for any file system.
  const base = Array.from(`${author} - ${title}`)
    .slice(0, 120)
    .join('')
    .replace(/[. ]+$/, '');
  let name = `${base}.epub`;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n}).epub`;
  taken.add(name.toLowerCase());
  return name;
}

/** One story on the shelf. */
export interface ShelfEntry {
  id: string;
  file: string;
  title: string;
  authors: string[];
  summary: string | null;
  fandoms: string[];
  /** The site's rating label, or the scale's word. */
  rating: string;
  words: number;
  updatedAt: number;
}

/** Text XML 1.0 can hold (no control characters but tab and newlines, no lone surrogates), escaped. */
export function xmlText(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export const pagePath = (n: number): string => `${SHELF}/${n === 1 ? 'catalog.xml' : `catalog-${n}.xml`}`;
const pageHref = (n: number): string => encodeURIComponent(pagePath(n).slice(SHELF.length + 1));

function entryXml(e: ShelfEntry): string {
  const about = [e.summary, `${e.words.toLocaleString('en')} words · ${e.rating}`].filter(Boolean).join('\n\n');
  return [
    '  <entry>',
    `    <title>${xmlText(e.title)}</title>`,
    ...(e.authors.length ? e.authors : ['Anonymous']).map((a) => `    <author><name>${xmlText(a)}</name></author>`),
    `    <id>urn:slipcase:story:${xmlText(encodeURIComponent(e.id))}</id>`,
    `    <updated>${new Date(e.updatedAt).toISOString()}</updated>`,
    ...e.fandoms.map((f) => `    <category term="${xmlText(f)}" label="${xmlText(f)}"/>`),
    `    <summary type="text">${xmlText(about)}</summary>`,
    `    <link rel="http://opds-spec.org/acquisition" type="application/epub+zip" href="${xmlText(encodeURIComponent(e.file))}"/>`,
    '  </entry>',
  ].join('\n');
}

/** The catalog's pages: newest first (then by title, then id), `pageSize` entries each, linked first to last. */
export function catalogPages(entries: readonly ShelfEntry[], now: Date, pageSize = PAGE_SIZE): { path: string; xml: string }[] {
  const sorted = [...entries].sort((a, b) => b.updatedAt - a.updatedAt || a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1));
  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  const out: { path: string; xml: string }[] = [];
  for (let n = 1; n <= pages; n++) {
    const link = (rel: string, page: number) => `  <link rel="${rel}" href="${pageHref(page)}" type="${FEED_TYPE}"/>`;
    const links = [
      link('self', n),
      link('start', 1),
      link('first', 1),
      link('last', pages),
      ...(n > 1 ? [link('previous', n - 1)] : []),
      ...(n < pages ? [link('next', n + 1)] : []),
    ];
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/terms/" xmlns:opds="http://opds-spec.org/2010/catalog">',
      '  <id>urn:slipcase:shelf</id>',
      `  <title>Slipcase shelf${pages > 1 ? ` (page ${n} of ${pages})` : ''}</title>`,
      `  <updated>${now.toISOString()}</updated>`,
      '  <author><name>Slipcase</name></author>',
      ...links,
      ...sorted.slice((n - 1) * pageSize, n * pageSize).map(entryXml),
      '</feed>',
      '',
    ].join('\n');
    out.push({ path: pagePath(n), xml });
  }
  return out;
}
