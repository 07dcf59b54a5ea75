/**
 * The rules in force in this context (content script, reader, save runner): the shell
 * (src/sites/ext/site-rules.ts) sets them from storage and keeps them current; the registry asks
 * their adapters before any built-in one. None until set, so the `inspect` CLI and the tests
 * read as before.
 */
import type { SiteAdapter } from '../types';
import type { SiteRule } from './rule';
import { ruleAdapter } from './rule-adapter';

let adapters: readonly SiteAdapter[] = [];

/** Puts `rules` (already normalized) in force; a longer path prefix is asked first, as the more precise rule. */
export function useSiteRules(rules: readonly SiteRule[]): void {
  adapters = [...rules].sort((a, b) => (b.path ?? '/').length - (a.path ?? '/').length).map(ruleAdapter);
}

export function ruleAdapters(): readonly SiteAdapter[] {
  return adapters;
}
