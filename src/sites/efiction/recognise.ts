/** Which pages are eFiction's: the archives known to run it, its URL shapes and its markup. */
import { $, cleanText } from '../../core/dom';
import { phpScript } from '../kit/php-archive';

/** Archives known to run eFiction (FanFicFare's eFiction-based adapters), with their folder. */
export const ARCHIVES: readonly { host: string; path: string }[] = [
  { host: 'spikeluver.com', path: '/SpuffyRealm/' },
  { host: 'www.sunnydaleafterdark.com', path: '/' },
  { host: 'dark-solace.org', path: '/elysian/' },
  { host: 'ninelivesarchive.com', path: '/' },
  { host: 'ncisfiction.com', path: '/' },
  { host: 'tgstorytime.com', path: '/' },
  { host: 'www.giantessworld.net', path: '/' },
  { host: 'www.libraryofmoria.com', path: '/a/' },
  { host: 'www.thedelphicexpanse.com', path: '/archive/' },
  { host: 'mtt.just-once.net', path: '/fanfiction/' },
  { host: 'www.mugglenetfanfiction.com', path: '/' },
  // MuggleNet's archive before it moved to its own domain; old links and saved pages point here.
  { host: 'fanfiction.mugglenet.com', path: '/' },
  { host: 'whofic.com', path: '/' },
  { host: 'potionsandsnitches.org', path: '/fanfiction/' },
];

/** An archive's host and, for a bare domain, its www. twin. */
export function archiveHosts(host: string): string[] {
  return host.split('.').length === 2 ? [host, 'www.' + host] : [host];
}

export function knownArchive(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  const path = url.pathname.toLowerCase();
  return ARCHIVES.some((a) => archiveHosts(a.host).includes(host) && path.startsWith(a.path.toLowerCase()));
}

function poweredByEfiction(doc: Document): boolean {
  return !!$(doc, 'a[href*="efiction.org"]') || /Powered by\s+eFiction/i.test(cleanText(doc.body));
}

/**
 * The software's markup without help from the URL: the story title line (div#pagetitle linking
 * to viewstory.php) with a part of a story page, or the eFiction footer with a page title or
 * story blocks.
 */
export function efictionMarkup(doc: Document): boolean {
  if ($(doc, '#pagetitle a[href*="viewstory.php"]') && $(doc, '#story, div.jumpmenu, div.infobox, span.label')) return true;
  return poweredByEfiction(doc) && !!$(doc, '#pagetitle, div.listbox');
}

/** eFiction's URL shape (story, printable view, browse page) backed by any of its markup. */
export function efictionUrl(doc: Document, url: URL): boolean {
  const s = phpScript(url);
  const shaped = (s === 'viewstory.php' && url.searchParams.has('sid')) || s === 'browse.php';
  return shaped && (!!$(doc, '#pagetitle, div.listbox, div.errortext') || poweredByEfiction(doc));
}
