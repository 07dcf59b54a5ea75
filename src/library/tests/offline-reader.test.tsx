// @vitest-environment jsdom
// @vitest-environment-options {"url": "http://localhost/read.html"}
/**
 * The offline reader page (entrypoints/read/) on a story saved in a fake IndexedDB: where it opens,
 * turning chapters with no network at all, the place in a chapter kept in the library and found
 * again, new chapters seen, closing. Only the extension's APIs are stand-ins (the fake browser).
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openSavedStory } from '../../entrypoints/read/open';
import { libraryDb } from '../ext/library-db';
import { loadProgress, setProgress } from '../db/reading';
import { ANCHOR_TEXT } from '../../core/model';
import { act } from 'preact/test-utils';
import { click, settle, until } from '../../../tests/lib/ui';
import type { ProgressRecord } from '../types';
import { BLOCK, HEAD, PARAGRAPHS, TOOLBAR, fakeExtensionPage, fakeLayout, key, paragraph, saveWork, unmount } from './offline-reader-lib';

let root: HTMLElement;
let page: { closedTabs: number[] };
const fetchCalls = vi.fn();

beforeAll(() => {
  fakeLayout();
  // Nothing of the offline reader may touch the network.
  globalThis.fetch = ((...args: unknown[]) => {
    fetchCalls(...args);
    throw new Error('offline');
  }) as typeof fetch;
});

beforeEach(() => {
  page = fakeExtensionPage();
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  unmount(root);
  root.remove();
});

let nextWork = 100;

async function open(id: string, chapter?: number): Promise<void> {
  history.replaceState(null, '', `/read.html?id=${encodeURIComponent(id)}${chapter === undefined ? '' : `&chapter=${chapter}`}`);
  // Inside act, so the reader's effects (its key and history listeners) have run when it returns.
  await act(() => openSavedStory(root));
  await until(() => root.querySelector('.story') !== null, 'the story');
}

/** Settles until a read of the library, polled, satisfies `check`. */
async function untilStored<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
  let last: { value: T } | null = null;
  await until(() => {
    void read().then((value) => (last = { value }));
    return last !== null && check(last.value);
  }, what);
  return last!.value;
}

const text = (sel: string) => root.querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim();
const scroller = () => root.querySelector<HTMLElement>('.reader')!;
const chapterParam = () => new URL(location.href).searchParams.get('chapter');

/** Scroll the reader to `top` as a person would: the reader hears of it. */
async function scrollTo(top: number) {
  scroller().scrollTop = top;
  await settle();
  scroller().dispatchEvent(new Event('scroll'));
}

describe('the offline reader', () => {
  // First: closing depends on this tab having been opened for the story (a history of one entry).
  it('Escape saves the place and closes a tab opened for the story', async () => {
    const work = nextWork++;
    const id = await saveWork(work);
    await open(id, 2);
    await key('Escape');
    await until(() => page.closedTabs.length > 0, 'the tab to close');
    expect(page.closedTabs).toEqual([7]);
    expect(await loadProgress(await libraryDb(), id)).toMatchObject({ chapter: 2, fraction: 0 });
  });

  it('opens at the saved place: its chapter, scrolled to the same line, with the story title as the tab title', async () => {
    const work = nextWork++;
    const id = await saveWork(work);
    // Block 3, half-way down it.
    await setProgress(await libraryDb(), id, { chapter: 1, fraction: 3.5 / PARAGRAPHS });
    await open(id);
    expect(document.title).toBe(`The Long Road ${work}`);
    expect(chapterParam()).toBe('1');
    expect(text('.story-head .chapter-title')).toBe('Chapter 2 of 3: The Ford');
    expect(text('.story p')).toBe(paragraph(work, 1, 0));
    await until(() => scroller().scrollTop > 0, 'the saved place');
    expect(scroller().scrollTop).toBe(HEAD + 3.5 * BLOCK - TOOLBAR);
  });

  it('turns chapters through the saved ones only, with no request made, and back through the history', async () => {
    const work = nextWork++;
    const id = await saveWork(work);
    await open(id, 0);
    expect(root.querySelector<HTMLButtonElement>('.bar .prev')!.disabled).toBe(true);
    expect(text('.note.before')).toContain('Three chapters of walking.');

    await click(root.querySelector('.bar .next'));
    await until(() => text('.story-head .chapter-title') === 'Chapter 2 of 3: The Ford', 'chapter 2');
    expect(chapterParam()).toBe('1');
    await key('n');
    await until(() => text('.story-head .chapter-title') === 'Chapter 3 of 3: Home', 'chapter 3');
    expect(text('.story p')).toBe(paragraph(work, 2, 0));
    expect(root.querySelector<HTMLButtonElement>('.bar .next')!.disabled).toBe(true);

    await click(root.querySelector('.bar .prev'));
    await until(() => text('.story-head .chapter-title') === 'Chapter 2 of 3: The Ford', 'chapter 2 again');
    history.back();
    await until(
      () => chapterParam() === '2' && text('.story-head .chapter-title') === 'Chapter 3 of 3: Home',
      'chapter 3 from the history',
    );

    // The chapter list names every saved chapter and opens one.
    await click(root.querySelector('.chapters-toggle'));
    const items = Array.from(root.querySelectorAll<HTMLButtonElement>('.chapters li button'));
    expect(items.map((b) => b.textContent)).toEqual(['1. Setting Out', '2. The Ford', '3. Home']);
    expect(items[2]!.getAttribute('aria-current')).toBe('page');
    await click(items[0]);
    await until(() => text('.story-head .chapter-title') === 'Chapter 1 of 3: Setting Out', 'chapter 1 from the list');
    expect(fetchCalls).not.toHaveBeenCalled();
  });

  it('keeps the place in the library as the reader scrolls, and opens there next time', async () => {
    const work = nextWork++;
    const id = await saveWork(work);
    await open(id, 1);
    // The line below the toolbar falls 56% of the way down the eighth block.
    await scrollTo(1000);
    const db = await libraryDb();
    const place = (7 + TOOLBAR / BLOCK) / PARAGRAPHS;
    const saved = await untilStored<ProgressRecord | null>(
      () => loadProgress(db, id),
      (p) => p?.fraction === place,
      'the place to be saved',
    );
    expect(saved).toMatchObject({ chapter: 1, fraction: (7 + TOOLBAR / BLOCK) / PARAGRAPHS });
    // With the first words of that block, to find it again in an edited chapter.
    expect(saved!.text).toBe(paragraph(work, 1, 7).slice(0, ANCHOR_TEXT));

    unmount(root);
    await open(id);
    expect(chapterParam()).toBe('1');
    await until(() => scroller().scrollTop > 0, 'the saved place');
    expect(scroller().scrollTop).toBe(1000);
  });

  it('a new chapter stops counting as new once the reader reaches it', async () => {
    const work = nextWork++;
    const id = await saveWork(work);
    const db = await libraryDb();
    const story = (await db.get('stories', id))!;
    await db.put('stories', { ...story, newChapters: 1 });
    const newChapters = async () => (await db.get('stories', id))!.newChapters;

    await open(id, 0);
    // Time for a wrong mark to be written: there is nothing to wait for when none is.
    await settle(50);
    expect(await newChapters()).toBe(1);
    await key('n');
    await until(() => chapterParam() === '1', 'chapter 2');
    await settle(50);
    expect(await newChapters()).toBe(1);
    await key('n');
    await until(() => chapterParam() === '2', 'chapter 3');
    await untilStored(newChapters, (n) => n === 0, 'the last chapter to stop counting as new');
    expect(await newChapters()).toBe(0);
  });

  it('says so when the story is not in the library', async () => {
    history.replaceState(null, '', '/read.html?id=ao3%3Aarchiveofourown.org%3A999999');
    await openSavedStory(root);
    expect(text('.missing h1')).toBe('This story is not in your library');
    expect(root.querySelector<HTMLAnchorElement>('.missing a')!.href).toBe('chrome-extension://test-extension-id/options.html#library');
    expect(root.querySelector('.reader')).toBeNull();
  });
});
