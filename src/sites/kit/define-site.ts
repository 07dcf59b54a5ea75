/**
 * A site as a declaration: where it lives, where its story text sits, how it reads a page. The
 * registry and the rest of the code see the `SiteAdapter` this builds; a site writes code only
 * for what is truly its own.
 */
import type { BlurbReader, Extraction, SiteAdapter, SplitChapter } from '../types';
import type { ChapterNav, PageInfo } from '../../core/model';
import { $, hostIs } from '../../core/dom';

export interface SiteDeclaration {
  id: string;
  name: string;
  /**
   * Domains the site serves, with every subdomain: they give the host match patterns and, unless
   * `claims` says otherwise, the claim (an exact host or a dot-suffix, never a substring).
   */
  domains?: string[];
  /** Match patterns, where `domains` does not describe them (named subdomains only). */
  hosts?: string[];
  claims?: SiteAdapter['claims'];
  /** A software family: see SiteAdapter.family. */
  family?: boolean;
  /** Domains that are another address of one archive: see SiteAdapter.aliases. */
  aliases?: SiteAdapter['aliases'];
  /**
   * The elements that hold the story text, in order of preference: the early cover hides them all
   * before the first paint, and the first one found is the story body unless `extract` is given.
   */
  storyBody: string[];
  /** Site chrome inside the body (see Extraction.unwrap), for the body `storyBody` finds. */
  unwrap?: string[];
  read(doc: Document, url: URL): PageInfo;
  nav(doc: Document, url: URL): ChapterNav;
  /** Only where the story is more than one element or carries notes. */
  extract?(doc: Document, url: URL): Extraction | null;
  blurbs?: BlurbReader;
  wholeWork?(doc: Document, url: URL): string | null;
  splitChapters?(doc: Document, url: URL): SplitChapter[] | null;
  adultGate?(doc: Document, url: URL): string | null;
  /**
   * The story's language where the site states it apart from the page's own (AO3 says "Language:"
   * under an English interface): the reader and read aloud use it over the page's `lang`.
   */
  language?(doc: Document): string | null;
  lateText?: SiteAdapter['lateText'];
  workRuns?: SiteAdapter['workRuns'];
}

/** `example.org` → its own and its subdomains' match patterns. */
export function domainPatterns(domains: string[]): string[] {
  return domains.flatMap((d) => [`*://${d}/*`, `*://*.${d}/*`]);
}

/** The first story-body selector that matches, as the whole story. */
export function bodyBySelectors(selectors: string[], unwrap?: string[]) {
  return (doc: Document): Extraction | null => {
    for (const selector of selectors) {
      const el = $(doc, selector);
      if (el) return unwrap ? { body: [el], notes: [], unwrap } : { body: [el], notes: [] };
    }
    return null;
  };
}

export function defineSite(d: SiteDeclaration): SiteAdapter {
  const domains = d.domains ?? [];
  const { storyBody, unwrap, domains: _domains, ...rest } = d;
  return {
    ...rest,
    hosts: d.hosts ?? domainPatterns(domains),
    claims: d.claims ?? ((_doc, url) => hostIs(url, ...domains)),
    extract: d.extract ?? bodyBySelectors(storyBody, unwrap),
    cover: storyBody,
  };
}
