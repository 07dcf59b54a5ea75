import type { PageInfo } from '../model';

/**
 * A site adapter: one file per archive (or archive software family). It declares where it applies
 * and reads a page into the shared model. Pure DOM-in, data-out: no extension APIs, so it runs in
 * the content script, the tests and the `inspect` CLI alike.
 *
 * The registry asks adapters in order; the first whose `claims` accepts the page reads it.
 */
export interface SiteAdapter {
  /** Short id reported as `site`, e.g. "ao3". */
  id: string;
  /** Human name for the popup, e.g. "Archive of Our Own". */
  name: string;
  /**
   * Match patterns (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns)
   * of the hosts this adapter knows. They become host permissions and content-script matches, so
   * the content script runs there without a click. Empty for adapters that only run on click.
   */
  hosts: string[];
  /**
   * Does this adapter own the page? Host adapters check the URL; family adapters (OTW, eFiction,
   * XenForo) also recognise their software's markup on any host.
   */
  claims(doc: Document, url: URL): boolean;
  /** Read the page kind and metadata. Only called after `claims` accepted the page. */
  read(doc: Document, url: URL): PageInfo;
}
