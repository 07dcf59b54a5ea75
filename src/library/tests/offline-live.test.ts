/**
 * The offline reader is the live reader: a chapter saved from any page of the corpus is drawn from
 * the library with the same text, the same word count, the same notes (folded under the same
 * labels, on the same side of the text) and the same name in the chapter list as the live reader
 * gave it on the page; the chapter's stored word count is that of the text alone.
 */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { ReaderNote, ReaderView } from '../../core/model';
import { squash } from '../../core/dom';
import { readerView } from '../../reader/view';
import { copyPage } from '../jobs/page-copy';
import { chapterRecords, prepareChapter } from '../db/build-records';
import { savedChapterView } from '../offline-view';
import { metaFromReport } from '../db/save';
import type { ChapterRecord, StoryRecord } from '../types';
import { corpusPages } from '../../../tests/lib/corpus';
import { testWindow } from './library-fixtures';

const win = testWindow();

const notesOf = (view: ReaderView) =>
  view.notes.map((n: ReaderNote) => ({ label: n.label, position: n.position, text: squash(textOf(n.html)) }));
const textOf = (html: string) => JSDOM.fragment(`<div>${html}</div>`).firstElementChild!.textContent ?? '';
const currentTitle = (view: ReaderView) => view.nav.chapters.find((c) => c.current)?.title;

/**
 * The live view of a corpus page, the offline view of the chapter saved from it, and its stored
 * record (null when the page saves as several).
 */
function bothViews(htmlPath: string, url: string): { live: ReaderView; offline: ReaderView; record: ChapterRecord } | null {
  const { document } = new JSDOM(readFileSync(htmlPath), { url }).window;
  const live = readerView(document, url);
  const copy = copyPage(document, url);
  if (!live || copy.chapters.length !== 1) return null;
  const prepared = prepareChapter(copy.chapters[0]!, win);
  // A second chapter after it, so the offline reader has a chapter list to name it in.
  const next = { ...prepared, number: prepared.number === null ? null : prepared.number + 1, url: `${url}#next` };
  const chapters = chapterRecords('s', 1, [prepared, next], 0);
  const story = { id: 's', site: copy.report.site, meta: metaFromReport(copy.report, 2) } as StoryRecord;
  return { live, offline: savedChapterView(story, chapters, 0, (i) => `read.html#${i}`, win), record: chapters[0]! };
}

const pages = corpusPages().filter((p) => p.textPath && (p.expected.kind === 'chapter' || p.expected.kind === 'story'));

describe('the offline reader draws the live reader’s view of a saved chapter', () => {
  it('covers pages of many sites', () => {
    expect(new Set(pages.map((p) => p.folder)).size).toBeGreaterThan(10);
  });

  it.each(pages.map((p) => [p.name, p] as const))('%s', (_name, page) => {
    const views = bothViews(page.htmlPath, page.expected.url);
    if (!views) return; // a whole work on one page saves as several chapters: each is read by the reader's own extraction
    const { live, offline, record } = views;
    expect(offline.content.text).toBe(live.content.text);
    expect(offline.content.words).toBe(live.content.words);
    // The stored count is the story text's too, the author's notes left out.
    expect(record.words).toBe(live.content.words);
    expect(record.textLength).toBe(live.content.text.length);
    expect(notesOf(offline)).toEqual(notesOf(live));
    if (live.nav.chapters.length > 0) expect(currentTitle(offline)).toBe(currentTitle(live));
  });
});
