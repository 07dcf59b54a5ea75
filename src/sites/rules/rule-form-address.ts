/**
 * The options page's rule form as an address (options.html#rules?host=…&content=…), which the
 * popup's link and the rule picker open, and the rule it is filled in with. Pure.
 */
import type { SiteRule } from './rule';

/** What an address may fill the form with; the form judges it as it judges what is typed. */
export type RuleDraft = Partial<Pick<SiteRule, 'host' | 'content' | 'title' | 'next' | 'rating'>>;
const KEYS = ['host', 'content', 'title', 'next', 'rating'] as const;
const PREFIX = '#rules?';

/** The options page's rule form for `draft.host`, with whatever else `draft` holds filled in. */
export function ruleFormAddress(draft: RuleDraft): `/options.html${string}` {
  const params = new URLSearchParams();
  for (const key of KEYS) if (draft[key]) params.set(key, draft[key]);
  return `/options.html${PREFIX}${params.toString()}`;
}

/** The rule an address's hash fills the form with; null when it names no rule form. */
export function ruleDraftOf(hash: string): RuleDraft | null {
  if (!hash.startsWith(PREFIX)) return null;
  const params = new URLSearchParams(hash.slice(PREFIX.length));
  const draft: RuleDraft = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value) draft[key] = value;
  }
  return draft;
}
