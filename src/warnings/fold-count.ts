/**
 * How many entries of a listing the gate folded, and why, for the popup: the content script
 * counts as it folds and sends the count with its page report. Pure.
 */
import type { Decision } from './policy';

export interface FoldCount {
  /** Work entries on the listing. */
  works: number;
  folded: number;
  /** Why, by each folded entry's first reason, most common first. */
  reasons: { label: string; count: number }[];
}

/** A folded entry's first reason in a few words: a rating past the limit is one reason, whichever rating. */
function label(decision: Decision): string {
  const first = decision.reasons[0];
  if (!first) return 'other';
  if (first.kind === 'rating') return 'past your rating limit';
  return first.kind === 'unrated' ? 'unrated' : first.short;
}

export function countFolds(decisions: readonly Decision[]): FoldCount {
  const folded = decisions.filter((d) => d.gate);
  const counts = new Map<string, number>();
  for (const d of folded) counts.set(label(d), (counts.get(label(d)) ?? 0) + 1);
  const reasons = [...counts].map(([l, count]) => ({ label: l, count })).sort((a, b) => b.count - a.count);
  return { works: decisions.length, folded: folded.length, reasons };
}

/** "3 of 20 works folded: 2 past your rating limit, 1 Major Character Death". */
export function describeFolds({ works, folded, reasons }: FoldCount): string {
  const of = `${folded} of ${works} ${works === 1 ? 'work' : 'works'} folded`;
  return folded === 0 ? of : `${of}: ${reasons.map((r) => `${r.count} ${r.label}`).join(', ')}`;
}
