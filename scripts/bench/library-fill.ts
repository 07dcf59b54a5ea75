/**
 * The library benchmark's fill (library-page.ts calls it): the stories written as a first save
 * writes them. Apart from the page so that the filled profile's cache key (library.ts) is this
 * module's code: a change to how the library reads leaves the cached profile good, a change to
 * what a save writes does not.
 */
import { write, type LibraryDb } from '../../src/library/db/db';
import { indexStory, storyKeys, termsOf } from '../../src/library/search/search-index';
import { prepareChapter, storyIdOf, storyRecord, versionRecord, type PreparedChapter } from '../../src/library/db/build-records';
import type { StoryCopy } from '../../src/library/types';
import { putVersion } from '../../src/library/db/versions';
import { countStory } from '../../src/library/db/counts';
import type { StoryWorld } from './library-stories';

export interface FillStats {
  stories: number;
  chapters: number;
  words: number;
  /** Characters of stored chapter HTML. */
  html: number;
  /** Search index keys: one per (field, term) pair of a story. */
  indexKeys: number;
  ms: number;
  /** Where the time went: making the stories up, prepareChapter, termsOf, the transaction. */
  generateMs: number;
  prepareMs: number;
  termsMs: number;
  writeMs: number;
}

/** Stats of nothing filled yet, to add to. */
export const noFill = (): FillStats => ({
  stories: 0,
  chapters: 0,
  words: 0,
  html: 0,
  indexKeys: 0,
  ms: 0,
  generateMs: 0,
  prepareMs: 0,
  termsMs: 0,
  writeMs: 0,
});

/**
 * Stores stories [from, to) as saveStory stores a first save: the same record builders and index
 * writer, a transaction per story, without its policy read (nothing is saved yet to compare
 * with). A transaction per story, as one of many stories would pass the 1 MB Chromium's
 * IndexedDB buffers in memory, and then read back every key it writes (search-index.ts).
 */
export async function fillLibrary(
  db: LibraryDb,
  world: StoryWorld,
  from: number,
  to: number,
  win: Window & typeof globalThis,
): Promise<FillStats> {
  const t = performance.now();
  const stats = noFill();
  const prepared: { copy: StoryCopy; chapters: PreparedChapter[]; terms: Map<string, number> }[] = [];
  for (let n = from; n < to; n++) {
    let mark = performance.now();
    const lap = () => -mark + (mark = performance.now());
    const copy = world.story(n);
    stats.generateMs += lap();
    const chapters = copy.chapters.map((c) => prepareChapter(c, win));
    stats.prepareMs += lap();
    const terms = termsOf(copy.meta, chapters);
    stats.termsMs += lap();
    prepared.push({ copy, chapters, terms });
    stats.stories++;
    stats.chapters += chapters.length;
    stats.words += chapters.reduce((a, c) => a + c.words, 0);
    stats.html += chapters.reduce((a, c) => a + c.html.length, 0);
    stats.indexKeys += storyKeys(terms).length;
  }
  const writing = performance.now();
  for (const { copy, chapters, terms } of prepared) {
    await write(db, async (tx) => {
      const at = copy.fetchedAt!;
      const current = versionRecord(
        { storyId: storyIdOf(copy.site, copy.url, copy.meta), version: 1, state: 'current', createdAt: at, url: copy.url, meta: copy.meta },
        chapters,
      );
      await putVersion(tx, current, chapters);
      const record = storyRecord(copy.site, current, { savedAt: at, updatedAt: at, lastReadAt: 0, newChapters: 0 }, null);
      await tx.objectStore('stories').put(record);
      await countStory(tx, undefined, record);
      await indexStory(tx, current.storyId, terms);
    });
  }
  stats.writeMs = performance.now() - writing;
  stats.ms = performance.now() - t;
  return stats;
}
