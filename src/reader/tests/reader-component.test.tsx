// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://archiveofourown.org/works/17793689"}
/**
 * The reader component on real corpus pages, in jsdom: what it shows, and what its keys and
 * controls do, with storage and fetching replaced by in-memory services.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaveService } from '../ui/SavePanel';
import { anchorAtFraction, fractionOf } from '../ui/blocks';
import type { JobView, LibraryRequest } from '../../library/messages';
import { AO3_1, AO3_2, fakeSpeech, key, mountReader, viewOf, type FakeUtterance } from './reader-harness';
import { POLL_MS, librarySave } from '../../library/ext/reader-save';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ReaderView } from '../../core/model';
import { DEFAULT_READER_SETTINGS, type ReaderSettings } from '../settings';
import { click, dispatchTrusted, settle, until } from '../../../tests/lib/ui';

let host: HTMLElement;
let first: { url: string; view: ReaderView };
let second: { url: string; view: ReaderView };

beforeAll(() => {
  first = viewOf(AO3_1);
  second = viewOf(AO3_2);
  // jsdom has no media queries.
  window.matchMedia = ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} })) as never;
});

beforeEach(() => {
  history.replaceState(null, '', first.url);
  host = document.createElement('div');
  document.body.append(host);
});

afterEach(() => {
  render(null, host);
  host.remove();
});

const mount = (view: ReaderView | null, settings: ReaderSettings = DEFAULT_READER_SETTINGS, save?: SaveService) =>
  mountReader(host, { url: first.url, view }, new Map([[second.url, second]]), settings, save);

const text = (sel: string) => host.querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim();

describe('Reader', () => {
  it('shows the header, notes and story of the page, as a labelled modal dialog with focus in it', async () => {
    await mount(first.view);
    const dialog = host.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('Nobody Expects the Dragon Age Inquisition');
    expect(document.activeElement).toBe(dialog);
    expect(text('.story-head .author')).toBe('by enigmalea');
    expect(text('.story-head .chapter-title')).toBe('Chapter 1: The Guild');
    expect(text('.story-head .facts')).toBe('3,134 words · 14 min read');
    expect(text('.story-head .rating-text')).toBe('Mature');
    expect(text('.story')).toMatch(/^Fenina Lavellan sighed heavily as she finally managed/);
    expect(host.querySelectorAll('details.note').length).toBe(first.view.notes.length);
    // Every button can be named by a screen reader.
    for (const b of Array.from(host.querySelectorAll('button'))) expect(b.getAttribute('aria-label') ?? b.textContent?.trim()).toBeTruthy();
  });

  it('"n" loads the next chapter in place and puts its address in the history; "p" is off on the first chapter', async () => {
    const { log } = await mount(first.view);
    expect(host.querySelector<HTMLButtonElement>('.bar .prev')!.disabled).toBe(true);
    await key('p');
    await settle();
    expect(log.filter((l) => l.startsWith('load'))).toEqual([]);
    await key('n');
    await until(() => text('.story-head .chapter-title') === 'Chapter 2: The College of Enchanters: New Haven', 'chapter 2');
    expect(log).toContain(`load ${first.view.nav.next}`);
    expect(text('.story-head .chapter-title')).toBe('Chapter 2: The College of Enchanters: New Haven');
    expect(location.href).toBe(second.url);
    // The place in the chapter left behind was saved first.
    expect(log.indexOf(`position ${first.url} 0`)).toBeLessThan(log.indexOf(`load ${first.view.nav.next}`));
  });

  it('going back in the history shows the first chapter again without fetching it', async () => {
    const { log } = await mount(first.view);
    await click(host.querySelector('.bar .next'));
    await until(() => text('.story-head .chapter-title') === 'Chapter 2: The College of Enchanters: New Haven', 'chapter 2');
    history.back();
    await until(() => text('.story-head .chapter-title') === 'Chapter 1: The Guild', 'chapter 1 from the history');
    expect(location.href).toBe(first.url);
    expect(text('.story-head .chapter-title')).toBe('Chapter 1: The Guild');
    expect(log.filter((l) => l.startsWith('load'))).toHaveLength(1);
  });

  it('a chapter that cannot be loaded says so, with a link to open it normally', async () => {
    await mountReader(host, first, new Map());
    await key('n');
    await until(() => host.querySelector('[role="alert"]') !== null, 'the error');
    expect(host.querySelector('[role="alert"]')?.textContent).toMatch(/could not be loaded/);
    expect(host.querySelector<HTMLAnchorElement>('[role="alert"] a')!.href).toBe(first.view.nav.next);
    expect(location.href).toBe(first.url);
  });

  it('Escape closes an open panel first, then the reader, after saving the place', async () => {
    const { log, closed } = await mount(first.view);
    await click(host.querySelector('.settings-toggle'));
    expect(host.querySelector('.panel.settings')).not.toBeNull();
    await key('Escape');
    expect(host.querySelector('.panel.settings')).toBeNull();
    expect(closed()).toBe(0);
    await key('Escape');
    await until(() => closed() > 0, 'the reader to close');
    expect(closed()).toBe(1);
    expect(log).toContain(`position ${first.url} 0`);
  });

  it('letters typed into a control are not chapter keys', async () => {
    const { log } = await mount(first.view);
    await click(host.querySelector('.settings-toggle'));
    const range = host.querySelector<HTMLInputElement>('#sc-leading')!;
    range.focus();
    await act(() => void dispatchTrusted(range, new KeyboardEvent('keydown', { key: 'n', bubbles: true, composed: true })));
    await settle();
    expect(log.filter((l) => l.startsWith('load'))).toEqual([]);
    expect(text('.story-head .chapter-title')).toBe('Chapter 1: The Guild');
  });

  it('settings apply at once and are saved once the controls settle', async () => {
    const { saved } = await mount(first.view);
    await click(host.querySelector('.settings-toggle'));
    await click(host.querySelector('[data-theme-choice="sepia"]'));
    await click(host.querySelector('.size-up'));
    await click(host.querySelector('[data-font-choice="dyslexic"]'));
    const root = host.querySelector<HTMLElement>('.root')!;
    expect(root.dataset.theme).toBe('sepia');
    expect(root.dataset.font).toBe('dyslexic');
    expect(root.style.getPropertyValue('--size')).toBe('20px');
    expect(saved).toEqual([]);
    await until(() => saved.length > 0, 'the settings to be saved');
    expect(saved).toEqual([{ ...DEFAULT_READER_SETTINGS, theme: 'sepia', size: 20, font: 'dyslexic' }]);
  });

  it('Auto follows the system: light here, as the stubbed media query says', async () => {
    await mount(first.view, { ...DEFAULT_READER_SETTINGS, theme: 'system' });
    expect(host.querySelector<HTMLElement>('.root')!.dataset.theme).toBe('light');
  });

  it('the chapter list marks the current chapter and opens another', async () => {
    const { log } = await mount(first.view);
    await click(host.querySelector('.chapters-toggle'));
    const items = Array.from(host.querySelectorAll<HTMLButtonElement>('.chapters li button'));
    expect(items.map((b) => b.textContent)).toEqual(first.view.nav.chapters.map((c) => c.title));
    expect(items.filter((b) => b.getAttribute('aria-current') === 'page').map((b) => b.textContent)).toEqual(['1. The Guild']);
    await click(items[1]);
    await until(() => text('.story-head .chapter-title') === 'Chapter 2: The College of Enchanters: New Haven', 'chapter 2');
    expect(log).toContain(`load ${first.view.nav.chapters[1]!.url}`);
    expect(text('.story-head .chapter-title')).toBe('Chapter 2: The College of Enchanters: New Haven');
    expect(host.querySelector('.chapters')).toBeNull();
  });

  it('reads aloud from the first block on screen, highlighting the block being read', async () => {
    const spoken: FakeUtterance[] = [];
    const restore = fakeSpeech((u) => spoken.push(u));
    Element.prototype.scrollIntoView = () => undefined;
    try {
      await mount(first.view);
      await click(host.querySelector('.speech-toggle'));
      await click(host.querySelector('.speech .play'));
      const squash = (t: string | null | undefined) => (t ?? '').replace(/\s+/g, ' ').trim();
      const highlighted = () => Array.from(host.querySelectorAll('.story .speaking')).map((e) => squash(e.textContent));
      expect(spoken).toHaveLength(1);
      const [firstBlock] = highlighted();
      expect(highlighted()).toHaveLength(1);
      expect(firstBlock).toMatch(/^Fenina Lavellan sighed heavily/);
      expect(firstBlock).toContain(spoken[0]!.text);
      // Long blocks are read a few sentences at a time; the highlight moves on with the next block.
      while (highlighted()[0] === firstBlock && spoken.length < 50) await act(() => spoken.at(-1)!.onend!());
      expect(highlighted()).toHaveLength(1);
      expect(highlighted()[0]).not.toBe(firstBlock);
      expect(highlighted()[0]).toContain(spoken.at(-1)!.text);
      expect(squash(first.view.content.text)).toContain(`${firstBlock} ${highlighted()[0]}`);
      expect(host.querySelector('.speech .play')?.getAttribute('aria-label')).toBe('Pause reading aloud');
      await click(host.querySelector('.speech .stop'));
      expect(highlighted()).toEqual([]);
    } finally {
      restore();
    }
  });

  it('offers no Save without a save service', async () => {
    await mount(first.view);
    expect(host.querySelector('.save-toggle')).toBeNull();
  });

  it('Save starts a job for the chapter shown, shows its progress as a bar, then how it ended', async () => {
    const started: [string, string, string | null][] = [];
    let report: ((job: JobView) => void) | null = null;
    let following = false;
    const save: SaveService = {
      async start(scope, target) {
        started.push([scope, target.url, target.title]);
        return 'job-1';
      },
      follow(id, onJob) {
        following = id === 'job-1';
        report = onJob;
        return () => (following = false);
      },
      cancel: async () => undefined,
    };
    const job = (over: Partial<JobView>): JobView => ({
      id: 'job-1',
      scope: 'story',
      url: first.url,
      title: 'Nobody Expects',
      storyId: null,
      state: 'running',
      done: 0,
      total: null,
      message: null,
      outcome: null,
      createdAt: 1,
      updatedAt: 1,
      ...over,
    });
    await mount(first.view, DEFAULT_READER_SETTINGS, save);
    await click(host.querySelector('.save-toggle'));
    expect(Array.from(host.querySelectorAll('.panel.save button')).map((b) => b.textContent)).toEqual(['Save chapter', 'Save whole story']);
    await click(host.querySelector('.save-story'));
    await until(() => following, 'the job to be followed');
    expect(started).toEqual([['story', first.url, 'Nobody Expects the Dragon Age Inquisition']]);
    expect(following).toBe(true);
    expect(host.querySelector<HTMLButtonElement>('.save-chapter')!.disabled).toBe(true);

    await act(() => report!(job({ done: 2, total: 5 })));
    const bar = host.querySelector<HTMLProgressElement>('.panel.save progress')!;
    expect([bar.value, bar.max]).toEqual([2, 5]);
    expect(text('.save-status')).toBe('Saving: 2 of 5 chapters…');
    // With the panel closed, the bar stays on the toolbar.
    await click(host.querySelector('.save-toggle'));
    expect(host.querySelector('.bar > progress')).not.toBeNull();
    await click(host.querySelector('.save-toggle'));

    await act(() => report!(job({ state: 'done', done: 5, total: 5, outcome: 'saved', updatedAt: 2 })));
    expect(text('.save-status')).toBe('Saved to your library.');
    expect(host.querySelector('progress')).toBeNull();
    expect(following).toBe(false);
    expect(host.querySelector<HTMLButtonElement>('.save-chapter')!.disabled).toBe(false);
  });

  it('a save that cannot start says why', async () => {
    const save: SaveService = {
      start: async () => {
        throw new Error('Slipcase did not answer.');
      },
      follow: () => () => undefined,
      cancel: async () => undefined,
    };
    await mount(first.view, DEFAULT_READER_SETTINGS, save);
    await click(host.querySelector('.save-toggle'));
    await click(host.querySelector('.save-chapter'));
    await until(() => host.querySelector('.panel.save [role="alert"]') !== null, 'the refusal');
    expect(host.querySelector('.panel.save [role="alert"]')?.textContent).toBe('Slipcase did not answer.');
  });

  it('does nothing for clicks and keys a page’s script makes', async () => {
    let started = 0;
    const save: SaveService = { start: async () => `job-${++started}`, follow: () => () => undefined, cancel: async () => undefined };
    const { log, closed, saved } = await mount(first.view, DEFAULT_READER_SETTINGS, save);
    const forge = (el: EventTarget | null, event: Event) => act(() => void el?.dispatchEvent(event));
    for (const k of ['n', 'Escape']) await forge(window, new KeyboardEvent('keydown', { key: k, bubbles: true }));
    for (const sel of ['.bar .next', '.close', '.settings-toggle', '.save-toggle']) {
      await act(() => host.querySelector<HTMLElement>(sel)!.click());
      await forge(host.querySelector(sel), new MouseEvent('click', { bubbles: true, composed: true }));
    }
    // With the panels opened by the reader, their buttons do nothing for the page either.
    await click(host.querySelector('.save-toggle'));
    await act(() => host.querySelector<HTMLElement>('.save-story')!.click());
    await click(host.querySelector('.settings-toggle'));
    await act(() => host.querySelector<HTMLElement>('[data-theme-choice="sepia"]')!.click());
    await settle();
    expect(log.filter((l) => l.startsWith('load'))).toEqual([]);
    expect(closed()).toBe(0);
    expect(started).toBe(0);
    expect(saved).toEqual([]);
    expect(text('.story-head .chapter-title')).toBe('Chapter 1: The Guild');
  });

  it('a page without story text says so in a dialog that can be closed', async () => {
    const { closed } = await mount(null);
    const dialog = host.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-label')).toBe('Slipcase reader');
    expect(text('.status')).toBe('Slipcase found no story text on this page.');
    await click(host.querySelector('.close'));
    await until(() => closed() > 0, 'the reader to close');
    expect(closed()).toBe(1);
  });
});

describe('reading places', () => {
  it('a place kept as a fraction of the blocks comes back as the same anchor', () => {
    for (const count of [1, 3, 7, 8, 113, 4096])
      for (let block = 0; block < count; block += Math.max(1, Math.floor(count / 9)))
        for (const offset of [0, 0.001, 0.25, 0.5, 0.56, 0.999]) {
          const anchor = { block, offset };
          expect(anchorAtFraction(fractionOf(anchor, count), count)).toEqual(anchor);
        }
    expect(anchorAtFraction(1, 8)).toEqual({ block: 7, offset: 1 });
    expect(fractionOf({ block: 5, offset: 0 }, 0)).toBe(0);
  });
});

describe('saving from reader mode', () => {
  /** The background, answering every library request with `reply` and noting it. */
  function background(reply: (r: LibraryRequest) => unknown) {
    fakeBrowser.reset();
    const asked: LibraryRequest[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender: unknown, respond: (r: unknown) => void) => {
      asked.push(message as LibraryRequest);
      respond(reply(message as LibraryRequest));
      return true;
    });
    return asked;
  }
  const PAGE = 'https://archiveofourown.org/works/17793689/chapters/41937947';

  it('asks the background to save the tab for the chapter the page holds, and fetch by address for another', async () => {
    const asked = background(() => ({ ok: true, jobIds: ['j'] }));
    const save = librarySave(PAGE);
    expect(await save.start('chapter', { url: `${PAGE}#workskin`, title: 'T' })).toBe('j');
    expect(await save.start('story', { url: PAGE, title: 'T' })).toBe('j');
    const other = 'https://archiveofourown.org/works/17793689/chapters/42035519';
    expect(await save.start('story', { url: other, title: 'T' })).toBe('j');
    expect(asked).toEqual([
      { type: 'library-save', scope: 'chapter' },
      { type: 'library-save', scope: 'story' },
      { type: 'library-save-url', url: other, title: 'T' },
    ]);
    await expect(save.start('chapter', { url: other, title: 'T' })).rejects.toThrow(/Only the chapter the reader was opened on/);
  });

  it('follows its job by asking for the jobs until it is stopped', async () => {
    let done = 0;
    let asked = 0;
    const view = (d: number, updatedAt: number): JobView => ({
      id: 'j',
      scope: 'story',
      url: PAGE,
      title: 'T',
      storyId: null,
      state: 'running',
      done: d,
      total: 3,
      message: null,
      outcome: null,
      createdAt: 0,
      updatedAt,
    });
    background((r) => {
      if (r.type !== 'library-jobs') return { ok: false, error: 'no' };
      asked++;
      return { ok: true, jobIds: [], jobs: [view(++done, done), { ...view(0, 99), id: 'other' }] };
    });
    // Only the poll's interval is faked: replies still arrive in their own time.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const seen: number[] = [];
      const stop = librarySave(PAGE).follow('j', (job) => seen.push(job.done));
      await until(() => seen.length === 1, 'the first report of the job');
      vi.advanceTimersByTime(POLL_MS);
      await until(() => seen.length === 2, 'the report of the next poll');
      stop();
      vi.advanceTimersByTime(POLL_MS * 3);
      await settle();
      expect(seen).toEqual([1, 2]);
      expect(asked).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
