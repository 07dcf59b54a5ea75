import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { boldPairs, dashFields, fieldValue, lineValue, nodesAfterLabel } from './labels';

const dom = (html: string) => new JSDOM(`<div>${html}</div>`).window.document.querySelector('div')!;

describe('"Label: value" metadata', () => {
  it('reads the fields of a dashed line', () => {
    const fields = dashFields('Rated: Fiction M - English - Romance - Words: 12,345 - Complete');
    expect(fields).toEqual(['Rated: Fiction M', 'English', 'Romance', 'Words: 12,345', 'Complete']);
    expect(fieldValue(fields, 'Words')).toBe('12,345');
    expect(fieldValue(fields, 'Chapters')).toBeNull();
    expect(dashFields('')).toEqual([]);
  });

  it('reads <b>Label:</b> value runs, the first of a key winning', () => {
    const pairs = boldPairs(Array.from(dom('<b>Rating:</b> NC-17 - <b>Warning:</b> none - <b>Rating:</b> G').querySelectorAll('b')));
    expect([...pairs]).toEqual([
      ['rating', 'NC-17'],
      ['warning', 'none'],
    ]);
  });

  it('takes the nodes after a label up to the next label or line break', () => {
    const root = dom('<span class="label">Genres:</span> <a>Drama</a>, <a>Angst</a><br><span class="label">Rated:</span> R');
    const label = root.querySelector('span.label')!;
    const nodes = nodesAfterLabel(label, (el) => el.matches('span.label'));
    expect(nodes.map((n) => n.textContent).join('')).toBe(' Drama, Angst');
    const rated = root.querySelectorAll('span.label')[1]!;
    expect(nodesAfterLabel(rated, (el) => el.matches('span.label')).map((n) => n.textContent)).toEqual([' R']);
  });

  it('reads the first non-empty value of a labelled header line', () => {
    const lines = ['Summary: A night in Barstow.', 'Rating:', 'Rating: R', 'Rated: NC-17'];
    expect(lineValue(lines, /^Rating\s*:/i)).toBe('R');
    expect(lineValue(lines, /^Rat(?:ing|ed)\s*:/i)).toBe('R');
    expect(lineValue(['The Rating: R'], /Rating:/)).toBeNull();
  });
});
