import { describe, expect, it } from 'vitest';
import { listItems, saysNone, withoutNone } from './lists';

describe('lists where "None" means empty', () => {
  it('splits, trims and drops empty items', () => {
    expect(listItems(', Violence,  Language ,')).toEqual(['Violence', 'Language']);
    expect(listItems('violence; language', /\s*[,;]\s*/)).toEqual(['violence', 'language']);
  });

  it('reads "None" as no items', () => {
    expect(listItems('None')).toEqual([]);
    expect(listItems('none.')).toEqual([]);
    expect(listItems('Violence, none')).toEqual(['Violence']);
    expect(listItems(null)).toEqual([]);
    expect(saysNone(' None given')).toBe(true);
    expect(saysNone('Nonexistent')).toBe(false);
    expect(withoutNone(['Buffy, the Vampire Slayer', 'None', ''])).toEqual(['Buffy, the Vampire Slayer']);
  });
});
