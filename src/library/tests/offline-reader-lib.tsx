/**
 * Shared set-up for the offline reader tests: a saved story in the page's own (fake) IndexedDB,
 * the extension's page APIs the fake browser leaves out, and a layout for jsdom (which has none).
 * Waiting for the page to get somewhere is tests/lib/ui.ts.
 */
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { JSDOM } from 'jsdom';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { libraryDb } from '../ext/library-db';
import { saveStory } from '../db/save';
import type { StoryCopy, StoryMeta } from '../types';
import type { RatingLevel } from '../../core/model';
import { dispatchTrusted } from '../../../tests/lib/ui';

export const PARAGRAPHS = 8;
/** Where the first block of a chapter sits in the fake layout, and each block's height. */
export const HEAD = 300;
export const BLOCK = 100;
/** The reader's toolbar height (src/reader/ui/hooks/useReadingPosition.ts): a place is the line below it. */
export const TOOLBAR = 56;

export const paragraph = (work: number, chapter: number, p: number) =>
  `Work ${work} chapter ${chapter + 1} paragraph ${p + 1} goes on quietly.`;

/** A work of three chapters, `PARAGRAPHS` paragraphs each, saved in the library; returns its id. */
export async function saveWork(work: number, level: RatingLevel = 'general'): Promise<string> {
  const url = `https://archiveofourown.org/works/${work}`;
  const meta: StoryMeta = {
    title: `The Long Road ${work}`,
    authors: ['quill'],
    fandoms: ['Fandom'],
    summary: 'Three chapters of walking.',
    rating: {
      level,
      label: level === 'unknown' ? null : level[0]!.toUpperCase() + level.slice(1),
      source: level === 'unknown' ? 'none' : 'site',
    },
    warnings: ['No Archive Warnings Apply'],
    warningsHidden: false,
    tags: [],
    words: null,
    chapterTotal: 3,
    chaptersPosted: null,
    status: 'complete',
  };
  const copy: StoryCopy = {
    site: 'ao3',
    url,
    kind: 'chapter',
    meta,
    chapters: [0, 1, 2].map((c) => ({
      title: ['Setting Out', 'The Ford', 'Home'][c]!,
      url: `${url}/chapters/${work * 10 + c}`,
      html: Array.from({ length: PARAGRAPHS }, (_, p) => `<p>${paragraph(work, c, p)}</p>`).join('\n'),
      kind: 'chapter' as const,
    })),
  };
  const win = new JSDOM('').window as unknown as Window & typeof globalThis;
  const { id, outcome } = await saveStory(await libraryDb(), copy, win);
  if (outcome !== 'saved') throw new Error(`not saved: ${outcome}`);
  return id;
}

/** The extension APIs of a page that the fake browser does not provide; closed tabs are counted. */
export function fakeExtensionPage(): { closedTabs: number[] } {
  fakeBrowser.reset();
  const closedTabs: number[] = [];
  fakeBrowser.tabs.getCurrent = (async () => ({ id: 7 })) as unknown as typeof fakeBrowser.tabs.getCurrent;
  fakeBrowser.tabs.remove = (async (id: number) => void closedTabs.push(id)) as unknown as typeof fakeBrowser.tabs.remove;
  return { closedTabs };
}

/**
 * A layout for jsdom: the reader's scroller fills 800 px from the top, the story's blocks follow
 * the header one under another, and everything moves with the scroller's scrollTop.
 */
export function fakeLayout(): void {
  const rect = (top: number, height: number) =>
    ({ top, bottom: top + height, height, left: 0, right: 600, width: 600, x: 0, y: top, toJSON() {} }) as DOMRect;
  Element.prototype.getBoundingClientRect = function (this: Element) {
    const scroller = this.closest('.reader') as HTMLElement | null;
    if (!scroller || this === scroller) return rect(0, 800);
    const i = Array.from(scroller.querySelectorAll('.story p')).indexOf(this);
    return i < 0 ? rect(0, 0) : rect(HEAD + i * BLOCK - scroller.scrollTop, BLOCK);
  };
  Element.prototype.scrollIntoView = () => undefined;
  window.matchMedia = ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} })) as never;
}

/** A key the reader presses: trusted, as the reader ignores keys a page's script makes up. */
export const key = (k: string) => act(() => void dispatchTrusted(window, new KeyboardEvent('keydown', { key: k, bubbles: true })));

export function unmount(root: HTMLElement): void {
  render(null, root);
  for (const gate of Array.from(document.querySelectorAll('slipcase-gate'))) gate.remove();
  document.body.inert = false;
}
