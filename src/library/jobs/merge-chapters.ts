/**
 * Putting chapters together by the site's chapter numbers: a chapter saved on its own goes into
 * its place in the saved story, and an update that walks next links (it sees only what follows the
 * last saved chapter) adds the chapters the saved story lacks. A merge never drops a saved
 * chapter. A job that sees the archive's whole chapter list matches chapters by identity instead
 * (./chapter-identity.ts).
 */
import type { ChapterCopy, ChapterRecord } from '../types';

/** A saved chapter as a copy to save again: numbered by its own number, else by its place. */
export function savedCopy(c: ChapterRecord): ChapterCopy {
  const { title, url, html, fingerprint, removedAt, earlier, notice } = c;
  // A removed chapter has no place in the archive's numbering any more.
  const number = removedAt !== undefined ? null : (c.number ?? c.index + 1);
  return { title, url, html, kind: 'chapter', number, listTitle: c.listTitle ?? null, fingerprint, removedAt, earlier, notice };
}

/** An address without its fragment: "#workskin" and the like name the same page. */
export function pageKey(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}

/**
 * The same chapter: the same number when both have one, else the same address. A chapter removed
 * from the archive is no other: its old address may name another chapter now (FFN's /s/ID/2/).
 */
export function sameChapter(a: ChapterCopy, b: ChapterCopy): boolean {
  if (a.removedAt != null || b.removedAt != null) return false;
  return a.number != null && b.number != null ? a.number === b.number : pageKey(a.url) === pageKey(b.url);
}

/**
 * `incoming` merged into `saved` (in reading order): each replaces the same chapter, or goes
 * before the first chapter with a higher number. An unnumbered one goes where the site's order
 * (`order`, the chapters as fetched) puts it: after the chapter before it there, else before the
 * one after it; else, like the highest, at the end.
 */
export function mergeChapters(
  saved: readonly ChapterCopy[],
  incoming: readonly ChapterCopy[],
  order: readonly ChapterCopy[] = [],
): ChapterCopy[] {
  const out = [...saved];
  for (const c of incoming) {
    const same = out.findIndex((s) => sameChapter(s, c));
    if (same >= 0) {
      out[same] = c;
      continue;
    }
    const n = c.number;
    const at = n == null ? placeInOrder(out, c, order) : out.findIndex((s) => s.number != null && s.number > n);
    out.splice(at < 0 ? out.length : at, 0, c);
  }
  return out;
}

/** Where an unnumbered chapter goes among `out`, by its neighbours in `order`; -1 when neither is there. */
function placeInOrder(out: readonly ChapterCopy[], c: ChapterCopy, order: readonly ChapterCopy[]): number {
  const i = order.findIndex((o) => pageKey(o.url) === pageKey(c.url));
  if (i < 0) return -1;
  const at = (o: ChapterCopy) => out.findIndex((s) => pageKey(s.url) === pageKey(o.url));
  for (let k = i - 1; k >= 0; k--) if (at(order[k]!) >= 0) return at(order[k]!) + 1;
  for (let k = i + 1; k < order.length; k++) if (at(order[k]!) >= 0) return at(order[k]!);
  return -1;
}
