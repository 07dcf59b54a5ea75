/**
 * The background's answers to the pages' library requests, and the runner calls they make, through
 * the one message listener (handle) and a stand-in runner.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handle } from '../../core/ext/messaging';
import type { Message, RunnerCallType } from '../../core/messages';
import { libraryHandlers } from '../ext/background';
import { runnerHandlers, type RunnerHost } from '../ext/runner-host';
import { saveRatingSettings } from '../../warnings/ext/settings-storage';
import { DEFAULT_RATING_SETTINGS } from '../../warnings/policy';
import { saveSaveSettings } from '../ext/save-settings';
import { DEFAULT_SAVE_SETTINGS } from '../save-settings';

const DEFAULT_RUNS = DEFAULT_SAVE_SETTINGS.runs;

/** A runner that notes every call and answers with job ids, or fails with `error`. */
function standInRunner(error?: string) {
  const calls: Message<RunnerCallType>[] = [];
  const host: RunnerHost = {
    call: async (message) => {
      calls.push(message);
      if (error) throw new Error(error);
      const ids = {
        'runner-enqueue-page': 'job-page',
        'runner-enqueue-url': 'job-url',
        'runner-enqueue-updates': ['job-a', 'job-b'],
      } as Record<string, unknown>;
      return ids[message.type] as never;
    },
  };
  return { host, calls };
}

/** Senders as the browser describes them: the library page, and the reader's content script on a story page in tab 4. */
const LIBRARY_PAGE = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/library.html' };
const STORY_PAGE = 'https://archiveofourown.org/works/1/chapters/2';
const READER = { id: 'test-extension-id', url: STORY_PAGE, tab: { id: 4, url: STORY_PAGE }, frameId: 0 };

const deliver = async (raw: unknown, sender: object = LIBRARY_PAGE) =>
  (await fakeBrowser.runtime.onMessage.trigger(raw, sender, () => undefined))[0];

beforeEach(() => fakeBrowser.reset());

describe('library requests', () => {
  it('start, check and cancel jobs through the runner, with the reader’s settings', async () => {
    const { host, calls } = standInRunner();
    handle(libraryHandlers(host));
    expect(await deliver({ type: 'library-save-url', url: 'https://archiveofourown.org/works/1', title: 'T' })).toEqual({
      ok: true,
      jobIds: ['job-url'],
    });
    await saveRatingSettings({ ...DEFAULT_RATING_SETTINGS, limit: 'explicit' });
    expect(await deliver({ type: 'library-save-url', url: 'https://archiveofourown.org/works/2', title: 'U' })).toEqual({
      ok: true,
      jobIds: ['job-url'],
    });
    // The reader's threadmark categories go along with every save and check.
    await saveSaveSettings({ runs: ['story', 'informational'] });
    expect(await deliver({ type: 'library-check', storyIds: ['s1'] })).toEqual({ ok: true, jobIds: ['job-a', 'job-b'] });
    expect(await deliver({ type: 'library-cancel', jobId: 'j9' })).toEqual({ ok: true, jobIds: ['j9'] });
    expect(calls).toEqual([
      // An adult gate is followed by address only when the reader's limit lets every rating through.
      { type: 'runner-enqueue-url', url: 'https://archiveofourown.org/works/1', title: 'T', followAdultGate: false, runs: DEFAULT_RUNS },
      { type: 'runner-enqueue-url', url: 'https://archiveofourown.org/works/2', title: 'U', followAdultGate: true, runs: DEFAULT_RUNS },
      {
        type: 'runner-enqueue-updates',
        storyIds: ['s1'],
        settings: { ...DEFAULT_RATING_SETTINGS, limit: 'explicit' },
        runs: ['story', 'informational'],
      },
      { type: 'runner-cancel', jobId: 'j9' },
    ]);
  });

  it('answer a failure as a reply, and a save without a page as nothing to save', async () => {
    const { host } = standInRunner('The library is full.');
    handle(libraryHandlers(host));
    expect(await deliver({ type: 'library-cancel', jobId: 'j1' })).toEqual({ ok: false, error: 'The library is full.' });
    expect(await deliver({ type: 'library-save', scope: 'story' })).toEqual({ ok: false, error: 'No page to save.' });
  });

  it('leave forged requests unanswered and the runner untouched', async () => {
    const { host, calls } = standInRunner();
    handle(libraryHandlers(host));
    for (const forged of [
      { type: 'library-cancel' },
      { type: 'library-check', storyIds: 'all' },
      { type: 'library-save-url', url: 1, title: 'T' },
    ])
      expect(await deliver(forged)).toBeUndefined();
    expect(calls).toEqual([]);
  });
});

describe('requests that name a tab or an address', () => {
  /** The live DOM of any tab, as scripting.executeScript gives it; notes the tabs read. */
  function liveTabs() {
    const read: number[] = [];
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation(async (injection: { target: { tabId: number } }) => {
      read.push(injection.target.tabId);
      return [{ frameId: 0, documentId: 'd', result: { url: STORY_PAGE, html: '<html></html>' } }];
    });
    return read;
  }

  it('save the reader’s own tab, and what the library page names', async () => {
    const read = liveTabs();
    const { host, calls } = standInRunner();
    handle(libraryHandlers(host));
    expect(await deliver({ type: 'library-save', scope: 'chapter' }, READER)).toEqual({ ok: true, jobIds: ['job-page'] });
    expect(await deliver({ type: 'library-save', tabId: 4, scope: 'chapter' }, READER)).toEqual({ ok: true, jobIds: ['job-page'] });
    expect(await deliver({ type: 'library-save', tabId: 7, scope: 'story' })).toEqual({ ok: true, jobIds: ['job-page'] });
    const chapter3 = { type: 'library-save-url', url: 'https://archiveofourown.org/works/1/chapters/3', title: 'T' };
    expect(await deliver(chapter3, READER)).toEqual({ ok: true, jobIds: ['job-url'] });
    expect(read).toEqual([4, 4, 7]);
    expect(calls.map((c) => c.type)).toEqual(['runner-enqueue-page', 'runner-enqueue-page', 'runner-enqueue-page', 'runner-enqueue-url']);
  });

  it('change nothing for forged senders: another tab, a frame, a web page, another extension', async () => {
    const read = liveTabs();
    const { host, calls } = standInRunner();
    handle(libraryHandlers(host));
    const otherSite = { type: 'library-save-url', url: 'https://evil.example/works/1', title: 'T' };
    const refused = [
      [{ type: 'library-save', tabId: 7, scope: 'story' }, READER],
      [
        { type: 'library-save', scope: 'story' },
        { ...READER, frameId: 3 },
      ],
      [otherSite, READER],
      [{ type: 'library-save-url', url: 'not an address', title: 'T' }, READER],
      [
        { type: 'library-save', tabId: 4, scope: 'story' },
        { url: 'https://evil.example/', tab: { id: 4 }, frameId: 0 },
      ],
      [otherSite, { id: 'other-extension', url: 'chrome-extension://other-extension/page.html' }],
      [{ type: 'library-check' }, READER],
      [{ type: 'library-sync' }, READER],
    ] as const;
    for (const [message, sender] of refused) {
      const reply = (await deliver(message, sender)) as { ok: boolean } | undefined;
      expect(reply?.ok ?? false, JSON.stringify([message, sender])).toBe(false);
    }
    expect(read).toEqual([]);
    expect(calls).toEqual([]);
  });
});

describe('runner calls', () => {
  it('reach the runner in this context with their reply; anything else does not', async () => {
    const { host, calls } = standInRunner();
    handle(runnerHandlers(Promise.resolve(host)));
    expect(
      await deliver({ type: 'runner-enqueue-url', url: 'https://example.org/s/1', title: 'T', followAdultGate: false, runs: ['story'] }),
    ).toBe('job-url');
    expect(await deliver({ type: 'runner-resume' })).toBeUndefined();
    expect(await deliver({ type: 'runner-cancel', jobId: 7 })).toBeUndefined();
    expect(await deliver({ type: 'library-jobs' })).toBeUndefined();
    expect(calls.map((c) => c.type)).toEqual(['runner-enqueue-url', 'runner-resume']);
  });
});
