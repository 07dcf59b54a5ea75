/**
 * Sites the reader switched Slipcase on for (issue #12): archives no built-in rule covers, where
 * the generic reader then runs on every page as the built-in sites' scripts do (badge, cover
 * before paint, reader, saving). Each is one host, granted as an optional host permission of its
 * own and served by one registered content script. Pure: the shell is ./ext/user-sites.ts.
 */
import { knownHostPatterns } from './registry';
import { patternMatches } from './kit/match-pattern';

/** The registered content script that runs on them (src/entrypoints/user-site.content.ts). */
export const USER_SITE_SCRIPT = '/content-scripts/user-site.js';

const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/** The match pattern that grants and serves one host, http and https. */
export const hostPattern = (host: string): string => `*://${host}/*`;

/** The id of the host's registered script: one a host, so a host comes and goes on its own. */
export const scriptId = (host: string): string => `user-site:${host}`;

/** The host a script id names; null for the extension's other scripts. */
export function hostOfScript(id: string): string | null {
  return id.startsWith('user-site:') ? id.slice('user-site:'.length) : null;
}

/** Is the address on a site a built-in rule already runs on by itself? */
export function builtIn(url: URL): boolean {
  return knownHostPatterns().some((p) => patternMatches(p, url));
}

/**
 * The host the popup may offer to switch Slipcase on for: a web page's, on a named host (not an IP
 * address, not localhost) that no built-in rule covers. Null otherwise.
 */
export function switchableHost(address: string | null): string | null {
  let url: URL;
  try {
    url = new URL(address ?? '');
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase();
  if (!HOST.test(host) || /^[\d.]+$/.test(host) || builtIn(url)) return null;
  return host;
}

/** The stored list as it should be: named hosts, each once, sorted (another version may have written it). */
export function normalizeUserSites(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const hosts = raw.filter((h): h is string => typeof h === 'string').map((h) => h.toLowerCase());
  return [...new Set(hosts.filter((h) => HOST.test(h)))].sort();
}
