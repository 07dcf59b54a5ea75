/**
 * This device's copy of the library as a replica (issue #19): what the library holds now, stamped
 * against the copy the last sync left (`base`). What did not change keeps its stamp, what did gets
 * a new one, and a story the library no longer holds becomes a deletion record. So a device's
 * changes between two syncs win over older ones elsewhere, and nothing it did not touch does.
 * Pure: the library is read by library-io.ts.
 */
import type { StoryMeta } from '../types';
import type { ReadingState } from '../memory/reading-state';
import type { DeviceClock, Stamp } from './clock';
import { isPresent, type ChapterText, type DavChapter, type DavStory, type DevicePlace, type Register, type Replica } from './replica';
import { same } from './same';

/** A chapter as the library holds it: the replica's group of fields, and its text named by its blob. */
export type ChapterView = Omit<DavChapter, 'at' | 'texts'> & ChapterText;

/** A saved story as the library holds it. `chapters` null: its copy is the one the base has (not read again). */
export interface StoryView {
  id: string;
  site: string;
  url: string;
  meta: StoryMeta;
  chapters: ChapterView[] | null;
  place: { chapter: number; fraction: number; text?: string } | null;
  state: { state: ReadingState; chosen: boolean } | null;
}

/** The register unchanged when its value is, else the value with a new stamp. */
function register<T>(before: Register<T | null> | undefined, value: T | null, stamp: () => Stamp): Register<T | null> {
  return before && same(before.v, value) ? before : { v: value, at: stamp() };
}

function chapterGroup(c: ChapterView): Omit<DavChapter, 'at' | 'texts'> {
  return {
    key: c.key,
    order: c.order,
    title: c.title,
    url: c.url,
    ...(c.number !== undefined && { number: c.number }),
    ...(c.listTitle !== undefined && { listTitle: c.listTitle }),
    ...(c.removedAt !== undefined && { removedAt: c.removedAt }),
  };
}

/**
 * The story's chapters: each keeps its stamp and earlier texts; one whose place or names changed,
 * or that is new, is stamped; a text not known yet is added. Chapters the base had and the library
 * lacks stay (a union never loses one).
 */
function stampChapters(base: DavStory | undefined, views: readonly ChapterView[], stamp: () => Stamp): Record<string, DavChapter> {
  const out: Record<string, DavChapter> = { ...(base?.chapters ?? {}) };
  for (const view of views) {
    const before = out[view.key];
    const group = chapterGroup(view);
    const { at: _at, texts: _texts, ...beforeGroup } = before ?? { at: null, texts: null };
    const texts = { ...(before?.texts ?? {}) };
    if (!texts[view.blob]) texts[view.blob] = { blob: view.blob, words: view.words, fetchedAt: view.fetchedAt };
    const at = before && same(beforeGroup, group) ? before.at : stamp();
    out[view.key] = { ...group, at, texts };
  }
  return out;
}

function stampStory(base: DavStory | undefined, view: StoryView, device: string, stamp: () => Stamp): DavStory {
  const known = base && isPresent(base) ? base : undefined;
  const chapters = view.chapters ? stampChapters(known, view.chapters, stamp) : (known?.chapters ?? {});
  const meta = register(known?.meta, view.meta, stamp);
  const contentChanged = !known || meta !== known.meta || !same(chapters, known.chapters);
  const places: Record<string, DevicePlace> = { ...(base?.places ?? {}) };
  const mine = places[device];
  if (view.place && !(mine && same({ ...view.place, at: null }, { ...mine, at: null }))) places[device] = { ...view.place, at: stamp() };
  const state = view.state || base?.state ? register(base?.state, view.state, stamp) : undefined;
  return {
    id: view.id,
    site: view.site,
    url: view.url,
    meta,
    ...(state && { state }),
    chapters,
    // A story saved again after a deletion comes back; a story only read keeps its save stamp.
    savedAt: contentChanged ? stamp() : known.savedAt,
    ...(base?.deletedAt && { deletedAt: base.deletedAt }),
    places,
  };
}

/**
 * This device's replica: the library's stories (`views`) stamped against `base`, and each story of
 * `base` the library no longer holds marked deleted now.
 */
export function stampOwn(base: Replica, views: readonly StoryView[], device: string, clock: DeviceClock): Replica {
  const stamp = () => clock.tick();
  const out: Replica = { ...base };
  const held = new Set<string>();
  for (const view of views) {
    held.add(view.id);
    out[view.id] = stampStory(base[view.id], view, device, stamp);
  }
  for (const story of Object.values(base)) {
    if (!held.has(story.id) && isPresent(story)) out[story.id] = { ...story, deletedAt: stamp() };
  }
  return out;
}
