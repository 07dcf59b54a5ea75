/**
 * The library's search and filters, and the results they select. Typing is debounced; a new
 * query's results replace the old ones only once its first page is in, so typing does not flash.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ResultPages } from '../../browse/list-rows';
import type { LibraryStore } from '../../browse/library-store';
import type { LibraryQuery, SortKey } from '../../search/query';
import type { StoryStatus } from '../../types';
import type { RatingLevel } from '../../../core/model';

/** Typing pauses this long before the search runs. */
export const SEARCH_DELAY_MS = 150;

export interface LibraryFilters {
  /** The search box as typed (the search runs on it after a pause). */
  text: string;
  rating: RatingLevel[];
  fandom: string;
  status: StoryStatus | '';
  read: 'read' | 'unread' | '';
  /** The sort the reader chose; null follows the default (relevance while searching). */
  sort: SortKey | null;
  reverse: boolean;
}

const NO_FILTERS: LibraryFilters = { text: '', rating: [], fandom: '', status: '', read: '', sort: null, reverse: false };

export interface LibraryQueryState {
  filters: LibraryFilters;
  setFilters(change: (f: LibraryFilters) => Partial<LibraryFilters>): void;
  /** Whether a search (not just filters) narrows the list. */
  searching: boolean;
  /** The sort in effect. */
  sort: SortKey;
  pages: ResultPages;
  /** The library changed: the current query's pages load again. */
  reload(): void;
}

export function useLibraryQuery(store: LibraryStore): LibraryQueryState {
  const [filters, setAll] = useState(NO_FILTERS);
  const [searchText, setSearchText] = useState('');
  const searching = searchText.trim() !== '';
  const sort: SortKey = filters.sort ?? (searching ? 'relevance' : 'updated');
  const { rating, fandom, status, read, reverse } = filters;
  const query = useMemo<LibraryQuery>(
    () => ({
      text: searching ? searchText : undefined,
      rating: rating.length ? rating : undefined,
      fandom: fandom || undefined,
      status: status || undefined,
      read: read || undefined,
      sort,
      reverse,
    }),
    [searchText, rating, fandom, status, read, sort, reverse],
  );

  useEffect(() => {
    const timer = setTimeout(() => setSearchText(filters.text), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [filters.text]);

  const { pages, reload } = useResultPages(store, query);
  const setFilters = (change: (f: LibraryFilters) => Partial<LibraryFilters>) => setAll((f) => ({ ...f, ...change(f) }));
  return { filters, setFilters, searching, sort, pages, reload };
}

/** The pages on show, and the latest query's pages, which take their place once their first page is in. */
function useResultPages(store: LibraryStore, query: LibraryQuery): { pages: ResultPages; reload(): void } {
  const [, setRevision] = useState(0);
  const [pages, setPages] = useState(() => store.results(query, () => setRevision((r) => r + 1)));
  const latest = useRef(pages);
  useEffect(() => pages.ensure(0, 0), []);
  useEffect(() => {
    if (latest.current.query === query) return;
    const next = store.results(query, () => {
      if (latest.current === next) setPages(next);
      setRevision((r) => r + 1);
    });
    latest.current = next;
    next.ensure(0, 0);
  }, [query]);
  return { pages, reload: () => latest.current.reload() };
}
