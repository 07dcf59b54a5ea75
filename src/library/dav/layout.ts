/**
 * The WebDAV folder's layout (issue #19). WebDAV servers do not reliably honour If-Match, so no
 * file has two writers:
 *
 *   slipcase/format.json                  written once, by the first device: the format, and the
 *                                         encryption's salt when the reader turned it on
 *   slipcase/devices/<device>/head.json   that device's latest pack and snapshot numbers (small:
 *                                         the others read it to learn what is new)
 *   slipcase/devices/<device>/snapshot-<n>.json   its whole replica as of pack n
 *   slipcase/devices/<device>/log/<n>.json        its change packs, append-only
 *   slipcase/blobs/<ab>/<hash>            chapter texts, immutable, named by the SHA-256 of their
 *                                         content and checked against it on download
 *
 * A device reads the others' heads, then only the packs it has not seen: never a listing of every
 * blob. Device ids are random, blob names hashes: no title shows in a file name. Pure.
 */
import type { Stamp } from './clock';
import type { DavStory, Replica } from './replica';
import { same } from './same';

export const ROOT = 'slipcase';

/** A device's id: random letters and digits, so that it names nothing and is safe in a path. */
const DEVICE_ID = /^[a-z0-9]{8,32}$/;
const BLOB = /^[0-9a-f]{64}$/;

export function isDeviceId(id: string): boolean {
  return DEVICE_ID.test(id);
}

export function isBlobName(name: string): boolean {
  return BLOB.test(name);
}

export const headPath = (device: string): string => `${ROOT}/devices/${checkedDevice(device)}/head.json`;
export const snapshotPath = (device: string, n: number): string => `${ROOT}/devices/${checkedDevice(device)}/snapshot-${seq(n)}.json`;
export const packPath = (device: string, n: number): string => `${ROOT}/devices/${checkedDevice(device)}/log/${seq(n)}.json`;
export const blobPath = (hash: string): string => {
  if (!isBlobName(hash)) throw new Error(`Not a blob name: ${hash}`);
  return `${ROOT}/blobs/${hash.slice(0, 2)}/${hash}`;
};

function checkedDevice(device: string): string {
  if (!isDeviceId(device)) throw new Error(`Not a device id: ${device}`);
  return device;
}

/** Pack numbers, zero-padded so that a folder lists them in order. */
function seq(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`Not a pack number: ${n}`);
  return String(n).padStart(10, '0');
}

/** head.json: what a device has written so far. */
export interface HeadRecord {
  device: string;
  /** The device's name for the reader ("Laptop, Firefox"). */
  name: string;
  /** Its latest pack (0: none yet). */
  pack: number;
  /** The pack its latest snapshot includes (0: none yet): packs up to it may be gone. */
  snapshot: number;
  /** Its clock after the latest pack. */
  clock: Stamp;
}

/** The stories of `after` that differ from `before`: what a device's next pack carries. */
export function changedStories(before: Replica, after: Replica): DavStory[] {
  return Object.values(after).filter((story) => !same(before[story.id], story));
}

/**
 * What to read of another device, whose head says `head`, having read its packs up to `seen`: its
 * snapshot when the packs after `seen` may be gone (compacted), then the packs after that.
 */
export function readPlan(head: HeadRecord, seen: number): { snapshot: number | null; packs: number[] } {
  const from = head.snapshot > seen ? head.snapshot : seen;
  const packs: number[] = [];
  for (let n = from + 1; n <= head.pack; n++) packs.push(n);
  return { snapshot: head.snapshot > seen ? head.snapshot : null, packs };
}
