/**
 * What the WebDAV sync never does by itself (issue #19): delete most of the library in one go (a
 * device restored from an empty profile, a damaged snapshot), or remove a chapter text another
 * device may still name. Pure.
 */
import { isPresent, referencedBlobs, type Replica } from './replica';

/** A sync that would take this share of the library away stops and asks the reader. */
export const MASS_DELETION = 0.9;

export interface DeletionCheck {
  /** Stories in the library before, and how many the sync would remove. */
  before: number;
  removing: number;
  /** True: stop, and ask the reader before going on. */
  ask: boolean;
}

/** What merging would remove from the library: `before` is this device's copy, `after` the merged one. */
export function checkDeletions(before: Replica, after: Replica): DeletionCheck {
  const present = Object.values(before).filter(isPresent);
  const removing = present.filter((s) => {
    const merged = after[s.id];
    return !merged || !isPresent(merged);
  }).length;
  // One story of one is no mass deletion; two of two are.
  return { before: present.length, removing, ask: present.length > 1 && removing >= MASS_DELETION * present.length };
}

/** A blob no present story has named for this long may be removed from the folder. */
export const BLOB_GRACE_MS = 7 * 24 * 60 * 60_000;

/**
 * The blobs to remove now, and when each blob still kept was first seen unnamed (`unnamedSince`,
 * kept by the device between syncs). A blob named again starts over.
 */
export function collectBlobs(
  merged: Replica,
  stored: readonly string[],
  unnamedSince: Readonly<Record<string, number>>,
  now: number,
): { remove: string[]; unnamedSince: Record<string, number> } {
  const named = referencedBlobs(merged);
  const remove: string[] = [];
  const since: Record<string, number> = {};
  for (const blob of stored) {
    if (named.has(blob)) continue;
    const from = unnamedSince[blob] ?? now;
    if (now - from >= BLOB_GRACE_MS) remove.push(blob);
    else since[blob] = from;
  }
  return { remove, unnamedSince: since };
}
