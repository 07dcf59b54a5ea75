/** The story list's rows: taller on a narrow list, where cards' facts and buttons wrap. */
import { describe, expect, it } from 'vitest';
import { NARROW_ROW_HEIGHT, NARROW_WIDTH, OVERSCAN, ROW_HEIGHT, rowHeightFor, visibleRows } from '../ui/hooks/useVirtualList';

describe('virtual list rows', () => {
  it('are taller below the narrow width, and the usual height where the width is not known yet', () => {
    expect(rowHeightFor(380)).toBe(NARROW_ROW_HEIGHT);
    expect(rowHeightFor(NARROW_WIDTH - 1)).toBe(NARROW_ROW_HEIGHT);
    expect(rowHeightFor(NARROW_WIDTH)).toBe(ROW_HEIGHT);
    expect(rowHeightFor(0)).toBe(ROW_HEIGHT);
    expect(NARROW_ROW_HEIGHT).toBeGreaterThan(ROW_HEIGHT);
  });

  it('render the rows a view of their height shows, and a few either side', () => {
    expect(visibleRows(0, 720, 100, NARROW_ROW_HEIGHT)).toEqual([0, Math.ceil(720 / NARROW_ROW_HEIGHT) + OVERSCAN - 1]);
    const top = 50 * NARROW_ROW_HEIGHT;
    expect(visibleRows(top, 720, 100, NARROW_ROW_HEIGHT)[0]).toBe(50 - OVERSCAN);
    expect(visibleRows(top, 720, 100)[0]).toBe(Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  });
});
