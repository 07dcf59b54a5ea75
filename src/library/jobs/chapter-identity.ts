/**
 * Which saved chapter is which on the archive now. Counting breaks when an author deletes, inserts
 * or replaces a chapter: FanFiction.net renumbers the rest, so "chapter 3" at /s/ID/3/ may be the
 * old chapter 4. A chapter is known by, in this order: the same text (its fingerprint); its own
 * address, where the archive's addresses name the chapter and not its place (AO3's /chapters/ID);
 * its own title, where the archive's titles tell chapters apart; and last, on a site whose addresses
 * are places, the place itself, among chapters nothing else matched. A chapter the archive no longer
 * lists stays in the library, marked removed; new text keeps the old one beside it.
 */
import type { ChapterCopy } from '../types';
import { pageKey } from './merge-chapters';

/** One entry of the archive's chapter list, in its order. */
export interface SiteEntry {
  url: string;
  title: string | null;
}

/** A chapter with its text's fingerprint (build-records.ts#textFingerprint), saved or fetched. */
export type KnownCopy = ChapterCopy & { fingerprint: string };

/**
 * Do the list's addresses name chapters by their place (FFN /s/ID/3/, eFiction chapter=3)? So when
 * one part of every address (a path step, a query field) is its place in the list. A list of one
 * is taken to, when its address holds a 1: no address then tells a chapter for sure.
 */
export function placeNamed(urls: readonly string[]): boolean {
  const slotsAt = (url: string, place: number): string[] => {
    const u = new URL(url);
    const n = String(place);
    const steps = u.pathname.split('/').flatMap((step, i) => (step === n ? [`p${i}`] : []));
    return [...steps, ...[...u.searchParams].flatMap(([k, v]) => (v === n ? [`q${k}`] : []))];
  };
  const [first, ...rest] = urls.map((url, j) => slotsAt(url, j + 1));
  return (first ?? []).some((slot) => rest.every((slots) => slots.includes(slot)));
}

/** A chapter title without the list's numbering, folded; null when it says nothing but a number. */
export function bareTitle(title: string | null | undefined): string | null {
  const t = (title ?? '')
    .replace(/^\s*\d+\s*[.:)-]\s*/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  return t === '' || /^(chapter|ch\.?|part|chapitre|kapitel|cap[ií]tulo|глава)?\s*\d+$/.test(t) ? null : t;
}

/** Titles that tell this list's chapters apart: each bare title that occurs once. */
function uniqueTitles(titles: readonly (string | null | undefined)[]): Map<string, number> {
  const seen = new Map<string, number>();
  titles.forEach((t, i) => {
    const bare = bareTitle(t);
    if (bare !== null) seen.set(bare, seen.has(bare) ? -1 : i);
  });
  return new Map([...seen].filter(([, i]) => i >= 0));
}

/**
 * For each site entry, the saved chapter it is without fetching it (by stable address or title),
 * or -1: those are fetched. A removed chapter is matched too: an author may put one back.
 */
export function savedMatches(site: readonly SiteEntry[], saved: readonly ChapterCopy[]): number[] {
  const matched = new Matching(site.length);
  matchByName(site, saved, matched);
  return matched.out;
}

/** Site entry → saved index, each saved chapter taken once. */
class Matching {
  readonly out: number[];
  readonly used = new Set<number>();
  constructor(entries: number) {
    this.out = Array.from({ length: entries }, () => -1);
  }
  take(j: number, i: number | undefined): void {
    if (i === undefined || i < 0 || this.used.has(i) || this.out[j]! >= 0) return;
    this.out[j] = i;
    this.used.add(i);
  }
}

/** By an address that names the chapter, then by a title that tells it apart, among what is still free. */
function matchByName(site: readonly SiteEntry[], saved: readonly ChapterCopy[], matched: Matching): void {
  if (!placeNamed(site.map((e) => e.url))) {
    const byUrl = new Map(saved.map((s, i) => [pageKey(s.url), i]));
    site.forEach((e, j) => matched.take(j, byUrl.get(pageKey(e.url))));
  }
  const savedTitles = uniqueTitles(saved.map((s) => s.listTitle ?? s.title));
  for (const [title, j] of uniqueTitles(site.map((e) => e.title))) matched.take(j, savedTitles.get(title));
}

/** What an update changed, for the words that tell the reader and for the reader's place. */
export interface Reconciled {
  chapters: ChapterCopy[];
  /** Chapters new to the library, and of them those only an author's note or notice. */
  added: number;
  notices: number;
  /** Chapters the archive no longer lists (newly so), and chapters whose text changed. */
  removed: number;
  changed: number;
  /** For each saved chapter, its index in `chapters`. */
  moved: number[];
}

/**
 * The saved chapters brought up to the archive's list (`site`, complete and in order), with the
 * chapters fetched (`fetched`: some or all of the list). Nothing saved is dropped.
 */
export function reconcile(saved: readonly KnownCopy[], site: readonly SiteEntry[], fetched: readonly KnownCopy[], now: number): Reconciled {
  const copyOf = new Map(fetched.map((c) => [pageKey(c.url), c]));
  const copies = site.map((e) => copyOf.get(pageKey(e.url)) ?? null);
  const match = matchAll(saved, site, copies);
  const out: ChapterCopy[] = [];
  const moved = saved.map(() => -1);
  const tally = { added: 0, notices: 0, removed: 0, changed: 0 };
  site.forEach((entry, j) => {
    const i = match[j]!;
    const copy = copies[j];
    const place = { url: entry.url, number: j + 1, listTitle: entry.title ?? copy?.listTitle ?? null };
    if (i >= 0) {
      moved[i] = out.length;
      const s = saved[i]!;
      const same = !copy || copy.fingerprint === s.fingerprint;
      if (!same) tally.changed++;
      out.push(same ? { ...s, ...place, removedAt: null } : { ...copy, ...place, earlier: { html: s.html, changedAt: now } });
    } else if (copy) {
      tally.added++;
      if (copy.notice) tally.notices++;
      out.push({ ...copy, ...place });
    }
  });
  // What the archive no longer lists goes back in after the chapter it followed.
  saved.forEach((s, i) => {
    if (moved[i]! >= 0) return;
    const before = moved.slice(0, i).reduce((at, m) => (m >= 0 ? m : at), -1);
    if (s.removedAt == null) tally.removed++;
    out.splice(before + 1, 0, { ...s, number: null, removedAt: s.removedAt ?? now });
    for (let k = 0; k < moved.length; k++) if (moved[k]! > before) moved[k]!++;
    moved[i] = before + 1;
  });
  return { chapters: out, moved, ...tally };
}

/** Site entry → saved index (-1: new): same text first, then address or title, then place. */
function matchAll(saved: readonly KnownCopy[], site: readonly SiteEntry[], copies: readonly (KnownCopy | null)[]): number[] {
  const matched = new Matching(site.length);
  const byText = new Map<string, number>();
  saved.forEach((s, i) => byText.set(s.fingerprint, byText.get(s.fingerprint) ?? i));
  copies.forEach((c, j) => c && matched.take(j, byText.get(c.fingerprint)));
  matchByName(site, saved, matched);
  // A place-named address, when the text told nothing and the titles do not differ: the same
  // place, its text changed.
  if (!placeNamed(site.map((e) => e.url))) return matched.out;
  const byPlace = new Map(saved.map((s, i) => [pageKey(s.url), i]));
  site.forEach((e, j) => {
    const i = byPlace.get(pageKey(e.url));
    if (i === undefined || !copies[j]) return;
    const [was, now] = [bareTitle(saved[i]!.listTitle ?? saved[i]!.title), bareTitle(e.title)];
    if (was === null || now === null || was === now) matched.take(j, i);
  });
  return matched.out;
}

const NOTICE_TITLE =
  /author'?s? ?note|\ba\/n\b|hiatus|on hold|discontinu|abandon|adoption|announcement|not an? (update|chapter)|update notice|notice\b/i;
const NOTICE_TEXT =
  /hiatus|on hold|discontinu|abandon|up for adoption|not an? (update|chapter)|this is(n't| not) a chapter|author'?s? note/i;

/**
 * A chapter that is only an author's note or a hiatus notice: short, and saying so in its title or
 * its first lines. Such a chapter is kept and shown, but it is no new story.
 */
export function isNoticeChapter(title: string | null, text: string, words: number): boolean {
  if (words > 400) return false;
  return NOTICE_TITLE.test(bareTitle(title) ?? '') || NOTICE_TEXT.test(text.slice(0, 300));
}
