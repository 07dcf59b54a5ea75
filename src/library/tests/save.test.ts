/**
 * Saving stories: the policy that guards a saved copy (error and gate pages, shorter fetches),
 * held versions, sanitising before storing, and all-or-nothing writes when the disk is full.
 */
import { IDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryQuotaError, type LibraryDb } from '../db/db';
import { lookup, storyIds, ALL_FIELDS } from '../search/search-index';
import { loadStory } from '../db/reading';
import { searchLibrary } from '../search/query';
import { readWaiting, writeInNext } from '../search/waiting';
import { deleteStory, discardPending, judgeCopy, metaFromReport, promotePending, saveStory, type Fetched } from '../db/save';
import type { StoryCopy, VersionRecord } from '../types';
import { emptyInfo, type PageReport } from '../../core/model';
import { chapterHtml, dump, freshLibrary, makeStory, seeded, testWindow } from './library-fixtures';

const win = testWindow();
let db: LibraryDb;

beforeEach(async () => {
  db = await freshLibrary();
});
afterEach(() => db.close());

const rand = seeded(42);
/** A story of three ~300-word chapters. */
const story = (): StoryCopy => {
  const s = makeStory(seeded(1), 101, { chapters: [3, 3], words: [300, 300] });
  return { ...s, chapters: s.chapters.map((c) => ({ ...c })) };
};

/** Ids of the stories whose current copy holds `word`. */
async function storiesWith(word: string): Promise<string[]> {
  const tx = db.transaction(['searchKeys', 'indexedStories', 'waitingKeys']);
  const index = {
    keys: tx.objectStore('searchKeys').index('keys'),
    numbers: tx.objectStore('indexedStories'),
    waiting: await readWaiting(tx.objectStore('waitingKeys')),
  };
  const numbers = [...(await lookup(index, word, ALL_FIELDS)).keys()];
  return (await storyIds(tx.objectStore('indexedStories'), numbers)).map((id) => id!);
}

describe('judgeCopy', () => {
  const saved: VersionRecord = {
    storyId: 's',
    version: 1,
    state: 'current',
    createdAt: 0,
    url: 'https://archiveofourown.org/works/1',
    meta: makeStory(seeded(3), 1).meta,
    chapterWords: [1000, 1000],
    chapterHashes: ['a', 'b'],
    problems: [],
  };
  const fetched = (words: number[], over: Partial<Fetched> = {}): Fetched => ({
    kind: 'story',
    meta: saved.meta,
    chapters: words.map((w, i) => ({ kind: 'chapter', words: w, hash: `h${i}` })),
    ...over,
  });

  it('saves a first copy and a copy that grew', () => {
    expect(judgeCopy(null, fetched([10]))).toEqual({ action: 'save', problems: [] });
    expect(judgeCopy(saved, fetched([1000, 1200, 800]))).toEqual({ action: 'save', problems: [] });
  });

  it('calls a copy with the same chapters and metadata unchanged', () => {
    const same = {
      ...fetched([1000, 1000]),
      chapters: saved.chapterHashes.map((hash) => ({ kind: 'chapter' as const, words: 1000, hash })),
    };
    expect(judgeCopy(saved, same).action).toBe('unchanged');
    expect(judgeCopy(saved, { ...same, meta: { ...saved.meta, tags: [...saved.meta.tags, 'New Tag'] } }).action).toBe('save');
  });

  it('holds a copy with fewer chapters or a chapter under half its words', () => {
    expect(judgeCopy(saved, fetched([1000]))).toEqual({ action: 'hold', problems: [{ kind: 'fewer-chapters', before: 2, after: 1 }] });
    expect(judgeCopy(saved, fetched([1000, 499]))).toEqual({
      action: 'hold',
      problems: [{ kind: 'shorter-chapter', chapter: 1, before: 1000, after: 499 }],
    });
    expect(judgeCopy(saved, fetched([1000, 500])).action).toBe('save');
  });

  it('rejects error and gate pages, non-story chapters and empty copies, even as a first copy', () => {
    expect(judgeCopy(null, fetched([10], { kind: 'error' })).problems).toEqual([{ kind: 'error-page', chapter: null }]);
    expect(judgeCopy(saved, fetched([1000, 1000], { kind: 'gate' })).action).toBe('reject');
    const gated = fetched([1000, 1000]);
    expect(judgeCopy(saved, { ...gated, chapters: [gated.chapters[0]!, { kind: 'gate', words: 40, hash: 'x' }] }).problems).toEqual([
      { kind: 'gate-page', chapter: 1 },
    ]);
    expect(judgeCopy(saved, { ...gated, chapters: [{ kind: 'listing', words: 900, hash: 'x' }] }).problems).toEqual([
      { kind: 'not-a-story', chapter: 0 },
    ]);
    expect(judgeCopy(saved, fetched([])).problems).toEqual([{ kind: 'no-chapters' }]);
  });
});

describe('saveStory', () => {
  it('stores a first copy, sanitised again whatever the caller passed, and indexes it', async () => {
    const s = story();
    s.chapters[0]!.html =
      '<p onclick="x()">Hello <b>there</b></p><script>steal()</script><img src="https://x.example/a.png" onerror="alert(1)"><p>zyzzyva</p>';
    const result = await saveStory(db, s, win);
    expect(result).toEqual({ id: 'ao3:archiveofourown.org:101', outcome: 'saved', problems: [] });
    const saved = (await loadStory(db, result.id))!;
    expect(saved.chapters.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(saved.chapters[0]!.html).toBe('<p>Hello <b>there</b></p><img src="https://x.example/a.png"><p>zyzzyva</p>');
    expect(saved.chapters[0]!.words).toBe(3);
    expect(saved.story.chapterCount).toBe(3);
    expect(saved.story.savedAt).toBe(s.fetchedAt);
    expect(await storiesWith('zyzzyva')).toEqual([result.id]);
    expect(await storiesWith('steal')).toEqual([]);
  });

  it('re-saving the same copy changes nothing', async () => {
    const { id } = await saveStory(db, story(), win);
    const before = await dump(db);
    expect((await saveStory(db, { ...story(), fetchedAt: Date.now() }, win)).outcome).toBe('unchanged');
    expect(await dump(db)).toEqual(before);
    expect((await loadStory(db, id))!.story.version).toBe(1);
  });

  it('replaces the saved copy with one that checks out, old version and stale index entries gone', async () => {
    const { id } = await saveStory(db, story(), win);
    const next = story();
    next.chapters[2]!.html = '<p>quokka</p>' + next.chapters[2]!.html;
    next.chapters.push({ title: 'Four', url: 'https://archiveofourown.org/works/101/chapters/4', html: '<p>numbat</p>', kind: 'chapter' });
    next.fetchedAt = next.fetchedAt! + 5000;
    expect((await saveStory(db, next, win)).outcome).toBe('updated');
    const saved = (await loadStory(db, id))!;
    expect(saved.story).toMatchObject({
      version: 2,
      chapterCount: 4,
      updatedAt: next.fetchedAt,
      savedAt: story().fetchedAt,
      pending: null,
    });
    expect(saved.chapters.map((c) => c.version)).toEqual([2, 2, 2, 2]);
    const all = await dump(db);
    expect(all.versions!.map(([k]) => k)).toEqual([[id, 2]]);
    expect(all.chapters!).toHaveLength(4);
    expect(await storiesWith('numbat')).toEqual([id]);

    const shorter = story(); // without numbat: drops the last chapter, so it is held
    expect((await saveStory(db, shorter, win)).outcome).toBe('held');
    expect(await storiesWith('numbat')).toEqual([id]);
  });

  it.each([
    ['an error page', (s: StoryCopy) => ({ ...s, kind: 'error' as const, chapters: [{ ...s.chapters[0]!, html: '<p>Error 404</p>' }] })],
    ['a gate page', (s: StoryCopy) => ({ ...s, kind: 'gate' as const })],
    [
      'a gated chapter',
      (s: StoryCopy) => ({
        ...s,
        chapters: s.chapters.map((c, i) => (i === 1 ? { ...c, kind: 'gate' as const, html: '<p>Log in</p>' } : c)),
      }),
    ],
  ])('never replaces the saved copy with %s, and writes nothing', async (_name, spoil) => {
    await saveStory(db, story(), win);
    const before = await dump(db);
    const result = await saveStory(db, spoil(story()), win);
    expect(result.outcome).toBe('rejected');
    expect(await dump(db)).toEqual(before);
  });

  it('holds a suspiciously shorter copy beside the saved one until the reader keeps it', async () => {
    const { id } = await saveStory(db, story(), win);
    const cut = story();
    cut.chapters[1]!.html = '<p>Service unavailable, please wobbegong later.</p>';
    cut.fetchedAt = cut.fetchedAt! + 1000;
    const result = await saveStory(db, cut, win);
    expect(result.outcome).toBe('held');
    expect(result.problems).toMatchObject([{ kind: 'shorter-chapter', chapter: 1, after: 5 }]);

    const saved = (await loadStory(db, id))!;
    expect(saved.story.version).toBe(1);
    expect(saved.story.pending).toMatchObject({ version: 2, problems: result.problems });
    expect(saved.chapters[1]!.words).toBeGreaterThan(200);
    const held = (await loadStory(db, id, 'pending'))!;
    expect(held.chapters[1]!.html).toContain('wobbegong');
    expect(await storiesWith('wobbegong')).toEqual([]);

    expect(await promotePending(db, id)).toBe(true);
    const kept = (await loadStory(db, id))!;
    expect(kept.story).toMatchObject({ version: 2, pending: null, updatedAt: cut.fetchedAt });
    expect(kept.chapters[1]!.html).toContain('wobbegong');
    expect((await dump(db)).versions!.map(([k]) => k)).toEqual([[id, 2]]);
    expect(await storiesWith('wobbegong')).toEqual([id]);
    expect(await promotePending(db, id)).toBe(false);
  });

  it('drops a held copy on discard, on a later good fetch, and when the site serves the saved copy again', async () => {
    const { id } = await saveStory(db, story(), win);
    const fewer = () => ({ ...story(), chapters: story().chapters.slice(0, 2) });

    expect((await saveStory(db, fewer(), win)).problems).toEqual([{ kind: 'fewer-chapters', before: 3, after: 2 }]);
    expect(await discardPending(db, id)).toBe(true);
    expect((await loadStory(db, id))!.story.pending).toBeNull();
    expect(await loadStory(db, id, 'pending')).toBeNull();

    await saveStory(db, fewer(), win);
    expect((await saveStory(db, story(), win)).outcome).toBe('unchanged');
    expect((await loadStory(db, id))!.story.pending).toBeNull();

    await saveStory(db, fewer(), win);
    const grown = story();
    grown.chapters[0]!.html += chapterHtml(rand, 50);
    expect((await saveStory(db, grown, win)).outcome).toBe('updated');
    const all = await dump(db);
    expect(all.versions!).toHaveLength(1);
    expect(all.chapters!).toHaveLength(3);
  });

  it('deletes a story with all it left behind', async () => {
    const other = await saveStory(db, makeStory(seeded(9), 7), win);
    const before = await dump(db);
    const { id } = await saveStory(db, story(), win);
    await saveStory(db, { ...story(), chapters: story().chapters.slice(0, 1) }, win); // held
    expect(await deleteStory(db, id)).toBe(true);
    expect(await dump(db)).toEqual(before);
    expect(await deleteStory(db, id)).toBe(false);
    expect(await loadStory(db, other.id)).not.toBeNull();
  });

  it("numbers each story once for the index, never reusing a deleted story's number, so a connection's known ids stay true", async () => {
    const withWord = (n: number) => {
      const s = makeStory(seeded(n), n, { chapters: [1, 1], words: [50, 50] });
      return { ...s, chapters: [{ ...s.chapters[0]!, html: `${s.chapters[0]!.html}<p>axolotl</p>` }] };
    };
    const numbers = async () => (await dump(db)).indexedStories!.map(([n, v]) => [n, (v as { id: string }).id]);
    const [a, b] = [await saveStory(db, withWord(1), win), await saveStory(db, withWord(2), win)];
    const found = async () => (await searchLibrary(db, { text: 'axolotl ' })).stories.map((s) => s.id).sort();
    expect(await found()).toEqual([a.id, b.id].sort());
    expect(await numbers()).toEqual([
      [1, a.id],
      [2, b.id],
    ]);

    await deleteStory(db, b.id);
    const c = await saveStory(db, withWord(3), win);
    expect(
      (await saveStory(db, { ...withWord(1), fetchedAt: Date.now(), chapters: [...withWord(1).chapters, ...withWord(4).chapters] }, win))
        .outcome,
    ).toBe('updated');
    expect(await numbers()).toEqual([
      [1, a.id],
      [3, c.id],
    ]);
    expect(await found()).toEqual([a.id, c.id].sort());
    await deleteStory(db, a.id);
    expect(await found()).toEqual([c.id]);
  });
});

describe("a long story's search index", () => {
  /** A word of letters only, different for each i ("zzaab"). */
  const word = (i: number) => 'zz' + Array.from(i.toString(26).padStart(3, '0'), (d) => String.fromCharCode(97 + parseInt(d, 26))).join('');
  const withText = (words: string[]): StoryCopy => {
    const s = story();
    return { ...s, chapters: [{ ...s.chapters[0]!, html: `<p>${words.join(' ')}</p>` }] };
  };

  it('goes into several parts, and a new copy with fewer keys leaves none of the old ones behind', async () => {
    const many = Array.from({ length: 1400 }, (_, i) => word(i));
    const { id } = await saveStory(db, withText(many), win);
    expect(await db.count('searchKeys')).toBe(0);
    for (const w of [many[0]!, many[700]!, many[1399]!]) expect(await storiesWith(w)).toEqual([id]);
    expect(await writeInNext(db)).toBe(true);
    expect(await db.count('searchKeys')).toBeGreaterThan(2);
    for (const w of [many[0]!, many[700]!, many[1399]!]) expect(await storiesWith(w)).toEqual([id]);

    expect((await saveStory(db, withText(many.map(() => 'zzsame')), win)).outcome).toBe('updated');
    // Waiting, the new copy's keys stand in for the old copy's parts; written in, they replace them.
    expect(await storiesWith(many[1399]!)).toEqual([]);
    expect(await storiesWith('zzsame')).toEqual([id]);
    expect(await writeInNext(db)).toBe(true);
    expect(await writeInNext(db)).toBe(false);
    expect(await db.count('searchKeys')).toBe(1);
    expect(await storiesWith(many[1399]!)).toEqual([]);
    expect(await storiesWith('zzsame')).toEqual([id]);
  });
});

describe('a full disk', () => {
  const realPut = IDBObjectStore.prototype.put;
  afterEach(() => {
    IDBObjectStore.prototype.put = realPut;
  });

  /** Lets `ok` puts through, then fails every put: synchronously, or as the request's error event. */
  function failPutsAfter(ok: number, how: 'throw' | 'request'): void {
    let calls = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      if (++calls <= ok) return realPut.apply(this, args as never);
      const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      if (how === 'throw') throw quota;
      // fake-indexeddb runs a request's operation later: make this one's fail as a browser's would.
      const raw = (this as unknown as { _rawObjectStore: { storeRecord: () => never } })._rawObjectStore;
      const storeRecord = raw.storeRecord;
      raw.storeRecord = () => {
        throw quota;
      };
      try {
        return realPut.apply(this, args as never);
      } finally {
        raw.storeRecord = storeRecord;
      }
    } as typeof realPut;
  }

  it.each([
    ['thrown by put', 'throw'],
    ['reported by the request', 'request'],
  ] as const)('aborts the whole save, %s, and says why', async (_name, how) => {
    const { id } = await saveStory(db, story(), win);
    const before = await dump(db);
    const next = story();
    next.chapters.push({
      title: 'Four',
      url: 'https://archiveofourown.org/works/101/chapters/4',
      html: chapterHtml(rand, 300),
      kind: 'chapter',
    });
    for (const ok of [0, 3, 6]) {
      failPutsAfter(ok, how);
      const error = await saveStory(db, next, win).catch((e: unknown) => e);
      IDBObjectStore.prototype.put = realPut;
      expect(error).toBeInstanceOf(LibraryQuotaError);
      expect((error as Error).message).toMatch(/out of storage space, so nothing was saved/);
      expect(await dump(db)).toEqual(before);
    }
    expect((await saveStory(db, next, win)).outcome).toBe('updated');
    expect((await loadStory(db, id))!.chapters).toHaveLength(4);
  });
});

describe('metaFromReport', () => {
  const report = (over: Partial<PageReport>): PageReport => ({
    ...emptyInfo('chapter'),
    url: 'https://archiveofourown.org/works/1/chapters/2',
    site: 'ao3',
    estimate: null,
    content: null,
    ...over,
  });

  it('splits authors and reads the status off the chapter count', () => {
    const r = report({ title: 'T', author: 'A, B', chapter: { index: 2, count: 3, title: null } });
    expect(metaFromReport(r, 3)).toMatchObject({ title: 'T', authors: ['A', 'B'], status: 'complete', chapterTotal: 3 });
    expect(metaFromReport(r, 2).status).toBe('wip');
    // A finished work saved in part is still finished; one with chapters yet to come is not.
    expect(metaFromReport(r, 1, 3).status).toBe('complete');
    expect(metaFromReport(r, 1, 2).status).toBe('wip');
    expect(metaFromReport(report({ chapter: { index: 1, count: null, title: null } }), 1).status).toBe('wip');
    expect(metaFromReport(report({ chapter: null }), 1).status).toBe('unknown');
  });
});
