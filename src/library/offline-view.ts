/**
 * A saved story as the reader and the rating gate see it: the page report its work page would
 * give, and one chapter as a reader view, with navigation across the saved chapters only. DOM in
 * (a window for the sanitiser), data out; nothing is fetched.
 */
import { countWords, textLines } from '../core/dom';
import { estimateText } from '../warnings/estimate/estimate';
import type { ChapterNav, PageReport, ReaderNote, ReaderView, StoryContent } from '../core/model';
import { sanitizeToFragment } from '../reader/sanitize';
import { placeholdRemoteImages } from '../reader/image-placeholders';
import { storyReport } from './story-report';
import type { ChapterRecord, StoryRecord } from './types';

/**
 * A chapter's text as the reader shows it: stored HTML, sanitised again before it is rendered, its
 * remote images made placeholders (nothing loads offline). Its text and words are the story's own.
 */
export function chapterContent(chapter: Pick<ChapterRecord, 'html'>, win: Window & typeof globalThis): StoryContent {
  const holder = win.document.implementation.createHTMLDocument('').createElement('div');
  holder.append(sanitizeToFragment(chapter.html, win));
  const text = textLines(holder).join('\n');
  placeholdRemoteImages(holder);
  return { html: holder.innerHTML, text, words: countWords(text) };
}

/**
 * The report of the story's own page, from what the library stored about it. With `text` (the
 * saved story's text), an unrated story carries the estimate of it, as the gate on a live page
 * estimates the text it shows.
 */
export function savedReport(story: StoryRecord, text: string | null = null): PageReport {
  return storyReport(story, text !== null && story.meta.rating.level === 'unknown' ? estimateText(text) : null);
}

/** The plain text of every saved chapter: the rating gate judges an unrated story as a whole. */
export function savedStoryText(chapters: readonly Pick<ChapterRecord, 'html'>[], win: Window & typeof globalThis): string {
  return chapters.map((c) => chapterContent(c, win).text).join('\n');
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);

/** The stored summary is plain text: its paragraphs, escaped. */
function summaryNote(summary: string | null): ReaderNote[] {
  const paragraphs = (summary ?? '')
    .split(/\n+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (paragraphs.length === 0) return [];
  return [{ label: 'Summary', html: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join(''), position: 'before' }];
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
  const content = chapterContent(chapter, win);
  const report = savedReport(story, content.text);
  const nav: ChapterNav = {
    prev: index > 0 ? addressOf(index - 1) : null,
    next: index < chapters.length - 1 ? addressOf(index + 1) : null,
    chapters: chapters.length > 1 ? chapters.map((c, i) => ({ title: c.title ?? '', url: addressOf(i), current: i === index })) : [],
  };
  return {
    report: {
      ...report,
      url: chapter.url,
      content,
      chapter: chapters.length > 1 ? { index: index + 1, count: story.meta.chapterTotal, title: chapter.title } : null,
    },
    content,
    notes: index === 0 ? summaryNote(story.meta.summary) : [],
    nav,
  };
}
