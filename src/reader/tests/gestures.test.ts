import { describe, expect, it } from 'vitest';
import { LONG_PRESS_MS, strokeTurn } from '../ui/gestures';

/** A stroke on a 390 px wide page (a phone), quick and still unless told. */
const on = (s: Partial<Parameters<typeof strokeTurn>[0]>) => strokeTurn({ startX: 195, dx: 0, dy: 0, ms: 120, width: 390, ...s });

describe('strokeTurn', () => {
  it('a swipe to the left turns forward, to the right turns back, wherever it starts', () => {
    expect(on({ startX: 300, dx: -120, dy: 10 })).toBe('next');
    expect(on({ startX: 60, dx: 150, dy: -20 })).toBe('prev');
    expect(on({ startX: 10, dx: -80 })).toBe('next');
  });

  it('a scroll is not a swipe: mostly up or down, too short, or too slow a drag', () => {
    expect(on({ dx: -100, dy: 300 })).toBeNull();
    expect(on({ dx: -100, dy: 60 })).toBeNull();
    expect(on({ dx: -40 })).toBeNull();
    expect(on({ dx: -200, ms: 1500 })).toBeNull();
  });

  it('a tap near an edge turns that way; in the middle it is the reader’s', () => {
    expect(on({ startX: 12 })).toBe('prev');
    expect(on({ startX: 375 })).toBe('next');
    expect(on({ startX: 195 })).toBeNull();
    expect(on({ startX: 100 })).toBeNull();
  });

  it('a finger held or moved a little at the edge is not a tap', () => {
    expect(on({ startX: 12, ms: LONG_PRESS_MS })).toBeNull();
    expect(on({ startX: 12, dx: 8, dy: 20 })).toBeNull();
  });
});
