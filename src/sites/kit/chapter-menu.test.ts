import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { menuChapter } from './chapter-menu';

const options = (html: string) => Array.from(new JSDOM(`<select>${html}</select>`).window.document.querySelectorAll('option'));

describe('menuChapter', () => {
  it('reads the selected option, its number dropped from the title', () => {
    expect(menuChapter(options('<option value="1">1. One</option><option value="2" selected>2. Two</option>'))).toEqual({
      index: 2,
      count: 2,
      title: 'Two',
    });
  });

  it('asks the site which option the page is when none is selected', () => {
    const opts = options('<option value="a">1. One</option><option value="b">2. Two</option><option value="c">3. Three</option>');
    expect(menuChapter(opts, { current: (v) => v === 'c' })?.index).toBe(3);
    expect(menuChapter(opts, { current: (_v, place) => place === 1 })?.index).toBe(2);
    expect(menuChapter(opts, { current: () => false })).toBeNull();
    expect(menuChapter(opts, { current: () => false, orFirst: true })?.index).toBe(1);
  });

  it('takes the chapter number from a numeric value when told to', () => {
    const opts = options('<option value="4" selected>Four</option><option value="5">Five</option>');
    expect(menuChapter(opts, { indexFrom: 'value' })?.index).toBe(4);
    expect(menuChapter(opts)?.index).toBe(1);
  });

  it('keeps a title that only looks numbered when the menu is not numbered', () => {
    expect(menuChapter(options('<option selected>1. Chapter</option><option>2</option>'), { numbered: false })?.title).toBe('1. Chapter');
  });

  it('gives no chapter for a menu of one, and a null title for a bare number', () => {
    expect(menuChapter(options('<option selected>1. One</option>'))).toBeNull();
    expect(menuChapter(options('<option selected>1. </option><option>2. B</option>'))?.title).toBeNull();
  });
});
