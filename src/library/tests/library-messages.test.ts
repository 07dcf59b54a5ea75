/**
 * The background's answers to the pages' library requests, and the runner calls they make, through
 * the one message listener (handle) and a stand-in runner.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handle } from '../../core/ext/messaging';
import type { Message, RunnerCallType } from '../../core/messages';
import { libraryHandlers } from '../ext/background';
import { runnerHandlers, type RunnerHost } from '../ext/runner-host';
import { saveRatingSettings } from '../../warnings/ext/settings-storage';
import { DEFAULT_RATING_SETTINGS } from '../../warnings/policy';

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

const deliver = async (raw: unknown, sender: object = {}) => (await fakeBrowser.runtime.onMessage.trigger(raw, sender, () => undefined))[0];

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
    expect(await deliver({ type: 'library-check', storyIds: ['s1'] })).toEqual({ ok: true, jobIds: ['job-a', 'job-b'] });
    expect(await deliver({ type: 'library-cancel', jobId: 'j9' })).toEqual({ ok: true, jobIds: ['j9'] });
    expect(calls).toEqual([
      // An adult gate is followed by address only when the reader's limit lets every rating through.
      { type: 'runner-enqueue-url', url: 'https://archiveofourown.org/works/1', title: 'T', followAdultGate: false },
      { type: 'runner-enqueue-url', url: 'https://archiveofourown.org/works/2', title: 'U', followAdultGate: true },
      { type: 'runner-enqueue-updates', storyIds: ['s1'], settings: { ...DEFAULT_RATING_SETTINGS, limit: 'explicit' } },
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

describe('runner calls', () => {
  it('reach the runner in this context with their reply; anything else does not', async () => {
    const { host, calls } = standInRunner();
    handle(runnerHandlers(Promise.resolve(host)));
    expect(await deliver({ type: 'runner-enqueue-url', url: 'https://example.org/s/1', title: 'T', followAdultGate: false })).toBe(
      'job-url',
    );
    expect(await deliver({ type: 'runner-resume' })).toBeUndefined();
    expect(await deliver({ type: 'runner-cancel', jobId: 7 })).toBeUndefined();
    expect(await deliver({ type: 'library-jobs' })).toBeUndefined();
    expect(calls.map((c) => c.type)).toEqual(['runner-enqueue-url', 'runner-resume']);
  });
});
