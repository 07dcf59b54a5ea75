/**
 * One sync of the library with the WebDAV folder (issue #19), in steps that each leave their work
 * in the sync's database (sync-store.ts), so a run cut off starts again where it stopped:
 *
 * 1. read the other devices' heads, then their packs not read yet (and a snapshot when their old
 *    packs may be gone), merged into what is known of them;
 * 2. stamp the library against the last sync's copy (own-copy.ts) and merge; stop and ask before
 *    a merge that would take 90 % or more of the library away;
 * 3. upload the chapter texts this device's changes name, each before anything names it;
 * 4. write this device's pack (and now and then a snapshot), then its head;
 * 5. write into the library what the others changed: stories, chapters, deletions, places, states.
 */
import type { LibraryDb } from '../db/db';
import { DeviceClock } from './clock';
import { checkDeletions } from './guards';
import { changedStories, headPath, packPath, readPlan, snapshotPath, type HeadRecord } from './layout';
import { applyReplica, blobPlaces, heldHtml, readLibrary } from './library-io';
import { stampOwn } from './own-copy';
import { checkedStories } from './replica-check';
import { sweepBlobs } from './sweep';
import { EMPTY_SHELF, shelfKeeper, writeShelf } from './shelf-run';
import type { KosyncClient } from './kosync';
import { exchangePlaces } from './kosync-run';
import { continueFrom } from './places';
import { isPresent, mergeReplicas, type DavStory, type Replica } from './replica';
import type { SyncFolder } from './folder';
import type { KeepTexts } from './awaiting';
import { isUploaded, loadState, markUploaded, saveState, type StoryMark, type SyncDb, type SyncState } from './sync-store';

/** A snapshot of the whole replica every this many packs, so a new device reads one file, not every pack. */
const SNAPSHOT_EVERY = 50;

export interface SyncRunDeps {
  folder: SyncFolder;
  folderUrl: string;
  library: LibraryDb;
  store: SyncDb;
  deviceName: string;
  /** The reader said yes to a large deletion the last run stopped before. */
  confirmDeletion: boolean;
  /** Keep the e-reader shelf (shelf-run.ts), if no other device does, and share its places with KOReader. */
  shelf: boolean;
  /** Every chapter's text, or only the opened stories' (awaiting.ts). */
  keep: KeepTexts;
  kosync: KosyncClient | null;
  win: Window & typeof globalThis;
  now(): number;
  newDevice(): string;
  /** The step under way, and how far (for the progress bar). */
  progress(step: string, done: number, total: number): void;
}

export type SyncOutcome = { kind: 'done'; log: string[]; changed: string[] } | { kind: 'ask'; removing: number; before: number };

interface Pack {
  device: string;
  pack: number;
  stories: DavStory[];
}

/** Step 1: what the other devices wrote since this one last read them. */
async function readOthers(deps: SyncRunDeps, state: SyncState, clock: DeviceClock): Promise<HeadRecord[]> {
  const heads = await deps.folder.heads(state.device, deps.now());
  let done = 0;
  for (const head of heads) {
    deps.progress('Reading the other devices', done++, heads.length);
    const plan = readPlan(head, state.seen[head.device] ?? 0);
    // What another device wrote is checked before it is merged: a story that does not check out is left out.
    const parts: Replica[] = [];
    const take = (stories: unknown) => parts.push(Object.fromEntries(checkedStories(stories, deps.now()).map((s) => [s.id, s])));
    if (plan.snapshot !== null) take(await deps.folder.readJson<unknown>(snapshotPath(head.device, plan.snapshot)));
    for (const n of plan.packs) take((await deps.folder.readJson<Partial<Pack>>(packPath(head.device, n)))?.stories);
    state.remote = mergeReplicas(state.remote, ...parts);
    state.seen[head.device] = head.pack;
    state.names[head.device] = head.name;
    clock.see(head.clock);
    await saveState(deps.store, state);
  }
  return heads;
}

/** Uploads at once: the client's own limit (webdav.ts), so no chapter is read long before its turn. */
const UPLOADS_AT_ONCE = 4;

/** Step 3: every text this device's changed stories name that the folder does not have yet. */
async function uploadTexts(deps: SyncRunDeps, changed: readonly DavStory[], marks: Record<string, StoryMark>): Promise<number> {
  const blobs = new Set<string>();
  for (const story of changed) for (const c of Object.values(story.chapters)) for (const b of Object.keys(c.texts)) blobs.add(b);
  const missing: string[] = [];
  for (const b of blobs) if (!(await isUploaded(deps.store, b, deps.now()))) missing.push(b);
  const places = blobPlaces(marks);
  let next = 0;
  const worker = async () => {
    while (next < missing.length) {
      const blob = missing[next++]!;
      const html = await heldHtml(deps.library, places, blob);
      // A text this library does not hold came from another device, which uploaded it first.
      if (html !== null) await deps.folder.putBlob(blob, html);
      await markUploaded(deps.store, blob, deps.now());
      deps.progress('Uploading chapters', next, missing.length);
    }
  };
  await Promise.all(Array.from({ length: UPLOADS_AT_ONCE }, worker));
  return missing.length;
}

/** Step 4: the pack of this device's changes, a snapshot now and then, then the head that points at them. */
async function publish(deps: SyncRunDeps, state: SyncState, own: Replica, changed: DavStory[], clock: DeviceClock): Promise<void> {
  const n = state.pack + 1;
  await deps.folder.writeJson(packPath(state.device, n), { device: state.device, pack: n, stories: changed } satisfies Pack);
  const snapshot = n - state.snapshot >= SNAPSHOT_EVERY ? n : state.snapshot;
  if (snapshot === n) await deps.folder.writeJson(snapshotPath(state.device, n), own);
  const head: HeadRecord = { device: state.device, name: deps.deviceName, pack: n, snapshot, clock: clock.state() };
  await deps.folder.writeJson(headPath(state.device), head);
  state.pack = n;
  state.snapshot = snapshot;
}

export async function runSync(deps: SyncRunDeps): Promise<SyncOutcome> {
  const state = await loadState(deps.store, deps.folderUrl, deps.newDevice);
  const clock = new DeviceClock(state.device, deps.now, state.clock ?? undefined);
  const log: string[] = [];
  await readOthers(deps, state, clock);

  deps.progress('Reading the library', 0, 1);
  const local = await readLibrary(deps.library, state.marks, deps.folder.keys);
  const own = stampOwn(state.base, local.views, state.device, clock);
  const merged = mergeReplicas(state.remote, own);
  const deletion = checkDeletions(own, merged);
  if (deletion.ask && !deps.confirmDeletion) return { kind: 'ask', removing: deletion.removing, before: deletion.before };

  const changed = changedStories(state.base, own);
  if (changed.length) {
    const uploaded = await uploadTexts(deps, changed, local.marks);
    await publish(deps, state, own, changed, clock);
    log.push(`Sent ${changed.length} changed ${changed.length === 1 ? 'story' : 'stories'} (${uploaded} chapter texts).`);
  }
  state.clock = clock.state();
  state.marks = local.marks;
  state.base = own;
  await saveState(deps.store, state);

  deps.progress('Writing the library', 0, 1);
  const applied = await applyReplica(deps.library, own, merged, {
    device: state.device,
    names: state.names,
    text: (blob) => deps.folder.getBlob(blob),
    win: deps.win,
    keep: deps.keep,
    awaiting: local.awaiting,
  });
  state.base = afterApply(own, merged, applied.skipped, state.device, applied.moved);
  await saveState(deps.store, state);
  if (applied.written.length)
    log.push(`Took ${applied.written.length} new or changed ${applied.written.length === 1 ? 'story' : 'stories'} from other devices.`);
  if (applied.deleted.length) log.push(`Removed ${applied.deleted.length} deleted on other devices.`);
  if (applied.moved.length) log.push(`Moved the place in ${applied.moved.length} from another device.`);
  const swept = await sweepBlobs(deps.folder, merged, state, deps.now());
  if (swept.length) log.push(`Removed ${swept.length} chapter texts nothing has named for a week.`);
  await saveState(deps.store, state);
  // The shelf's EPUBs need every story's text: only a device that keeps it all writes them.
  if (deps.shelf && deps.keep === 'all') await keepShelf(deps, state, log);
  if (applied.skipped.length)
    log.push(`${applied.skipped.length} could not be taken yet (a chapter text missing); the next sync tries again.`);
  return { kind: 'done', log, changed: [...applied.written, ...applied.deleted, ...applied.moved] };
}

/** Step 6, when the reader turned the shelf on: the EPUBs and catalog, written by one device. */
async function keepShelf(deps: SyncRunDeps, state: SyncState, log: string[]): Promise<void> {
  const keeper = await shelfKeeper(deps.folder, state.device, deps.deviceName);
  if (keeper !== null) return void log.push(`The e-reader shelf is kept by ${keeper}.`);
  const { written, removed } = await writeShelf(
    {
      dav: deps.folder.dav,
      library: deps.library,
      win: deps.win,
      now: deps.now,
      save: (shelf) => saveState(deps.store, { ...state, shelf }),
      progress: (done, total) => deps.progress('Writing the e-reader shelf', done, total),
    },
    state.shelf ?? EMPTY_SHELF,
  ).then((r) => ((state.shelf = r.state), r));
  if (written || removed) log.push(`The e-reader shelf: ${written} EPUBs written, ${removed} removed.`);
  if (deps.kosync) await shareWithKoreader(deps, deps.kosync, state, log);
}

/** Step 7: places shared with the KOReader sync server; its failure is told, and the sync is still done. */
async function shareWithKoreader(deps: SyncRunDeps, client: KosyncClient, state: SyncState, log: string[]): Promise<void> {
  const kosync = (state.kosync ??= { sent: {} });
  try {
    const { sent, taken } = await exchangePlaces(
      { client, library: deps.library, shelf: state.shelf ?? EMPTY_SHELF, deviceId: state.device },
      kosync,
    );
    if (sent || taken) log.push(`KOReader: ${sent} places sent, ${taken} taken.`);
  } catch (e) {
    log.push(`KOReader: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await saveState(deps.store, state);
  }
}

/**
 * The copy the next run stamps against: the merged library, but a story that could not be written
 * stays as this device had it, and a place taken from another device counts as this device's too
 * (so the next run does not send it back as a move made here).
 */
function afterApply(own: Replica, merged: Replica, skipped: readonly string[], device: string, moved: readonly string[]): Replica {
  const out: Replica = { ...merged };
  for (const id of skipped) {
    if (own[id]) out[id] = own[id];
    else delete out[id];
  }
  for (const id of moved) {
    const story = out[id];
    const choice = story && continueFrom(story.places, device);
    if (story && choice && isPresent(story)) {
      const { device: _from, ...place } = choice.go;
      out[id] = { ...story, places: { ...story.places, [device]: place } };
    }
  }
  return out;
}
