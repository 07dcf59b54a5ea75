/**
 * The results as a virtual list: rows have one fixed height, a spacer as tall as all of them
 * keeps the scrollbar true, and only the rows in view (and a few either side) are rendered.
 * Screen readers learn each card's place from aria-posinset / aria-setsize; the arrow keys, Home,
 * End and Page Up / Down move between cards (hooks/useVirtualList.ts).
 */
import type { ResultPages } from '../browse/list-rows';
import { useVirtualList } from './hooks/useVirtualList';
import { PlaceholderCard, StoryCard, type CardActions } from './StoryCard';

export interface StoryListProps {
  pages: ResultPages;
  selected: ReadonlySet<string>;
  now: number;
  actions: CardActions;
}

export function StoryList({ pages, selected, now, actions }: StoryListProps) {
  const { scroller, total, first, last, active, setActive, onScroll, onKeyDown, rowHeight } = useVirtualList(pages);
  const rows = [];
  for (let i = first; i <= last; i++) {
    const row = pages.row(i);
    rows.push(
      row ? (
        <StoryCard
          key={row.story.id}
          story={row.story}
          progress={row.progress}
          index={i}
          total={total}
          top={i * rowHeight}
          selected={selected.has(row.story.id)}
          active={i === active}
          now={now}
          actions={actions}
          onFocus={setActive}
        />
      ) : (
        <PlaceholderCard key={`placeholder-${i}`} index={i} total={total} top={i * rowHeight} />
      ),
    );
  }

  return (
    <div class="library-scroller" ref={scroller} onScroll={onScroll}>
      <ul
        class="library-list"
        aria-label="Saved stories"
        aria-busy={pages.total === null}
        style={{ height: `${total * rowHeight}px` }}
        onKeyDown={onKeyDown}
      >
        {rows}
      </ul>
    </div>
  );
}
