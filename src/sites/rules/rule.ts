/**
 * A reader's own rule for a site the generic adapter misreads (issue #12): where the story text,
 * the title, the next-chapter link and the rating sit on that site's pages, as CSS selectors.
 * Rules come from storage.sync, backups and other devices, all untrusted, so everything read is
 * checked here and whatever does not pass is dropped. Pure: no extension APIs.
 */

export interface SiteRule {
  /** A plain hostname, matched exactly ("fics.example.org"). */
  host: string;
  /** A path prefix the rule is limited to; '/' (every page of the host) when absent. */
  path?: string;
  /** The elements that hold the story text. */
  content: string;
  title?: string;
  next?: string;
  rating?: string;
}

export type RuleField = 'host' | 'path' | 'content' | 'title' | 'next' | 'rating';

/** One thing wrong with a rule, said for the reader, with the field it is about. */
export interface RuleProblem {
  field: RuleField;
  message: string;
}

export const MAX_RULES = 100;
export const MAX_SELECTOR = 300;
const MAX_PATH = 200;
const SELECTOR_FIELDS = ['content', 'title', 'next', 'rating'] as const;

const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;
const PATH = /^\/[^\s?#]*$/;

/** The key two rules share when one should replace the other: same host and path. */
export const ruleKey = (rule: SiteRule): string => `${rule.host}${rule.path ?? '/'}`;

/**
 * Does the selector parse? Checked with the browser's own parser on `doc`; without a document
 * (a worker) it cannot be checked here, and the adapter's queries guard themselves instead.
 */
function parses(selector: string, doc: Document | undefined): boolean {
  if (!doc) return true;
  try {
    doc.querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

function selectorProblem(field: RuleField, value: string | undefined, doc: Document | undefined, required: boolean): RuleProblem | null {
  if (value === undefined || value.trim() === '') return required ? { field, message: 'Enter a CSS selector, such as .story-text' } : null;
  if (value.length > MAX_SELECTOR) return { field, message: `Keep the selector under ${MAX_SELECTOR} characters` };
  if (!parses(value, doc)) return { field, message: 'This is not a CSS selector the browser understands' };
  return null;
}

/** What is wrong with a rule, field by field; empty when it can be stored. */
export function validateRule(rule: SiteRule, doc: Document | undefined = globalThis.document): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (!HOST.test(rule.host)) problems.push({ field: 'host', message: 'Enter the site’s host name only, such as fics.example.org' });
  const path = rule.path ?? '/';
  if (path.length > MAX_PATH || !PATH.test(path))
    problems.push({ field: 'path', message: 'Enter a path starting with /, such as /stories/' });
  for (const field of SELECTOR_FIELDS) {
    const p = selectorProblem(field, rule[field], doc, field === 'content');
    if (p) problems.push(p);
  }
  return problems;
}

const optional = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** One stored entry as a rule, when it has the right shape; its values are not judged yet. */
function ruleShape(raw: unknown): SiteRule | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.host !== 'string' || typeof r.content !== 'string') return null;
  const fields = { path: r.path, title: r.title, next: r.next, rating: r.rating };
  if (Object.values(fields).some((v) => v !== undefined && typeof v !== 'string')) return null;
  const rule: SiteRule = { host: r.host.trim().toLowerCase(), path: optional(r.path) ?? '/', content: r.content.trim() };
  for (const key of ['title', 'next', 'rating'] as const) {
    const v = optional(r[key]);
    if (v !== undefined) rule[key] = v;
  }
  return rule;
}

/**
 * The rules as they may be used: well-formed and valid entries only, one per host and path (the
 * later one wins, as an edit does), at most MAX_RULES.
 */
export function normalizeRules(raw: unknown, doc: Document | undefined = globalThis.document): SiteRule[] {
  if (!Array.isArray(raw)) return [];
  const byKey = new Map<string, SiteRule>();
  for (const entry of raw.slice(0, MAX_RULES * 2)) {
    const rule = ruleShape(entry);
    if (!rule || validateRule(rule, doc).length) continue;
    byKey.delete(ruleKey(rule));
    byKey.set(ruleKey(rule), rule);
  }
  return [...byKey.values()].slice(-MAX_RULES);
}

/** `incoming` over `rules`: a rule for the same host and path replaces the one there. */
export function mergeRules(rules: SiteRule[], incoming: SiteRule[]): SiteRule[] {
  const keys = new Set(incoming.map(ruleKey));
  return [...rules.filter((r) => !keys.has(ruleKey(r))), ...incoming];
}
