import { describe, expect, it } from 'vitest';
import { compilePatterns } from '../tag-match';

/** Does the single pattern match the single tag? */
const matches = (pattern: string, tag: string) => compilePatterns([pattern]).match({ tags: [tag], warnings: [], summary: null }).length > 0;

describe('tag patterns', () => {
  it.each([
    ['non*con', 'Rape/Non-Con'],
    ['non*con', 'Noncon'],
    ['non*con', 'non/con'],
    ['*con', 'Dubcon'],
    ['vamp*', 'Vampires'],
    ['vamp*', 'Vamp'],
    ['major * death', 'Major Character Death'],
    ['rape', 'Rape/Non-Con'],
    ['RAPE', 'rape'],
    ['spike', "Spike's Coat"],
    ['spike', 'Spike’s Coat'],
    ["spike's", 'Spike’s Coat'],
    ['dub-con', 'Dub–Con'],
    ['self harm', 'Self  Harm'],
    ['été', 'ÉTÉ'],
    ['  Angst  ', 'Angst'],
    ['(AU)', 'Modern (AU)'],
    ['a.b', 'A.B'],
  ])('%s matches %s', (pattern, tag) => expect(matches(pattern, tag)).toBe(true));

  it.each([
    ['rape', 'Grapes'],
    ['rape', 'Draped in Silk'],
    ['con', 'Conflict'],
    ['angst', 'Angsty'],
    ['non*con', 'none of the con men'],
    ['non*con', 'Non-Conformist'],
    ['vamp', 'Vampires'],
    ['a.b', 'axb'],
    ['death', 'Deathly Hallows'],
    ['été', 'étés'],
  ])('%s does not match %s', (pattern, tag) => expect(matches(pattern, tag)).toBe(false));

  it('ignores patterns without a letter or digit, which would match everything', () => {
    const m = compilePatterns(['', '*', ' * * ', '--', 'ok']);
    expect(m.patterns).toEqual(['ok']);
    expect(m.match({ tags: ['Fluff', 'Angst'], warnings: ['Major Character Death'], summary: 'Anything.' })).toEqual([]);
  });

  it('reports which pattern matched which tag, warning or summary words', () => {
    const m = compilePatterns(['non*con', 'knife', 'fluff']);
    const hits = m.match({
      tags: ['Dub-Con', 'Angst'],
      warnings: ['Rape/Non-Con', 'Major Character Death'],
      summary: 'She held the Knife steady. Not a dubcon story.',
    });
    expect(hits).toEqual([
      { pattern: 'non*con', field: 'warning', text: 'Rape/Non-Con' },
      { pattern: 'knife', field: 'summary', text: 'Knife' },
    ]);
  });

  it('lists every tag a pattern matches', () => {
    const hits = compilePatterns(['*con']).match({ tags: ['Dubcon', 'Noncon', 'Bacon', 'Consent'], warnings: [], summary: null });
    expect(hits.map((h) => h.text)).toEqual(['Dubcon', 'Noncon', 'Bacon']);
  });

  it('does not let a wildcard run across a space in the summary', () => {
    const m = compilePatterns(['non*con']);
    expect(m.match({ tags: [], warnings: [], summary: 'None of the con artists came.' })).toEqual([]);
    expect(m.match({ tags: [], warnings: [], summary: 'Warning: non-con, implied.' })).toEqual([
      { pattern: 'non*con', field: 'summary', text: 'non-con' },
    ]);
  });

  it('matches text in decomposed Unicode form', () => {
    expect(matches('café', 'Cafe\u0301 AU')).toBe(true);
  });
});
