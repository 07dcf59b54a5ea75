/**
 * The list's rows, loaded a page at a time as the reader scrolls to them: a search is a page read
 * (search.ts), so the cost follows what is on screen, not the size of the library.
 */
import type { LibraryDb } from '../db/db';
import { searchLibrary, type LibraryQuery } from '../search/query';
import type { ReadStory } from '../db/repair';
import type { ProgressRecord } from '../types';
import { progressFor } from './positions';

export const PAGE_SIZE = 50;

export interface Row {
  story: ReadStory;
  progress: ProgressRecord | undefined;
}

interface Page {
  total: number;
  rows: Row[];
}

async function fetchPage(db: LibraryDb, query: LibraryQuery, page: number): Promise<Page> {
  const { total, stories } = await searchLibrary(db, { ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
  const progress = await progressFor(
    db,
    stories.map((s) => s.id),
  );
  return { total, rows: stories.map((story) => ({ story, progress: progress.get(story.id) })) };
}

/**
 * One query's results. `onChange` is called whenever a page arrives or fails, and on reload.
 * After a reload the old rows stay on show, marked stale, until the list asks for their pages again.
 */
export class ResultPages {
  /** Matches across all pages; null until the first page is in. */
  total: number | null = null;
  error: unknown = null;
  /** Goes up on reload, so a page fetched before it is not mixed into the new results. */
  generation = 0;
  private pages = new Map<number, Page>();
  private stale = new Map<number, Page>();
  private loading = new Set<number>();

  constructor(
    private readonly db: LibraryDb,
    readonly query: LibraryQuery,
    private readonly onChange: () => void,
  ) {}

  row(index: number): Row | undefined {
    const p = Math.floor(index / PAGE_SIZE);
    return (this.pages.get(p) ?? this.stale.get(p))?.rows[index % PAGE_SIZE];
  }

  /** Starts loading the pages rows first..last fall on, where not loaded or loading yet. */
  ensure(first: number, last: number): void {
    for (let p = Math.floor(Math.max(first, 0) / PAGE_SIZE); p <= Math.floor(Math.max(last, 0) / PAGE_SIZE); p++) {
      if (!this.pages.has(p) && !this.loading.has(p)) void this.load(p);
    }
  }

  private async load(page: number): Promise<void> {
    const generation = this.generation;
    this.loading.add(page);
    try {
      const loaded = await fetchPage(this.db, this.query, page);
      if (generation !== this.generation) return;
      this.pages.set(page, loaded);
      this.stale.delete(page);
      this.total = loaded.total;
      this.error = null;
    } catch (e) {
      if (generation === this.generation) this.error = e;
    } finally {
      if (generation === this.generation) this.loading.delete(page);
      this.onChange();
    }
  }

  /** The library changed: every page is fetched again as the list next asks for it. */
  reload(): void {
    this.generation++;
    this.stale = new Map([...this.stale, ...this.pages]);
    this.pages = new Map();
    this.loading.clear();
    this.onChange();
  }
}
