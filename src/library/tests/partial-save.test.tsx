// @vitest-environment jsdom
/**
 * A work saved one chapter at a time (issue #14, point 6): the library knows it holds only part of
 * what the site has posted, the card and the popup say which chapters ("Chapter 2 of 5 saved")
 * and the saved words, offer "Save the other chapters", and the EPUB names each chapter by its
 * own number; saving the other chapters makes it a whole work again, none of them counted new.
 */
import { existsSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LibraryDb } from '../db/db';
import { loadStory } from '../db/reading';
import { storyRecord } from '../db/build-records';
import { buildEpub } from '../export/epub';
import { exportLibrary, parseBackup } from '../export/backup';
import { readableStory } from '../db/repair';
import { Runner } from '../jobs/runner';
import { copyPage } from '../jobs/page-copy';
import { parseInert } from '../../reader/extract';
import type { LibraryRequest } from '../messages';
import { StoryCard, type CardActions } from '../ui/StoryCard';
import { SaveSection } from '../ui/PopupSaveSection';
import type { StoryRecord } from '../types';
import { freshLibrary, testWindow } from './library-fixtures';
import { FakeClock, FakeWeb, corpusHtml, fakeDeps, startHtml, story } from './library-web';
import { click, settle, until } from '../../../tests/lib/ui';
import { EPUBCHECK_JAR, epubcheck } from '../../../tests/lib/epubcheck';

vi.setConfig({ testTimeout: 30_000 });

const FFN = story('ffn-1234567');
const ffnChapter = (n: number) => `https://www.fanfiction.net/s/1234567/${n}/WebToEpub`;
const live = (n: number) => ({ url: ffnChapter(n), html: n === 1 ? startHtml(FFN) : corpusHtml(ffnChapter(n)) });
const win = testWindow();

let db: LibraryDb;
let runner: Runner;
let host: HTMLElement;

beforeEach(async () => {
  db = await freshLibrary();
  const clock = new FakeClock();
  runner = new Runner(fakeDeps(db, new FakeWeb(clock), clock).deps);
  host = document.body.appendChild(document.createElement('div'));
});
afterEach(() => {
  render(null, host);
  host.remove();
  db.close();
});

/** Saves the FFN story's chapters `numbers`, one job each from its own page; returns the story. */
async function saveChapters(...numbers: number[]): Promise<StoryRecord> {
  let id = '';
  for (const n of numbers) {
    const job = await runner.enqueuePage(live(n), 'chapter', false);
    await runner.resume();
    id = (await runner.jobs()).find((j) => j.id === job)!.storyId!;
  }
  return (await loadStory(db, id))!.story;
}

const NO_ACTIONS: CardActions = {
  readHref: (id) => `/read.html?id=${id}`,
  select: () => {},
  epub: () => {},
  check: () => {},
  remove: () => {},
  repair: () => {},
  keep: () => {},
};

function renderCard(s: StoryRecord, actions: CardActions = NO_ACTIONS): HTMLElement {
  render(
    <ul>
      <StoryCard
        story={s}
        progress={undefined}
        index={0}
        total={1}
        top={0}
        selected={false}
        active
        now={0}
        actions={actions}
        onFocus={() => {}}
      />
    </ul>,
    host,
  );
  return host.querySelector('li.library-card')!;
}

const text = (el: Element, selector: string) => el.querySelector(selector)?.textContent?.trim();

describe('a work saved one chapter at a time', () => {
  it('is known to be partly saved: the chapters posted, the saved numbers, and the saved words', async () => {
    const s = await saveChapters(2);
    expect(s.meta.chaptersPosted).toBe(5);
    expect(s.savedNumbers).toEqual([2]);
    expect(s.words).toBe(FFN.chapters[1]!.words);
    expect((await saveChapters(3)).savedNumbers).toEqual([2, 3]);
  });

  it("counts the saved chapters' words, not the whole work's the site states", async () => {
    const s = await saveChapters(2);
    const { chapterWords, meta } = (await db.get('versions', [s.id, s.version]))!;
    const current = { ...(await db.get('versions', [s.id, s.version]))!, meta: { ...meta, words: 70_561 } };
    const times = { savedAt: 0, updatedAt: 0, lastReadAt: 0, newChapters: 0 };
    expect(storyRecord('ffn', current, times, null).words).toBe(chapterWords[0]);
    // Once whole, the site's count stands.
    expect(storyRecord('ffn', { ...current, meta: { ...current.meta, chaptersPosted: 1 }, chapterNumbers: [1] }, times, null).words).toBe(
      70_561,
    );
  });

  it('has a card that says which chapters are saved, their words, and offers to save the others', async () => {
    const checked: string[] = [];
    const card = renderCard(await saveChapters(2), { ...NO_ACTIONS, check: (id) => checked.push(id) });
    expect(text(card, '.card-chapters')).toBe('Chapter 2 of 5 saved');
    expect(text(card, '.card-words')).toBe(`${FFN.chapters[1]!.words} words saved`);
    const other = card.querySelector<HTMLButtonElement>('.card-actions .save-other')!;
    expect(other.getAttribute('aria-label')).toBe('Save the other chapters');
    await click(other);
    expect(checked).toHaveLength(1);

    expect(text(renderCard(await saveChapters(4)), '.card-chapters')).toBe('Chapters 2, 4 of 5 saved');
  });

  it('keeps the whole-work wording once every posted chapter is saved', async () => {
    const card = renderCard(await saveChapters(1, 2, 3, 4, 5));
    expect(text(card, '.card-chapters')).toBe('5/5 chapters');
    expect(card.querySelector('.save-other')).toBeNull();
    expect(card.querySelector('.card-actions .check')!.getAttribute('aria-label')).toBe('Check for new chapters');
  });

  it('is made whole by an update check, the chapters it fills in not counted new', async () => {
    const part = await saveChapters(2);
    const [job] = await runner.enqueueUpdates([part.id], () => false);
    await runner.resume();
    expect((await runner.jobs()).find((j) => j.id === job)).toMatchObject({ outcome: 'updated', message: 'Saved 4 more chapters.' });
    const bundle = (await loadStory(db, part.id))!;
    expect(bundle.chapters.map((c) => c.number)).toEqual([1, 2, 3, 4, 5]);
    expect(bundle.story.savedNumbers).toBeNull();
    expect(bundle.story.newChapters).toBe(0);
    expect(renderCard(bundle.story).querySelector('.card-new')).toBeNull();
  });

  it('keeps the status the site gives the whole work: a finished work partly saved reads Complete', async () => {
    const s = await saveChapters(2);
    expect(s.meta).toMatchObject({ chapterTotal: 5, chaptersPosted: 5, status: 'complete' });
    const card = renderCard(s);
    expect(text(card, '.card-status')).toBe('Complete');
    expect(text(card, '.card-chapters')).toBe('Chapter 2 of 5 saved');
  });

  it('is made whole by a story save from its chapter page, keeping the saved chapter among the others', async () => {
    const part = await saveChapters(2);
    await runner.enqueuePage(live(2), 'story', false);
    await runner.resume();
    const bundle = (await loadStory(db, part.id))!;
    expect(bundle.chapters.map((c) => c.number)).toEqual([1, 2, 3, 4, 5]);
    bundle.chapters.forEach((c, i) => expect(c.html).toContain(FFN.chapters[i]!.word));
    expect(text(renderCard(bundle.story), '.card-chapters')).toBe('5/5 chapters');
  });

  it('makes an EPUB whose contents and headings name the chapter by its number, and whose title page says what is saved', async () => {
    const bundle = (await loadStory(db, (await saveChapters(2, 4)).id))!;
    const files = unzipSync(buildEpub(bundle.story, bundle.chapters, win));
    const nav = strFromU8(files['EPUB/nav.xhtml']!);
    expect(nav).toContain(`Chapter 2: ${FFN.chapters[1]!.title.replace(/"/g, '&#34;')}`);
    expect(nav).toContain(`Chapter 4: ${FFN.chapters[3]!.title}`);
    expect(strFromU8(files['EPUB/chapter-2.xhtml']!)).toContain(`<h2>Chapter 4: ${FFN.chapters[3]!.title}</h2>`);
    const title = strFromU8(files['EPUB/title.xhtml']!);
    expect(title).toContain('<dt>Chapters</dt><dd>Chapters 2, 4 of 5 saved</dd>');
    const words = FFN.chapters[1]!.words + FFN.chapters[3]!.words;
    expect(title).toContain(`<dt>Words saved</dt><dd>${words}</dd>`);
    // Without Debian's epubcheck package (see .ci/run) the EPUBCheck step is left out.
    if (existsSync(EPUBCHECK_JAR))
      expect(epubcheck(buildEpub(bundle.story, bundle.chapters, win))).toContain('No errors or warnings detected.');
  }, 120_000);

  it('has a popup that says what is saved and offers to save the other chapters as a story save', async () => {
    const s = await saveChapters(2);
    const page = live(2);
    const report = copyPage(parseInert(win, page.html, page.url), page.url).report;
    const asked: LibraryRequest[] = [];
    const services = {
      savedStory: () => Promise.resolve(s),
      ask: (request: LibraryRequest) => (asked.push(request), Promise.resolve({ ok: true as const, jobIds: [], jobs: [] })),
      watch: () => () => {},
    };
    render(<SaveSection tabId={7} report={report} services={services} />, host);
    await until(() => host.querySelector('.saved-status') !== null, 'the saved status');
    expect(text(host, '.saved-status')).toBe('In your library · Chapter 2 of 5 saved · Read offline');
    const other = host.querySelector('.save-story')!;
    expect(other.textContent).toBe('Save the other chapters');
    await click(other);
    await settle();
    expect(asked).toContainEqual({ type: 'library-save', tabId: 7, scope: 'story' });
  });

  it('reads records and backups from before the posted chapters were kept as whole works, not damaged ones', async () => {
    const s = await saveChapters(2);
    // As saved before: neither field there.
    const older = structuredClone(s) as unknown as Record<string, unknown> & { meta: Record<string, unknown> };
    delete older.savedNumbers;
    delete older.meta.chaptersPosted;
    const read = readableStory(older as unknown as StoryRecord);
    expect(read.damaged).toBeUndefined();
    expect(read.savedNumbers).toBeNull();
    expect(read.meta.chaptersPosted).toBeNull();

    const backup = JSON.parse(JSON.stringify(await exportLibrary(db))) as { stories: { meta: Record<string, unknown> }[] };
    delete backup.stories[0]!.meta.chaptersPosted;
    expect(parseBackup(backup).stories[0]!.meta.chaptersPosted).toBeNull();
  });
});

describe('a chapter saved into a story whose text is in the sync folder', () => {
  it('is held beside it, and no empty chapter is taken for a text', async () => {
    const saved = await saveChapters(1, 2, 3);
    // As a device that keeps only opened stories holds it (src/library/dav/awaiting.ts).
    const { chapters } = (await loadStory(db, saved.id))!;
    const tx = db.transaction(['stories', 'chapters'], 'readwrite');
    await Promise.all([
      tx.objectStore('stories').put({ ...saved, textIn: 'folder' }),
      ...chapters.map((c) => tx.objectStore('chapters').put({ ...c, html: '', blob: `blob${c.index}` })),
      tx.done,
    ]);
    await saveChapters(2);
    const after = (await loadStory(db, saved.id))!;
    expect(after.story.textIn).toBe('folder');
    expect(after.chapters.map((c) => c.blob)).toEqual(['blob0', 'blob1', 'blob2']);
    expect(after.story.pending).not.toBeNull();
    const held = (await loadStory(db, saved.id, 'pending'))!;
    expect(held.chapters.every((c) => c.html.length > 100)).toBe(true);
  });
});
