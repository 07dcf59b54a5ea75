/**
 * Sweeping the folder's chapter blobs (issue #19): a blob no present story has named for a week
 * (guards.ts#collectBlobs) is removed. A device sweeps at most once a day, after a whole sync, so
 * it judges by every device's packs it has just read; the listing it needs (one per blob folder) is
 * housekeeping, never how a sync learns what changed. A blob uploaded but not yet named (a run cut
 * off before its pack) is first seen unnamed no earlier than its upload, so the week's grace covers
 * any run that resumes, and a device names a blob on trust only for half that (sync-store.ts).
 */
import { collectBlobs } from './guards';
import { ROOT, blobPath, isBlobName } from './layout';
import type { Replica } from './replica';
import type { SyncFolder } from './folder';

/** Sweeps are this far apart, per device. */
export const SWEEP_EVERY_MS = 24 * 3600_000;

export interface SweepState {
  unnamedSince?: Record<string, number>;
  sweptAt?: number;
}

/** Removes the blobs unnamed for a week; returns the names removed. Does nothing if this device swept within the day. */
export async function sweepBlobs(folder: SyncFolder, merged: Replica, state: SweepState, now: number): Promise<string[]> {
  if (state.sweptAt !== undefined && now - state.sweptAt < SWEEP_EVERY_MS) return [];
  const stored: string[] = [];
  for (const dir of await folder.dav.list(`${ROOT}/blobs/`)) {
    if (!dir.folder || !/^[0-9a-f]{2}$/.test(dir.name)) continue;
    for (const entry of await folder.dav.list(`${ROOT}/blobs/${dir.name}/`))
      if (!entry.folder && isBlobName(entry.name)) stored.push(entry.name);
  }
  const { remove, unnamedSince } = collectBlobs(merged, stored, state.unnamedSince ?? {}, now);
  for (const blob of remove) await folder.dav.remove(blobPath(blob));
  state.unnamedSince = unnamedSince;
  state.sweptAt = now;
  return remove;
}
