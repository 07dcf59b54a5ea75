// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://archiveofourown.org/works/17793689"}
/**
 * The reader on a long work, which it puts on the page a part at a time: the whole text comes, in
 * order, and a saved place in a part not on the page yet is put there before the reader goes to it.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import type { ReaderView } from '../../core/model';
import { anchorText, readingBlocks, type Anchor } from '../ui/blocks';
import { Reader } from '../ui/Reader';
import { DEFAULT_READER_SETTINGS } from '../settings';
import { AO3_1, memoryServices, viewOf } from './reader-harness';

let long: { url: string; view: ReaderView };
/** The long work's text, and its reading blocks, as a whole. */
let whole: string;
let blocks: HTMLElement[];

beforeAll(() => {
  const { url, view } = viewOf(AO3_1);
  // The chapter's text forty times over, each copy a chapter with its own heading.
  const chapters = Array.from({ length: 40 }, (_, i) => `<h2>Chapter ${i + 1}</h2><div>${view.content.html}</div>`).join('');
  long = { url, view: { ...view, content: { ...view.content, html: `<div>${chapters}</div>` } } };
  const t = document.createElement('template');
  t.innerHTML = long.view.content.html;
  whole = words(t.content);
  blocks = readingBlocks(t.content);
  window.matchMedia = ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} })) as never;
}, 30_000);

let host: HTMLElement | null = null;
afterEach(() => {
  vi.useRealTimers();
  if (host) render(null, host);
  host?.remove();
});

const words = (el: ParentNode | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Opens the reader on the long work with the place `saved`; the rest of the text waits on the (fake) timers. */
async function open(saved: Anchor | null) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'requestAnimationFrame'] });
  host = document.body.appendChild(document.createElement('div'));
  const { services } = memoryServices(new Map());
  let restored!: () => void;
  const loaded = new Promise<void>((resolve) => (restored = resolve));
  const withPlace = { ...services, loadPosition: async () => (restored(), saved) };
  await act(() =>
    render(<Reader url={long.url} view={long.view} settings={DEFAULT_READER_SETTINGS} services={withPlace} onClose={() => {}} />, host!),
  );
  await act(() => loaded);
  return host.querySelector('.story')!;
}

it('shows the start of a long work at once and the rest after it, in order, once', async () => {
  const story = await open(null);
  expect(words(story).length).toBeLessThan(whole.length / 4);
  expect(whole.startsWith(words(story))).toBe(true);
  await act(async () => void (await vi.runAllTimersAsync()));
  expect(words(story)).toBe(whole);
}, 30_000);

it('a saved place in a part not on the page yet is put on the page first', async () => {
  const target = Math.floor(blocks.length / 2);
  const story = await open({ block: target, offset: 0, text: anchorText(blocks[target]!) });
  // The parts up to the place are there, in order, before the others have been added.
  const shown = words(story);
  expect(shown.length).toBeLessThan(whole.length);
  expect(whole.startsWith(shown)).toBe(true);
  expect(shown).toContain(words(blocks[target]));
}, 30_000);
