// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://archiveofourown.org/works/17793689"}
/**
 * The reader's panels from the keyboard: focus goes into a panel as it opens and back to its
 * button as Escape closes it; Escape closes the read-aloud panel alone; and read aloud says so
 * when the browser cannot speak.
 */
import { render } from 'preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReaderView } from '../../core/model';
import { click, dispatchTrusted, settle, until } from '../../../tests/lib/ui';
import { AO3_1, fakeSpeech, key, memoryServices, mountReader, viewOf } from './reader-harness';
import { Reader } from '../ui/Reader';
import { DEFAULT_READER_SETTINGS } from '../settings';

let host: HTMLElement;
let first: { url: string; view: ReaderView };

beforeAll(() => {
  first = viewOf(AO3_1);
  window.matchMedia = ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} })) as never;
  Element.prototype.scrollIntoView = () => undefined;
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

/** A speech engine that fails every utterance with `error`, as a browser without a voice may. */
const failingSpeech = (error: string) => fakeSpeech((u) => queueMicrotask(() => u.onerror?.({ error })));

describe('the story', () => {
  it('starts on the first screen: the summary and notes are folded away', async () => {
    await mountReader(host, first, new Map());
    const notes = Array.from(host.querySelectorAll('details.note'));
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.filter((n) => n.hasAttribute('open'))).toEqual([]);
  });
});

describe('turning', () => {
  it('names what it turns: pages on a forum’s reader pages, chapters elsewhere', async () => {
    const forum = viewOf('xenforo/pages/efictopub-spacebattles_thread_reader_1.html');
    await mountReader(host, forum, new Map());
    expect(host.querySelector('.next')!.getAttribute('aria-label')).toBe('Next page');
    expect(host.querySelector('.next-end')!.textContent!.trim()).toBe('Next page');
    render(null, host);
    await mountReader(host, first, new Map());
    expect(host.querySelector('.next')!.getAttribute('aria-label')).toBe('Next chapter');
  });
});

describe('closing', () => {
  it('answers Escape as soon as it is on screen, before the browser has painted it', async () => {
    let closed = 0;
    const { services } = memoryServices(new Map());
    // No act(): effects that wait for a paint have not run, as in a tab the browser has not painted.
    render(
      <Reader url={first.url} view={first.view} settings={DEFAULT_READER_SETTINGS} services={services} onClose={() => closed++} />,
      host,
    );
    expect(host.querySelector('.story')).not.toBeNull();
    dispatchTrusted(window, new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(closed).toBe(1);
  });
});

describe('reader panels from the keyboard', () => {
  it('focus goes into each panel as it opens, and back to its button when Escape closes it', async () => {
    const restore = failingSpeech('interrupted');
    try {
      const { closed } = await mountReader(host, first, new Map());
      for (const [toggle, inside] of [
        ['.settings-toggle', '.panel.settings'],
        ['.chapters-toggle', '.panel.chapters'],
        ['.speech-toggle', '.panel.speech'],
      ] as const) {
        await click(host.querySelector(toggle));
        await until(() => !!host.querySelector(inside)?.contains(document.activeElement), `focus in ${inside}`);
        await key('Escape');
        await until(() => document.activeElement === host.querySelector(toggle), `focus back on ${toggle}`);
        expect(host.querySelector(inside)).toBeNull();
      }
      // The chapter list opens on the chapter being read.
      await click(host.querySelector('.chapters-toggle'));
      await until(() => document.activeElement?.getAttribute('aria-current') === 'page', 'the current chapter focused');
      expect(closed()).toBe(0);
    } finally {
      restore();
    }
  });

  it('Escape closes the read-aloud panel alone, then the reader', async () => {
    const restore = failingSpeech('interrupted');
    try {
      const { closed } = await mountReader(host, first, new Map());
      await click(host.querySelector('.speech-toggle'));
      await key('Escape');
      expect(host.querySelector('.panel.speech')).toBeNull();
      expect(closed()).toBe(0);
      await key('Escape');
      await until(() => closed() === 1, 'the reader to close');
    } finally {
      restore();
    }
  });

  it('says why reading aloud stopped when the browser has no voice, and names Stop', async () => {
    const restore = failingSpeech('synthesis-unavailable');
    try {
      await mountReader(host, first, new Map());
      await click(host.querySelector('.speech-toggle'));
      expect(host.querySelector('.speech .stop')?.textContent).toBe('Stop');
      await click(host.querySelector('.speech .play'));
      await until(() => !!host.querySelector('.speech-problem'), 'the message');
      expect(host.querySelector('.speech-problem')!.textContent).toMatch(/no voice to read aloud with/);
      expect(host.querySelector('.speech-problem')!.getAttribute('role')).toBe('alert');
      expect(host.querySelector('.speech .play')?.getAttribute('aria-label')).toBe('Read aloud from here');
    } finally {
      restore();
    }
  });
});
