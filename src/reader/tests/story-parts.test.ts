// @vitest-environment jsdom
/** A story put on the page a part at a time (story-parts.ts): all of it, in order, once. */
import { afterEach, describe, expect, it } from 'vitest';
import { readingBlocks } from '../ui/blocks';
import { storyParts } from '../ui/story-parts';

/** `n` paragraphs of about 300 characters, each naming its number. */
const paragraphs = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `<p>Paragraph ${from + i}: ${'word '.repeat(58)}</p>`).join('\n');

/** An AO3 whole work's shape: a wrapper holding a heading and a text per chapter. */
const work = (chapters: number, each: number) =>
  `<div><div>${Array.from({ length: chapters }, (_, c) => `<h2>Chapter ${c + 1}</h2><div class="userstuff">${paragraphs(each, c * each)}</div>`).join('')}</div></div>`;

const story = () => document.body.appendChild(document.createElement('div'));
const words = (el: ParentNode) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const inert = (html: string) => {
  const t = document.createElement('template');
  t.innerHTML = html;
  return t.content;
};

afterEach(() => document.body.replaceChildren());

describe('storyParts', () => {
  it.each([
    ['a chapter of paragraphs', `<div><div>${paragraphs(400)}</div></div>`],
    ['a whole work of chapters', work(12, 40)],
    ['paragraphs with no wrapper', paragraphs(300)],
  ])('%s: the first part at once, then the whole text in order, nothing twice', (_, html) => {
    const el = story();
    const parts = storyParts(el, html);
    const whole = words(inert(html));
    const first = words(el);
    expect(first.length).toBeGreaterThan(1000);
    expect(first.length).toBeLessThan(whole.length / 2);
    expect(whole.startsWith(first)).toBe(true);
    // The blocks on the page are the first ones: the place is looked for among them.
    const rendered = parts.rendered();
    expect(parts.blocks.slice(0, rendered).every((b) => b.isConnected)).toBe(true);
    expect(parts.blocks[rendered]!.isConnected).toBe(false);
    // Busy for assistive technology until the last part is in.
    expect(el.getAttribute('aria-busy')).toBe('true');
    let added = 0;
    while (parts.renderNext()) added++;
    expect(added).toBeGreaterThan(2);
    expect(parts.renderNext()).toBe(false);
    expect(words(el)).toBe(whole);
    expect(el.hasAttribute('aria-busy')).toBe(false);
    expect(parts.rendered()).toBe(parts.blocks.length);
    // The blocks known from the start are the page's, in its order.
    expect(readingBlocks(el)).toEqual(parts.blocks);
    expect(parts.blocks.length).toBe(readingBlocks(inert(html)).length);
  });

  it('a short chapter is on the page at once', () => {
    const el = story();
    const parts = storyParts(el, `<div>${paragraphs(5)}</div>`);
    expect(parts.renderNext()).toBe(false);
    expect(words(el)).toBe(words(inert(`<div>${paragraphs(5)}</div>`)));
    expect(el.hasAttribute('aria-busy')).toBe(false);
  });

  it('renderThrough adds the parts up to a block and the one after it, in order, and no further', () => {
    const el = story();
    const parts = storyParts(el, work(30, 40));
    const target = parts.blocks.findIndex((b) => b.textContent?.startsWith('Paragraph 700:'));
    expect(parts.blocks[target]!.isConnected).toBe(false);
    parts.renderThrough(target);
    const connected = parts.blocks.map((b) => b.isConnected);
    expect(connected.slice(0, target + 1).every(Boolean)).toBe(true);
    // The text below the place: a part's worth of blocks after it, so the scroller can reach it.
    const partOf = (b: HTMLElement) => b.closest('section.part');
    const nextPart = parts.blocks.find((b, i) => i > target && partOf(b) !== partOf(parts.blocks[target]!));
    expect(nextPart?.isConnected).toBe(true);
    expect(connected.at(-1)).toBe(false);
    expect(words(el).startsWith(words(inert(work(30, 40))).split(' Paragraph 700:')[0]!)).toBe(true);
    while (parts.renderNext());
    expect(words(el)).toBe(words(inert(work(30, 40))));
  });
});
