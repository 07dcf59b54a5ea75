/**
 * What the library keeps of one page: its report, the chapters it holds as sanitised HTML, and its
 * chapter navigation. Pure DOM in, data out: the runner calls it on the live page the reader saves
 * and on every page it fetches. The chapter text comes from the reader's own extraction
 * (src/reader/extract.ts), so a saved chapter reads exactly as the reader showed it.
 */
import type { ChapterNav, PageReport, ReaderNote } from '../../core/model';
import { holdsStory } from '../../core/model';
import type { SiteAdapter, SplitChapter } from '../../sites/types';
import { adapterFor } from '../../sites/registry';
import { reportWith } from '../../core/page';
import { extractStory, inertCopy } from '../../reader/extract';
import { repeatsSummary } from '../../reader/summary-note';
import type { ChapterCopy } from '../types';

export interface PageCopy {
  /** The page report (src/core/page.ts detectPage), without content. */
  report: PageReport;
  /**
   * The chapters this page holds, sanitised HTML: one for a chapter page or one-shot, all of them
   * for a whole-work view (AO3 view_full_work, eFiction printable). Empty when no story text.
   */
  chapters: ChapterCopy[];
  nav: ChapterNav;
}

/**
 * A page's chapters. Each chapter's HTML is its text with the author's notes around it, every note
 * in a `<details>` whose `<summary>` is the note's label (the reader shows them collapsible too).
 * A note that only repeats the work's summary is left out: the summary is saved with the story.
 *
 * `number` is the site's chapter number: the page's for a chapter page, 1..n as the site numbers
 * them for a whole-work page, 1 for a one-shot; null for a page of a story the site does not
 * number (a forum reader page with neighbours).
 *
 * Read from an inert copy of `page` (see inertCopy); throws an ExtractionError on a page too large
 * or too slow to read.
 */
export function copyPage(page: Document, url: string): PageCopy {
  const u = new URL(url);
  const doc = inertCopy(page);
  const adapter = adapterFor(doc, u);
  const report = reportWith(adapter, doc, u);
  const nav = adapter.nav(doc, u);
  if (!holdsStory(report.kind)) return { report, chapters: [], nav };

  const split = adapter.splitChapters?.(doc, u) ?? null;
  if (split) return { report, chapters: split.map((part) => splitCopy(part, adapter, doc, u, report)), nav };

  const story = extractStory(doc, u, adapter, report.title);
  if (!story) return { report, chapters: [], nav };
  const oneShot = report.kind === 'story' && !nav.prev && !nav.next;
  const chapter: ChapterCopy = {
    title: report.chapter?.title ?? (report.kind === 'story' ? report.title : null),
    // The address the chapter list gives this chapter, so a plan's URLs and the saved ones agree.
    url: nav.chapters.find((c) => c.current)?.url ?? u.href,
    html: withNotes(story.content.html, story.notes, report.summary, doc),
    kind: report.kind,
    number: report.chapter?.index ?? (oneShot ? 1 : null),
    listTitle: nav.chapters.find((c) => c.current)?.title ?? null,
  };
  return { report, chapters: [chapter], nav };
}

/** One chapter of a whole-work page, through the same extraction with the adapter's pointers for it. */
function splitCopy(part: SplitChapter, adapter: SiteAdapter, doc: Document, url: URL, report: PageReport): ChapterCopy {
  const story = extractStory(doc, url, { ...adapter, extract: () => part.extraction }, report.title);
  return {
    title: part.title,
    url: part.url ?? url.href,
    html: story ? withNotes(story.content.html, story.notes, report.summary, doc) : '',
    kind: report.kind,
    number: part.number,
  };
}

/** The chapter text between its notes, each note folded under its label. */
function withNotes(html: string, notes: ReaderNote[], summary: string | null, doc: Document): string {
  const inert = doc.implementation.createHTMLDocument('');
  const kept = notes.filter((n) => !repeatsSummary(n.html, summary, inert));
  const folded = (n: ReaderNote) => `<details><summary>${escapeText(n.label)}</summary>${n.html}</details>`;
  return [...kept.filter((n) => n.position === 'before').map(folded), html, ...kept.filter((n) => n.position === 'after').map(folded)].join(
    '',
  );
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
