/**
 * The one validation point of every message: a well-formed message of each type is accepted, and
 * anything else (unknown types, missing, extra or mistyped fields at any depth) is rejected, both
 * by parseMessage and by the listeners handle() installs.
 */
import { beforeEach, describe, expect, it } from 'vitest';
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

/** A well-formed message of every type, with every optional field given. */
const SAMPLES: { [T in MessageType]: Message<T> } = {
  'page-report': {
    type: 'page-report',
    report,
    decision: { gate: false, reasons: [{ kind: 'rating', text: 'Explicit' }], allowedBy: 'story' },
  },
  'library-save': { type: 'library-save', tabId: 4, scope: 'story' },
  'library-save-url': { type: 'library-save-url', url: 'https://archiveofourown.org/works/1', title: 'Velvet and Ash' },
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
  },
  'runner-enqueue-url': { type: 'runner-enqueue-url', url: report.url, title: 'Velvet and Ash', followAdultGate: false },
  'runner-enqueue-updates': {
    type: 'runner-enqueue-updates',
    storyIds: null,
    settings: {
      ...DEFAULT_RATING_SETTINGS,
      warnings: ['noncon'],
      tags: ['vampire*'],
      exceptions: { stories: ['a'], authors: ['b'], sites: ['c'] },
    },
  },
  'runner-cancel': { type: 'runner-cancel', jobId: 'job-1' },
  'runner-resume': { type: 'runner-resume' },
};

/** Fields a message of the type may leave out. */
const OPTIONAL: Partial<Record<MessageType, string[]>> = {
  'page-report': ['decision.allowedBy'],
  'library-save': ['tabId'],
  'library-check': ['storyIds'],
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

describe('handle', () => {
  beforeEach(() => fakeBrowser.reset());

  it('gives a handler only the well-formed messages of its type, and answers with its reply', async () => {
    const seen: Message[] = [];
    handle({
      'library-jobs': (m) => (seen.push(m), Promise.resolve({ ok: true, jobIds: [], jobs: [job] })),
      'library-event': (m) => void seen.push(m),
    });
    const deliver = (raw: unknown) => fakeBrowser.runtime.onMessage.trigger(raw, {}, () => undefined);
    expect(await deliver({ type: 'library-jobs' })).toEqual([{ ok: true, jobIds: [], jobs: [job] }]);
    expect(await deliver({ type: 'library-jobs', extra: 1 })).toEqual([undefined]);
    expect(await deliver({ type: 'library-event', jobs: 'all', changed: [] })).toEqual([undefined]);
    // A well-formed message of a type this listener does not handle is left to others.
    expect(await deliver(SAMPLES['library-sync'])).toEqual([undefined]);
    expect(await deliver(SAMPLES['library-event'])).toEqual([undefined]);
    expect(seen).toEqual([{ type: 'library-jobs' }, SAMPLES['library-event']]);
  });

  it('stops listening when unsubscribed; send reaches the listeners', async () => {
    const seen: string[] = [];
    const stop = handle({ 'library-sync': (m) => (seen.push(m.type), Promise.resolve({ ok: true, jobIds: [] })) });
    await send({ type: 'library-sync' });
    stop();
    await expect(send({ type: 'library-sync' })).rejects.toThrow();
    expect(seen).toEqual(['library-sync']);
  });
});
