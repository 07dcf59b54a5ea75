/**
 * The built-in site definitions as the `inspect --sites` contract lists them: one entry per
 * archive, where a software family counts each host it lists as an archive of its own.
 */
import type { SiteAdapter } from './types';
import { SITES } from './registry';
import { patternMatches } from './kit/match-pattern';

export interface SiteEntry {
  id: string;
  name: string;
  hosts: string[];
  /** The family adapter's id for an archive running a software family; null for a site of its own. */
  family: string | null;
  /** Pages of this archive the tests hold with expected output. */
  pages: number;
}

/** A page with expected output: its address and the adapter its ground truth names. */
export interface KnownPage {
  url: string;
  site: string;
}

/**
 * The archive a host pattern belongs to: the archive an alias domain names, else its last two
 * labels ("forums.spacebattles.com" → "spacebattles.com").
 */
function archiveOf(pattern: string, aliases: SiteAdapter['aliases'] = {}): string {
  const host = pattern
    .replace(/^[^:]*:\/\//, '')
    .replace(/\/.*$/, '')
    .replace(/^\*\./, '');
  return aliases[host] ?? host.split('.').slice(-2).join('.');
}

function familyEntries(site: SiteAdapter, pages: KnownPage[]): SiteEntry[] {
  const byArchive = new Map<string, string[]>();
  for (const h of site.hosts) {
    const archive = archiveOf(h, site.aliases);
    byArchive.set(archive, [...(byArchive.get(archive) ?? []), h]);
  }
  return [...byArchive].map(([archive, hosts]) => ({
    id: archive,
    name: archive,
    hosts,
    family: site.id,
    pages: pages.filter((p) => p.site === site.id && hosts.some((h) => patternMatches(h, new URL(p.url)))).length,
  }));
}

/**
 * Every archive the adapters know, in registry order. The generic adapter is no archive: it lists
 * no hosts and reads any page on a click.
 */
export function siteCatalogue(pages: KnownPage[]): SiteEntry[] {
  return SITES.filter((s) => s.hosts.length > 0).flatMap((site) =>
    site.family
      ? familyEntries(site, pages)
      : [{ id: site.id, name: site.name, hosts: site.hosts, family: null, pages: pages.filter((p) => p.site === site.id).length }],
  );
}
