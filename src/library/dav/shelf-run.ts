/**
 * Writing the e-reader shelf into the folder (issue #19; shelf.ts names and catalogs it): an EPUB
 * of each saved story that changed since the shelf last had it, the EPUBs of stories gone from the
 * library removed, then the catalog's pages. One device keeps the shelf, the first that turned it
 * on (its claim is `slipcase/shelf.json`), so each of its files has one writer, as in the rest of
 * the folder. A story keeps its file name when its title changes, so an e-reader's copy and its
 * reading progress still match it.
 */
import type { LibraryDb } from '../db/db';
import type { StoryRecord } from '../types';
import { loadStory } from '../db/reading';
import { buildEpub } from '../export/epub';
import { RATING_WORD } from '../../core/rating';
import type { DavClient } from './webdav';
import type { SyncFolder } from './folder';
import { ROOT } from './layout';
import { catalogPages, SHELF, shelfFileName, type ShelfEntry } from './shelf';

export interface ShelfState {
  /** Each story on the shelf: its file, and the update of the story it was made from. */
  files: Record<string, { file: string; updatedAt: number }>;
  pages: number;
}

export const EMPTY_SHELF: ShelfState = { files: {}, pages: 0 };
const CLAIM = `${ROOT}/shelf.json`;

interface Claim {
  device: string;
  name: string;
}

/** Null when this device keeps the shelf (claiming it if nobody has); else the name of the device that does. */
export async function shelfKeeper(folder: SyncFolder, device: string, name: string): Promise<string | null> {
  const claim = await folder.readJson<Partial<Claim>>(CLAIM).catch(() => null);
  if (claim?.device && claim.device !== device) return typeof claim.name === 'string' ? claim.name : 'another device';
  if (!claim) await folder.writeJson(CLAIM, { device, name } satisfies Claim);
  return null;
}

const shelfPath = (file: string) => `${SHELF}/${encodeURIComponent(file)}`;
const utf8 = (s: string) => new TextEncoder().encode(s);

export interface ShelfDeps {
  dav: DavClient;
  library: LibraryDb;
  win: Window & typeof globalThis;
  now(): number;
  /** Keeps the shelf's state after each file, so a run cut off does not write it again. */
  save(state: ShelfState): Promise<unknown>;
  progress(done: number, total: number): void;
}

/** Brings the shelf up to the library; returns its new state and how many EPUBs were written and removed. */
export async function writeShelf(deps: ShelfDeps, before: ShelfState): Promise<{ state: ShelfState; written: number; removed: number }> {
  const stories = await deps.library.getAll('stories');
  const state: ShelfState = { files: { ...before.files }, pages: before.pages };
  const here = new Set(stories.map((s) => s.id));
  let removed = 0;
  for (const [id, { file }] of Object.entries(before.files)) {
    if (here.has(id)) continue;
    await deps.dav.remove(shelfPath(file));
    delete state.files[id];
    removed++;
    await deps.save(state);
  }
  const taken = new Set(Object.values(state.files).map((f) => f.file.toLowerCase()));
  const stale = stories.filter((s) => state.files[s.id]?.updatedAt !== s.updatedAt);
  let written = 0;
  for (const s of stale) {
    const bundle = await loadStory(deps.library, s.id);
    // A story whose text is still in the folder (awaiting.ts) waits until this device has it: no empty EPUB.
    if (!bundle || !bundle.chapters.length || bundle.story.textIn) continue;
    const file = state.files[s.id]?.file ?? shelfFileName(s.meta, taken);
    await deps.dav.put(shelfPath(file), buildEpub(bundle.story, bundle.chapters, deps.win), 'application/epub+zip');
    state.files[s.id] = { file, updatedAt: s.updatedAt };
    await deps.save(state);
    deps.progress(++written, stale.length);
  }
  if (written || removed || !before.pages) state.pages = await writeCatalog(deps, stories, state, before.pages);
  await deps.save(state);
  return { state, written, removed };
}

async function writeCatalog(deps: ShelfDeps, stories: readonly StoryRecord[], state: ShelfState, oldPages: number): Promise<number> {
  const entries: ShelfEntry[] = stories.flatMap((s) => {
    const on = state.files[s.id];
    if (!on) return [];
    const m = s.meta;
    const rating = m.rating.label ?? RATING_WORD[m.rating.level];
    return [
      {
        id: s.id,
        file: on.file,
        title: m.title,
        authors: m.authors,
        summary: m.summary,
        fandoms: m.fandoms,
        rating,
        words: s.words,
        updatedAt: s.updatedAt,
      },
    ];
  });
  const pages = catalogPages(entries, new Date(deps.now()));
  for (const page of pages) await deps.dav.put(page.path, utf8(page.xml), 'application/atom+xml');
  // Pages past the new last one would list stories twice, or gone ones.
  for (let n = pages.length + 1; n <= oldPages; n++) await deps.dav.remove(`${SHELF}/catalog-${n}.xml`);
  return pages.length;
}
