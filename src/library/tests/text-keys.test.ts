/** The library's tokeniser, sort keys and index text: what search can and cannot match. */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { textLines } from '../../core/dom';
import { contentHash, htmlText, sortKey, tokens } from '../search/text-keys';
import { sanitizeHtml } from '../../reader/sanitize';
import { chapterHtml, seeded, testWindow } from './library-fixtures';

describe('tokens', () => {
  it.each([
    ['Harry Potter & the Half-Blood Prince', ['harry', 'potter', 'the', 'half', 'blood', 'prince']],
    ["Don't — won’t; rock'n'roll", ['dont', 'wont', 'rocknroll']],
    ['Pokémon CAFÉ Ångström naïve', ['pokemon', 'cafe', 'angstrom', 'naive']],
    ['ﬁnal ｆｕｌｌ-width', ['final', 'full', 'width']],
    // Marks go in every script, so й folds to и as ё to е: query and index fold alike.
    ['Война и мир, ёж', ['воина', 'и', 'мир', 'еж']],
    ['進撃の巨人 Attack', ['進', '撃', 'の', '巨', '人', 'attack']],
    ['chapter 12, part 3b', ['chapter', '12', 'part', '3b']],
    ['x'.repeat(33) + ' ok', ['ok']],
    ["'quoted' words'", ['quoted', 'words']],
  ])('%s', (text, expected) => {
    expect(tokens(text)).toEqual(expected);
  });

  // About 2 s on a quiet machine, over 5 s (vitest's default) on a busy one: what it checks is the stack, not the time.
  it('reads a 50 MB run of letters (a hostile title) without overflowing the stack', { timeout: 60_000 }, () => {
    expect(tokens(`${'a'.repeat(50_000_000)} ok 進撃`)).toEqual(['ok', '進', '撃']);
  });
});

describe('sortKey', () => {
  it('folds case and accents; titles lose a leading article and punctuation', () => {
    expect(sortKey('The Émigré', true)).toBe('emigre');
    expect(sortKey('A Study in Scarlet', true)).toBe('study in scarlet');
    expect(sortKey('“Anathema”', true)).toBe('anathema”');
    expect(sortKey('The Author', false)).toBe('the author');
    expect(sortKey('Theory', true)).toBe('theory');
  });
});

describe('htmlText', () => {
  const win = testWindow();

  it('keeps words on either side of a block or a line break apart, and decodes entities', () => {
    expect(tokens(htmlText('<p>end</p><p>start</p>one<br>two<hr>three'))).toEqual(['end', 'start', 'one', 'two', 'three']);
    expect(tokens(htmlText('<p>in<em>side</em> A&amp;B &lt;3 caf&#233; &#x263A;x&nbsp;y</p>'))).toEqual([
      'inside',
      'a',
      'b',
      '3',
      'cafe',
      'x',
      'y',
    ]);
  });

  it('gives the words a DOM reads from sanitised chapters', () => {
    const rand = seeded(3);
    for (let i = 0; i < 20; i++) {
      const html = sanitizeHtml(chapterHtml(rand, 200) + '<ul><li>a&amp;b</li><li>c</li></ul><blockquote>q&nbsp;r</blockquote>', win);
      const dom = textLines(JSDOM.fragment(`<div>${html}</div>`)).join('\n');
      expect(tokens(htmlText(html))).toEqual(tokens(dom));
    }
  });
});

describe('contentHash', () => {
  it('tells different texts apart and gives the same text the same hash', () => {
    expect(contentHash('abc')).toBe(contentHash('abc'));
    expect(contentHash('abc')).not.toBe(contentHash('abd'));
    expect(contentHash('')).toMatch(/^0:[0-9a-f]{8}$/);
  });
});
