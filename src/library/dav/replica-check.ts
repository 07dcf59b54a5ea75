/**
 * What another device wrote in the folder, checked before it is merged (issue #19): the folder is
 * as untrusted as any page. Each story must have the shapes the merge expects, http(s) addresses,
 * blob names that are hashes, and the id its site, address and names give it here, or it is left
 * out: a story whose id did not match would be saved under another one and come back every sync.
 * Its chapter texts are sanitised as they are written into the library (library-io.ts).
 */
import { READING_STATES } from '../memory/reading-state';
import { storyIdOf } from '../db/build-records';
import { bool, fail, metaCheck, nullable, num, oneOf, optional, record, str, url, type Check } from '../export/backup-checks';
import type { Stamp } from './clock';
import { isBlobName, isDeviceId } from './layout';
import type { ChapterText, DavChapter, DavStory, DevicePlace } from './replica';

/** How far ahead of this device's clock another's stamps may be: a clock that is wrong by more is not believed. */
export const CLOCK_SLACK_MS = 24 * 3600_000;
const blob: Check<string> = (v, p) => (isBlobName(str(v, p)) ? (v as string) : fail(p, 'a blob name'));
const device: Check<string> = (v, p) => (isDeviceId(str(v, p)) ? (v as string) : fail(p, 'a device id'));

/** An object used as a map: each key checked, each value checked and, where given, named by its key. */
const mapOf =
  <T>(key: Check<string>, value: Check<T>, named?: (v: T) => string): Check<Record<string, T>> =>
  (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, 'an object');
    const out: Record<string, T> = {};
    for (const [k, x] of Object.entries(v)) {
      const checked = value(x, `${p}.${key(k, p)}`);
      if (named && named(checked) !== k) fail(p, `${k} named as it is`);
      out[k] = checked;
    }
    return out;
  };

/** A story's shape, its stamps no further ahead than CLOCK_SLACK_MS of `now`. */
function storyCheck(now: number): Check<DavStory> {
  const stamp = record<Stamp>({
    t: (v, p) => (num(v, p) <= now + CLOCK_SLACK_MS ? (v as number) : fail(p, 'a time not far in the future')),
    c: num,
    d: str,
  });
  const text = record<ChapterText>({ blob, words: num, fetchedAt: num });
  const chapter = record<DavChapter>({
    key: str,
    at: stamp,
    order: num,
    title: nullable(str),
    url,
    number: optional(num),
    listTitle: optional(str),
    removedAt: optional(num),
    texts: mapOf(blob, text, (t) => t.blob),
  });
  const place = record<DevicePlace>({
    chapter: (v, p) => (Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : fail(p, 'a chapter')),
    fraction: (v, p) => Math.min(1, Math.max(0, num(v, p))),
    text: optional(str),
    at: stamp,
  });
  return record<DavStory>({
    id: str,
    site: str,
    url,
    meta: record({ v: nullable(metaCheck), at: stamp }),
    state: optional(record({ v: nullable(record({ state: oneOf(...READING_STATES), chosen: bool })), at: stamp })),
    chapters: mapOf(str, chapter, (c) => c.key),
    savedAt: stamp,
    deletedAt: optional(stamp),
    places: mapOf(device, place),
  });
}

/** The stories of a pack or snapshot that check out; the rest are left out. */
export function checkedStories(raw: unknown, now: number): DavStory[] {
  const story = storyCheck(now);
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? Object.values(raw) : [];
  return list.flatMap((x) => {
    try {
      const s = story(x, 'story');
      return !s.meta.v || storyIdOf(s.site, s.url, s.meta.v) === s.id ? [s] : [];
    } catch {
      return [];
    }
  });
}
