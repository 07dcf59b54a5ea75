/**
 * What the offline reader shows of an update's marks: a chapter removed from the archive says so in
 * the chapter list and above its text; a changed one keeps its earlier text one click away, and it
 * is sanitised again before it is shown.
 */
import { describe, expect, it } from 'vitest';
import { chapterRecords, prepareChapter, storyRecord, versionRecord } from '../db/build-records';
import { chaptersText, marksText } from '../ui/format';
import { savedChapterView } from '../offline-view';
import type { StoryRecord } from '../types';
import { testWindow } from './library-fixtures';

const win = testWindow();
const story = {
  id: 's',
  site: 'ffn',
  meta: {
    title: 'T',
    summary: null,
    chapterTotal: 3,
    rating: { level: 'general', label: 'K', source: 'site' },
    authors: [],
    fandoms: [],
    warnings: [],
    tags: [],
  },
} as unknown as StoryRecord;
const FOUND = Date.UTC(2026, 11, 5);

function records() {
  const chapter = (n: number, text: string, marks: object = {}) =>
    prepareChapter(
      {
        title: `Part ${n}`,
        url: `https://www.fanfiction.net/s/9/${n}/`,
        html: `<p>${text}</p>`,
        number: n,
        listTitle: `${n}. Part ${n}`,
        ...marks,
      },
      win,
    );
  return chapterRecords(
    's',
    1,
    [
      chapter(1, 'First.'),
      chapter(2, 'Second.', { removedAt: FOUND, number: null }),
      chapter(3, 'Third, rewritten.', { earlier: { html: '<p>Third, as it was.</p><img src=x onerror="alert(1)">', changedAt: FOUND } }),
      chapter(4, 'This story is on hiatus for the summer.'),
    ],
    FOUND,
  );
}

describe('update marks in the offline reader', () => {
  it('names removed, changed and author’s-note chapters in the chapter list', () => {
    const view = savedChapterView(story, records(), 0, (i) => `read.html#${i}`, win);
    expect(view.nav.chapters.map((c) => c.title)).toEqual([
      '1. Part 1',
      '2. Part 2 (removed from the archive)',
      '3. Part 3 (changed)',
      "4. Part 4 (author's note)",
    ]);
  });

  it('says a chapter was removed, above its kept text', () => {
    const view = savedChapterView(story, records(), 1, (i) => `read.html#${i}`, win);
    expect(view.notes[0]).toMatchObject({ label: 'Removed from the archive', position: 'before' });
    expect(view.notes[0]!.html).toContain('2026-12-05');
    expect(view.content.text).toContain('Second.');
  });

  it('keeps the earlier text of a changed chapter one click away, sanitised', () => {
    const rec = records()[2]!;
    expect(rec.earlier!.html).not.toContain('onerror');
    const view = savedChapterView(story, records(), 2, (i) => `read.html#${i}`, win);
    expect(view.notes[0]!.label).toBe('Changed by the author (found on 2026-12-05): the earlier text');
    expect(view.notes[0]!.html).toContain('Third, as it was.');
    expect(view.notes[0]!.html).not.toContain('onerror');
    expect(view.content.text).toContain('Third, rewritten.');
  });
});

describe('update marks on the library card', () => {
  it('counts removed and changed chapters from the saved version, and the chapters the archive still lists', () => {
    const prepared = [1, 2, 3].map((n) =>
      prepareChapter(
        {
          title: null,
          url: `https://example.org/s/${n}`,
          html: `<p>${n}</p>`,
          ...(n === 2 && { removedAt: FOUND }),
          ...(n === 3 && { earlier: { html: '<p>old</p>', changedAt: FOUND } }),
        },
        win,
      ),
    );
    const meta = {
      ...story.meta,
      chapterTotal: 2,
      chaptersPosted: 2,
      status: 'complete',
      words: null,
      warningsHidden: false,
    } as StoryRecord['meta'];
    const version = versionRecord(
      { storyId: 's', version: 1, state: 'current', createdAt: FOUND, url: 'https://example.org/s', meta },
      prepared,
    );
    const record = storyRecord('generic', version, { savedAt: FOUND, updatedAt: FOUND, lastReadAt: 0, newChapters: 0 }, null);
    expect(record).toMatchObject({ chapterCount: 3, removedChapters: 1, changedChapters: 1 });
    expect(chaptersText(record)).toBe('2/2');
    expect(marksText(record)?.short).toBe('1 removed from the archive · 1 changed');
    expect(marksText({ ...record, removedChapters: undefined, changedChapters: undefined })).toBeNull();
  });
});
