/**
 * The background's answer to a listing's memory question (memory-get), through the one message
 * listener: bounded in length, and only about the sender's own archive.
 */
import 'fake-indexeddb/auto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handle } from '../../core/ext/messaging';
import { memoryHandlers } from '../ext/memory-host';
import { libraryDb } from '../ext/library-db';
import { rememberOpened } from '../db/memory';
import { storyKey } from '../../warnings/policy';

const work = (n: number) => ({ url: `https://archiveofourown.org/works/${n}`, site: 'ao3', title: `Work ${n}`, author: null });
/** Every work the listing names is one the reader has opened. */
const WORKS = Array.from({ length: 260 }, (_, i) => work(i + 1));

const sentFrom = (page: string): object => ({ id: 'test-extension-id', url: page, tab: { id: 3, url: page }, frameId: 0 });
/** The background's answer to a listing on `from` that names `pages`. */
async function ask(pages: unknown[], from = 'https://archiveofourown.org/tags/Ash/works'): Promise<{ memory: { id: string }[] } | null> {
  const [answer] = await fakeBrowser.runtime.onMessage.trigger({ type: 'memory-get', pages }, sentFrom(from), () => undefined);
  return (await answer) as { memory: { id: string }[] } | null;
}

beforeAll(async () => {
  const db = await libraryDb();
  for (const w of WORKS)
    await rememberOpened(db, { id: storyKey(w), site: 'ao3', url: w.url, title: w.title, author: null, chapter: 1, chapters: 1, at: 1 });
});

beforeEach(() => {
  fakeBrowser.reset();
  handle(memoryHandlers);
});

describe('memory-get', () => {
  it('answers about the first 200 entries a listing names, however many it sends', async () => {
    const answer = await ask(WORKS);
    expect(answer?.memory.map((m) => m.id).sort()).toEqual(
      WORKS.slice(0, 200)
        .map((w) => storyKey(w))
        .sort(),
    );
  });

  it('tells a page nothing of another archive’s stories', async () => {
    expect((await ask(WORKS.slice(0, 5), 'https://www.fanfiction.net/book/Ash/'))?.memory).toEqual([]);
  });
});
