// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://archiveofourown.org/works/9"}
/**
 * A long work read in stages (read-view.ts#ViewOptions.firstChars): the first piece sanitised for the
 * first screen, the rest a piece at a time as the reader puts it on the page. Every stage is
 * checked against the same page read whole: the same text, blocks and words, in the same order.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReaderView, StoryContent } from '../../core/model';
import { readerView } from '../view';
import { parseHtml } from '../../../scripts/lib/html';
import { readingBlocks, anchorText, fractionOf } from '../ui/blocks';
import { FIRST_PART, storyParts } from '../ui/story-parts';
import { Reader } from '../ui/Reader';
import { DEFAULT_READER_SETTINGS } from '../settings';
import { memoryServices } from './reader-harness';
import type { ReaderServices } from '../ui/reader-services';
import { thousands } from '../../core/numbers';

const URL_FULL = 'https://archiveofourown.org/works/9?view_full_work=true';

/** `n` paragraphs of about 300 characters, each naming its chapter and number. */
const paragraphs = (chapter: number, n: number) =>
  Array.from({ length: n }, (_, i) => `<p>Paragraph ${chapter}.${i}: ${'word '.repeat(58)}</p>`).join('\n');

/** An AO3 whole work of `chapters` chapters of `each` paragraphs, in the page's `lang` and `dir`. */
function wholeWork(chapters: number, each: number, attrs = ''): string {
  const chapter = (n: number) => `
    <div class="chapter" id="chapter-${n}">
      <div class="chapter preface group"><h3 class="title"><a href="/works/9/chapters/${100 + n}">Chapter ${n}</a></h3></div>
      <div class="userstuff module" role="article"><h3 class="landmark heading">Chapter Text</h3>${paragraphs(n, each)}</div>
    </div>`;
  return `<html ${attrs}><body><div id="main"><dl class="work meta group"><dt>Rating:</dt><dd class="rating tags"><a class="tag">General Audiences</a></dd></dl>
    <div id="workskin"><div class="preface group"><h2 class="title heading">Nine</h2><h3 class="byline heading"><a rel="author" href="/users/a">a</a></h3>
      <div class="summary module"><h3 class="heading">Summary:</h3><blockquote class="userstuff"><p>A work.</p></blockquote></div></div>
    <div id="chapters">${Array.from({ length: chapters }, (_, i) => chapter(i + 1)).join('')}</div></div></div></body></html>`;
}

const read = (html: string, firstChars?: number): ReaderView =>
  readerView(parseHtml(html, URL_FULL), URL_FULL, { estimate: false, firstChars })!;
const inert = (html: string) => {
  const t = document.createElement('template');
  t.innerHTML = html;
  return t.content;
};
const words = (el: ParentNode | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Every piece of a staged view's rest. */
function restOf(view: ReaderView): StoryContent[] {
  const pieces: StoryContent[] = [];
  for (let p = view.rest?.next(); p; p = view.rest?.next()) pieces.push(p);
  return pieces;
}

/** A staged view's HTML put together: every piece, in order, in the innermost element of its shell. */
function assembled(view: ReaderView): string {
  const html = [view.content, ...restOf(view)].map((c) => c.html).join('');
  const shell = document.createElement('template');
  shell.innerHTML = view.rest!.shell;
  let inner: Element | null = null;
  for (let el = shell.content.firstElementChild; el; el = el.firstElementChild) inner = el;
  if (!inner) return html;
  inner.innerHTML = html;
  return shell.innerHTML;
}

/** A single chapter of `n` paragraphs in its wrapper, as an AO3 chapter page holds it. */
const chapterPage = (
  n: number,
) => `<html><body><div id="main"><dl class="work meta group"><dt>Rating:</dt><dd class="rating tags"><a class="tag">General Audiences</a></dd></dl>
  <div id="workskin"><div class="preface group"><h2 class="title heading">Nine</h2></div>
  <div id="chapters"><div class="userstuff">${paragraphs(1, n)}</div></div></div></div></body></html>`;

// Each test reads a long work whole and staged in jsdom: seconds on a busy machine.
describe('the staged extraction', { timeout: 30_000 }, () => {
  it('gives the first piece now and the rest in pieces that add up to the whole, in order', () => {
    const page = wholeWork(12, 20);
    const whole = read(page);
    const staged = read(page, FIRST_PART);
    expect(whole.rest).toBeUndefined();
    expect(staged.rest).toBeDefined();
    expect(staged.content.text.length).toBeGreaterThanOrEqual(FIRST_PART);
    expect(staged.content.text.length).toBeLessThan(whole.content.text.length / 4);
    const again = read(page, FIRST_PART);
    const pieces = restOf(staged);
    expect(pieces.length).toBeGreaterThan(2);
    const all = [staged.content, ...pieces];
    expect(all.map((c) => c.text).join('\n')).toBe(whole.content.text);
    expect(all.reduce((n, c) => n + c.words, 0)).toBe(whole.content.words);
    expect(staged.rest!.next()).toBeNull();
    expect(assembled(again)).toBe(whole.content.html);
    // Everything else is the whole view's.
    expect(staged.notes).toEqual(whole.notes);
    expect(staged.nav).toEqual(whole.nav);
    expect({ ...staged.report, content: null }).toEqual({ ...whole.report, content: null });
  });

  it('keeps what wraps the whole story, its language and direction, in the shell, round every piece', () => {
    const page = wholeWork(12, 20, 'lang="he" dir="rtl"');
    const whole = read(page);
    const staged = read(page, FIRST_PART);
    expect(staged.rest!.shell).toBe('<div dir="rtl" lang="he"></div>');
    expect(staged.content.html).not.toContain('dir=');
    expect(assembled(staged)).toBe(whole.content.html);
  });

  it('cuts a single long chapter inside its wrapper', () => {
    const page = chapterPage(200);
    const whole = read(page);
    const staged = read(page, FIRST_PART);
    expect(staged.rest!.shell).toMatch(/^<div[^>]*><\/div>$/);
    expect(staged.content.words).toBeLessThan(whole.content.words / 4);
    expect(assembled(staged)).toBe(whole.content.html);
  });

  it('leaves a story no longer than the first piece whole', () => {
    const page = wholeWork(1, 20);
    expect(read(page, FIRST_PART)).toEqual(read(page));
  });
});

describe('storyParts on a staged view', { timeout: 30_000 }, () => {
  const page = wholeWork(30, 20, 'lang="he" dir="rtl"');
  let whole: ReaderView;
  beforeAll(() => void (whole = read(page)));
  afterEach(() => document.body.replaceChildren());
  const story = () => document.body.appendChild(document.createElement('div'));
  const wholeText = () => words(inert(whole.content.html));

  it('shows the first part at once, then every piece of the rest in order, with the blocks the whole has', () => {
    const staged = read(page, FIRST_PART);
    const el = story();
    const parts = storyParts(el, staged.content.html, staged.rest);
    expect(wholeText().startsWith(words(el))).toBe(true);
    expect(words(el).length).toBeLessThan(wholeText().length / 10);
    expect(el.getAttribute('aria-busy')).toBe('true');
    expect(parts.restWords()).toBeNull();
    expect(el.firstElementChild?.getAttribute('dir')).toBe('rtl');
    while (parts.renderNext());
    expect(words(el)).toBe(wholeText());
    expect(el.hasAttribute('aria-busy')).toBe(false);
    expect(staged.content.words + parts.restWords()!).toBe(whole.content.words);
    expect(readingBlocks(el)).toEqual(parts.blocks);
    expect(parts.blocks.map(anchorText)).toEqual(readingBlocks(inert(whole.content.html)).map(anchorText));
    expect(parts.rendered()).toBe(parts.blocks.length);
  });

  it('renderThrough reads the rest as far as a place past what is read, and no further', () => {
    const staged = read(page, FIRST_PART);
    const el = story();
    const parts = storyParts(el, staged.content.html, staged.rest);
    const target = readingBlocks(inert(whole.content.html)).findIndex((b) => b.textContent?.startsWith('Paragraph 15.3:'));
    expect(parts.blocks.length).toBeLessThan(target);
    parts.renderThrough(target);
    expect(parts.blocks[target]!.textContent).toMatch(/^Paragraph 15\.3:/);
    expect(parts.blocks.slice(0, target + 1).every((b) => b.isConnected)).toBe(true);
    expect(parts.restWords()).toBeNull();
    expect(words(el)).not.toContain('Paragraph 30.');
    parts.complete();
    expect(parts.restWords()).not.toBeNull();
    while (parts.renderNext());
    expect(words(el)).toBe(wholeText());
  });

  it.each([
    ['a whole work', page],
    ['a single chapter', chapterPage(200)],
  ])('%s: every piece goes in the shell, as the whole view has it', (_, html) => {
    const staged = read(html, FIRST_PART);
    const el = story();
    const parts = storyParts(el, staged.content.html, staged.rest);
    while (parts.renderNext());
    for (const part of Array.from(el.querySelectorAll('section.part'))) part.replaceWith(...Array.from(part.childNodes));
    expect(el.innerHTML).toBe(read(html).content.html);
  });
});

describe('the reader on a staged view', () => {
  const page = wholeWork(30, 20);
  let host: HTMLElement | null = null;
  /** The pieces of the rest the open reader has read. */
  let piecesRead = 0;
  afterEach(() => {
    vi.useRealTimers();
    if (host) render(null, host);
    host?.remove();
  });

  async function open(saved: { block: number; offset: number; text?: string } | null, savePosition?: ReaderServices['savePosition']) {
    vi.useFakeTimers({ toFake: ['setTimeout', 'requestAnimationFrame'] });
    window.matchMedia = ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} })) as never;
    host = document.body.appendChild(document.createElement('div'));
    const { services } = memoryServices(new Map());
    let restored!: () => void;
    const loaded = new Promise<void>((resolve) => (restored = resolve));
    const withPlace = { ...services, loadPosition: async () => (restored(), saved), ...(savePosition && { savePosition }) };
    const view = read(page, FIRST_PART);
    const rest = view.rest!;
    const next = rest.next.bind(rest);
    piecesRead = 0;
    rest.next = () => {
      const piece = next();
      if (piece) piecesRead++;
      return piece;
    };
    await act(() =>
      render(<Reader url={URL_FULL} view={view} settings={DEFAULT_READER_SETTINGS} services={withPlace} onClose={() => {}} />, host!),
    );
    await act(() => loaded);
    return host.querySelector<HTMLElement>('.story')!;
  }

  it('shows the work’s words once the rest is read, and all of its text', async () => {
    const whole = read(page);
    const story = await open(null);
    expect(host!.querySelector('.facts .words')).toBeNull();
    await act(async () => void (await vi.runAllTimersAsync()));
    expect(words(story)).toBe(words(inert(whole.content.html)));
    expect(host!.querySelector('.facts .words')?.textContent).toBe(`${thousands(whole.content.words)} words`);
  }, 30_000);

  it('goes to a saved place in a piece of the rest not read yet', async () => {
    const blocks = readingBlocks(inert(read(page).content.html));
    const target = blocks.findIndex((b) => b.textContent?.startsWith('Paragraph 20.7:'));
    const story = await open({ block: target, offset: 0, text: anchorText(blocks[target]!) });
    const place = readingBlocks(story)[target];
    expect(place?.textContent).toMatch(/^Paragraph 20\.7:/);
    expect(words(story)).not.toContain('Paragraph 30.');
  }, 30_000);

  /** The block of the whole work that starts "Paragraph 20.7:", in a piece of the rest, and its anchor. */
  function deepPlace() {
    const blocks = readingBlocks(inert(read(page).content.html));
    const block = blocks.findIndex((b) => b.textContent?.startsWith('Paragraph 20.7:'));
    return { blocks, place: { block, offset: 0, text: anchorText(blocks[block]!) } };
  }
  const leave = () => act(() => void window.dispatchEvent(new Event('pagehide')));

  it('saves the place while the rest is still to come, without reading the rest', async () => {
    const { place } = deepPlace();
    const saved: { block: number; offset: number }[] = [];
    await open(place, async (_, anchor) => void saved.push(anchor));
    const before = piecesRead;
    await leave();
    expect(saved.map((a) => a.block)).toEqual([place.block]);
    expect(piecesRead).toBe(before);
    expect(before).toBeLessThan(restOf(read(page, FIRST_PART)).length);
  }, 30_000);

  it('gives the fraction of the whole work when asked, reading the rest first', async () => {
    const { blocks, place } = deepPlace();
    const fractions: number[] = [];
    await open(place, async (_, __, fraction) => void fractions.push(fraction()));
    await leave();
    // Of the blocks read so far, it would be larger: the place is in the first half of the work.
    expect(fractions).toEqual([fractionOf(place, blocks.length)]);
  }, 30_000);
});
