/**
 * A page of many matches: every page, in both directions, is the hand-sorted order's slice, and a
 * first page of a common score is found without walking the whole sort index.
 */
import { describe, expect, it } from 'vitest';
import { FEW, pageOfMatches, type PageSource, type PageSpec } from '../search/page-order';
import type { StoryRecord } from '../types';
import { seeded } from './library-fixtures';

const rand = seeded(7);
/** 2,000 stories with distinct update times; the sort index is by update, newest first. */
const library = Array.from({ length: 2000 }, (_, i) => ({
  id: `s${String(i).padStart(4, '0')}`,
  updatedAt: Math.floor(rand() * 1e9) * 2000 + i,
}));
const byUpdate = [...library].sort((a, b) => b.updatedAt - a.updatedAt);
const records = new Map(library.map((s) => [s.id, s as unknown as StoryRecord]));

/** Scores held by few and by many: 10, 40, 300 and 450 stories, then 700 and 500 + 1. */
const SIZES = [10, 40, 300, 450, 700, FEW + 1];
const shuffled = [...library].sort(() => rand() - 0.5);
const scores = new Map<string, number>();
let at = 0;
SIZES.forEach((size, i) => shuffled.slice(at, (at += size)).forEach((s) => scores.set(s.id, [3, 9, 1, 7, 5, 2][i]!)));

interface Step {
  primaryKey: string;
  continue(): Promise<Step | null>;
}

/** The sort index over the library, in `direction`, counting the steps taken. */
function source(reverse: boolean) {
  const order = reverse ? [...byUpdate].reverse() : byUpdate;
  const taken = { steps: 0 };
  const cursor = (i: number): Promise<Step | null> => {
    taken.steps++;
    return Promise.resolve(i < order.length ? { primaryKey: order[i]!.id, continue: () => cursor(i + 1) } : null);
  };
  const s: PageSource = {
    walk: () => cursor(0),
    records: async (ids) => ids.flatMap((id) => records.get(id) ?? []),
    inOrder: (rs) => rs.sort((a, b) => (reverse ? a.updatedAt - b.updatedAt : b.updatedAt - a.updatedAt)),
  };
  return { source: s, taken };
}

/** The whole order by hand: score (higher first), then the latest update; all reversed when asked. */
function byHand(ids: Set<string>, withScores: boolean, reverse: boolean): string[] {
  const order = byUpdate.filter((s) => ids.has(s.id));
  if (withScores) order.sort((a, b) => scores.get(b.id)! - scores.get(a.id)!);
  const out = order.map((s) => s.id);
  return reverse ? out.reverse() : out;
}

describe('pageOfMatches', () => {
  const matched = new Set(scores.keys());
  it.each([
    ['by score', true, false],
    ['by score, reversed', true, true],
    ['by the index alone', false, false],
    ['by the index alone, reversed', false, true],
  ])('gives every page of the hand-sorted order: %s', async (_name, withScores, reverse) => {
    const whole = byHand(matched, withScores, reverse);
    const pages: string[] = [];
    for (let from = 0; from < whole.length + 50; from += 50) {
      const spec: PageSpec = { ids: matched, scores: withScores ? scores : null, lowFirst: reverse, from, to: from + 50, library: 2000 };
      pages.push(...(await pageOfMatches(spec, source(reverse).source)).map((s) => s.id));
    }
    expect(pages).toEqual(whole);
  });

  it('reads the records of a score held by too few for a walk to pay', async () => {
    const few = new Set(byUpdate.filter((_, i) => i % 50 === 0).map((s) => s.id));
    const { source: s, taken } = source(false);
    const page = await pageOfMatches({ ids: few, scores: null, lowFirst: false, from: 0, to: 50, library: 2000 }, s);
    expect(page.map((r) => r.id)).toEqual([...few].slice(0, 50));
    expect(taken.steps).toBe(0);
  });

  it('walks for a score held by a few hundred, and stops at the page', async () => {
    // Every fifth story of the index: the 50th lies at place 245, an eighth of the way in.
    const some = new Set(byUpdate.filter((_, i) => i % 5 === 0).map((s) => s.id));
    const { source: s, taken } = source(false);
    const page = await pageOfMatches({ ids: some, scores: null, lowFirst: false, from: 0, to: 50, library: 2000 }, s);
    expect(page.map((r) => r.id)).toEqual([...some].slice(0, 50));
    expect(taken.steps).toBeGreaterThanOrEqual(246);
    expect(taken.steps).toBeLessThanOrEqual(250);
  });

  it('finds the first page of a common score in a short walk', async () => {
    // Every story matches with one score: the first 50 of the index are the page.
    const all = new Set(library.map((s) => s.id));
    const { source: s, taken } = source(false);
    const page = await pageOfMatches({ ids: all, scores: null, lowFirst: false, from: 0, to: 50, library: 2000 }, s);
    expect(page.map((r) => r.id)).toEqual(byUpdate.slice(0, 50).map((r) => r.id));
    expect(taken.steps).toBeLessThanOrEqual(51);
  });
});
