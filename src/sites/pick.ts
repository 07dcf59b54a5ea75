/**
 * Which adapter reads a page, among a list of sites: the reader's own site rules first (they beat
 * the built-in guesses, src/sites/rules/), then the sites in the list's order, then the generic
 * reader. The registry (./registry.ts) asks every site; the reader's content script asks the
 * few it carries (./reader-sites.ts).
 */
import type { SiteAdapter } from './types';
import { generic } from './generic/generic';
import { ruleAdapters } from './rules/active';

export type SitePick = (doc: Document, url: URL) => SiteAdapter;

export function pickAmong(sites: readonly SiteAdapter[]): SitePick {
  return (doc, url) => ruleAdapters().find((r) => r.claims(doc, url)) ?? sites.find((s) => s.claims(doc, url)) ?? generic;
}
