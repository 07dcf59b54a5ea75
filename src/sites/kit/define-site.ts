/**
 * A site as a declaration: where it lives, where its story text sits, how it reads a page. The
 * registry and the rest of the code see the `SiteAdapter` this builds; a site writes code only
 * for what is truly its own.
 */
import type { BlurbReader, Extraction, SiteAdapter, SitePages } from '../types';
import type { PageInfo } from '../../core/model';
import { $, hostIs } from '../../core/dom';

/** What the rating gate reads a site's pages with (SitePages): see `definePages`. */
export interface PagesDeclaration {
  id: string;
  name: string;
  /**
   * Domains the site serves, with every subdomain: they give the host match patterns and, unless
   * `claims` says otherwise, the claim (an exact host or a dot-suffix, never a substring).
   */
  domains?: string[];
  /** Match patterns, where `domains` does not describe them (named subdomains only). */
  hosts?: string[];
  claims?: SitePages['claims'];
  /** A software family: see SiteAdapter.family. */
  family?: boolean;
  /** Domains that are another address of one archive: see SiteAdapter.aliases. */
  aliases?: SitePages['aliases'];
  /**
   * The elements that hold the story text, in order of preference: the early cover hides them all
   * before the first paint, and the first one found is the story body unless `extract` is given.
   */
  storyBody: string[];
  /** Site chrome inside the body (see Extraction.unwrap), for the body `storyBody` finds. */
  unwrap?: string[];
  read(doc: Document, url: URL): PageInfo;
  /** Only where the story is more than one element or carries notes. */
  extract?(doc: Document, url: URL): Extraction | null;
  blurbs?: BlurbReader;
}

/** The rest of a site (see SiteAdapter): what only the reader and the library use. */
export type ReaderDeclaration = Omit<SiteAdapter, keyof SitePages>;

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

/** A site's pages, as its always-on content script imports them (`<id>Pages` beside `<id>`). */
/* #__NO_SIDE_EFFECTS__ */
export function definePages(d: PagesDeclaration): SitePages {
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

/**
 * The whole site: its pages and the reader's part. Marked free of side effects for the bundler:
 * a content script that imports only `<id>Pages` then leaves out the reader's part and its modules.
 */
/* #__NO_SIDE_EFFECTS__ */
export function defineSite(pages: SitePages, reader: ReaderDeclaration): SiteAdapter {
  return { ...pages, ...reader };
}
