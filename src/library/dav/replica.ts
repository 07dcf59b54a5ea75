/**
 * What each device publishes of the library in the WebDAV folder (issue #19), and how any number of
 * those copies merge into one. The merge is a join: the same result whatever the order, however
 * often a copy is merged, so devices that read each other's change packs in any order converge.
 *
 * The rules never lose a reader's work:
 * - a story's chapters are a union, and so are each chapter's texts (the newest fetched is shown,
 *   the others stay as its earlier texts);
 * - a story disappears only through a deletion newer than its last save;
 * - each device's last place in a story is kept (positions.ts chooses where "Continue" goes);
 * - the metadata and the reading state are each last-writer-wins as a group, and a missing value
 *   never wins over a present one.
 *
 * Chapter text is not here: each text is a blob named by the hash of its content (layout.ts), and a
 * replica only names it. Pure.
 */
import type { StoryMeta } from '../types';
import type { ReadingState } from '../memory/reading-state';
import { compareStamps, newer, type Stamp } from './clock';

/** A value and the stamp of the change that set it. */
export interface Register<T> {
  v: T;
  at: Stamp;
}

/** One text a chapter had, by the hash of its content (its blob). */
export interface ChapterText {
  blob: string;
  words: number;
  /** When it was fetched from the archive (ms): the newest is the one shown. */
  fetchedAt: number;
}

/**
 * One chapter, known by `key`: a name for it that stays the same across the archive's renumbering
 * (its own address where the archive gives chapters one, else the fingerprint of the first text the
 * library saved of it; see chapter-identity.ts), so the same chapter saved on two devices is one.
 * Its place, title, address and removal are one group, set by the latest save that touched it.
 */
export interface DavChapter {
  key: string;
  /** The save that last set the group below. */
  at: Stamp;
  /** Its place in reading order. */
  order: number;
  title: string | null;
  url: string;
  /** The site's chapter number, and its name in the site's chapter list, when the page gave them. */
  number?: number;
  listTitle?: string;
  /** When an update found it gone from the archive (ms): it stays, marked. */
  removedAt?: number;
  /** Every text it has had, by blob. */
  texts: Record<string, ChapterText>;
}

/** Where a device last was in a story, and when. */
export interface DevicePlace {
  chapter: number;
  fraction: number;
  /** The first words of the paragraph there, to find it in an edited chapter. */
  text?: string;
  at: Stamp;
}

export interface DavStory {
  id: string;
  site: string;
  url: string;
  meta: Register<StoryMeta | null>;
  state?: Register<{ state: ReadingState; chosen: boolean } | null>;
  chapters: Record<string, DavChapter>;
  /** The latest save of it on any device. */
  savedAt: Stamp;
  /** The latest deletion of it on any device; it is in the library while its last save is newer. */
  deletedAt?: Stamp;
  /** Each device's last place in it, by device. */
  places: Record<string, DevicePlace>;
}

/** A device's copy of the library: every story it knows, deleted ones as their deletion records. */
export type Replica = Record<string, DavStory>;

/** Whether the story is in the library (not deleted since its last save). */
export const isPresent = (story: DavStory): boolean => !story.deletedAt || compareStamps(story.savedAt, story.deletedAt) > 0;

/** The newer register; a missing value never wins over a present one. */
export function mergeRegister<T>(a: Register<T | null> | undefined, b: Register<T | null> | undefined): Register<T | null> | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.v === null && b.v !== null) return b;
  if (b.v === null && a.v !== null) return a;
  return compareStamps(a.at, b.at) >= 0 ? a : b;
}

/** The same chapter from two copies: the latest save's place and names, and every text either had. */
export function mergeChapter(a: DavChapter, b: DavChapter): DavChapter {
  const lead = compareStamps(a.at, b.at) >= 0 ? a : b;
  const texts = { ...a.texts };
  for (const [blob, text] of Object.entries(b.texts)) {
    const mine = texts[blob];
    // One text, fetched on two devices: the later fetch, whichever copy it came in.
    texts[blob] = mine && mine.fetchedAt >= text.fetchedAt ? mine : text;
  }
  return { ...lead, texts };
}

/** The text a chapter shows: the newest fetched (ties: the greater blob). */
export function shownText(c: DavChapter): ChapterText | undefined {
  let best: ChapterText | undefined;
  for (const t of Object.values(c.texts)) {
    if (!best || t.fetchedAt > best.fetchedAt || (t.fetchedAt === best.fetchedAt && t.blob > best.blob)) best = t;
  }
  return best;
}

function mergePlaces(a: Record<string, DevicePlace>, b: Record<string, DevicePlace>): Record<string, DevicePlace> {
  const out = { ...a };
  for (const [device, place] of Object.entries(b)) {
    const mine = out[device];
    if (!mine || compareStamps(place.at, mine.at) > 0) out[device] = place;
  }
  return out;
}

/** The same story from two copies. */
export function mergeStory(a: DavStory, b: DavStory): DavStory {
  const chapters = { ...a.chapters };
  for (const [key, chapter] of Object.entries(b.chapters)) chapters[key] = chapters[key] ? mergeChapter(chapters[key], chapter) : chapter;
  const lead = compareStamps(a.savedAt, b.savedAt) >= 0 ? a : b;
  const state = mergeRegister(a.state, b.state);
  const deletedAt = newer(a.deletedAt, b.deletedAt);
  return {
    id: a.id,
    site: lead.site,
    url: lead.url,
    meta: mergeRegister(a.meta, b.meta)!,
    ...(state && { state }),
    chapters,
    savedAt: lead.savedAt,
    ...(deletedAt && { deletedAt }),
    places: mergePlaces(a.places, b.places),
  };
}

/** Any number of copies of the library, merged. */
export function mergeReplicas(...replicas: Replica[]): Replica {
  const out: Replica = {};
  for (const replica of replicas) {
    for (const [id, story] of Object.entries(replica)) out[id] = out[id] ? mergeStory(out[id], story) : story;
  }
  return out;
}

/** A story's chapters in reading order (order, then key: the same on every device). */
export function chaptersInOrder(story: DavStory): DavChapter[] {
  return Object.values(story.chapters).sort((x, y) => x.order - y.order || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

/** Every blob the present stories name: what the folder must keep. */
export function referencedBlobs(replica: Replica): Set<string> {
  const blobs = new Set<string>();
  for (const story of Object.values(replica)) {
    if (!isPresent(story)) continue;
    for (const chapter of Object.values(story.chapters)) for (const blob of Object.keys(chapter.texts)) blobs.add(blob);
  }
  return blobs;
}
