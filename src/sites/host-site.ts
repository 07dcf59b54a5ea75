/**
 * The hand-over between a host site's reader script (`reader-site-<id>.js`) and the reader's
 * script injected after it (./reader-sites.ts): a global of the extension's isolated world, which
 * every content script of the frame shares and page script cannot reach. A symbol: no element of
 * the page can stand in for it as a named property of the window. Imports no site, so a site's
 * script holds that site alone.
 */
import type { SiteAdapter } from './types';

/** A host site's reader script, by id: a file at the build's root. */
export const readerSiteScript = (id: string): string => `reader-site-${id}`;

const HOST_SITE = Symbol.for('slipcase.readerHostSite');
type Shared = Record<symbol, SiteAdapter | undefined>;

export function offerHostSite(site: SiteAdapter): void {
  (globalThis as unknown as Shared)[HOST_SITE] = site;
}

/** The site a host site's script offered in this frame, if one ran. */
export function offeredHostSite(): SiteAdapter | null {
  return (globalThis as unknown as Shared)[HOST_SITE] ?? null;
}
