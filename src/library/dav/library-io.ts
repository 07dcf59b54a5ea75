/**
 * The library as the WebDAV sync sees it (issue #19): read into story views (own-copy.ts stamps
 * them), and a merged replica written back. A story's chapters are read and hashed again only when
 * its saved copy changed since the last sync (`marks`), so a sync of a large library that changed
 * little reads little. Writing goes through the backup import (export/backup.ts): chapters are
 * sanitised again, the search index and fandom counts follow, and the save policy still holds a
 * copy with fewer chapters or much shorter text rather than replace the saved one.
 */
import { read, type LibraryDb } from '../db/db';
import { versionRange } from '../db/versions';
import { deleteStory } from '../db/save';
import { setElsewhere, setProgress } from '../db/reading';
import { takeSyncedStates } from '../db/memory';
import { BACKUP_FORMAT, BACKUP_VERSION, importLibrary, type BackupStory, type LibraryBackup } from '../export/backup';
import type { ChapterRecord, ElsewherePlace, StoryRecord } from '../types';
import type { FolderKeys } from './seal';
import { blobName } from './seal';
import type { ChapterView, StoryView } from './own-copy';
import { continueFrom } from './places';
import type { StoryMark } from './sync-store';
import { chaptersInOrder, isPresent, shownText, type DavStory, type Replica } from './replica';
import { compareStamps } from './clock';
import { same } from './same';
import { fetchStoryText, writeAwaiting, type KeepTexts } from './awaiting';

export interface LibraryRead {
  views: StoryView[];
  marks: Record<string, StoryMark>;
  /** Stories whose text is in the folder (awaiting.ts). */
  awaiting: Set<string>;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** The chapters' keys: their own addresses where each has one, else the address and the place. */
function chapterViews(chapters: readonly ChapterRecord[], blobs: readonly string[]): ChapterView[] {
  const urls = new Map<string, number>();
  for (const c of chapters) urls.set(c.url, (urls.get(c.url) ?? 0) + 1);
  return chapters.map((c, i) => ({
    key: urls.get(c.url) === 1 ? c.url : `${c.url}#${c.index}`,
    order: c.number ?? c.index + 1,
    title: c.title,
    url: c.url,
    ...(c.number !== undefined && { number: c.number }),
    ...(c.listTitle !== undefined && { listTitle: c.listTitle }),
    ...(c.removedAt !== undefined && { removedAt: c.removedAt }),
    blob: blobs[i]!,
    words: c.words,
    fetchedAt: c.fetchedAt,
  }));
}

/** Stories whose chapters are read in one transaction: enough to keep the requests busy, few enough to hold. */
const READ_BATCH = 50;

/** Every saved story as a view; a story whose copy the marks know is not read again. */
export async function readLibrary(
  db: LibraryDb,
  marks: Readonly<Record<string, StoryMark>>,
  keys: FolderKeys | null,
): Promise<LibraryRead> {
  const tx = read(db);
  const [stories, progress, memory] = await Promise.all([
    tx.objectStore('stories').getAll(),
    tx.objectStore('progress').getAll(),
    tx.objectStore('memory').getAll(),
  ]);
  const isFresh = (s: StoryRecord) => {
    const known = marks[s.id];
    return !known || known.version !== s.version || known.updatedAt !== s.updatedAt;
  };
  const fresh = stories.filter(isFresh);
  const chaptersOf = new Map<string, ChapterRecord[]>();
  const out: LibraryRead = { views: [], marks: {}, awaiting: new Set(stories.filter((s) => s.textIn).map((s) => s.id)) };
  for (let i = 0; i < fresh.length; i += READ_BATCH) {
    const batch = fresh.slice(i, i + READ_BATCH);
    // Every request first, then the hashing: a transaction closes at the first await on anything else.
    const chapters = await readChapters(db, batch);
    for (const [n, s] of batch.entries()) {
      chaptersOf.set(s.id, chapters[n]!);
      out.marks[s.id] = await markOf(s, chapters[n]!, keys);
    }
  }
  const placeOf = new Map(progress.map((p) => [p.storyId, p]));
  const stateOf = new Map(memory.map((m) => [m.id, m]));
  for (const s of stories) {
    const mark = (out.marks[s.id] ??= marks[s.id]!);
    const chapters = chaptersOf.get(s.id);
    const p = placeOf.get(s.id);
    const m = stateOf.get(s.id);
    out.views.push({
      id: s.id,
      site: s.site,
      url: s.url,
      meta: s.meta,
      chapters: chapters ? chapterViews(chapters, mark.blobs) : null,
      place: p ? { chapter: p.chapter, fraction: p.fraction, ...(p.text !== undefined && { text: p.text }) } : null,
      state: m ? { state: m.state, chosen: m.chosen } : null,
    });
  }
  return out;
}

function readChapters(db: LibraryDb, stories: readonly StoryRecord[]): Promise<ChapterRecord[][]> {
  const tx = read(db);
  return Promise.all(stories.map((s) => tx.objectStore('chapters').getAll(versionRange(s.id, s.version))));
}

async function markOf(s: StoryRecord, chapters: readonly ChapterRecord[], keys: FolderKeys | null): Promise<StoryMark> {
  // A chapter whose text is in the folder (awaiting.ts) is known by the blob that holds it.
  const blobs = await Promise.all(chapters.map((c) => c.blob ?? blobName(utf8(c.html), keys)));
  return { version: s.version, updatedAt: s.updatedAt, blobs };
}

/** Where each blob the marks name is held: its story, version and chapter index. */
export function blobPlaces(marks: Readonly<Record<string, StoryMark>>): Map<string, [string, number, number]> {
  const out = new Map<string, [string, number, number]>();
  for (const [id, mark] of Object.entries(marks)) mark.blobs.forEach((blob, index) => out.set(blob, [id, mark.version, index]));
  return out;
}

/** The HTML of a blob this library holds (found by blobPlaces), or null. */
export async function heldHtml(db: LibraryDb, places: ReadonlyMap<string, [string, number, number]>, blob: string): Promise<string | null> {
  const at = places.get(blob);
  const chapter = at ? await db.get('chapters', at) : undefined;
  return chapter && chapter.blob === undefined ? chapter.html : null;
}

/** What writing a merged replica into the library did. */
export interface Applied {
  written: string[];
  deleted: string[];
  /** Stories that could not be written now (a chapter text missing): tried again next sync. */
  skipped: string[];
  moved: string[];
}

/** Stories written into the library in one transaction. */
const WRITE_BATCH = 20;

async function backupStory(
  m: DavStory,
  local: StoryRecord | undefined,
  text: (blob: string) => Promise<string>,
): Promise<BackupStory | null> {
  if (!m.meta.v) return null;
  const shown = chaptersInOrder(m).flatMap((c) => {
    const t = shownText(c);
    return t ? [{ c, blob: t.blob }] : [];
  });
  // All at once: the client keeps its own limit of requests out (webdav.ts).
  const chapters = await Promise.all(
    shown.map(async ({ c, blob }) => ({
      title: c.title,
      url: c.url,
      html: await text(blob),
      ...(c.number !== undefined && { number: c.number }),
      ...(c.listTitle !== undefined && { listTitle: c.listTitle }),
      ...(c.removedAt !== undefined && { removedAt: c.removedAt }),
    })),
  );
  // Later than the saved copy, so the import takes the union as the newer copy.
  const updatedAt = Math.max(m.savedAt.t, (local?.updatedAt ?? 0) + 1);
  return {
    site: m.site,
    url: m.url,
    meta: m.meta.v,
    savedAt: Math.min(local?.savedAt ?? m.savedAt.t, m.savedAt.t),
    updatedAt,
    chapters,
    pending: null,
    progress: null,
  };
}

/** How a run writes into the library. */
export interface ApplyOptions {
  device: string;
  names: Readonly<Record<string, string>>;
  /** A blob's HTML, checked against its name. */
  text: (blob: string) => Promise<string>;
  win: Window & typeof globalThis;
  /** This device's choice: every chapter's text, or only the opened stories' (awaiting.ts). */
  keep: KeepTexts;
  /** Stories the library holds with their text in the folder. */
  awaiting: ReadonlySet<string>;
}

/**
 * Writes into the library what `merged` has that `own` (the library's copy, stamped) lacks: stories
 * and chapters from other devices, deletions, the place Continue goes (continueFrom: never back
 * without asking) and reading states. A device that keeps only opened stories' text writes the
 * stories it does not hold in full without it; one that keeps every chapter fetches what it lacks.
 */
export async function applyReplica(db: LibraryDb, own: Replica, merged: Replica, o: ApplyOptions): Promise<Applied> {
  const done: Applied = { written: [], deleted: [], skipped: [], moved: [] };
  const toWrite: DavStory[] = [];
  const inFolder: DavStory[] = [];
  // Stories held without their text on a device that now keeps every chapter: their texts are fetched.
  const toFill: string[] = [];
  for (const m of Object.values(merged)) {
    const mine = own[m.id];
    const held = mine && isPresent(mine);
    const changed = !(held && same(m.meta, mine.meta) && same(m.chapters, mine.chapters));
    if (!isPresent(m)) {
      if (held && (await deleteStory(db, m.id))) done.deleted.push(m.id);
    } else if (o.awaiting.has(m.id) || (o.keep === 'opened' && !held)) {
      if (changed) inFolder.push(m);
      if (o.keep === 'all') toFill.push(m.id);
    } else if (changed) toWrite.push(m);
  }
  for (let i = 0; i < inFolder.length; i += WRITE_BATCH) await writeAwaiting(db, inFolder.slice(i, i + WRITE_BATCH));
  done.written.push(...inFolder.map((m) => m.id));
  for (let i = 0; i < toWrite.length; i += WRITE_BATCH) {
    const batch = toWrite.slice(i, i + WRITE_BATCH);
    // The stories' texts are fetched together; each batch is written in one transaction.
    const stories = await Promise.allSettled(batch.map(async (m) => backupStory(m, await db.get('stories', m.id), o.text)));
    const ready: BackupStory[] = [];
    stories.forEach((r, n) => {
      if (r.status === 'rejected') return void done.skipped.push(batch[n]!.id);
      if (r.value) ready.push(r.value);
      done.written.push(batch[n]!.id);
    });
    if (ready.length) await importLibrary(db, backupOf(ready), o.win);
  }
  const written = new Set(done.written);
  for (let i = 0; i < toFill.length; i += WRITE_BATCH) {
    const batch = toFill.slice(i, i + WRITE_BATCH);
    const filled = await Promise.allSettled(batch.map((id) => fetchStoryText(db, id, o.text, o.win)));
    // One that fails is left as it is, its text still in the folder: the next sync tries again.
    filled.forEach((r, n) => r.status === 'fulfilled' && r.value && !written.has(batch[n]!) && done.written.push(batch[n]!));
  }
  await applyPlacesAndStates(db, own, merged, o.device, o.names, done);
  return done;
}

const backupOf = (stories: BackupStory[]): LibraryBackup => ({
  format: BACKUP_FORMAT,
  version: BACKUP_VERSION,
  exportedAt: new Date().toISOString(),
  stories,
});

async function applyPlacesAndStates(
  db: LibraryDb,
  own: Replica,
  merged: Replica,
  device: string,
  names: Readonly<Record<string, string>>,
  done: Applied,
): Promise<void> {
  const states = [];
  for (const m of Object.values(merged)) {
    if (!isPresent(m) || done.skipped.includes(m.id)) continue;
    const o = own[m.id];
    const choice = continueFrom(m.places, device);
    if (choice && !choice.ask && choice.go.device !== device) {
      const { chapter, fraction, text, at } = choice.go;
      const before = o?.places[choice.go.device];
      if (!same(before?.at, at) && (await setProgress(db, m.id, { chapter, fraction, ...(text !== undefined && { text }) }, at.t)))
        done.moved.push(m.id);
    }
    if (!same(m.places, o?.places)) await setElsewhere(db, m.id, elsewhereOf(m, device, names));
    if (m.state?.v && !same(m.state, o?.state)) states.push({ id: m.id, state: { ...m.state.v, at: m.state.at.t } });
  }
  if (states.length) await takeSyncedStates(db, states);
}

/** The other devices' places in the story, newest first, by the names they gave themselves. */
function elsewhereOf(m: DavStory, device: string, names: Readonly<Record<string, string>>): ElsewherePlace[] {
  return Object.entries(m.places)
    .filter(([d]) => d !== device)
    .sort(([, a], [, b]) => compareStamps(b.at, a.at))
    .map(([d, p]) => ({
      device: names[d] ?? 'Another device',
      chapter: p.chapter,
      fraction: p.fraction,
      ...(p.text !== undefined && { text: p.text }),
      at: p.at.t,
    }));
}
