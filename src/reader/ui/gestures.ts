/**
 * What a finger's stroke on the reader's page means: a swipe across it, or a tap near its left or
 * right edge, turns the chapter, as a book's page turns; anything else is reading (scrolling,
 * selecting text, following a link) and is left to the browser.
 */

/** A finger that moves no further than this (CSS px) has tapped or held, not swiped. */
export const TOUCH_SLOP = 10;
/**
 * A finger held this long without moving opens the chapter list. Longer than the browsers' own
 * long press (400–500 ms on Android), so a press on text has selected a word by then, and keeps it.
 */
export const LONG_PRESS_MS = 600;
/** The share of the page's width, at each side, that a tap turns the chapter in. */
const EDGE = 0.2;
/** A swipe crosses at least this far (CSS px), mostly sideways, and quickly: a slow drag is reading. */
const SWIPE_MIN = 60;
const SWIPE_MAX_MS = 800;

export interface Stroke {
  /** Where the finger went down, from the page's left edge. */
  startX: number;
  /** How far it went before lifting. */
  dx: number;
  dy: number;
  /** How long it was down. */
  ms: number;
  /** The page's width. */
  width: number;
}

export function strokeTurn({ startX, dx, dy, ms, width }: Stroke): 'next' | 'prev' | null {
  if (Math.abs(dx) >= SWIPE_MIN && Math.abs(dx) > 2 * Math.abs(dy) && ms <= SWIPE_MAX_MS) return dx < 0 ? 'next' : 'prev';
  if (Math.hypot(dx, dy) > TOUCH_SLOP || ms >= LONG_PRESS_MS) return null;
  if (startX < width * EDGE) return 'prev';
  if (startX > width * (1 - EDGE)) return 'next';
  return null;
}
