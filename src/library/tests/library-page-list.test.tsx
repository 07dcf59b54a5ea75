// @vitest-environment jsdom
/**
 * The library page at scale and its whole-library actions: a virtual list over 10,000 stories,
 * bulk delete with Undo, and a backup exported and imported through the page's own controls.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { ROW_HEIGHT } from '../ui/hooks/useVirtualList';
import { exportLibrary } from '../export/backup';
import { LibraryQuotaError, type LibraryDb } from '../db/db';
import { loadStory, setProgress } from '../db/reading';
import { saveStory } from '../db/save';
import { freshLibrary, makeStory, seeded } from './library-fixtures';
import { captureDownloads } from './library-page-downloads';
import { click, until } from '../../../tests/lib/ui';
import { button, cardIds, cards, renderPage, type Rendered } from './library-page-helpers';
import { seedStories } from './library-page-helpers';

const win = window as Window & typeof globalThis;
const opened: { page: Rendered; db: LibraryDb }[] = [];
afterEach(() => {
  for (const { page, db } of opened.splice(0)) {
    page.unmount();
    db.close();
  }
});

function open(db: LibraryDb): Rendered {
  const page = renderPage(db);
  opened.push({ page, db });
  return page;
}

const posinsets = (root: HTMLElement) => cards(root).map((c) => Number(c.getAttribute('aria-posinset')));

async function scrollTo(root: HTMLElement, top: number): Promise<void> {
  const scroller = root.querySelector<HTMLElement>('.library-scroller')!;
  await act(() => {
    scroller.scrollTop = top;
    scroller.dispatchEvent(new Event('scroll'));
  });
}

describe('library page with 10,000 stories', () => {
  it('renders only the cards in view, and loads later ones as the reader scrolls or moves by keyboard', async () => {
    const db = await freshLibrary();
    const seeded = await seedStories(db, 10_000);
    const idAtRow = (row: number) => seeded[seeded.length - 1 - row]!.id;

    const started = performance.now();
    const page = open(db);
    await until(() => cards(page.root).length > 0, 'the first cards', 30_000);
    const firstPaint = performance.now() - started;
    console.info(`library page, 10,000 stories: first cards in ${firstPaint.toFixed(0)} ms (jsdom, fake IndexedDB)`);

    expect(page.root.querySelector('.library-count')!.textContent).toBe('10,000 stories');
    // A 720 px view of 200 px rows, plus 4 rows of overscan: 8 cards, whatever the library's size.
    expect(cards(page.root)).toHaveLength(8);
    expect(posinsets(page.root)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(cards(page.root)[0]!.getAttribute('aria-setsize')).toBe('10000');
    expect(cardIds(page.root)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map(idAtRow));
    const list = page.root.querySelector<HTMLElement>('.library-list')!;
    expect(list.style.height).toBe(`${10_000 * ROW_HEIGHT}px`);

    const scrolled = performance.now();
    await scrollTo(page.root, 5000 * ROW_HEIGHT);
    await until(() => cardIds(page.root).includes(idAtRow(5000)), 'row 5,000', 30_000);
    console.info(`library page, 10,000 stories: row 5,000 shown ${(performance.now() - scrolled).toFixed(0)} ms after the scroll`);
    expect(posinsets(page.root)).toEqual([4997, 4998, 4999, 5000, 5001, 5002, 5003, 5004, 5005, 5006, 5007, 5008]);
    expect(cardIds(page.root)).toEqual([4996, 4997, 4998, 4999, 5000, 5001, 5002, 5003, 5004, 5005, 5006, 5007].map(idAtRow));
    const fifthThousand = cards(page.root).find((c) => c.dataset.storyId === idAtRow(5000))!;
    expect(fifthThousand.style.top).toBe(`${5000 * ROW_HEIGHT}px`);

    // The keyboard: End goes to the last story, focused; Arrow Up to the one before.
    await act(() => fifthThousand.focus());
    await until(() => fifthThousand.tabIndex === 0, 'row 5,000 to be the card Tab reaches');
    await act(() => void fifthThousand.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true })));
    await until(() => document.activeElement?.getAttribute('aria-posinset') === '10000', 'the last card focused', 30_000);
    expect((document.activeElement as HTMLElement).dataset.storyId).toBe(idAtRow(9999));
    await act(() => void document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true })));
    await until(() => document.activeElement?.getAttribute('aria-posinset') === '9999', 'the card before it focused', 30_000);
    expect((document.activeElement as HTMLElement).dataset.storyId).toBe(idAtRow(9998));
    expect(cards(page.root).length).toBeLessThanOrEqual(12);
  }, 60_000);

  it('filters 10,000 stories to a fandom and counts them', async () => {
    const db = await freshLibrary();
    await seedStories(db, 10_000);
    const page = open(db);
    await until(() => cards(page.root).length > 0, 'the first cards', 30_000);
    const fandom = page.root.querySelector<HTMLSelectElement>('.library-fandom')!;
    await until(() => fandom.options.length === 8, 'the seven fandoms', 30_000);
    const started = performance.now();
    await act(() => {
      fandom.value = 'Fandom 3';
      fandom.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await until(() => page.root.querySelector('.library-count')!.textContent === '1,429 stories', 'the fandom’s count', 30_000);
    console.info(`library page, 10,000 stories: fandom filter shown in ${(performance.now() - started).toFixed(0)} ms`);
    expect(page.root.querySelector('.library-count')!.textContent).toBe('1,429 stories');
    expect(cards(page.root).every((c) => c.querySelector('.card-fandoms')!.textContent === 'Fandom 3')).toBe(true);
  }, 60_000);
});

describe('library page selection', () => {
  it('deletes the selected stories at once, and Undo brings them back as they were', async () => {
    const db = await freshLibrary();
    const rand = seeded(5);
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) ids.push((await saveStory(db, makeStory(rand, 300 + n, { chapters: [2, 3], words: [30, 60] }), win)).id);
    await setProgress(db, ids[1]!, { chapter: 1, fraction: 0.25 }, 1_750_000_000_000);
    // One of the doomed stories has a held copy and unread new chapters too.
    const held = makeStory(seeded(5), 300 + 3, { chapters: [1, 1], words: [30, 60] });
    expect((await saveStory(db, { ...held, fetchedAt: held.fetchedAt! + 99_000 }, win)).outcome).toBe('held');
    const tx = db.transaction('stories', 'readwrite');
    await tx.store.put({ ...(await tx.store.get(ids[3]!))!, newChapters: 1 });
    await tx.done;
    const doomed = [ids[1]!, ids[3]!];
    const before = await Promise.all(doomed.map((id) => Promise.all([loadStory(db, id), loadStory(db, id, 'pending')])));

    const page = open(db);
    await until(() => cards(page.root).length === 5, 'the five stories');
    for (const id of doomed) {
      const box = cards(page.root)
        .find((c) => c.dataset.storyId === id)!
        .querySelector<HTMLInputElement>('.card-select')!;
      await act(() => box.click());
    }
    await click(page.root.querySelector('.library-delete-selected')!);
    await until(() => cards(page.root).length === 3, 'the three left');
    expect(cardIds(page.root).sort()).toEqual(ids.filter((id) => !doomed.includes(id)).sort());
    expect(page.root.querySelector('.library-toast')!.textContent).toBe('Deleted 2 storiesUndo');
    expect(page.root.querySelector('.library-delete-selected')).toBeNull();
    for (const id of doomed) expect(await loadStory(db, id)).toBeNull();

    await click(button(page.root, 'Undo'));
    await until(() => cards(page.root).length === 5, 'the five stories');
    expect(page.root.querySelector('.library-toast')).toBeNull();
    for (const [i, id] of doomed.entries()) {
      const [current, pending] = await Promise.all([loadStory(db, id), loadStory(db, id, 'pending')]);
      const [was, wasPending] = before[i]!;
      const { version: _v, pending: p, ...story } = current!.story;
      const { version: _w, pending: q, ...storyWas } = was!.story;
      expect(story).toEqual(storyWas);
      expect(p?.problems).toEqual(q?.problems);
      const text = (b: typeof current) => b?.chapters.map((c) => [c.title, c.url, c.html, c.words]);
      expect(text(current)).toEqual(text(was));
      expect(text(pending)).toEqual(text(wasPending));
      expect(current!.progress).toEqual(was!.progress);
    }
  }, 60_000);
});

describe('library page backup', () => {
  it('exports the library to a file that imports into another library whole', async () => {
    const downloads = captureDownloads();
    try {
      const source = await freshLibrary();
      const rand = seeded(11);
      for (let n = 0; n < 6; n++) await saveStory(source, makeStory(rand, 700 + n, { chapters: [1, 3], words: [30, 80] }), win);
      await setProgress(source, (await source.getAllKeys('stories'))[2]!, { chapter: 0, fraction: 0.5 }, 1_760_000_000_000);

      const from = open(source);
      await until(() => cards(from.root).length === 6, 'the six stories');
      await click(from.root.querySelector('.library-export')!);
      await until(() => downloads.files.length === 1, 'the backup download');
      const file = downloads.files[0]!;
      expect(file.name).toMatch(/^slipcase-library-\d{4}-\d{2}-\d{2}\.json$/);

      const target = await freshLibrary();
      const to = open(target);
      await until(() => to.root.querySelector('.library-count')!.textContent === 'No stories saved yet.', 'the empty library');
      const input = to.root.querySelector<HTMLInputElement>('.library-import input[type=file]')!;
      await act(() => {
        Object.defineProperty(input, 'files', { configurable: true, value: [new File([file.blob], file.name)] });
        input.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await until(() => cards(to.root).length === 6, 'the six imported stories');
      expect(to.root.querySelector('.library-notice')!.textContent).toBe(`Imported ${file.name}: 6 added, 0 updated, 0 unchanged.×`);
      const [a, b] = await Promise.all([exportLibrary(source), exportLibrary(target)]);
      expect(b.stories).toEqual(a.stories);

      // A file that is no backup is refused, saying why.
      await act(() => {
        Object.defineProperty(input, 'files', {
          configurable: true,
          value: [new File(['{"format":"something-else","version":1,"exportedAt":"x"}'], 'other.json')],
        });
        input.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await until(() => to.root.querySelector('.library-notice.error') !== null, 'the refusal');
      expect(to.root.querySelector('.library-notice.error')!.textContent).toBe('Not a Slipcase library backup.×');
      expect(to.root.querySelector('.library-notice.error')!.getAttribute('role')).toBe('alert');
    } finally {
      downloads.restore();
    }
  }, 60_000);

  it('says plainly when the browser has no space left for an import', async () => {
    const source = await freshLibrary();
    await saveStory(source, makeStory(seeded(12), 800), win);
    const file = new File([JSON.stringify(await exportLibrary(source))], 'backup.json');
    source.close();
    const target = await freshLibrary();
    const page = open(target);
    await until(() => page.root.querySelector('.library-count')!.textContent === 'No stories saved yet.', 'the empty library');
    // The browser's storage is full: every write is refused, as IndexedDB refuses it.
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      const input = page.root.querySelector<HTMLInputElement>('.library-import input[type=file]')!;
      await act(() => {
        Object.defineProperty(input, 'files', { configurable: true, value: [file] });
        input.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await until(() => page.root.querySelector('.library-notice.error') !== null, 'the quota error');
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(page.root.querySelector('.library-notice.error')!.textContent).toBe(`${new LibraryQuotaError(null).message}×`);
    expect(await target.count('stories')).toBe(0);
  }, 60_000);
});
