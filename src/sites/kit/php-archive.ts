/**
 * Archives written as PHP scripts (eFiction and the early skins of it that SIYE and Ashwinder
 * run): a page is the script its address runs, viewstory.php?sid=N is a story, and a few scripts
 * list stories.
 */
import type { PageInfo } from '../../core/model';
import { emptyInfo } from '../../core/model';

/** The PHP script a URL runs, lower-cased: "viewstory.php". */
export function phpScript(url: URL): string {
  return (url.pathname.split('/').pop() ?? '').toLowerCase();
}

/** Browse, category, search, author, series and top-list pages. */
const LISTINGS = new Set(['browse.php', 'categories.php', 'search.php', 'viewuser.php', 'series.php', 'toplists.php']);

/** A story page (viewstory.php?sid=N) read by `readStory`; a listing script; anything else none. */
export function readPhpPage(doc: Document, url: URL, readStory: (doc: Document, url: URL) => PageInfo): PageInfo {
  const page = phpScript(url);
  if (page === 'viewstory.php' && url.searchParams.has('sid')) return readStory(doc, url);
  return emptyInfo(LISTINGS.has(page) ? 'listing' : 'none');
}
