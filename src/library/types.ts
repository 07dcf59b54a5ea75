/**
 * The offline library's records: what the IndexedDB stores hold (see schema.ts) and what callers
 * pass in to save a story. Plain data, so the same shapes go into backups and out to the pages.
 */
import type { PageKind, Rating } from '../core/model';

/** complete: every chapter the site plans is posted; wip: more to come; unknown: the site does not say. */
export type StoryStatus = 'complete' | 'wip' | 'unknown';

/** What the site says about a work, as read off its page. */
export interface StoryMeta {
  title: string;
  authors: string[];
  fandoms: string[];
  summary: string | null;
  rating: Rating;
  warnings: string[];
  /** The site hid its warnings (AO3): not the same as none. */
  warningsHidden: boolean;
  tags: string[];
  /** The work's word count as the site states it; null when it states none. */
  words: number | null;
  /** The number of chapters the site plans; null when it does not know (AO3 "3/?"). */
  chapterTotal: number | null;
  /**
   * The number of chapters the site has posted, as its chapter list shows; null when no page
   * listed them (and in stories saved before it was kept).
   */
  chaptersPosted: number | null;
  status: StoryStatus;
  /** The series the story was saved from, and its part there (a batch save of an AO3 series page). */
  series?: { title: string; url: string; part: number };
}

/** A held copy that did not check out, waiting for the reader to keep or discard it. */
export interface PendingInfo {
  version: number;
  problems: Problem[];
  createdAt: number;
}

/** One saved work. Its text lives in the chapters store under `version`. */
export interface StoryRecord {
  /** src/warnings/policy.ts#storyKey: site, host and the work's id, so every chapter page maps here. */
  id: string;
  /** Adapter id ("ao3"). */
  site: string;
  /** src/warnings/policy.ts#siteKey ("archiveofourown.org"). */
  host: string;
  /** The work's own address. */
  url: string;
  meta: StoryMeta;
  /** The version whose chapters are the saved copy. */
  version: number;
  pending: PendingInfo | null;
  /** Chapters saved in the current version. */
  chapterCount: number;
  /**
   * The site's numbers of the saved chapters, in order, when they are not every chapter the site
   * has posted (a work saved chapter by chapter); null for a whole work, or when unknown.
   */
  savedNumbers: number[] | null;
  /** The site's count when it states one, else the saved text's (always the saved text's for a partly saved work): the words sort uses it. */
  words: number;
  /** Times in ms since the epoch. lastReadAt is 0 for a story never opened. */
  savedAt: number;
  updatedAt: number;
  lastReadAt: number;
  /** Chapters update checks brought since the reader last opened the story (0: none). */
  newChapters: number;
  /** Saved chapters an update found gone from the archive (kept), and chapters it found changed; absent when none. */
  removedChapters?: number;
  changedChapters?: number;
  /** Case- and accent-folded sort keys (a leading "The"/"A"/"An" left out of the title's). */
  sortTitle: string;
  sortAuthor: string;
  /**
   * 'folder': this device keeps only the story's details and chapter list; the chapters' text is in
   * the WebDAV sync folder, fetched when the reader opens the story (src/library/dav/awaiting.ts).
   * Absent for a story whose text is here.
   */
  textIn?: 'folder';
}

/** One chapter of one version of a story. `index` is 0-based, in reading order. */
export interface ChapterRecord {
  storyId: string;
  version: number;
  index: number;
  title: string | null;
  url: string;
  /**
   * The site's 1-based chapter number, when the page said: a story saved chapter by chapter may
   * hold chapters 2 and 5 only. Absent when unknown (and in chapters saved before schema v4);
   * reading order (index + 1) then stands in.
   */
  number?: number;
  /**
   * The chapter's name in the site's chapter list ("2. The Guild"), so the offline reader lists it
   * as the live one did. Absent when the page listed none (and in chapters saved before it was kept).
   */
  listTitle?: string;
  /** Sanitised HTML (src/reader/sanitize.ts), sanitised again by the library before it is stored. */
  html: string;
  /** Words of the story text, as the reader counts them: the author's notes are not counted. */
  words: number;
  /** Characters of the story text's plain text (the notes left out too). */
  textLength: number;
  fetchedAt: number; /** A hash of the story text (build-records.ts#textFingerprint): an update knows the chapter by it wherever it now stands. Absent in chapters saved before it was kept. */
  fingerprint?: string;
  /** When an update found the archive no longer lists it (ms): kept, marked "removed from the archive". */
  removedAt?: number;
  /** The text it had before the author changed it, one click away in the reader. */
  earlier?: EarlierText;
  /** Only an author's note or a hiatus notice (chapter-identity.ts#isNoticeChapter): no new story. */
  notice?: true;
  /** In a story whose text is in the sync folder (StoryRecord.textIn): the blob that holds it. `html` is empty. */
  blob?: string;
}

/** A chapter's text before an update found it changed. Sanitised HTML, as the chapter's own. */
export interface EarlierText {
  html: string;
  /** When the update found the change (ms). */
  changedAt: number;
}

/** Why a fetched copy did not replace the saved one. Chapter numbers are 0-based indexes. */
export type Problem =
  | { kind: 'error-page'; chapter: number | null }
  | { kind: 'gate-page'; chapter: number | null }
  | { kind: 'not-a-story'; chapter: number }
  | { kind: 'no-chapters' }
  | { kind: 'fewer-chapters'; before: number; after: number }
  | { kind: 'shorter-chapter'; chapter: number; before: number; after: number };

/**
 * A version of a story: the saved copy ('current') or a fetched one held back ('pending'). It
 * carries what the save policy compares, so a save need not read the old chapters' text.
 */
export interface VersionRecord {
  storyId: string;
  version: number;
  state: 'current' | 'pending';
  createdAt: number;
  url: string;
  meta: StoryMeta;
  chapterWords: number[];
  /** Per chapter: the site's chapter number, null when unknown. Absent in versions saved before it was kept. */
  chapterNumbers?: (number | null)[];
  /** Per chapter: text length and a hash of its HTML, to tell an unchanged fetch. */
  chapterHashes: string[];
  /** Per chapter: what an update found of it (ChapterRecord.removedAt, .earlier). Absent in versions saved before it was kept. */
  chapterMarks?: ('removed' | 'changed' | null)[];
  problems: Problem[];
}

/**
 * Where the reader is in a story: chapter (0-based) and how far through it (0..1); `text`, the
 * first words of the paragraph there, finds it again in a chapter the author has edited since.
 */
export interface Position {
  chapter: number;
  fraction: number;
  text?: string;
}

export interface ProgressRecord extends Position {
  storyId: string;
  /** When the reader was last there (ms). */
  at: number;
  /**
   * Where the reader's other devices last were, as the WebDAV sync last heard (src/library/dav/),
   * newest first: the library offers them beside this device's own place. Absent without sync.
   */
  elsewhere?: ElsewherePlace[];
}

/** Another device's last place in a story. */
export interface ElsewherePlace extends Position {
  /** The device's name, as the reader named it there. */
  device: string;
  at: number;
}

/** One chapter as a caller hands it in: read from `kind` of page, HTML already sanitised. */
export interface ChapterCopy {
  title: string | null;
  url: string;
  html: string;
  /** The kind of page the chapter was read from (src/core/page.ts): 'story' or 'chapter' if all went well. */
  kind: PageKind;
  /** The site's 1-based chapter number, when the page says; saving one chapter merges by it. */
  number?: number | null;
  /** Its name in the site's chapter list, when the page lists chapters (see ChapterRecord). */
  listTitle?: string | null; /** Marks a saved chapter carries into a save (see ChapterRecord). */
  fingerprint?: string;
  removedAt?: number | null;
  earlier?: EarlierText | null;
  notice?: boolean;
}

/** A whole story as fetched: what saveStory takes. */
export interface StoryCopy {
  /** Adapter id of the page the metadata was read from. */
  site: string;
  url: string;
  /** The kind of that page: an error or gate page is never saved. */
  kind: PageKind;
  meta: StoryMeta;
  chapters: ChapterCopy[];
  /** When it was fetched (ms); defaults to now. */
  fetchedAt?: number;
}

/**
 * saved: the first copy; updated: replaced the saved copy; held: kept pending beside it (see
 * problems); rejected: nothing written (see problems); unchanged: the same as the saved copy (a
 * held copy, no longer borne out by the site, is dropped).
 */
export interface SaveResult {
  id: string;
  outcome: 'saved' | 'updated' | 'held' | 'rejected' | 'unchanged';
  problems: Problem[];
}

// ---- save jobs ----

/**
 * chapter: the open page only; story: the whole work; update: the chapters a saved work lacks;
 * batch: the works a series or creator's page lists, one story job after another.
 */
export type JobScope = 'chapter' | 'story' | 'update' | 'batch';

/**
 * queued: waiting its turn; running: fetching or saving; waiting: holding off before the next
 * request (politeness, or the site asked to slow down); done, failed, cancelled: finished.
 */
export type JobState = 'queued' | 'running' | 'waiting' | 'done' | 'failed' | 'cancelled';

const UNFINISHED: ReadonlySet<JobState> = new Set(['queued', 'running', 'waiting']);
/** A job still to run or running (queued, running, waiting its turn at its site). */
export const isUnfinished = (job: { state: JobState }): boolean => UNFINISHED.has(job.state);

/** What the pages show of a save job. */
export interface JobView {
  id: string;
  scope: JobScope;
  /** The page the job started from. */
  url: string;
  title: string;
  /** The library id of the story, once known. */
  storyId: string | null;
  state: JobState;
  /** Pages fetched or chapters saved so far, of `total` (null while unknown). */
  done: number;
  total: number | null;
  /** A sentence for the reader: what is happening, or what went wrong. */
  message: string | null;
  /** How the save ended (state done). */
  outcome: SaveResult['outcome'] | null;
  createdAt: number;
  updatedAt: number;
}
