/**
 * The reader component as its tests mount it: views of real corpus pages, in-memory services
 * that record what the reader asked for, and keys pressed as a person would.
 */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { Reader } from '../ui/Reader';
import type { ReaderServices } from '../ui/reader-services';
import type { SaveService } from '../ui/SavePanel';
import type { ReaderView } from '../../core/model';
import { DEFAULT_READER_SETTINGS, type ReaderSettings } from '../settings';
import { readerView } from '../view';
import { corpusPages } from '../../../tests/lib/corpus';
import { dispatchTrusted, settle } from '../../../tests/lib/ui';

export const AO3_1 = 'ao3/pages/ao3js-works-17793689.html';
export const AO3_2 = 'ao3/pages/ao3js-works-17793689-chapters-42035519.html';

export function viewOf(name: string): { url: string; view: ReaderView } {
  const page = corpusPages().find((p) => p.name === name)!;
  const doc = new JSDOM(readFileSync(page.htmlPath, 'utf8'), { url: page.expected.url }).window.document;
  return { url: page.expected.url, view: readerView(doc, page.expected.url)! };
}

/** In-memory services that record what the reader asked for. */
export function memoryServices(chapters: Map<string, { url: string; view: ReaderView }>) {
  const log: string[] = [];
  const saved: ReaderSettings[] = [];
  const services: ReaderServices = {
    async loadChapter(url) {
      log.push(`load ${url}`);
      const hit = chapters.get(url.split('#')[0]!);
      if (!hit) throw new Error('404');
      return hit;
    },
    canLoadInPlace: (url) => new URL(url).origin === location.origin,
    loadPosition: async () => null,
    async savePosition(url, anchor) {
      log.push(`position ${url} ${anchor.block}`);
    },
    async saveSettings(s) {
      saved.push(s);
    },
    watchSettings: () => () => undefined,
    loadFont: async () => undefined,
  };
  return { services, log, saved };
}

/** A key a person presses (trusted, as the reader requires). */
export const key = (k: string) => act(() => void dispatchTrusted(window, new KeyboardEvent('keydown', { key: k, bubbles: true })));

/** Renders the reader on `view` into `host`, with another chapter (`chapters`) to turn to. */
export async function mountReader(
  host: HTMLElement,
  first: { url: string; view: ReaderView | null },
  chapters: Map<string, { url: string; view: ReaderView }>,
  settings: ReaderSettings = DEFAULT_READER_SETTINGS,
  save?: SaveService,
) {
  const mem = memoryServices(chapters);
  let closed = 0;
  const services = save ? { ...mem.services, save } : mem.services;
  await act(() =>
    render(<Reader url={first.url} view={first.view} settings={settings} services={services} onClose={() => closed++} />, host),
  );
  await settle();
  return { ...mem, closed: () => closed };
}

/** The parts of an utterance the tests drive. */
export interface FakeUtterance {
  text: string;
  onstart: (() => void) | null;
  onend: (() => void) | null;
  onerror: ((e: { error: string }) => void) | null;
}

/**
 * A browser speech engine whose `speak` the test supplies (record, start, fail…), installed as
 * the globals the reader uses; returns the function that takes it away again.
 */
export function fakeSpeech(speak: (u: FakeUtterance) => void): () => void {
  const g = globalThis as Record<string, unknown>;
  g.speechSynthesis = {
    speak,
    cancel() {},
    pause() {},
    resume() {},
    getVoices: () => [],
    addEventListener() {},
    removeEventListener() {},
  };
  g.SpeechSynthesisUtterance = class {
    rate = 1;
    voice = null;
    onstart = null;
    onend = null;
    onerror = null;
    constructor(public text: string) {}
  };
  return () => {
    delete g.speechSynthesis;
    delete g.SpeechSynthesisUtterance;
  };
}
