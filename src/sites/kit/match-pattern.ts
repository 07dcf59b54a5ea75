/**
 * Extension match patterns (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns),
 * as the adapters' `hosts` list them: checked for form, and matched against an address.
 */

const PATTERN = /^(\*|https?|file|ftp|urn):\/\/(\*|(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*)(\/.*)$/;

export function isMatchPattern(pattern: string): boolean {
  return PATTERN.test(pattern);
}

/** Does the address fall under the pattern? `*` in the scheme is http or https; `*.` is the host or any subdomain. */
export function patternMatches(pattern: string, url: URL): boolean {
  const m = pattern.match(PATTERN);
  if (!m) return false;
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  const protocol = url.protocol.slice(0, -1);
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : protocol !== scheme) return false;
  const hostname = url.hostname.toLowerCase();
  if (host !== '*') {
    const base = host.replace(/^\*\./, '');
    const sub = host.startsWith('*.') && hostname.endsWith('.' + base);
    if (hostname !== base && !sub) return false;
  }
  const glob = new RegExp(
    '^' +
      path
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
  );
  return glob.test(url.pathname + url.search);
}
