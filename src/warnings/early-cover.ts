/**
 * The early cover. On the archives Slipcase knows, the manifest puts a style on the page before
 * it is parsed that hides the story text (and the work entries of listings) from the very first
 * paint; once the page is parsed the gate decides and lifts the cover, or keeps it under the
 * interstitial. Pure: which selectors apply to an address, and the style for them.
 */
import type { SitePages } from '../sites/types';

const PATTERN = /^(\*|https?|file|ftp):\/\/(\*|\*\.[^/*]+|[^/*]+)(\/.*)$/;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Does a match pattern ("*://*.example.org/*", "*://example.org/archive/*") match the URL?
 * The rules of https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns:
 * `*` as scheme is http or https, `*.host` is the host and its subdomains, `*` in the path is any run.
 */
export function matchesPattern(pattern: string, url: URL): boolean {
  const m = PATTERN.exec(pattern);
  if (!m) return false;
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  const protocol = url.protocol.slice(0, -1);
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : protocol !== scheme) return false;
  const hostname = url.hostname.toLowerCase();
  if (host.startsWith('*.')) {
    const base = host.slice(2).toLowerCase();
    if (hostname !== base && !hostname.endsWith('.' + base)) return false;
  } else if (host !== '*' && hostname !== host.toLowerCase()) return false;
  const pathRe = new RegExp('^' + path.split('*').map(escape).join('.*') + '$');
  return pathRe.test(url.pathname + url.search);
}

/** What to hide on `url` before it paints: story text and listing entries of every one of `sites` whose hosts match. */
export function coverSelectors(url: URL, sites: readonly SitePages[]): string[] {
  return Array.from(new Set(sites.filter((s) => s.hosts.some((p) => matchesPattern(p, url))).flatMap(siteCover)));
}

/** What to hide on the pages of one site's hosts: its story text and listing entries. */
export function siteCover(site: SitePages): string[] {
  return [...site.cover, ...(site.blurbs ? [site.blurbs.selector] : [])];
}

/**
 * Two ids' worth of specificity on every selector: a later site rule of the usual weight cannot
 * show the text again. The id is one no page uses.
 */
const BOOST = ':not(#slipcase-cover):not(#slipcase-cover)';

/**
 * The style that hides `selectors`: invisible (and so out of the accessibility tree and tab order)
 * with their whole subtree, and transparent, which no descendant can undo. Layout is kept, so a
 * page the gate lets through shows without a jump.
 */
export function coverCss(selectors: readonly string[], scope = ''): string {
  if (selectors.length === 0) return '';
  const own = selectors.map((s) => `${scope}${s}${BOOST}`).join(',\n');
  const inside = selectors.map((s) => `${scope}${s} *${BOOST}`).join(',\n');
  return `${own} {\n  visibility: hidden !important;\n  opacity: 0 !important;\n}\n${inside} {\n  visibility: hidden !important;\n}\n`;
}

/** Set on the root element by a site's script to show what its manifest style covers (ui/live-cover.ts#coverByManifest). */
export const SHOWN_ATTRIBUTE = 'data-slipcase-shown';

/**
 * The cover a site's manifest puts on its hosts' pages (scripts/lib/site-scripts.ts): the browser
 * applies it before anything of the page is parsed, with no script, so the always-on script does
 * not pay for putting in a style (about 2 ms of an AO3 work page's main thread in Chromium). It
 * holds while the root element lacks SHOWN_ATTRIBUTE. Each selector must be a single one: the
 * scope would reach only the first of a list, and the rest would stay covered for good.
 */
export function manifestCoverCss(site: SitePages): string {
  return coverCss(siteCover(site), `:root:not([${SHOWN_ATTRIBUTE}]) `);
}
