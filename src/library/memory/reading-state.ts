/**
 * The reader's memory of a story: the state they set or Slipcase infers (Want to read, Reading,
 * Caught up, Finished, Paused, Dropped) and how far they have read. Kept for every story Slipcase
 * has seen the reader open, saved or not, on the reader's own machine. Pure: the background keeps
 * the records (../db/memory.ts).
 */

export type ReadingState = 'want' | 'reading' | 'caught-up' | 'finished' | 'paused' | 'dropped';

export const READING_STATES: readonly ReadingState[] = ['want', 'reading', 'caught-up', 'finished', 'paused', 'dropped'];

export const STATE_TEXT: Record<ReadingState, string> = {
  want: 'Want to read',
  reading: 'Reading',
  'caught-up': 'Caught up',
  finished: 'Finished',
  paused: 'Paused',
  dropped: 'Dropped',
};

export interface MemoryRecord {
  /** The story's key (src/warnings/policy.ts#storyKey): a saved story has the same id in the library. */
  id: string;
  site: string;
  url: string;
  title: string;
  author: string | null;
  state: ReadingState;
  /** The reader chose the state; Slipcase infers it again only when they read on. */
  chosen: boolean;
  /** The furthest chapter opened (1-based); null when none was (a story only wanted). */
  chapter: number | null;
  /** The chapters the archive showed when the reader was last there; null when it did not say. */
  chapters: number | null;
  /** When the reader last opened it (ms); 0 for one never opened. */
  seenAt: number;
  /** When the state was last set or changed (ms): the latest wins when another browser's differs. */
  stateAt: number;
}

/** A story page the reader opened: which chapter of how many the page says. */
export interface Opened {
  id: string;
  site: string;
  url: string;
  title: string;
  author: string | null;
  /** The chapter opened (1-based), null on a page without chapters (a one-shot). */
  chapter: number | null;
  chapters: number | null;
  at: number;
}

/** States the reader sets that reading on ends: a paused or dropped story read again is being read. */
const SET_ASIDE: ReadonlySet<ReadingState> = new Set(['paused', 'dropped', 'want', 'finished']);

/**
 * The memory after the reader opened a page of the story. The place only moves forward: reading
 * chapter 1 again does not forget chapter 5. A state the reader chose stays until they read on.
 */
export function afterOpened(before: MemoryRecord | undefined, page: Opened): MemoryRecord {
  const chapter = maxOrNull(before?.chapter ?? null, page.chapter);
  const chapters = page.chapters ?? before?.chapters ?? null;
  const readOn = page.chapter !== null && (before?.chapter == null || page.chapter > before.chapter);
  const keep = before?.chosen === true && !(readOn && SET_ASIDE.has(before.state));
  const state = keep ? before.state : inferred(chapter, chapters);
  const stateAt = before && before.state === state && before.chosen === keep ? before.stateAt : page.at;
  const { id, site, url, title, author } = page;
  return { id, site, url: before?.url ?? url, title, author, state, chosen: keep, chapter, chapters, seenAt: page.at, stateAt };
}

/** Reading until the last chapter the archive shows; then caught up (the archive may post more). */
export function inferred(chapter: number | null, chapters: number | null): ReadingState {
  return chapter !== null && chapters !== null && chapter >= chapters ? 'caught-up' : 'reading';
}

/** The reader sets a state (at `at`); a story not seen yet (from a listing) is remembered with it. */
export function withChosen(
  before: MemoryRecord | undefined,
  story: Omit<Opened, 'at' | 'chapter'>,
  state: ReadingState,
  at: number,
): MemoryRecord {
  const base = before ?? { ...story, chapter: null, seenAt: 0 };
  return { ...base, state, chosen: true, stateAt: at };
}

/** A state as another browser synced it (list-records.ts SyncState). */
export interface SyncedState {
  state: ReadingState;
  chosen: boolean;
  at: number;
}

/** Another browser's state, taken when it is newer than this one's. */
export function withSynced(
  before: MemoryRecord | undefined,
  story: Omit<Opened, 'at' | 'chapter' | 'chapters'>,
  synced: SyncedState,
): MemoryRecord {
  if (before && before.stateAt >= synced.at) return before;
  const base = before ?? { ...story, chapter: null, chapters: null, seenAt: 0 };
  return { ...base, state: synced.state, chosen: synced.chosen, stateAt: synced.at };
}

/**
 * How a story the reader listed on the archive is remembered: one they read (a bookmark or
 * favourite taken as read to its last posted chapter, so the marks show what comes after), one
 * they want to read, or one they opened (AO3 History, which does not say how far).
 */
export type Listed = 'read' | 'want' | 'visited';

/** A listed story the memory does not know yet; one it knows keeps what the memory says. */
export function fromList(
  story: Omit<Opened, 'at' | 'chapter' | 'chapters'> & { posted: number | null; visitedAt: number | null },
  listed: Listed,
  at: number,
): MemoryRecord {
  const { id, site, url, title, author, posted, visitedAt } = story;
  const base = { id, site, url, title, author, chapters: posted, seenAt: visitedAt ?? 0, stateAt: at };
  if (listed === 'want') return { ...base, state: 'want', chosen: true, chapter: null };
  if (listed === 'visited') return { ...base, state: 'reading', chosen: false, chapter: null };
  return { ...base, state: inferred(posted, posted), chosen: false, chapter: posted };
}

function maxOrNull(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

/** What a listing's entry shows of the reader's memory, in words. */
export interface EntryMark {
  state: string | null;
  /** "3 new chapters": the archive shows more than the reader has read. */
  fresh: string | null;
  saved: boolean;
}

/**
 * The mark for a listed story, from its memory (if any), whether the library holds it, and the
 * chapters the listing shows it has (null when it shows none). Null when there is nothing to say.
 */
export function entryMark(memory: MemoryRecord | undefined, saved: boolean, listed: number | null): EntryMark | null {
  const read = memory?.chapter ?? null;
  // A story the reader dropped has no news for them.
  const more = read !== null && listed !== null && listed > read && memory?.state !== 'dropped' ? listed - read : 0;
  const mark: EntryMark = {
    state: memory ? stateLine(memory, listed) : null,
    fresh: more ? `${more} new ${more === 1 ? 'chapter' : 'chapters'}` : null,
    saved,
  };
  return mark.state || mark.fresh || mark.saved ? mark : null;
}

/** "Reading, chapter 3 of 7", or the state's name. */
export function stateLine(memory: Pick<MemoryRecord, 'state' | 'chapter' | 'chapters'>, listed: number | null = null): string {
  const of = listed ?? memory.chapters;
  if (memory.state !== 'reading' || memory.chapter === null) return STATE_TEXT[memory.state];
  return `Reading, chapter ${memory.chapter}${of !== null ? ` of ${of}` : ''}`;
}

/** The mark as one line: "Reading, chapter 3 · 2 new chapters · Saved". */
export function markText(mark: EntryMark): string {
  return [mark.state, mark.fresh, mark.saved ? 'Saved' : null].filter((t) => t !== null).join(' · ');
}
