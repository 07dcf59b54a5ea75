/**
 * A reader's rule as a site adapter: the generic adapter reads the page, and whatever the rule
 * names (story text, title, next link, rating) replaces the generic guess. The rule's selectors
 * are the reader's, checked when stored, but the queries still guard themselves: a selector this
 * browser cannot parse finds nothing instead of breaking detection.
 */
import type { ChapterNav, PageInfo } from '../../core/model';
import { cleanText, squash } from '../../core/dom';
import { linkUrl } from '../../reader/extract-dom';
import { generic } from '../generic/generic';
import { filmScale, ratingOn } from '../kit/rating-scale';
import type { Extraction, SiteAdapter } from '../types';
import type { SiteRule } from './rule';

/** The id and name every rule's adapter reports: the popup says the reader's rule read the page. */
export const RULE_SITE = { id: 'rule', name: 'Your site rule' } as const;

function queryAll(doc: Document, selector: string | undefined): Element[] {
  if (!selector) return [];
  try {
    return Array.from(doc.querySelectorAll(selector));
  } catch {
    return [];
  }
}

/** The matches not inside another match: a selector naming both a wrapper and its paragraphs gives the text once. */
function outermost(els: Element[]): Element[] {
  return els.filter((el) => !els.some((other) => other !== el && other.contains(el)));
}

const firstText = (doc: Document, selector: string | undefined): string | null =>
  queryAll(doc, selector)
    .map(cleanText)
    .find((t) => t !== '') ?? null;

export function ruleAdapter(rule: SiteRule): SiteAdapter {
  const path = rule.path ?? '/';
  const content = (doc: Document): Element[] => outermost(queryAll(doc, rule.content)).filter((el) => cleanText(el) !== '');

  function nav(doc: Document, url: URL): ChapterNav {
    const found = generic.nav(doc, url);
    const next = rule.next ? linkUrl(queryAll(doc, rule.next).find((a) => a.hasAttribute('href'))) : null;
    return { ...found, next: next ?? found.next };
  }

  function read(doc: Document, url: URL): PageInfo {
    const info = generic.read(doc, url);
    // Without its story text the page is not what the rule describes: the generic guess stands.
    if (!content(doc).length) return info;
    const links = nav(doc, url);
    const label = firstText(doc, rule.rating);
    return {
      ...info,
      kind: links.next || links.prev ? 'chapter' : 'story',
      title: firstText(doc, rule.title) ?? info.title ?? (squash(doc.title) || null),
      rating: label ? ratingOn(filmScale, label) : info.rating,
    };
  }

  function extract(doc: Document): Extraction | null {
    const body = content(doc);
    return body.length ? { body, notes: [] } : null;
  }

  return {
    ...RULE_SITE,
    // Rules run where Slipcase already runs (the reader's own sites, or on click): no hosts, no cover.
    hosts: [],
    cover: [],
    claims: (_doc, url) => url.hostname.toLowerCase() === rule.host && url.pathname.startsWith(path),
    read,
    extract,
    nav,
  };
}
