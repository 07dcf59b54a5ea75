/**
 * A saved story as the reader and the rating gate see it: the page report its work page would
 * give, and one chapter as a reader view, with navigation across the saved chapters only. DOM in
 * (a window for the sanitiser), data out; nothing is fetched.
 */
import { countWords, textLines } from '../core/dom';
import { estimateText } from '../warnings/estimate/estimate';
import type { ChapterInfo, ChapterNav, PageReport, ReaderNote, ReaderView, StoryContent } from '../core/model';
import { sanitizeToFragment } from '../reader/sanitize';
import { placeholdRemoteImages } from '../reader/image-placeholders';
import { withSummary } from '../reader/summary-note';
import { storyReport } from './story-report';
import { siteName } from '../sites/registry';
import { takeNotes } from './stored-notes';
import type { ChapterRecord, StoryRecord } from './types';

/**
 * A saved chapter as the reader shows it: stored HTML, sanitised again before it is rendered, its
 * remote images made placeholders (nothing loads offline). The author's notes, stored folded around
 * the text (src/library/jobs/page-copy.ts), become the view's notes again, so the offline reader
 * draws them as the live one does, and the text and words are the story's own, without them.
 */
export function savedChapter(
  chapter: Pick<ChapterRecord, 'html'>,
  win: Window & typeof globalThis,
): { content: StoryContent; notes: ReaderNote[] } {
  const holder = win.document.implementation.createHTMLDocument('').createElement('div');
  holder.append(sanitizeToFragment(chapter.html, win));
  const notes = takeNotes(holder);
  const text = textLines(holder).join('\n');
  placeholdRemoteImages(holder);
  for (const n of notes) n.html = placeholdNote(n.html, holder.ownerDocument);
  return { content: { html: holder.innerHTML, text, words: countWords(text) }, notes };
}

/** The text of a saved chapter as the reader shows it (see savedChapter). */
export const chapterContent = (chapter: Pick<ChapterRecord, 'html'>, win: Window & typeof globalThis): StoryContent =>
  savedChapter(chapter, win).content;

function placeholdNote(html: string, doc: Document): string {
  const holder = doc.createElement('div');
  holder.innerHTML = html;
  placeholdRemoteImages(holder);
  return holder.innerHTML;
}

/**
 * The report of the story's own page, from what the library stored about it. With `text` (the
 * saved story's text), it carries the estimate of it, as the gate on a live page estimates the
 * text it shows: an unrated story is judged by it, and a rated one whose text reads past both its
 * rating and the reader's limit is covered (policy.ts, checkRated).
 */
export function savedReport(story: StoryRecord, text: string | null = null): PageReport {
  return storyReport(story, text !== null ? estimateText(text) : null);
}

/** The plain text of every saved chapter: the rating gate judges an unrated story as a whole. */
export function savedStoryText(chapters: readonly Pick<ChapterRecord, 'html'>[], win: Window & typeof globalThis): string {
  return chapters.map((c) => chapterContent(c, win).text).join('\n');
}

/**
 * Chapter `index` of a saved story as a reader view. The navigation names the chapters by
 * `addressOf` (the offline reader's own address for each), never by the site's URLs, so turning a
 * chapter stays in the library.
 */
export function savedChapterView(
  story: StoryRecord,
  chapters: readonly ChapterRecord[],
  index: number,
  addressOf: (index: number) => string,
  win: Window & typeof globalThis,
): ReaderView {
  const chapter = chapters[index];
  if (!chapter) throw new RangeError(`No chapter ${index} in ${story.id}`);
  const { content, notes } = savedChapter(chapter, win);
  const report = savedReport(story, content.text);
  const nav: ChapterNav = {
    prev: index > 0 ? addressOf(index - 1) : null,
    next: index < chapters.length - 1 ? addressOf(index + 1) : null,
    chapters:
      chapters.length > 1 ? chapters.map((c, i) => ({ title: listTitle(c) + listMark(c), url: addressOf(i), current: i === index })) : [],
  };
  return {
    report: {
      ...report,
      url: chapter.url,
      content,
      chapter: chapters.length > 1 ? chapterInfo(chapter, index, story.meta.chapterTotal) : null,
    },
    siteName: siteName(report.site),
    content,
    // The saved copy left out a note repeating the summary, which is saved with the story.
    notes: [...updateNotes(chapter, win), ...withSummary(notes, story.meta.summary, chapter.number ?? index + 1, win.document)],
    nav,
  };
}

/**
 * "Chapter 2 of 5" by the archive's own number, where the chapter has one: after an update that
 * dropped a chapter, the saved chapters' places are not the archive's. A removed chapter has no
 * number there any more, so it is named by its place in the library, of no total.
 */
function chapterInfo(c: ChapterRecord, index: number, total: number | null): ChapterInfo {
  if (c.removedAt !== undefined) return { index: index + 1, count: null, title: c.title };
  return { index: c.number ?? index + 1, count: total, title: c.title };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * What updates found of a chapter, first among its notes: gone from the archive, or changed by the
 * author, with the earlier text (sanitised again, its images placeholders) one click away.
 */
function updateNotes(c: Pick<ChapterRecord, 'removedAt' | 'earlier'>, win: Window & typeof globalThis): ReaderNote[] {
  const notes: ReaderNote[] = [];
  if (c.removedAt !== undefined)
    notes.push({
      label: 'Removed from the archive',
      html: `<p>The archive stopped listing this chapter (found on ${day(c.removedAt)}). Slipcase keeps the copy you saved.</p>`,
      position: 'before',
    });
  if (c.earlier)
    notes.push({
      label: `Changed by the author (found on ${day(c.earlier.changedAt)}): the earlier text`,
      html: chapterContent(c.earlier, win).html,
      position: 'before',
    });
  return notes;
}

/** The update's mark in the chapter list, after the chapter's name. */
function listMark(c: Pick<ChapterRecord, 'removedAt' | 'earlier' | 'notice'>): string {
  if (c.removedAt !== undefined) return ' (removed from the archive)';
  if (c.earlier) return ' (changed)';
  return c.notice ? " (author's note)" : '';
}

/**
 * A chapter as the chapter list names it: as the site's own list named it when it was saved, else
 * numbered as the sites' menus number them ("2. The Title"), by the site's number where it was
 * read, so chapters 2 and 5 saved alone keep theirs.
 */
function listTitle(c: Pick<ChapterRecord, 'title' | 'number' | 'index' | 'listTitle'>): string {
  if (c.listTitle) return c.listTitle;
  const n = c.number ?? c.index + 1;
  const title = c.title?.trim() ?? '';
  if (title === '' || /^(chapter\s*)?\d+$/i.test(title)) return `${n}. Chapter ${n}`;
  return new RegExp(`^(chapter\\s*)?${n}\\b`, 'i').test(title) ? title : `${n}. ${title}`;
}
