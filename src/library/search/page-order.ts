/**
 * A page of a search's matches in order: by score (relevance) where there is one, then as the sort
 * index has them. Each score's stories are taken only as far as the page reaches. A score that
 * few stories hold is read from their records and sorted by hand. One that many hold is found by
 * walking the sort index from its start with a key cursor, which stops once it has the page: a
 * common word or a big fandom (a large part of the library) needs a few hundred steps. Reading
 * the whole index's keys instead cost ~270 ms at 10,000 stories in Chromium (27 µs an entry, as
 * Chromium checks each entry against its record), whatever the page. A walk costs at worst a
 * walk of the whole index: 1.3-1.5 times that read, for a late page of thinly spread matches.
 */
import type { StoryRecord } from '../types';

/** Up to this many stories of one score are sorted from their own records; more, by walking the sort index. */
export const FEW = 500;

/** What the page needs of the search: its matches, their order, and where the page lies in it. */
export interface PageSpec {
  ids: ReadonlySet<string>;
  /** Each match's score, higher first; null where the order is the sort index's alone. */
  scores: ReadonlyMap<string, number> | null;
  /** Lower scores first: a reversed relevance order. */
  lowFirst: boolean;
  from: number;
  to: number;
}

/** The sort index's key cursor, in the order wanted within a score. */
interface KeyCursor {
  readonly primaryKey: string;
  continue(): Promise<KeyCursor | null>;
}

/** How the page's records are had from the search's transaction. */
export interface PageSource {
  /** The sort index's key cursor from its start, in the order wanted within a score. */
  walk(): Promise<KeyCursor | null>;
  /** The records of these stories (one no longer saved gives none). */
  records(ids: readonly string[]): Promise<StoryRecord[]>;
  /** Records sorted, in place, in the order wanted within a score. */
  inOrder(records: StoryRecord[]): StoryRecord[];
}

/** The matches grouped by score, in the order the page takes the scores. */
function byScore(spec: PageSpec): [score: number, ids: string[]][] {
  const groups = new Map<number, string[]>();
  for (const id of spec.ids) {
    const score = spec.scores?.get(id) ?? 0;
    const group = groups.get(score);
    if (group) group.push(id);
    else groups.set(score, [id]);
  }
  return [...groups].sort(([a], [b]) => (spec.lowFirst ? a - b : b - a));
}

/** The first `wanted` of each of these groups' stories in the sort index's order, found in one walk. */
async function walked(source: PageSource, groups: [ids: string[], wanted: number][]): Promise<string[][]> {
  const found = groups.map(() => [] as string[]);
  const groupOf = new Map<string, number>();
  groups.forEach(([ids], g) => ids.forEach((id) => groupOf.set(id, g)));
  let missing = groups.reduce((n, [, wanted]) => n + wanted, 0);
  if (missing === 0) return found;
  for (let cursor = await source.walk(); cursor && missing > 0; cursor = await cursor.continue()) {
    const g = groupOf.get(cursor.primaryKey);
    if (g === undefined || found[g]!.length === groups[g]![1]) continue;
    found[g]!.push(cursor.primaryKey);
    missing--;
  }
  return found;
}

/** The page's stories, in order. */
export async function pageOfMatches(spec: PageSpec, source: PageSource): Promise<StoryRecord[]> {
  // Each score the page reaches, with how many of its stories it needs.
  const reached: [ids: string[], wanted: number][] = [];
  let before = 0;
  for (const [, ids] of byScore(spec)) {
    if (before >= spec.to) break;
    reached.push([ids, Math.min(ids.length, spec.to - before)]);
    before += ids.length;
  }
  const many = reached.filter(([ids]) => ids.length > FEW);
  const [walks, sorted] = await Promise.all([
    walked(source, many),
    Promise.all(reached.map(async ([ids]) => (ids.length > FEW ? null : source.inOrder(await source.records(ids))))),
  ]);
  const order = reached.flatMap((group, g): (StoryRecord | string)[] => sorted[g] ?? walks[many.indexOf(group)]!);
  const page = order.slice(spec.from, spec.to);
  const fetched = await source.records(page.filter((s): s is string => typeof s === 'string'));
  const byId = new Map(fetched.map((s) => [s.id, s]));
  return page.flatMap((s) => (typeof s === 'string' ? (byId.get(s) ?? []) : [s]));
}
