/**
 * The reader's site rules (src/sites/rules/) in storage.sync, and in force wherever pages are
 * read: the content scripts, the reader, the save runner. Each context loads them before it reads
 * a page and follows storage's changes, so a rule added in the options page applies at once.
 * Chrome's offscreen document has no storage API: it asks the background, which tells it of changes.
 */
import { SITE_RULES } from '../../core/storage-keys';
import { storedItem } from '../../core/ext/storage-items';
import { handle, send } from '../../core/ext/messaging';
import { siteRulesFit, SITE_RULES_BUDGET } from '../../core/sync-quota';
import { mergeRules, normalizeRules, type SiteRule } from '../rules/rule';
import { useSiteRules } from '../rules/active';

const stored = storedItem(SITE_RULES);

export async function siteRules(): Promise<SiteRule[]> {
  return normalizeRules(await stored.getValue());
}

export function watchSiteRules(changed: (rules: SiteRule[]) => void): () => void {
  return stored.watch((value) => changed(normalizeRules(value)));
}

/** The hosts whose rules changed (added, edited or removed), after each change. */
export function watchRuleHosts(changed: (hosts: Set<string>) => void): () => void {
  return stored.watch((next, before) => {
    const key = (r: SiteRule) => JSON.stringify(r);
    const [a, b] = [normalizeRules(next), normalizeRules(before)];
    const same = new Set(a.map(key).filter((k) => b.some((r) => key(r) === k)));
    changed(new Set([...a, ...b].filter((r) => !same.has(key(r))).map((r) => r.host)));
  });
}

/** Stores the rules; refuses, with a message for the reader, rules past their share of storage.sync. */
export async function storeSiteRules(rules: SiteRule[]): Promise<void> {
  const next = normalizeRules(rules);
  if (!siteRulesFit(SITE_RULES.key, next))
    throw new Error(
      `Your site rules would take more than ${SITE_RULES_BUDGET / 1024} KB of synced storage: remove a rule or shorten its selectors first.`,
    );
  await stored.setValue(next);
}

/** A backup's rules over the stored ones: one for the same host and path replaces the one here. */
export async function mergeStoredSiteRules(incoming: SiteRule[]): Promise<void> {
  await storeSiteRules(mergeRules(await siteRules(), incoming));
}

/** Unreadable storage (a context shutting down) leaves no rules in force rather than breaking detection. */
async function load(): Promise<void> {
  useSiteRules(await siteRules().catch(() => []));
}

/** Puts the stored rules in force now and whenever they change; resolves once they are in force. */
export function followSiteRules(): Promise<void> {
  watchSiteRules(useSiteRules);
  return load();
}

/** The rules in force for one reading (the reader's content script, injected anew each time). */
export const loadSiteRules = load;

/** Background: answers the offscreen document's question and tells it when the rules change. */
export function serveSiteRules(): void {
  handle({ 'site-rules-get': () => stored.getValue() });
  // No offscreen document may be open to hear it; that is fine.
  stored.watch(() => void send({ type: 'site-rules-changed' }).catch(() => undefined));
}

/** Chrome's offscreen document: the rules from the background, now and after each change. */
export function followSiteRulesFromBackground(): Promise<void> {
  const ask = async () => useSiteRules(normalizeRules(await send({ type: 'site-rules-get' }).catch(() => [])));
  handle({ 'site-rules-changed': () => void ask() });
  return ask();
}
