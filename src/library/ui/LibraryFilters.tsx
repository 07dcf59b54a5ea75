/** The library's search box, rating, fandom, status and read filters, and the sort. */
import type { RatingLevel } from '../../core/model';
import { RATING_STYLE } from '../../shell/badge';
import type { SortKey } from '../search/query';
import type { StoryStatus } from '../types';
import type { LibraryFilters as Filters, LibraryQueryState } from './hooks/useLibraryQuery';

const RATINGS: RatingLevel[] = ['general', 'teen', 'mature', 'explicit', 'unknown'];
const SORTS: { value: SortKey; label: string }[] = [
  { value: 'relevance', label: 'Relevance' },
  { value: 'updated', label: 'Last updated' },
  { value: 'title', label: 'Title' },
  { value: 'author', label: 'Author' },
  { value: 'words', label: 'Length' },
  { value: 'lastRead', label: 'Last read' },
];

type FiltersProps = Pick<LibraryQueryState, 'filters' | 'setFilters' | 'searching' | 'sort'> & {
  fandoms: { fandom: string; count: number }[];
};

const valueOf = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;

export function LibraryFilters({ filters, setFilters, searching, sort, fandoms }: FiltersProps) {
  const set = (patch: Partial<Filters>) => setFilters(() => patch);
  const toggleRating = (level: RatingLevel, on: boolean) =>
    setFilters((f) => ({ rating: on ? [...f.rating, level] : f.rating.filter((l) => l !== level) }));
  return (
    <div class="library-filters">
      <div class="library-search">
        <label for="library-search-input">Search</label>
        <input
          id="library-search-input"
          type="search"
          placeholder="Title, author, fandom, tag or words in the story"
          value={filters.text}
          onInput={(e) => set({ text: valueOf(e) })}
        />
      </div>
      <fieldset class="library-rating-filter">
        <legend>Rating</legend>
        {RATINGS.map((level) => (
          <label key={level} class="choice">
            <input
              type="checkbox"
              value={level}
              checked={filters.rating.includes(level)}
              onChange={(e) => toggleRating(level, (e.currentTarget as HTMLInputElement).checked)}
            />
            {RATING_STYLE[level].name}
          </label>
        ))}
      </fieldset>
      <label class="library-filter">
        Fandom
        <select class="library-fandom" value={filters.fandom} onChange={(e) => set({ fandom: valueOf(e) })}>
          <option value="">All fandoms</option>
          {fandoms.map((f) => (
            <option key={f.fandom} value={f.fandom}>
              {f.fandom} ({f.count})
            </option>
          ))}
        </select>
      </label>
      <label class="library-filter">
        Status
        <select class="library-status" value={filters.status} onChange={(e) => set({ status: valueOf(e) as StoryStatus | '' })}>
          <option value="">Any</option>
          <option value="complete">Complete</option>
          <option value="wip">In progress</option>
          <option value="unknown">Unknown</option>
        </select>
      </label>
      <label class="library-filter">
        Read
        <select class="library-read" value={filters.read} onChange={(e) => set({ read: valueOf(e) as Filters['read'] })}>
          <option value="">Read or not</option>
          <option value="read">Read</option>
          <option value="unread">Never opened</option>
        </select>
      </label>
      <label class="library-filter">
        Sort by
        <select class="library-sort" value={sort} onChange={(e) => set({ sort: valueOf(e) as SortKey })}>
          {SORTS.map((s) => (
            <option key={s.value} value={s.value} disabled={s.value === 'relevance' && !searching}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        class="library-reverse"
        aria-pressed={filters.reverse}
        onClick={() => setFilters((f) => ({ reverse: !f.reverse }))}
      >
        Reverse order
      </button>
    </div>
  );
}
