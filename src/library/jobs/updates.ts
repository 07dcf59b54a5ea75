/**
 * Update checks: for a saved work still in progress, fetch one of its pages, compare the chapters
 * the site lists with the saved ones, and fetch only those the library lacks. Pure but for
 * choosing the stories; the runner (runner.ts) does the fetching and saving.
 */
import { readableStory } from '../db/repair';
import type { LibraryDb } from '../db/db';
import { rootSlot, storyJobPlan, type HeldPage, type JobPlan } from './jobs';
import { pageKey, sameChapter } from './merge-chapters';
import { savedMatches } from './chapter-identity';
import type { Plan } from './fetch-plan';
import type { ChapterCopy, StoryRecord } from '../types';

/**
 * The stories to check: these (those still saved), or every saved work in progress. A story whose
 * text is in the sync folder is left to the devices that keep its text: an update compares texts.
 */
export async function storiesToCheck(db: LibraryDb, ids: readonly string[] | null): Promise<StoryRecord[]> {
  const stories = ids ? await Promise.all(ids.map((id) => db.get('stories', id))) : await db.getAllFromIndex('stories', 'status', 'wip');
  return stories.filter((s): s is StoryRecord => s !== undefined && !s.textIn).map(readableStory);
}

/**
 * What an update check fetches after the work's page (`root`), given the site's plan from it and
 * the saved chapters (numbered, see merge.ts#savedCopy):
 * - a page that holds the whole work: nothing more;
 * - a whole-work view: fetched only when the page lists a chapter the library lacks (or no count);
 * - a chapter list: only the chapters the library lacks, known by address or title
 *   (chapter-identity.ts): where neither tells chapters apart, every chapter, to know them by text;
 * - next links: from the last saved chapter on (the page itself when it is that chapter);
 * - runs (a forum's threadmark categories): all of them again.
 */
export function updatePlan(plan: Plan, root: HeldPage, saved: readonly ChapterCopy[]): JobPlan {
  switch (plan.kind) {
    case 'complete':
      return plan;
    case 'whole': {
      const site = root.nav.chapters;
      // The site's list tells which chapters the library holds, by address or title: the whole
      // view is fetched when one is new (or unknown), or when the list is gone and the count grew.
      if (site.length) return savedMatches(site, saved).some((i) => i < 0) ? plan : { kind: 'complete' };
      const count = root.report.chapter?.count ?? 0;
      const held = new Set(saved.map((c) => c.number));
      const all = count > 0 && Array.from({ length: count }, (_, i) => i + 1).every((n) => held.has(n));
      return all ? { kind: 'complete' } : plan;
    }
    case 'chapters': {
      const slot = rootSlot(plan.urls, root);
      const titles = new Map(root.nav.chapters.map((c) => [pageKey(c.url), c.title]));
      const known = savedMatches(
        plan.urls.map((url) => ({ url, title: titles.get(pageKey(url)) ?? null })),
        saved,
      );
      const wanted = plan.urls.map((_, i) => i).filter((i) => i !== slot && known[i]! < 0);
      return { kind: 'chapters', urls: plan.urls, wanted, rootSlot: slot };
    }
    case 'runs':
      // Forums number no chapters and may insert one anywhere: walk every run again; the save keeps only what is new.
      return storyJobPlan(plan, root);
    case 'walk': {
      // The walk goes on from the last chapter the archive still lists.
      const last = saved.filter((c) => c.removedAt == null).at(-1);
      const rootIsLast = !last || pageKey(root.url) === pageKey(last.url) || root.chapters.some((c) => sameChapter(c, last));
      return rootIsLast ? storyJobPlan(plan, root) : { kind: 'walk', next: last.url, steps: 0, seen: [pageKey(root.url)] };
    }
  }
}

/**
 * Of the chapters an update adds (`lacking`), those the site has posted since the library last
 * knew the work: numbered past the chapters it knew posted (`known`, StoryMeta.chaptersPosted;
 * else past the highest saved), or unnumbered. The others were posted already and are only filled
 * in ("Save the other chapters" of a partly saved work): not new to the reader.
 */
export function postedSince(known: number | null, saved: readonly ChapterCopy[], lacking: readonly ChapterCopy[]): ChapterCopy[] {
  const last = known ?? Math.max(0, ...saved.map((c) => c.number ?? 0));
  return lacking.filter((c) => c.number == null || c.number > last);
}

/** The fetched chapters the saved story lacks, in the order fetched. */
export function chaptersLacking(saved: readonly ChapterCopy[], fetched: readonly ChapterCopy[]): ChapterCopy[] {
  return fetched.filter((c) => !saved.some((s) => sameChapter(s, c)));
}
