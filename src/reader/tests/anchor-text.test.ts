/**
 * A reading place found again by its words: the anchor keeps the first words of its paragraph, and
 * relocate finds that paragraph in a chapter the author has edited since.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { ANCHOR_TEXT } from '../../core/model';
import { anchorText, readingBlocks, relocate } from '../ui/blocks';

const paragraphs = (texts: string[]) => readingBlocks(JSDOM.fragment(texts.map((t) => `<p>${t}</p>`).join('')));
const story = Array.from(
  { length: 12 },
  (_, i) => `Paragraph ${i + 1} of the story, where something different happens each time: ${'x'.repeat(i)}.`,
);
const kept = (i: number) => ({ block: i, offset: 0.25, text: anchorText(paragraphs(story)[i]!) });

describe('a reading place found by its words', () => {
  it('keeps at most ANCHOR_TEXT characters of its paragraph, whitespace folded', () => {
    const [p] = paragraphs([`  Two\n\n  spaces ${'long '.repeat(40)}`]);
    expect(anchorText(p!)).toBe(`Two spaces ${'long '.repeat(40)}`.slice(0, ANCHOR_TEXT));
  });

  it('stays where it was when the text is unchanged', () => {
    expect(relocate(kept(7), paragraphs(story))).toEqual(kept(7));
  });

  it('follows its paragraph when paragraphs are added or cut above it', () => {
    const added = paragraphs(['A note added later.', 'And another.', 'And a third.', ...story]);
    expect(relocate(kept(7), added)).toEqual({ ...kept(7), block: 10 });
    const cut = paragraphs(story.slice(2));
    expect(relocate(kept(7), cut)).toEqual({ ...kept(7), block: 5 });
  });

  it('finds its paragraph by its first words when the author corrected the end of it', () => {
    const edited = [...story];
    edited[7] = `${story[7]!.slice(0, 30)} — rewritten from here on.`;
    expect(relocate(kept(7), paragraphs(['New opening.', ...edited])).block).toBe(8);
  });

  it('of paragraphs that start alike, takes the one nearest where it was', () => {
    const refrain = 'And the bell rang again over the harbour, as it always did at dusk.';
    const text = [...story.slice(0, 3), refrain, ...story.slice(3, 9), refrain, ...story.slice(9)];
    const at = { block: 10, offset: 0, text: refrain.slice(0, ANCHOR_TEXT) };
    expect(relocate(at, paragraphs(['Inserted.', ...text])).block).toBe(11);
  });

  it('keeps the saved place when its words are gone, and an anchor without words as it is', () => {
    const gone = paragraphs(story.filter((_, i) => i !== 7));
    expect(relocate(kept(7), gone)).toEqual(kept(7));
    expect(relocate({ block: 4, offset: 0.5 }, paragraphs(['Other.', ...story]))).toEqual({ block: 4, offset: 0.5 });
  });
});
