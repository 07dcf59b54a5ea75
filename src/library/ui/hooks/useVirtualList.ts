/**
 * The story list's scrolling and keyboard state: which rows are in view, which card Tab reaches,
 * and moving between cards with the arrow keys, Home, End and Page Up / Down, scrolling the one
 * reached into view and focusing it once its story is in.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ResultPages } from '../../browse/list-rows';

/** A card's height plus the gap below it, in CSS pixels (library.css sizes the cards to fit). */
export const ROW_HEIGHT = 200;
/**
 * Below NARROW_WIDTH (a phone, a narrow window) a card's facts and buttons wrap onto more lines,
 * so its rows are taller: library.css sizes the cards with a container query at the same width.
 */
export const NARROW_WIDTH = 520;
export const NARROW_ROW_HEIGHT = 224;
export const rowHeightFor = (width: number): number => (width > 0 && width < NARROW_WIDTH ? NARROW_ROW_HEIGHT : ROW_HEIGHT);
/** Rows rendered beyond each edge of the view, so a quick scroll shows no blanks. */
export const OVERSCAN = 4;
/** How long the view must rest on rows before their pages load. */
const LOAD_DELAY_MS = 40;
/** The view's height before it has been laid out (jsdom never lays out). */
const FALLBACK_HEIGHT = 720;

/** Rows first..last (inclusive) to render for a view of `height` scrolled to `scrollTop`. */
export function visibleRows(scrollTop: number, height: number, total: number, rowHeight = ROW_HEIGHT): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(total - 1, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN - 1);
  return [first, last];
}

export function useVirtualList(pages: ResultPages) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_HEIGHT);
  const [rowHeight, setRowHeight] = useState(ROW_HEIGHT);
  const [active, setActive] = useState(0);
  /** A card to focus once its story is in (after a key moved to it). */
  const focusNext = useRef<number | null>(null);
  const total = pages.total ?? 0;
  const [first, last] = visibleRows(scrollTop, height, total, rowHeight);

  // A new query starts at the top.
  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
    setActive(0);
  }, [pages]);

  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      setHeight(el.clientHeight || FALLBACK_HEIGHT);
      setRowHeight(rowHeightFor(el.clientWidth));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Pages load once scrolling pauses, not for every row a dragged scrollbar passes.
  useEffect(() => {
    const timer = setTimeout(() => pages.ensure(first, last), LOAD_DELAY_MS);
    return () => clearTimeout(timer);
  }, [pages, pages.generation, first, last]);

  useEffect(() => {
    if (focusNext.current === null) return;
    const card = scroller.current?.querySelector<HTMLElement>(`.library-card:not(.placeholder)[data-index="${focusNext.current}"]`);
    if (card) {
      focusNext.current = null;
      card.focus();
    }
  });

  const onScroll = () => {
    const el = scroller.current!;
    setScrollTop(el.scrollTop);
    if (el.clientHeight) setHeight(el.clientHeight);
  };

  const moveTo = (index: number) => {
    const i = Math.max(0, Math.min(total - 1, index));
    const el = scroller.current!;
    const top = i * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + height) el.scrollTop = top + rowHeight - height;
    setScrollTop(el.scrollTop);
    setActive(i);
    focusNext.current = i;
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const card = (e.target as HTMLElement).closest?.('.library-card');
    if (!card || card !== e.target) return;
    const perView = Math.max(1, Math.floor(height / rowHeight));
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + perView,
      PageUp: active - perView,
      Home: 0,
      End: total - 1,
    };
    if (!(e.key in moves)) return;
    e.preventDefault();
    moveTo(moves[e.key]!);
  };

  return { scroller, total, first, last, active, setActive, onScroll, onKeyDown, rowHeight };
}
