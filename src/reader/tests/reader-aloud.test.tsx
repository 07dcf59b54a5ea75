// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://archiveofourown.org/works/17793689"}
/**
 * Read aloud as an audiobook: it goes on into the next chapter, and a sleep timer stops it at the
 * end of the chapter or pauses it after some minutes. Real corpus chapters, a fake speech engine.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReaderView } from '../../core/model';
import { click, dispatchTrusted, until } from '../../../tests/lib/ui';
import { AO3_1, AO3_2, fakeSpeech, mountReader, viewOf, type FakeUtterance } from './reader-harness';

let host: HTMLElement;
let first: { url: string; view: ReaderView };
let second: { url: string; view: ReaderView };
let spoken: FakeUtterance[];
let restoreSpeech: () => void;

beforeAll(() => {
  first = viewOf(AO3_1);
  second = viewOf(AO3_2);
  window.matchMedia = ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} })) as never;
  Element.prototype.scrollIntoView = () => undefined;
});
beforeEach(() => {
  history.replaceState(null, '', first.url);
  host = document.createElement('div');
  document.body.append(host);
  spoken = [];
  // A voice that starts at once and finishes when the test says.
  restoreSpeech = fakeSpeech((u) => {
    spoken.push(u);
    queueMicrotask(() => u.onstart?.());
  });
});
afterEach(() => {
  render(null, host);
  host.remove();
  vi.useRealTimers();
  restoreSpeech();
});

const squash = (t: string | null | undefined) => (t ?? '').replace(/\s+/g, ' ').trim();
const chapterTitle = () => squash(host.querySelector('.story-head .chapter-title')?.textContent);
const playLabel = () => host.querySelector('.speech .play')?.getAttribute('aria-label');

/** Finishes utterance after utterance, as a voice reading on would, until `done` or a limit. */
async function listenUntil(done: () => boolean, limit = 2_000): Promise<void> {
  for (let i = 0; i < limit && !done(); i++) {
    const u = spoken.at(-1);
    await act(() => u?.onend?.());
  }
}

async function startReading(sleep?: string) {
  const mounted = await mountReader(host, first, new Map([[second.url, second]]));
  await click(host.querySelector('.speech-toggle'));
  if (sleep) {
    const select = host.querySelector<HTMLSelectElement>('.speech .sleep select')!;
    select.value = sleep;
    await act(() => void dispatchTrusted(select, new Event('change', { bubbles: true })));
  }
  await click(host.querySelector('.speech .play'));
  return mounted;
}

describe('read aloud', () => {
  it('goes on into the next chapter, reading it from its first paragraph', async () => {
    const { log } = await startReading();
    await listenUntil(() => log.some((l) => l.startsWith(`load ${second.url}`)));
    await until(() => chapterTitle() === 'Chapter 2: The College of Enchanters: New Haven', 'chapter 2');
    await until(() => playLabel() === 'Pause reading aloud', 'reading to go on');
    // Chapter 2 is read from its first paragraph.
    const speaking = squash(host.querySelector('.story .speaking')?.textContent);
    expect(speaking.slice(0, 60)).toBe(squash(second.view.content.text).slice(0, 60));
    expect(speaking).toContain(squash(spoken.at(-1)!.text));
  });

  it('with the sleep timer at the end of the chapter, stops there, and the timer is off again', async () => {
    const { log } = await startReading('chapter');
    expect(playLabel()).toBe('Pause reading aloud');
    await listenUntil(() => playLabel() === 'Read aloud from here');
    expect(playLabel()).toBe('Read aloud from here');
    // Read to the end of chapter 1.
    expect(squash(first.view.content.text).endsWith(squash(spoken.at(-1)!.text))).toBe(true);
    expect(log.filter((l) => l.startsWith('load'))).toEqual([]);
    expect(chapterTitle()).toBe('Chapter 1: The Guild');
    expect(host.querySelector<HTMLSelectElement>('.speech .sleep select')!.value).toBe('off');
  });

  it('with the sleep timer at 15 minutes, pauses when it runs out, and Play goes on from there', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout'] });
    await startReading('15');
    await until(() => playLabel() === 'Pause reading aloud', 'reading');
    await act(() => void vi.advanceTimersByTime(15 * 60_000 - 1_000));
    expect(playLabel()).toBe('Pause reading aloud');
    await act(() => void vi.advanceTimersByTime(1_000));
    await until(() => playLabel() === 'Resume reading aloud', 'the pause');
    expect(host.querySelector<HTMLSelectElement>('.speech .sleep select')!.value).toBe('off');
  });
});
