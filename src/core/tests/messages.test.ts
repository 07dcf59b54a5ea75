/**
 * The one validation point of every message: a well-formed message of each type is accepted, and
 * anything else (unknown types, missing, extra or mistyped fields at any depth) is rejected, both
 * by parseMessage and by the listeners handle() installs.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseMessage, type Message, type MessageType } from '../messages';
import { handle, send } from '../ext/messaging';
import { emptyInfo, type PageReport } from '../model';
import { DEFAULT_RATING_SETTINGS } from '../../warnings/policy';
import type { JobView } from '../../library/types';

const report: PageReport = {
  ...emptyInfo('chapter'),
  url: 'https://archiveofourown.org/works/1/chapters/2',
  site: 'ao3',
  title: 'Velvet and Ash',
  author: 'mourning_dove',
  fandoms: ['Buffy the Vampire Slayer'],
  summary: 'A summary.',
  rating: { level: 'explicit', label: 'Explicit', source: 'site' },
  warnings: ['No Archive Warnings Apply'],
  tags: ['Angst'],
  chapter: { index: 2, count: null, title: 'Two' },
  words: 8299,
  estimate: { level: 'explicit', reasons: ['explicit sexual language: 2 passages'] },
  content: { html: '<p>Text</p>', text: 'Text', words: 1 },
};

const job: JobView = {
  id: 'job-1',
  scope: 'story',
  url: 'https://archiveofourown.org/works/1',
  title: 'Velvet and Ash',
  storyId: 'ao3:archiveofourown.org:1',
  state: 'done',
  done: 3,
  total: 3,
  message: null,
  outcome: 'saved',
  createdAt: 1_750_000_000_000,
  updatedAt: 1_750_000_001_000,
};

const davSettings = {
  url: 'https://cloud.example/remote.php/dav/files/wren/Slipcase/',
  user: 'wren',
  password: 'app-token',
  passphrase: null,
  deviceName: 'Laptop, Firefox',
  shelf: true,
  keep: 'all' as const,
  kosync: { url: 'https://sync.koreader.example/', user: 'wren', password: 'pw' },
};

/** A well-formed message of every type, with every optional field given. */
const SAMPLES: { [T in MessageType]: Message<T> } = {
  'page-report': {
    type: 'page-report',
    report,
    decision: {
      gate: false,
      reasons: [{ kind: 'rating', text: 'Explicit', short: 'past your Mature limit', why: [] }],
      allowedBy: 'story',
    },
    folds: { works: 20, folded: 1, reasons: [{ label: 'Major Character Death', count: 1 }] },
  },
  'rating-allow': {
    type: 'rating-allow',
    page: { url: report.url, site: 'ao3', title: 'Velvet and Ash', author: 'mourning_dove' },
  },
  'gate-more': { type: 'gate-more' },
  'gate-judge': {
    type: 'gate-judge',
    report,
    text: 'The lanterns were lit at dusk.',
    settings: { ...DEFAULT_RATING_SETTINGS, tags: ['vampire*'] },
    keep: true,
  },
  'library-save': { type: 'library-save', tabId: 4, scope: 'story' },
  'library-save-url': { type: 'library-save-url', url: 'https://archiveofourown.org/works/1', title: 'Velvet and Ash' },
  'library-save-batch': { type: 'library-save-batch', tabId: 3, onlyNew: true },
  'library-cancel': { type: 'library-cancel', jobId: 'job-1' },
  'library-check': { type: 'library-check', storyIds: ['ao3:archiveofourown.org:1'] },
  'library-jobs': { type: 'library-jobs' },
  'library-sync': { type: 'library-sync' },
  'library-event': { type: 'library-event', jobs: [job], changed: ['ao3:archiveofourown.org:1'] },
  'runner-enqueue-page': {
    type: 'runner-enqueue-page',
    snapshot: { url: report.url, html: '<html></html>' },
    scope: 'chapter',
    followAdultGate: true,
    runs: ['story', 'apocrypha'],
  },
  'runner-enqueue-url': { type: 'runner-enqueue-url', url: report.url, title: 'Velvet and Ash', followAdultGate: false, runs: ['story'] },
  'runner-enqueue-batch': {
    type: 'runner-enqueue-batch',
    snapshot: { url: 'https://archiveofourown.org/series/2196', html: '<p>Hi</p>' },
    site: 'ao3',
    onlyNew: false,
    followAdultGate: false,
    runs: ['story'],
  },
  'runner-enqueue-updates': {
    type: 'runner-enqueue-updates',
    storyIds: null,
    runs: ['story', 'sidestory'],
    settings: {
      ...DEFAULT_RATING_SETTINGS,
      warnings: ['noncon'],
      tags: ['vampire*'],
      exceptions: { stories: ['a'], authors: ['b'], sites: ['c'] },
    },
  },
  'runner-cancel': { type: 'runner-cancel', jobId: 'job-1' },
  'runner-resume': { type: 'runner-resume' },
  'site-rules-get': { type: 'site-rules-get' },
  'site-rules-changed': { type: 'site-rules-changed' },
  'site-rule-picked': {
    type: 'site-rule-picked',
    rule: { host: 'www.quillcorner.net', path: '/', content: 'font.ficbody', title: '.ficname', next: 'a.fwd', rating: '.fic-rating' },
  },
  'memory-get': {
    type: 'memory-get',
    pages: [{ url: 'https://archiveofourown.org/works/1', site: 'ao3', title: 'Velvet and Ash', author: null }],
  },
  'runner-import': {
    type: 'runner-import',
    snapshot: { url: 'https://archiveofourown.org/users/dove/bookmarks', html: '<ol></ol>' },
    as: 'want',
  },
  'runner-import-status': { type: 'runner-import-status' },
  'runner-import-stop': { type: 'runner-import-stop' },
  'memory-import': { type: 'memory-import', tabId: 4, as: 'read' },
  'memory-import-status': { type: 'memory-import-status' },
  'memory-import-stop': { type: 'memory-import-stop' },
  'memory-import-event': {
    type: 'memory-import-event',
    view: {
      list: 'ao3-bookmarks',
      name: 'AO3 bookmarks',
      url: 'https://archiveofourown.org/users/dove/bookmarks',
      state: 'waiting',
      page: 2,
      pages: 5,
      found: 40,
      added: 31,
      message: 'archiveofourown.org is busy (429 Too Many Requests): trying again in 5 s.',
    },
  },
  'runner-dav-check': { type: 'runner-dav-check', settings: davSettings },
  'runner-dav-sync': { type: 'runner-dav-sync', settings: davSettings, confirmDeletion: false },
  'runner-dav-status': { type: 'runner-dav-status' },
  'runner-dav-forget': { type: 'runner-dav-forget' },
  'runner-dav-fetch': { type: 'runner-dav-fetch', settings: davSettings, id: 'ao3:archiveofourown.org:123' },
  'dav-connect': { type: 'dav-connect', settings: davSettings },
  'dav-sync': { type: 'dav-sync', confirmDeletion: true },
  'dav-status': { type: 'dav-status' },
  'dav-disconnect': { type: 'dav-disconnect' },
  'dav-keep': { type: 'dav-keep', keep: 'opened' },
  'dav-fetch-story': { type: 'dav-fetch-story', id: 'ao3:archiveofourown.org:123' },
  'dav-event': {
    type: 'dav-event',
    status: {
      lastSynced: 1_750_000_000_000,
      running: true,
      step: 'Uploading chapters',
      done: 3,
      total: 9,
      error: null,
      ask: { removing: 9, before: 10 },
      log: [{ at: 1_750_000_000_000, text: 'Sent 2 changed stories (9 chapter texts).' }],
    },
  },
};

/** Fields a message of the type may leave out. */
const OPTIONAL: Partial<Record<MessageType, string[]>> = {
  'page-report': ['decision.allowedBy', 'folds'],
  'library-save': ['tabId'],
  'library-check': ['storyIds'],
  'site-rule-picked': ['rule.path', 'rule.title', 'rule.next', 'rule.rating'],
};

type Path = (string | number)[];

/** Every path to a value inside `v` (objects' fields, arrays' items), outermost first. */
function paths(v: unknown, at: Path = []): Path[] {
  if (typeof v !== 'object' || v === null) return [];
  return Object.entries(v).flatMap(([k, x]) => {
    const p = [...at, Array.isArray(v) ? Number(k) : k];
    return [p, ...paths(x, p)];
  });
}

/** The value at `path` in `v`. */
const valueAt = (v: unknown, path: Path): unknown => path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], v);

/** A copy of `v` with the value at `path` replaced (or, with `remove`, taken out). */
function changed(v: unknown, path: Path, to: unknown, remove = false): unknown {
  const copy = structuredClone(v) as Record<string | number, unknown>;
  let parent = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete parent[last];
  else parent[last] = to;
  return copy;
}

/** A value of another type than `v`. */
function wrongType(v: unknown): unknown {
  if (typeof v === 'string') return 42;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return 'true';
  if (v === null) return true;
  return Array.isArray(v) ? { 0: v[0] } : ['not', 'an', 'object'];
}

const cases = Object.entries(SAMPLES) as [MessageType, Message][];

describe('parseMessage', () => {
  it.each(cases)('accepts a well-formed %s', (_type, message) => {
    expect(parseMessage(structuredClone(message))).toEqual(message);
  });

  it.each(cases)('rejects a %s with any field of the wrong type, at any depth', (type, message) => {
    for (const path of paths(message))
      expect(parseMessage(changed(message, path, wrongType(valueAt(message, path)))), `${type} ${path.join('.')}`).toBeNull();
  });

  it.each(cases)('rejects a %s without any of its required fields, and accepts one without an optional field', (type, message) => {
    for (const key of Object.keys(message)) {
      const optional = OPTIONAL[type]?.includes(key) ?? false;
      expect(parseMessage(changed(message, [key], undefined, true)) !== null, `${type} without ${key}`).toBe(optional);
    }
    for (const path of OPTIONAL[type] ?? [])
      expect(parseMessage(changed(message, path.split('.'), undefined, true)), `${type} without ${path}`).not.toBeNull();
  });

  it.each(cases)('rejects a %s with a field its type does not have', (type, message) => {
    expect(parseMessage({ ...message, forged: true }), type).toBeNull();
  });

  it('rejects what is no message of the map', () => {
    for (const raw of [
      undefined,
      null,
      0,
      'library-jobs',
      [],
      {},
      { type: 'library-nuke' },
      { type: 42 },
      { type: 'toString' },
      { type: '__proto__' },
      { type: 'runner-call', call: { op: 'resume' } },
    ])
      expect(parseMessage(raw), JSON.stringify(raw)).toBeNull();
  });

  it('rejects enum fields outside their values', () => {
    expect(parseMessage({ type: 'library-save', scope: 'update' })).toBeNull();
    expect(parseMessage({ type: 'library-save', scope: 'story', tabId: -1 })).toBeNull();
    expect(parseMessage(changed(SAMPLES['page-report'], ['report', 'rating', 'level'], 'adult'))).toBeNull();
    expect(parseMessage(changed(SAMPLES['library-event'], ['jobs', 0, 'state'], 'exploded'))).toBeNull();
    expect(parseMessage(changed(SAMPLES['runner-enqueue-updates'], ['settings', 'limit'], 'unknown'))).toBeNull();
  });
});

/** Senders as the browser describes them: an extension page, and a content script in a tab's top frame. */
const EXTENSION_PAGE = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/library.html' };
const CONTENT_SCRIPT = { id: 'test-extension-id', url: report.url, tab: { id: 4, url: report.url }, frameId: 0 };

describe('handle', () => {
  beforeEach(() => fakeBrowser.reset());

  it('gives a handler only the well-formed messages of its type, and answers with its reply', async () => {
    const seen: Message[] = [];
    handle({
      'library-jobs': (m) => (seen.push(m), Promise.resolve({ ok: true, jobIds: [], jobs: [job] })),
      'library-event': (m) => void seen.push(m),
    });
    const deliver = (raw: unknown) => fakeBrowser.runtime.onMessage.trigger(raw, EXTENSION_PAGE, () => undefined);
    expect(await deliver({ type: 'library-jobs' })).toEqual([{ ok: true, jobIds: [], jobs: [job] }]);
    expect(await deliver({ type: 'library-jobs', extra: 1 })).toEqual([undefined]);
    expect(await deliver({ type: 'library-event', jobs: 'all', changed: [] })).toEqual([undefined]);
    // A well-formed message of a type this listener does not handle is left to others.
    expect(await deliver(SAMPLES['library-sync'])).toEqual([undefined]);
    expect(await deliver(SAMPLES['library-event'])).toEqual([undefined]);
    expect(seen).toEqual([{ type: 'library-jobs' }, SAMPLES['library-event']]);
  });

  it('stops listening when unsubscribed; send reaches the listeners', async () => {
    // The fake browser names no sender: send as the extension's own page.
    const onMessage = fakeBrowser.runtime.onMessage;
    const sendMessage = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
      if (!onMessage.hasListeners()) throw new Error('No listeners available');
      return (await onMessage.trigger(message, EXTENSION_PAGE, () => undefined))[0];
    });
    const seen: string[] = [];
    const stop = handle({ 'library-sync': (m) => (seen.push(m.type), Promise.resolve({ ok: true, jobIds: [] })) });
    await send({ type: 'library-sync' });
    stop();
    await expect(send({ type: 'library-sync' })).rejects.toThrow();
    expect(seen).toEqual(['library-sync']);
    sendMessage.mockRestore();
  });
});

describe('senders', () => {
  beforeEach(() => fakeBrowser.reset());

  it('give a handler only the messages its type may come with from that sender', async () => {
    const seen: string[] = [];
    const note = (m: Message) => void seen.push(m.type);
    const noted = (m: Message) => (note(m), Promise.resolve({ ok: true as const, jobIds: [] }));
    handle({ 'page-report': note, 'library-sync': noted, 'runner-resume': note, 'library-jobs': noted });
    const deliver = (raw: Message, sender: object) => fakeBrowser.runtime.onMessage.trigger(raw, sender, () => undefined);
    const otherExtension = { ...EXTENSION_PAGE, id: 'other-extension', url: 'chrome-extension://other-extension/page.html' };
    const webPage = { url: 'https://evil.example/', tab: { id: 9 }, frameId: 0 };
    for (const sender of [{}, otherExtension, webPage, { ...CONTENT_SCRIPT, id: 'other-extension' }])
      for (const message of [SAMPLES['page-report'], SAMPLES['library-sync'], SAMPLES['runner-resume'], SAMPLES['library-jobs']])
        await deliver(message, sender);
    expect(seen).toEqual([]);
    // A content script reports its page and follows jobs; it neither syncs nor calls the runner.
    for (const message of [SAMPLES['page-report'], SAMPLES['library-sync'], SAMPLES['runner-resume'], SAMPLES['library-jobs']])
      await deliver(message, CONTENT_SCRIPT);
    expect(seen).toEqual(['page-report', 'library-jobs']);
    seen.length = 0;
    // An extension page does not pose as a page's content script.
    for (const message of [SAMPLES['page-report'], SAMPLES['library-sync'], SAMPLES['runner-resume']])
      await deliver(message, EXTENSION_PAGE);
    expect(seen).toEqual(['library-sync', 'runner-resume']);
  });
});
