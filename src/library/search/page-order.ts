/**
 * A page of a search's matches in order: by score (relevance) where there is one, then as the sort
 * index has them. Each score's stories are taken only as far as the page reaches, in whichever of
 * two ways costs fewer steps. Their records can be read and sorted by hand: a read each. Or the
 * sort index can be walked from its start with a key cursor, which stops once it has the page:
 * a common word or a big fandom (a large part of the library) needs a few hundred steps, a score
 * that few stories hold may need the whole index. Reading the whole index's keys at once instead
 * cost ~270 ms at 10,000 stories in Chromium (27 µs an entry, as Chromium checks each entry
 * against its record), whatever the page.
 */
import type { StoryRecord } from '../types';

/** Up to this many stories of one fandom are read in one request, not found by the walk (query.ts). */
export const FEW = 500;

/**
 * What a record read costs in key cursor steps: in Chromium at 3,000 stories a step took 15-25 µs
 * (a walk of the whole index, 45-80 ms), a read among a few hundred at once 0.12-0.3 ms.
 */
const STEPS_PER_READ = 8;

/**
 * Whether the first `wanted` of `size` stories are found sooner by walking the sort index of
 * `library` stories than by reading all their records. Spread evenly through the index, the walk
 * reaches the wanted-th of them after about library × wanted / (size + 1) steps.
 */
const walks = (size: number, wanted: number, library: number) => (library * wanted) / (size + 1) < size * STEPS_PER_READ;

/** What the page needs of the search: its matches, their order, and where the page lies in it. */
export interface PageSpec {
  ids: ReadonlySet<string>;
  /** Each match's score, higher first; null where the order is the sort index's alone. */
  scores: ReadonlyMap<string, number> | null;
  /** Lower scores first: a reversed relevance order. */
  lowFirst: boolean;
  from: number;
  to: number;
  /** How many stories the sort index holds. */
  library: number;
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
  const walking = reached.map(([ids, wanted]) => walks(ids.length, wanted, spec.library));
  const many = reached.filter((_, g) => walking[g]);
  const [found, sorted] = await Promise.all([
    walked(source, many),
    Promise.all(reached.map(async ([ids], g) => (walking[g] ? null : source.inOrder(await source.records(ids))))),
  ]);
  const order = reached.flatMap((group, g): (StoryRecord | string)[] => sorted[g] ?? found[many.indexOf(group)]!);
  const page = order.slice(spec.from, spec.to);
  const fetched = await source.records(page.filter((s): s is string => typeof s === 'string'));
  const byId = new Map(fetched.map((s) => [s.id, s]));
  return page.flatMap((s) => (typeof s === 'string' ? (byId.get(s) ?? []) : [s]));
}
