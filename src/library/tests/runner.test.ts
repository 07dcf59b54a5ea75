// @vitest-environment jsdom
/**
 * The save-job runner against a fake web serving the fixture pages: whole stories saved from one
 * live page with only the other chapters fetched, politeness (spacing, 429/503, Retry-After), a
 * run killed half-way and resumed without fetching anything twice, cancel, adult gates, error
 * pages, a full disk, and chapters saved one at a time merging by number.
 */
import { IDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LibraryDb } from '../db/db';
import { jobPages } from '../jobs/jobs';
import { POLITE } from '../jobs/polite-clock';
import { loadStory } from '../db/reading';
import { Runner } from '../jobs/runner';
import { MAX_ELEMENTS, MAX_READ_MS } from '../../reader/extract';
import type { JobView } from '../messages';
import { dump, freshLibrary } from './library-fixtures';
import { FakeClock, FakeWeb, corpusHtml, fakeDeps, startHtml, story, type StoryFixture } from './library-web';

let db: LibraryDb;
let clock: FakeClock;
let web: FakeWeb;

// Each test parses fixture pages of up to 90 kB a few times: slow on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

beforeEach(async () => {
  db = await freshLibrary();
  clock = new FakeClock();
  web = new FakeWeb(clock);
});
afterEach(() => db.close());

function runner() {
  const { deps, events } = fakeDeps(db, web, clock);
  return { runner: new Runner(deps), events };
}

const FFN = story('ffn-1234567');
const AO3 = story('ao3-23824891');
const EFICTION = story('efiction-mugglenet-123456');
const ffnChapter = (n: number) => `https://www.fanfiction.net/s/1234567/${n}/WebToEpub`;
const AO3_FULL = 'https://archiveofourown.org/works/23824891?view_full_work=true';

/** Saves `s` from its start page as the reader has it open; returns the finished job. */
async function saveFromStart(s: StoryFixture, r = runner().runner, html = startHtml(s)): Promise<JobView> {
  const id = await r.enqueuePage({ url: s.start, html }, 'story', false);
  await r.resume();
  return (await r.jobs()).find((j) => j.id === id)!;
}

/** The saved chapters' numbers and whether each holds its distinctive word. */
async function savedChapters(storyId: string) {
  const bundle = await loadStory(db, storyId);
  return bundle!.chapters.map((c) => ({ number: c.number, title: c.title, url: c.url, html: c.html }));
}

function expectWholeStory(chapters: { number?: number; title: string | null; html: string }[], s: StoryFixture) {
  expect(chapters.map((c) => c.number)).toEqual(s.chapters.map((c) => c.number));
  expect(chapters.map((c) => c.title)).toEqual(s.chapters.map((c) => c.title));
  s.chapters.forEach((c, i) => expect(chapters[i]!.html).toContain(c.word));
}

/** Gaps between consecutive requests. */
const gaps = () => web.requests.slice(1).map((r, i) => r.at - web.requests[i]!.at);

describe('saving a whole story', () => {
  it('from a chapter page with a chapter list: fetches the other chapters once each, a second apart', async () => {
    const { runner: r, events } = runner();
    const job = await saveFromStart(FFN, r);
    expect(job).toMatchObject({ scope: 'story', state: 'done', outcome: 'saved', message: 'Saved 5 chapters.', done: 5, total: 5 });
    expect(web.requests.map((q) => q.url)).toEqual([2, 3, 4, 5].map(ffnChapter));
    expect(gaps().every((g) => g >= POLITE.spacingMs)).toBe(true);
    expectWholeStory(await savedChapters(job.storyId!), FFN);
    const saved = (await loadStory(db, job.storyId!))!.story;
    expect(saved.meta).toMatchObject({ title: FFN.title, chapterTotal: 5, status: 'complete' });
    expect(saved.newChapters).toBe(0);
    // The pages were told of every step, and of the saved story at the end.
    expect(events.at(-1)!.changed).toEqual([job.storyId]);
    expect(events.map((e) => e.jobs[0]!.done)).toEqual(expect.arrayContaining([1, 2, 3, 4, 5]));
    expect(await jobPages(db, job.id)).toEqual([]);
  });

  it('from an AO3 chapter: one fetch of the whole-work view, the live chapter kept over its fetched copy', async () => {
    const live = startHtml(AO3).replace('<div class="userstuff module" role="article">', '$&<p>Seen live only: quillwort.</p>');
    expect(live).toContain('quillwort');
    const job = await saveFromStart(AO3, undefined, live);
    expect(web.requests.map((q) => q.url)).toEqual([AO3_FULL]);
    const chapters = await savedChapters(job.storyId!);
    expectWholeStory(chapters, AO3);
    expect(chapters[0]!.html).toContain('quillwort');
    expect(chapters.filter((c) => c.html.includes('quillwort'))).toHaveLength(1);
  });

  describe('from an AO3 chapter whose Entire Work view fails or falls short: the other chapters one by one', () => {
    const ao3Chapter = (id: string) => `https://archiveofourown.org/works/23824891/chapters/${id}`;
    const OTHERS = [ao3Chapter('61444735'), ao3Chapter('68077426')];
    /** The whole-work view with only the chapter boxes `keep` (numbers from 1) left in it. */
    const wholeWith = (keep: number[]) => {
      const doc = new DOMParser().parseFromString(corpusHtml(AO3_FULL), 'text/html');
      for (const box of doc.querySelectorAll('#chapters > div.chapter'))
        if (!keep.includes(Number(box.id.replace('chapter-', '')))) box.remove();
      return `<!DOCTYPE html>${doc.documentElement.outerHTML}`;
    };
    beforeEach(() => {
      OTHERS.forEach((url, i) => web.route(url, { html: wholeWith([i + 2]) }));
    });

    it.each([
      ['an error answer', { status: 500, html: '<title>500</title><h1>Internal Server Error</h1>' }],
      ['one chapter’s markup swallowing the rest', { html: wholeWith([1, 2]) }],
    ])('%s', async (_what, reply) => {
      web.route(AO3_FULL, reply);
      const job = await saveFromStart(AO3);
      expect(job).toMatchObject({ state: 'done', outcome: 'saved', done: 3, total: 3 });
      expect(web.requests.map((q) => q.url)).toEqual([AO3_FULL, ...OTHERS]);
      expectWholeStory(await savedChapters(job.storyId!), AO3);
    });
  });

  it("from an eFiction chapter: one fetch of the printable story, chapters in the site's order", async () => {
    const job = await saveFromStart(EFICTION);
    expect(web.requests.map((q) => q.url)).toEqual([
      'http://fanfiction.mugglenet.com/viewstory.php?action=printable&textsize=0&sid=123456&chapter=all',
    ]);
    expectWholeStory(await savedChapters(job.storyId!), EFICTION);
  });

  it('by address only (a story synced from elsewhere): the first page fetched too', async () => {
    const r = runner().runner;
    const id = await r.enqueueUrl(FFN.start, FFN.title, false);
    await r.resume();
    const job = (await r.jobs()).find((j) => j.id === id)!;
    expect(job).toMatchObject({ state: 'done', outcome: 'saved', title: FFN.title });
    expect(web.requests.map((q) => q.url)).toEqual([1, 2, 3, 4, 5].map(ffnChapter));
    expectWholeStory(await savedChapters(job.storyId!), FFN);
  });

  it('follows next links on a site without a chapter list, and stops at a link back to a page it has', async () => {
    const one = 'https://www.royalroad.com/fiction/555/great-story/chapter/771/chapter-one';
    const two = 'https://www.royalroad.com/fiction/555/great-story/chapter/772/chapter-two';
    const r = runner().runner;
    const id = await r.enqueuePage({ url: one, html: corpusHtml(one) }, 'story', false);
    await r.resume();
    const job = (await r.jobs()).find((j) => j.id === id)!;
    expect(job).toMatchObject({ state: 'done', outcome: 'saved', done: 2, total: 2 });
    expect(web.requests.map((q) => q.url)).toEqual([two]);
    expect((await savedChapters(job.storyId!)).map((c) => c.url)).toEqual([one, two]);

    // Chapter two now links on to chapter one: the walk ends there instead of going round.
    const looping = corpusHtml(two).replace('</head>', `<link rel="next" href="${one}"></head>`);
    web.route(two, { html: looping });
    const again = await r.enqueuePage({ url: one, html: corpusHtml(one) }, 'story', false);
    await r.resume();
    expect((await r.jobs()).find((j) => j.id === again)).toMatchObject({ state: 'done', outcome: 'unchanged' });
    expect(web.count(two)).toBe(2);
    expect(web.count(one)).toBe(0);
  });

  it('saves a one-shot from the live page without fetching anything', async () => {
    const url = 'https://archiveofourown.org/works/168768';
    const r = runner().runner;
    const id = await r.enqueuePage({ url, html: corpusHtml(url) }, 'story', false);
    await r.resume();
    expect((await r.jobs()).find((j) => j.id === id)).toMatchObject({ state: 'done', outcome: 'saved', message: 'Saved 1 chapter.' });
    expect(web.requests).toEqual([]);
  });
});

describe('politeness', () => {
  it('waits as long as Retry-After asks, backs off on 503, then carries on', async () => {
    web.route(ffnChapter(3), { status: 429, headers: { 'Retry-After': '30' } }, { status: 503 }, { html: corpusHtml(ffnChapter(3)) });
    const { runner: r, events } = runner();
    const job = await saveFromStart(FFN, r);
    expect(job.state).toBe('done');
    expect(web.requests.map((q) => q.url)).toEqual([2, 3, 3, 3, 4, 5].map(ffnChapter));
    // First wait: 30 s asked (over the 5 s backoff); second: the backoff's 10 s.
    expect(gaps()).toEqual([1000, 30_000, 10_000, 1000, 1000]);
    const waiting = events.map((e) => e.jobs[0]!).filter((j) => j.state === 'waiting');
    expect(waiting.map((j) => j.message)).toEqual([
      'www.fanfiction.net is busy (429 Too Many Requests): trying again in 30 s.',
      'www.fanfiction.net is busy (503 Service Unavailable): trying again in 10 s.',
    ]);
    expectWholeStory(await savedChapters(job.storyId!), FFN);
  });

  it('gives up after the last try, saving nothing', async () => {
    web.route(ffnChapter(4), { status: 503 });
    const job = await saveFromStart(FFN);
    expect(job).toMatchObject({ state: 'failed', outcome: null });
    expect(job.message).toBe(
      `www.fanfiction.net is busy (503 Service Unavailable), and still after ${POLITE.maxAttempts} tries, so Slipcase stopped. Try again later.`,
    );
    expect(web.count(ffnChapter(4))).toBe(POLITE.maxAttempts);
    expect(web.count(ffnChapter(5))).toBe(0);
    expect(await db.getAll('stories')).toEqual([]);
    expect(await db.getAll('jobPages')).toEqual([]);
  });

  it('retries a network failure', async () => {
    let failed = false;
    const fetch = web.fetch;
    web.fetch = async (url, signal) => {
      if (url === ffnChapter(2) && !failed) {
        failed = true;
        throw new TypeError('Failed to fetch');
      }
      return fetch(url, signal);
    };
    const job = await saveFromStart(FFN);
    expect(job.state).toBe('done');
    expect(clock.sleeps).toContain(5000);
  });

  it('lets another job go while one waits for its site', async () => {
    web.route(ffnChapter(2), { status: 429, headers: { 'Retry-After': '60' } }, { html: corpusHtml(ffnChapter(2)) });
    const r = runner().runner;
    const ffn = await r.enqueuePage({ url: FFN.start, html: startHtml(FFN) }, 'story', false);
    const ao3 = await r.enqueuePage({ url: AO3.start, html: startHtml(AO3) }, 'story', false);
    await r.resume();
    expect(web.requests.map((q) => q.url)).toEqual([ffnChapter(2), AO3_FULL, ...[2, 3, 4, 5].map(ffnChapter)]);
    expect((await r.jobs()).filter((j) => [ffn, ao3].includes(j.id)).map((j) => j.state)).toEqual(['done', 'done']);
  });
});

describe('resuming', () => {
  it('a runner started after a kill carries on from the stored pages, fetching nothing twice', async () => {
    web.hangAfter = 2;
    const first = runner().runner;
    const id = await first.enqueuePage({ url: FFN.start, html: startHtml(FFN) }, 'story', false);
    void first.resume();
    await vi.waitFor(() => expect(web.requests).toHaveLength(3));
    expect((await jobPages(db, id)).map((p) => p.n)).toEqual([1, 2]);
    expect((await first.jobs())[0]).toMatchObject({ state: 'running', done: 3, total: 5 });

    // The worker is gone mid-request; a new one on the same library takes over.
    web.hangAfter = Infinity;
    const { runner: second } = runner();
    await second.resume();
    const job = (await second.jobs())[0]!;
    expect(job).toMatchObject({ id, state: 'done', outcome: 'saved' });
    expect(web.requests.map((q) => q.url)).toEqual([2, 3, 4, 4, 5].map(ffnChapter));
    expect([2, 3, 4, 5].map((n) => web.answered.get(ffnChapter(n)))).toEqual([1, 1, 1, 1]);
    expectWholeStory(await savedChapters(job.storyId!), FFN);
  });

  it('a job waiting out a Retry-After at the kill waits out the rest of it, then goes on', async () => {
    web.route(ffnChapter(2), { status: 429, headers: { 'Retry-After': '120' } }, { html: corpusHtml(ffnChapter(2)) });
    // The first worker dies during the long wait: its sleep never ends.
    const dying = fakeDeps(db, web, clock).deps;
    const first = new Runner({
      ...dying,
      sleep: (ms, signal) => (ms > POLITE.spacingMs ? new Promise<void>(() => {}) : clock.sleep(ms, signal)),
    });
    const id = await first.enqueuePage({ url: FFN.start, html: startHtml(FFN) }, 'story', false);
    await vi.waitFor(async () => expect((await first.jobs())[0]!.state).toBe('waiting'));
    clock.t += 20_000;
    const { runner: second } = runner();
    await second.resume();
    expect((await second.jobs())[0]).toMatchObject({ id, state: 'done' });
    expect(web.requests.map((q) => q.url)).toEqual([2, 2, 3, 4, 5].map(ffnChapter));
    expect(clock.sleeps).toContain(100_000);
    expect(gaps()[0]).toBe(120_000);
  });
});

describe('cancel', () => {
  it('aborts the request in flight, drops the pages and saves nothing', async () => {
    const fetch = web.fetch;
    let inFlight: AbortSignal | null = null;
    web.fetch = (url, signal) => {
      if (url !== ffnChapter(4)) return fetch(url, signal);
      inFlight = signal;
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    };
    const { runner: r, events } = runner();
    const id = await r.enqueuePage({ url: FFN.start, html: startHtml(FFN) }, 'story', false);
    const done = r.resume();
    await vi.waitFor(() => expect(inFlight).not.toBeNull());
    expect(await jobPages(db, id)).toHaveLength(2);
    await r.cancel(id);
    await done;
    expect(inFlight!.aborted).toBe(true);
    expect((await r.jobs())[0]).toMatchObject({ id, state: 'cancelled' });
    expect(events.at(-1)!.jobs[0]!.state).toBe('cancelled');
    expect(await db.getAll('jobPages')).toEqual([]);
    expect(await db.getAll('stories')).toEqual([]);
    expect(web.count(ffnChapter(5))).toBe(0);
  });

  it('of a finished job changes nothing', async () => {
    const r = runner().runner;
    const job = await saveFromStart(FFN, r);
    await r.cancel(job.id);
    expect((await r.jobs())[0]).toMatchObject({ state: 'done', outcome: 'saved' });
  });
});

describe('adult gates', () => {
  const gate = () => corpusHtml('https://archiveofourown.org/works/41877321');
  const through = `${AO3_FULL}&view_adult=true`;

  it('are passed when the settings allow', async () => {
    web.route(AO3_FULL, { html: gate() }).route(through, { html: corpusHtml(AO3_FULL) });
    const r = runner().runner;
    const id = await r.enqueuePage({ url: AO3.start, html: startHtml(AO3) }, 'story', true);
    await r.resume();
    const job = (await r.jobs())[0]!;
    expect(job).toMatchObject({ id, state: 'done', outcome: 'saved' });
    expect(web.requests.map((q) => q.url)).toEqual([AO3_FULL, through]);
    expectWholeStory(await savedChapters(job.storyId!), AO3);
  });

  it('fail the job, saving nothing, when the settings do not', async () => {
    web.route(AO3_FULL, { html: gate() });
    const job = await saveFromStart(AO3);
    expect(job).toMatchObject({ state: 'failed', outcome: null });
    expect(job.message).toBe(
      'archiveofourown.org asks to confirm you are an adult before showing this work, and your settings do not let Slipcase confirm it for you, so nothing was saved.',
    );
    expect(web.requests.map((q) => q.url)).toEqual([AO3_FULL]);
    expect(await db.getAll('stories')).toEqual([]);
  });

  it('on the open page itself: the page past it is fetched and saved', async () => {
    const gated = 'https://archiveofourown.org/works/23824891';
    web.route(`${gated}?view_adult=true`, { html: corpusHtml(gated) }).route(through, { html: corpusHtml(AO3_FULL) });
    const r = runner().runner;
    await r.enqueuePage({ url: gated, html: gate() }, 'story', true);
    await r.resume();
    expect((await r.jobs())[0]).toMatchObject({ state: 'done', outcome: 'saved', message: 'Saved 3 chapters.' });
    // The consent carries over to the whole-work view.
    expect(web.requests.map((q) => q.url)).toEqual([`${gated}?view_adult=true`, through]);
  });

  it('still a gate after passing it: fails rather than going round', async () => {
    web.route(AO3_FULL, { html: gate() }).route(through, { html: gate() });
    const r = runner().runner;
    await r.enqueuePage({ url: AO3.start, html: startHtml(AO3) }, 'story', true);
    await r.resume();
    const job = (await r.jobs())[0]!;
    expect(job.state).toBe('failed');
    expect(job.message).toMatch(/wall .* that Slipcase cannot pass, so nothing was saved\.$/);
    expect(web.requests).toHaveLength(2);
  });
});

describe('failures', () => {
  it('an error page among the chapters fails the job and leaves the saved copy as it was', async () => {
    const r = runner().runner;
    await saveFromStart(FFN, r);
    const before = await dump(db);
    web.route(ffnChapter(3), { status: 404, html: '<h1>Story Not Found</h1>' });
    const job = await saveFromStart(FFN, r);
    expect(job).toMatchObject({ state: 'failed', message: `www.fanfiction.net answered 404 for ${ffnChapter(3)}, so nothing was saved.` });
    const after = await dump(db);
    expect(after.stories).toEqual(before.stories);
    expect(after.chapters).toEqual(before.chapters);
  });

  it('an error page (status 200) from the site fails the job', async () => {
    web.route(AO3_FULL, { html: corpusHtml('https://archiveofourown.org/works/41237499') });
    const job = await saveFromStart(AO3);
    expect(job).toMatchObject({
      state: 'failed',
      message: `archiveofourown.org answered ${AO3_FULL} with an error page, so nothing was saved.`,
    });
  });

  it('an open page without story text fails at once, fetching nothing', async () => {
    const url = 'https://archiveofourown.org/tags/Buffy%20Summers*s*Spike/works?page=1071';
    const r = runner().runner;
    const id = await r.enqueuePage({ url, html: corpusHtml(url) }, 'story', false);
    await r.resume();
    expect((await r.jobs())[0]).toMatchObject({ id, state: 'failed', message: `There is no story text on ${url} to save.` });
    expect(web.requests).toEqual([]);
  });

  it("a full disk fails the job with the library's own message, and nothing is saved", async () => {
    const realPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      if (this.name === 'chapters') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.apply(this, args as never);
    } as typeof realPut;
    try {
      const job = await saveFromStart(FFN);
      expect(job.state).toBe('failed');
      expect(job.message).toMatch(/^The library is out of storage space, so nothing was saved\./);
    } finally {
      IDBObjectStore.prototype.put = realPut;
    }
    expect(await db.getAll('stories')).toEqual([]);
  });
});

describe('saving one chapter', () => {
  const live = (n: number) => ({ url: ffnChapter(n), html: n === 1 ? startHtml(FFN) : corpusHtml(ffnChapter(n)) });
  async function saveChapter(r: Runner, n: number, html?: string) {
    const id = await r.enqueuePage(html ? { ...live(n), html } : live(n), 'chapter', false);
    await r.resume();
    return (await r.jobs()).find((j) => j.id === id)!;
  }

  it('merges by chapter number, in order, never losing one, fetching nothing', async () => {
    const r = runner().runner;
    const third = await saveChapter(r, 3);
    expect(third).toMatchObject({ state: 'done', outcome: 'saved', message: 'Saved 1 chapter.' });
    await saveChapter(r, 1);
    await saveChapter(r, 5);
    const second = await saveChapter(r, 2);
    expect(second).toMatchObject({ state: 'done', outcome: 'updated', message: 'Updated: 4 chapters saved.' });
    let chapters = await savedChapters(second.storyId!);
    expect(chapters.map((c) => c.number)).toEqual([1, 2, 3, 5]);
    [1, 2, 3, 5].forEach((n, i) => expect(chapters[i]!.html).toContain(FFN.chapters[n - 1]!.word));
    // Four of the five chapters saved: the work is still the finished one the site lists.
    expect((await loadStory(db, second.storyId!))!.story).toMatchObject({ savedNumbers: [1, 2, 3, 5], meta: { status: 'complete' } });

    // The same chapter again, changed: it replaces its saved copy.
    const changed = live(3).html.replace(FFN.chapters[2]!.word, 'tamarisk');
    expect((await saveChapter(r, 3, changed)).outcome).toBe('updated');
    chapters = await savedChapters(second.storyId!);
    expect(chapters.map((c) => c.number)).toEqual([1, 2, 3, 5]);
    expect(chapters[2]!.html).toContain('tamarisk');
    expect(web.requests).toEqual([]);
  });

  it('into a whole saved story: the story keeps every chapter, and an identical one changes nothing', async () => {
    const r = runner().runner;
    const whole = await saveFromStart(FFN, r);
    const same = await saveChapter(r, 4);
    expect(same).toMatchObject({ outcome: 'unchanged', storyId: whole.storyId });
    expectWholeStory(await savedChapters(whole.storyId!), FFN);
  });
});

describe('two tabs saving the same story at once', () => {
  it('both jobs finish, the story is whole once, and the second changes nothing', async () => {
    const r = runner().runner;
    const [a, b] = await Promise.all([
      r.enqueuePage({ url: FFN.start, html: startHtml(FFN) }, 'story', false),
      r.enqueuePage({ url: FFN.start, html: startHtml(FFN) }, 'story', false),
    ]);
    await r.resume();
    const jobs = await r.jobs();
    const [first, second] = [a, b].map((id) => jobs.find((j) => j.id === id)!);
    expect(first!.state).toBe('done');
    expect(second!.state).toBe('done');
    expect(second!.storyId).toBe(first!.storyId);
    expect([first!.outcome, second!.outcome].sort()).toEqual(['saved', 'unchanged']);
    expect((await dump(db)).stories).toHaveLength(1);
    expectWholeStory(await savedChapters(first!.storyId!), FFN);
  });
});

describe('the job list', () => {
  it('lists jobs newest first, and enqueue ids are unique', async () => {
    const r = runner().runner;
    const a = await r.enqueuePage({ url: FFN.start, html: startHtml(FFN) }, 'chapter', false);
    clock.t += 1;
    const b = await r.enqueuePage({ url: AO3.start, html: startHtml(AO3) }, 'chapter', false);
    expect(a).not.toBe(b);
    expect((await r.jobs()).map((j) => j.id)).toEqual([b, a]);
    await r.resume();
    expect((await r.jobs()).map((j) => j.state)).toEqual(['done', 'done']);
  });
});

describe('pages in other encodings', () => {
  /** windows-1252 bytes of `text` (its curly quotes, dashes and accents have one byte each). */
  const cp1252 = (text: string) => {
    const high: Record<string, number> = { '\u2018': 0x91, '\u2019': 0x92, '\u201c': 0x93, '\u201d': 0x94, '\u2014': 0x97 };
    return Uint8Array.from([...text], (c) => high[c] ?? c.charCodeAt(0));
  };
  const LINE = '\u201cCaf\u00e9 cr\u00e8me,\u201d she said \u2014 \u2018don\u2019t.\u2019';

  it.each([
    ['declared in the header', { 'Content-Type': 'text/html; charset=windows-1252' }],
    ['not declared at all', { 'Content-Type': 'text/html' }],
  ])('saves a fetched windows-1252 chapter without replacement characters (%s)', async (_, headers) => {
    // Chapter 3 as an old archive serves it: Latin text in windows-1252 bytes, no UTF-8 anywhere.
    const html = corpusHtml(ffnChapter(3))
      .replace(/[^\p{ASCII}]/gu, ' ')
      .replace(/(id="storytext">)/, `$1<p>${LINE}</p>`);
    expect(html).toContain(LINE);
    web.route(ffnChapter(3), { bytes: cp1252(html), headers });
    const job = await saveFromStart(FFN);
    expect(job.state).toBe('done');
    const third = (await savedChapters(job.storyId!)).find((c) => c.number === 3)!;
    expect(third.html).toContain(LINE);
    expect(third.html).not.toContain('\ufffd');
  });
});

describe('chapters whose text the page loads after it shows', () => {
  // Asianfanfics serves a chapter with an empty htmx slot that its script fills from /htmx/chapter/….
  const START = 'https://www.asianfanfics.com/story/view/1687342/2/umbrellas-in-the-monsoon-season';
  const chapterUrl = (n: number) => START.replace('/2/', `/${n}/`);
  const fragmentUrl = (n: number) => `https://www.asianfanfics.com/htmx/chapter/52152${n}/key${n}`;
  const served = (n: number) =>
    corpusHtml(START)
      .replace('/htmx/chapter/5215288/2fWXxZQwbxi2u0oi', new URL(fragmentUrl(n)).pathname)
      .replace(/<div id="user-submitted-body">[\s\S]*?<\/div>/, '')
      .replace(/<option value="\/story\/view\/1687342\/2\/[^"]*" selected>/, (m) => m.replace(' selected', ''))
      .replace(/aria-current="page"/g, '');
  const WORDS = ['', 'lighthousekeeper', '', 'marmalade'];

  it('fetches that text too, and saves it', async () => {
    for (const n of [1, 3]) {
      web.route(chapterUrl(n), {
        html: served(n).replace('<h2 class="text-xl font-semibold">Chapter 2', `<h2 class="text-xl font-semibold">Chapter ${n}`),
      });
      web.route(fragmentUrl(n), { html: `<div id="user-submitted-body"><p>The ${WORDS[n]} waited.</p></div>` });
    }
    const s = { story: 'asianfanfics', start: START, startFile: '', plan: 'chapters', title: '', chapters: [] };
    const job = await saveFromStart(s, runner().runner, corpusHtml(START));
    expect(job).toMatchObject({ state: 'done', outcome: 'saved' });
    expect(web.requests.map((q) => q.url)).toEqual([chapterUrl(1), fragmentUrl(1), chapterUrl(3), fragmentUrl(3)]);
    const saved = await savedChapters(job.storyId!);
    expect(saved.map((c) => c.number)).toEqual([1, 2, 3]);
    expect(saved[0]!.html).toContain('The lighthousekeeper waited.');
    expect(saved[1]!.html).toContain('The corner store on Wausan-ro never closed');
    expect(saved[2]!.html).toContain('The marmalade waited.');
  });

  it('retries a page whose text the site will not give, then fails saving nothing', async () => {
    web.route(chapterUrl(1), { html: served(1) });
    web.route(fragmentUrl(1), { status: 500, html: 'oops' });
    const s = { story: 'asianfanfics', start: START, startFile: '', plan: 'chapters', title: '', chapters: [] };
    const job = await saveFromStart(s, runner().runner, corpusHtml(START));
    expect(job).toMatchObject({ state: 'failed', outcome: null });
    expect(job.message).toContain('www.asianfanfics.com answered 500');
    expect(web.count(fragmentUrl(1))).toBe(POLITE.maxAttempts);
    expect(await db.getAll('stories')).toEqual([]);
  });
});

describe('a hostile fetched page', () => {
  it('cannot move its relative images to another host with a <base> inside the story', async () => {
    const html = corpusHtml(ffnChapter(3)).replace(
      /(id="storytext">)/,
      '$1<base href="https://tracker.example/"><p><img src="pics/map.png" alt="Map"></p>',
    );
    expect(html).toContain('tracker.example');
    web.route(ffnChapter(3), { html });
    const job = await saveFromStart(FFN);
    const third = (await savedChapters(job.storyId!)).find((c) => c.number === 3)!;
    expect(third.html).toContain(`src="${new URL('pics/map.png', ffnChapter(3)).href}"`);
    expect(third.html).not.toContain('tracker.example');
  });

  const LANTERNS = 'http://www.geocities.com/moonlit_crypt/fic/lanterns.htm';
  const HUGE = 'https://huge.example/story.html';
  const hugeHtml = `<title>Huge</title>${'<p>Word.</p>'.repeat(MAX_ELEMENTS)}`;
  // Its html, head, title and body, and the paragraphs (counted as fetched, before anything is added).
  const tooLarge = `This page is too large to read: ${(MAX_ELEMENTS + 4).toLocaleString('en')} elements (${HUGE}), so nothing was saved.`;

  it('too large to read fails its job, saying so, and the queue goes on: a page clobbering the DOM after it is saved', async () => {
    // Controls named like the form's own properties: Readability's walk went round for ever on them.
    const clobbering = corpusHtml(LANTERNS).replace('</body>', '<form><input name="parentNode"><input name="nodeName"></form></body>');
    web.route(HUGE, { html: hugeHtml }).route(LANTERNS, { html: clobbering });
    const r = runner().runner;
    const huge = await r.enqueueUrl(HUGE, 'Huge', false);
    const lanterns = await r.enqueueUrl(LANTERNS, 'Lanterns', false);
    await r.resume();
    const jobs = await r.jobs();
    expect(jobs.find((j) => j.id === huge)).toMatchObject({ state: 'failed', message: tooLarge });
    const job = jobs.find((j) => j.id === lanterns)!;
    expect(job).toMatchObject({ state: 'done', outcome: 'saved' });
    expect((await savedChapters(job.storyId!))[0]!.html).toContain('The streetlight on Revello was out again.');
  });

  it('open in the reader and too large to read gives a failed job, saying so', async () => {
    const r = runner().runner;
    const id = await r.enqueuePage({ url: HUGE, html: hugeHtml }, 'story', false);
    await r.resume();
    expect((await r.jobs())[0]).toMatchObject({ id, state: 'failed', title: HUGE, message: tooLarge });
    expect(web.requests).toEqual([]);
  });

  it('too slow to read fails its job, saying so, and the runner goes on', async () => {
    const r = runner().runner;
    // Every reading of the system clock a minute on: the page's read overruns. The runner's own clock is the fake one.
    let now = Date.now();
    const slow = vi.spyOn(Date, 'now').mockImplementation(() => (now += 60_000));
    const first = await r.enqueueUrl(LANTERNS, 'Lanterns', false);
    await r.resume();
    slow.mockRestore();
    const second = await r.enqueueUrl(LANTERNS, 'Lanterns', false);
    await r.resume();
    const jobs = await r.jobs();
    const message = `This page took too long to read: 60 s (${LANTERNS}), so nothing was saved.`;
    expect(MAX_READ_MS).toBeLessThan(60_000);
    expect(jobs.find((j) => j.id === first)).toMatchObject({ state: 'failed', message });
    expect(jobs.find((j) => j.id === second)).toMatchObject({ state: 'done', outcome: 'saved' });
  });
});
