/**
 * Building the library's records from what a caller hands in. Saving and importing both come
 * through here, so every chapter is sanitised and measured the same way, whatever its source.
 */
import { countWords, textLines } from '../../core/dom';
import { storyKey, siteKey } from '../../warnings/policy';
import { sanitizeToFragment } from '../../reader/sanitize';
import type { ChapterCopy, ChapterRecord, EarlierText, PendingInfo, Problem, StoryMeta, StoryRecord, VersionRecord } from '../types';
import { isNoticeChapter } from '../jobs/chapter-identity';
import { contentHash, sortKey } from '../search/text-keys';
import { takeNotes } from '../stored-notes';

/** The library's id for a work: the key "always allow" already uses (src/warnings/policy.ts#storyKey). */
export function storyIdOf(site: string, url: string, meta: Pick<StoryMeta, 'title' | 'authors'>): string {
  return storyKey({ site, url, title: meta.title, author: meta.authors.join(', ') || null });
}

/** A chapter ready to store: sanitised here (whatever the caller did), measured, hashed. */
export interface PreparedChapter {
  title: string | null;
  url: string;
  /** The site's 1-based chapter number; null when unknown. */
  number: number | null;
  listTitle: string | null;
  html: string;
  words: number;
  textLength: number;
  /** The HTML's hash, with the chapter's marks: a chapter newly marked removed or changed is a change to save. */
  hash: string;
  fingerprint: string;
  notice: boolean;
  removedAt: number | null;
  earlier: EarlierText | null;
}

/** One inert document per window to measure chapters in: a library import prepares thousands. */
const inertDocs = new WeakMap<Window, Document>();

function inertDocument(win: Window & typeof globalThis): Document {
  let doc = inertDocs.get(win);
  if (!doc) inertDocs.set(win, (doc = win.document.implementation.createHTMLDocument('')));
  return doc;
}

/**
 * Sanitises and measures one chapter (its words and text length: the story text's, without the
 * author's notes). `win` builds the sanitiser (an extension page's window, or jsdom's); the HTML
 * is parsed into an inert document, where nothing of it loads or runs.
 */
export function prepareChapter(
  c: Pick<ChapterCopy, 'title' | 'url' | 'html' | 'number' | 'listTitle' | 'removedAt' | 'earlier'>,
  win: Window & typeof globalThis,
): PreparedChapter {
  const holder = inertDocument(win).createElement('div');
  holder.append(sanitizeToFragment(c.html, win));
  const html = holder.innerHTML;
  // Measured as the reader measures it: the story text, the author's notes folded around it left out.
  takeNotes(holder);
  const text = textLines(holder).join('\n');
  const words = countWords(text);
  const removedAt = c.removedAt ?? null;
  const earlier = c.earlier ? { html: sanitizedHtml(c.earlier.html, win), changedAt: c.earlier.changedAt } : null;
  return {
    title: c.title,
    url: c.url,
    number: c.number ?? null,
    listTitle: c.listTitle ?? null,
    html,
    words,
    textLength: text.length,
    hash: contentHash(html) + (removedAt !== null ? ':removed' : '') + (earlier ? ':changed' : ''),
    fingerprint: textFingerprint(text),
    notice: isNoticeChapter(c.title, text, words),
    removedAt,
    earlier,
  };
}

/** The story text's fingerprint: its words, whatever markup or spacing the site wraps them in. */
export function textFingerprint(text: string): string {
  return contentHash(text.replace(/\s+/g, ' ').trim());
}

function sanitizedHtml(html: string, win: Window & typeof globalThis): string {
  const holder = inertDocument(win).createElement('div');
  holder.append(sanitizeToFragment(html, win));
  return holder.innerHTML;
}

export function chapterRecords(storyId: string, version: number, chapters: readonly PreparedChapter[], fetchedAt: number): ChapterRecord[] {
  return chapters.map((c, index) => ({
    storyId,
    version,
    index,
    title: c.title,
    url: c.url,
    // Only when known, as chapters saved before numbers were kept have none.
    ...(c.number !== null && { number: c.number }),
    ...(c.listTitle !== null && { listTitle: c.listTitle }),
    html: c.html,
    words: c.words,
    textLength: c.textLength,
    fetchedAt,
    fingerprint: c.fingerprint,
    ...(c.removedAt !== null && { removedAt: c.removedAt }),
    ...(c.earlier !== null && { earlier: c.earlier }),
    ...(c.notice && { notice: true as const }),
  }));
}

export function versionRecord(
  v: Pick<VersionRecord, 'storyId' | 'version' | 'state' | 'createdAt' | 'url' | 'meta'>,
  chapters: readonly PreparedChapter[],
  problems: Problem[] = [],
): VersionRecord {
  return {
    ...v,
    chapterWords: chapters.map((c) => c.words),
    chapterNumbers: chapters.map((c) => c.number),
    chapterHashes: chapters.map((c) => c.hash),
    chapterMarks: chapters.map((c) => (c.removedAt !== null ? 'removed' : c.earlier ? 'changed' : null)),
    problems,
  };
}

/**
 * The saved chapters' numbers when they leave out some of the `posted` chapters (a partly saved
 * work), else null; null too when a number or the posted count is unknown.
 */
export function partlySaved(numbers: readonly (number | null)[] | undefined, posted: number | null): number[] | null {
  if (!numbers?.length || posted === null || numbers.some((n) => n === null)) return null;
  const held = new Set(numbers as number[]);
  for (let n = 1; n <= posted; n++) if (!held.has(n)) return [...held].sort((a, b) => a - b);
  return null;
}

/** The story record for a current version; times, the count of new chapters and the held copy come from the caller. */
export function storyRecord(
  site: string,
  current: VersionRecord,
  times: Pick<StoryRecord, 'savedAt' | 'updatedAt' | 'lastReadAt' | 'newChapters'>,
  pending: PendingInfo | null,
): StoryRecord {
  const { meta } = current;
  const savedNumbers = partlySaved(current.chapterNumbers, meta.chaptersPosted);
  const savedWords = current.chapterWords.reduce((a, b) => a + b, 0);
  const marked = (mark: 'removed' | 'changed') => current.chapterMarks?.filter((m) => m === mark).length ?? 0;
  const [removed, changed] = [marked('removed'), marked('changed')];
  return {
    id: current.storyId,
    site,
    host: siteKey({ url: current.url }),
    url: current.url,
    meta,
    version: current.version,
    pending,
    chapterCount: current.chapterWords.length,
    savedNumbers,
    // The site's count is the whole work's: a partly saved work shows what it holds.
    words: savedNumbers ? savedWords : (meta.words ?? savedWords),
    ...times,
    ...(removed > 0 && { removedChapters: removed }),
    ...(changed > 0 && { changedChapters: changed }),
    sortTitle: sortKey(meta.title, true),
    sortAuthor: sortKey(meta.authors[0] ?? '', false),
  };
}
