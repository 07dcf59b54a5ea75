/**
 * Shared material for the library page's tests: a page rendered on a fake IndexedDB library, with
 * the background (askLibrary / watchLibrary) replaced by a recorder, and a fast way to fill a
 * library with thousands of story records.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { LibraryPage, type LibraryServices } from '../ui/LibraryPage';
import type { MissingStory } from '../ui/hooks/useLibrarySide';
import { libraryStore } from '../browse/library-store';
import type { LibraryDb } from '../db/db';
import { storyRecord, versionRecord, type PreparedChapter } from '../db/build-records';
import { STORY_TOTAL } from '../db/counts';
import type { StoryMeta, StoryRecord } from '../types';
import type { JobView, LibraryEvent, LibraryReply, LibraryRequest } from '../messages';
import type { RatingLevel } from '../../core/model';

export interface Background {
  asked: LibraryRequest[];
  /** Missing stories the reader said they do not want. */
  dismissed: string[];
  jobs: JobView[];
  /** Sends an event to the page, as the background does. */
  emit(event: LibraryEvent): Promise<void>;
}

export interface Rendered extends Background {
  root: HTMLElement;
  unmount(): void;
}

export function renderPage(
  db: LibraryDb,
  extra: { jobs?: JobView[]; missing?: MissingStory[]; reply?: (r: LibraryRequest) => LibraryReply; persist?: () => Promise<boolean> } = {},
): Rendered {
  const root = document.createElement('div');
  document.body.append(root);
  let listener: ((e: LibraryEvent) => void) | null = null;
  const bg: Background = {
    asked: [],
    dismissed: [],
    jobs: extra.jobs ?? [],
    emit: (event) => act(() => listener?.(event)),
  };
  const win = window as Window & typeof globalThis;
  const services: LibraryServices = {
    store: libraryStore(db, win),
    win,
    ask: async (request) => {
      bg.asked.push(request);
      if (extra.reply) return extra.reply(request);
      return request.type === 'library-jobs' ? { ok: true, jobIds: [], jobs: bg.jobs } : { ok: true, jobIds: ['job-1'] };
    },
    watch: (onEvent) => {
      listener = onEvent;
      return () => (listener = null);
    },
    missingStories: extra.missing ? async () => extra.missing!.filter((m) => !bg.dismissed.includes(m.id)) : undefined,
    dismissMissing: async (ids) => bg.dismissed.push(...ids),
    estimate: async () => ({ usage: 12_345_678, quota: 2_000_000_000 }),
    persist: extra.persist,
  };
  render(<LibraryPage services={services} />, root);
  return Object.assign(bg, {
    root,
    unmount: () => {
      render(null, root);
      root.remove();
    },
  });
}

export const cards = (root: HTMLElement) => Array.from(root.querySelectorAll<HTMLElement>('.library-card:not(.placeholder)'));
export const cardIds = (root: HTMLElement) => cards(root).map((c) => c.dataset.storyId!);
export const button = (root: ParentNode, label: string) =>
  Array.from(root.querySelectorAll('button')).find((b) => b.textContent?.trim() === label)!;

/** Types into an input as a reader would (one input event). */
export async function type(input: HTMLInputElement, text: string): Promise<void> {
  await act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function choose(select: HTMLSelectElement | HTMLInputElement, value?: string): Promise<void> {
  await act(() => {
    if (select instanceof HTMLInputElement) select.checked = !select.checked;
    else select.value = value!;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

const LEVELS: RatingLevel[] = ['general', 'teen', 'mature', 'explicit', 'unknown'];

/**
 * `count` story records written straight into the stories store in one transaction: enough for
 * the list, its sort indexes and filters (there is no text to search). Story n was updated at
 * BASE + n seconds, so by the default order (latest update first) it sits at row count - 1 - n.
 */
export async function seedStories(db: LibraryDb, count: number): Promise<StoryRecord[]> {
  const records: StoryRecord[] = [];
  for (let n = 0; n < count; n++) {
    const meta: StoryMeta = {
      title: `Story number ${n}`,
      authors: [`author${n % 97}`],
      fandoms: [`Fandom ${n % 7}`],
      summary: null,
      rating: { level: LEVELS[n % 5]!, label: null, source: 'site' },
      warnings: [],
      warningsHidden: false,
      tags: [],
      words: 1000 + n,
      chapterTotal: n % 3 === 0 ? null : 3,
      chaptersPosted: null,
      status: (['complete', 'wip', 'unknown'] as const)[n % 3]!,
    };
    const url = `https://archiveofourown.org/works/${n}`;
    const chapters: PreparedChapter[] = [
      {
        title: null,
        url,
        number: 1,
        listTitle: null,
        html: '',
        words: 1000,
        textLength: 0,
        hash: '',
        fingerprint: '',
        notice: false,
        removedAt: null,
        earlier: null,
      },
    ];
    const current = versionRecord(
      { storyId: `ao3:archiveofourown.org:${n}`, version: 1, state: 'current', createdAt: SEED_BASE + n * 1000, url, meta },
      chapters,
    );
    records.push(storyRecord('ao3', current, { savedAt: SEED_BASE, updatedAt: SEED_BASE + n * 1000, lastReadAt: 0, newChapters: 0 }, null));
  }
  const tx = db.transaction(['stories', 'fandoms', 'totals'], 'readwrite');
  // The counts move with the (new) stories, as saves keep them (db/counts.ts).
  const total = (await tx.objectStore('totals').get(STORY_TOTAL)) ?? 0;
  const counts = new Map((await tx.objectStore('fandoms').getAll()).map((c) => [c.fandom, c.count]));
  for (const r of records) {
    void tx.objectStore('stories').put(r);
    for (const f of new Set(r.meta.fandoms)) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  for (const [fandom, count] of counts) void tx.objectStore('fandoms').put({ fandom, count });
  void tx.objectStore('totals').put(total + records.length, STORY_TOTAL);
  await tx.done;
  return records;
}

export const SEED_BASE = 1_700_000_000_000;
