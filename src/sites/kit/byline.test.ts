import { describe, expect, it } from 'vitest';
import { authorAfter, splitByline, withoutByline } from './byline';

describe('"Title by Author" lines', () => {
  it('splits at the last " by "', () => {
    expect(splitByline('Hollow Hours by ember_and_ash')).toEqual({ title: 'Hollow Hours', author: 'ember_and_ash' });
    expect(splitByline('Stand by Me by Sable')).toEqual({ title: 'Stand by Me', author: 'Sable' });
    expect(splitByline('Untitled')).toEqual({ title: 'Untitled', author: null });
  });

  it('cuts a known author off the end, and leaves other lines alone', () => {
    expect(withoutByline('Cold Open by Wren Halloway', 'Wren Halloway')).toBe('Cold Open');
    expect(withoutByline('Cold Open', 'Wren Halloway')).toBe('Cold Open');
    expect(withoutByline('Cold Open by wren halloway', 'Wren Halloway')).toBe('Cold Open by wren halloway');
    expect(withoutByline('Cold Open by wren halloway', 'Wren Halloway', { ignoreCase: true })).toBe('Cold Open');
    expect(withoutByline('Cold Open by X', null)).toBe('Cold Open by X');
  });

  it('reads the author after a known title', () => {
    expect(authorAfter('Tuesdays by Ann Vale', 'Tuesdays')).toBe('Ann Vale');
    expect(authorAfter('Tuesdays - Ann Vale', 'Tuesdays')).toBeNull();
    expect(authorAfter('Tuesdays by ', 'Tuesdays')).toBeNull();
  });
});
