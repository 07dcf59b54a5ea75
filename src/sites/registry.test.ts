/**
 * The registry checks itself: every adapter folder is registered, tested and has pages; no adapter
 * claims another's page (the registry's order must not be what keeps them apart); host patterns
 * are valid and listed once, and each site's own content script, generated from its module, reads
 * every page of its hosts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPages } from '../../tests/lib/corpus';
import { adapterFor, hostSiteFor, knownHostPatterns, SITES } from './registry';
import { FAMILIES, readerSites } from './reader-sites';
import { pickAmong } from './pick';
import { claimsMatrix, FALLBACK, rowIsRight } from './tests/claims-matrix';
import { isMatchPattern, patternMatches } from './kit/match-pattern';
import { parseHtml } from '../../scripts/lib/html';
import { siteModule } from '../../scripts/lib/site-scripts';

/** Folders under src/sites that are not adapters. */
const NOT_ADAPTERS = new Set(['kit', 'tests', 'ext', 'ui', 'rules']);
const SITES_DIR = import.meta.dirname;
const folders = readdirSync(SITES_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory() && !NOT_ADAPTERS.has(e.name))
  .map((e) => e.name)
  .sort();
const pages = corpusPages();

describe('every adapter folder', () => {
  it('there are adapter folders to check', () => {
    expect(folders.length).toBeGreaterThan(10);
  });

  it.each(folders)('%s is registered, under its own id', (id) => {
    expect(SITES.map((s) => s.id)).toContain(id);
  });

  it.each(folders)('%s has its own unit tests', (id) => {
    expect(existsSync(join(SITES_DIR, id, `${id}.test.ts`))).toBe(true);
  });

  it.each(folders)('%s has at least two pages with expected output, all its own', (id) => {
    const own = pages.filter((p) => p.folder === id);
    expect(own.length).toBeGreaterThanOrEqual(2);
    expect(own.filter((p) => p.expected.site !== id).map((p) => p.name)).toEqual([]);
  });

  it('every registered adapter has a folder', () => {
    expect(SITES.map((s) => s.id).sort()).toEqual(folders);
  });
});

describe('claims, every adapter on every page', () => {
  const matrix = claimsMatrix();

  // The fallback claims every page by design; it owns a page exactly when no one else claims it.
  it('the fallback is last in the registry and accepts any page', () => {
    expect(SITES[SITES.length - 1]!.id).toBe(FALLBACK);
    const doc = parseHtml('<p>anything</p>', 'https://example.net/');
    expect(SITES.find((s) => s.id === FALLBACK)!.claims(doc, new URL('https://example.net/'))).toBe(true);
  });

  it.each(matrix.map((r) => [r.page, r] as const))('%s is claimed by its own adapter only', (_name, row) => {
    expect({ page: row.page, claimedBy: row.claimedBy }).toEqual({
      page: row.page,
      claimedBy: row.owner === FALLBACK ? [] : [row.owner],
    });
  });

  it('finds no page claimed by an adapter other than its own', () => {
    expect(matrix.filter((r) => !rowIsRight(r)).map((r) => `${r.page}: ${r.claimedBy.join(', ')}`)).toEqual([]);
  });

  it.each(pages.map((p) => [p.name, p] as const))('%s goes to its adapter through the registry', (_name, p) => {
    const doc = parseHtml(readFileSync(p.htmlPath, 'utf8'), p.expected.url);
    expect(adapterFor(doc, new URL(p.expected.url)).id).toBe(p.expected.site);
  });
});

describe('hosts', () => {
  it.each(SITES.map((s) => [s.id, s.hosts] as const))('%s lists valid match patterns', (_id, hosts) => {
    expect(hosts.filter((h) => !isMatchPattern(h))).toEqual([]);
  });

  it('no host pattern is listed twice, in one adapter or across two', () => {
    const all = SITES.flatMap((s) => s.hosts);
    expect(all.filter((h, i) => all.indexOf(h) !== i)).toEqual([]);
    expect(knownHostPatterns().length).toBe(all.length);
  });

  // A family also reads its markup on hosts it does not list; a site of its own lives on its hosts.
  it.each(SITES.filter((s) => !s.family && s.hosts.length).map((s) => [s.id, s] as const))(
    '%s lists the hosts of all its pages, so the content script runs there',
    (id, site) => {
      const off = pages.filter((p) => p.folder === id && !site.hosts.some((h) => patternMatches(h, new URL(p.expected.url))));
      expect(off.map((p) => p.expected.url)).toEqual([]);
    },
  );

  // Each site's own content script reads every page of its hosts with that site alone (scripts/lib/site-scripts.ts).
  it.each(pages.map((p) => [p.name, p] as const))('%s: the script on its host knows the adapter that reads it', (_name, p) => {
    const url = new URL(p.expected.url);
    const owners = SITES.filter((s) => s.hosts.some((h) => patternMatches(h, url))).map((s) => s.id);
    if (owners.length) expect(owners).toEqual([p.expected.site]);
  });

  it.each(SITES.filter((s) => s.hosts.length).map((s) => [s.id, s] as const))(
    '%s is the export of its own module, beside the pages its content script imports',
    async (id, site) => {
      const module = (await import(siteModule(id))) as Record<string, unknown>;
      expect(module[id]).toBe(site);
      // The content script gates with `<id>Pages`: the same definition, less the reader's part.
      const pages = module[`${id}Pages`] as Record<string, unknown>;
      for (const [key, value] of Object.entries(pages)) expect(site[key as keyof typeof site]).toBe(value);
    },
  );

  it('only the fallback runs without hosts', () => {
    expect(SITES.filter((s) => s.hosts.length === 0).map((s) => s.id)).toEqual([FALLBACK]);
  });
});

/**
 * The reader's content script carries the families only; a site with hosts of its own comes in its
 * own script, injected before the reader where hostSiteFor finds it (src/sites/reader-sites.ts).
 */
describe("the reader's sites", () => {
  it('carries every family, in the registry order, and no other site', () => {
    expect(FAMILIES.map((s) => s.id)).toEqual(SITES.filter((s) => s.family).map((s) => s.id));
  });

  it.each(pages.map((p) => [p.name, p] as const))('%s goes to its adapter among the sites the reader has there', (_name, p) => {
    const url = new URL(p.expected.url);
    const doc = parseHtml(readFileSync(p.htmlPath, 'utf8'), p.expected.url);
    expect(pickAmong(readerSites(hostSiteFor(url)))(doc, url).id).toBe(p.expected.site);
  });

  it('finds the host site by its hosts, and none for a family or an unknown host', () => {
    expect(hostSiteFor(new URL('https://www.fanfiction.net/s/1/1/'))?.id).toBe('ffn');
    expect(hostSiteFor(new URL('https://archiveofourown.org/works/1'))).toBeNull();
    expect(hostSiteFor(new URL('https://example.net/story.html'))).toBeNull();
  });
});
