// @vitest-environment jsdom
/**
 * Update checks: a saved work in progress gets only the chapters it lacks, fetched politely, and
 * its count of new chapters; a work with nothing new gets one request and no new version.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryDb } from '../db/db';
import { loadProgress, loadStory, setProgress } from '../db/reading';
import { NEW_LAST, ffnAfterRewrite } from '../../../tests/lib/ffn-rewrite';
import { Runner } from '../jobs/runner';
import type { StoryMeta, StoryRecord } from '../types';
import type { JobView } from '../messages';
import { freshLibrary } from './library-fixtures';
import { FakeClock, FakeWeb, corpusHtml, fakeDeps, startHtml, story, type StoryFixture } from './library-web';

let db: LibraryDb;
let clock: FakeClock;
let web: FakeWeb;
let runner: Runner;
let events: ReturnType<typeof fakeDeps>['events'];

beforeEach(async () => {
  db = await freshLibrary();
  clock = new FakeClock();
  web = new FakeWeb(clock);
  ({ deps: runner, events } = (({ deps, events }) => ({ deps: new Runner(deps), events }))(fakeDeps(db, web, clock)));
});
afterEach(() => db.close());

const FFN = story('ffn-1234567');
const AO3 = story('ao3-23824891');
const EFICTION = story('efiction-mugglenet-123456');
const ffnChapter = (n: number) => `https://www.fanfiction.net/s/1234567/${n}/WebToEpub`;
const AO3_FULL = 'https://archiveofourown.org/works/23824891?view_full_work=true';
const EFICTION_ALL = 'http://fanfiction.mugglenet.com/viewstory.php?action=printable&textsize=0&sid=123456&chapter=all';

/** Saves the chapter pages given as the reader had them open, one at a time: a work read as it came out. */
async function saveChapters(pages: { url: string; html: string }[]): Promise<string> {
  let id = '';
  for (const page of pages) {
    const job = await runner.enqueuePage(page, 'chapter', false);
    await runner.resume();
    id = (await runner.jobs()).find((j) => j.id === job)!.storyId!;
  }
  web.requests.length = 0;
  return id;
}

async function check(ids: string[] | null, follow: (meta: StoryMeta, story: StoryRecord) => boolean = () => false): Promise<JobView[]> {
  const jobIds = await runner.enqueueUpdates(ids, follow);
  await runner.resume();
  const jobs = await runner.jobs();
  return jobIds.map((id) => jobs.find((j) => j.id === id)!);
}

async function saved(id: string) {
  const bundle = (await loadStory(db, id))!;
  return { story: bundle.story, numbers: bundle.chapters.map((c) => c.number), html: bundle.chapters.map((c) => c.html) };
}

/** An FFN page as it stood when chapter `n` was the latest: its chapter menu stops there. */
const postedUpTo = (html: string, n: number) =>
  html.replace(/<option value="(\d+)"[^>]*>[^<]*(<\/option>)?/g, (option, value: string) => (Number(value) > n ? '' : option));

/** The site serves the FFN work as it stood when chapter `n` was the latest. */
function servePosted(n: number) {
  for (let k = 1; k <= n; k++) web.route(ffnChapter(k), { html: postedUpTo(k === 1 ? startHtml(FFN) : corpusHtml(ffnChapter(k)), n) });
}

function expectWords(html: string[], s: StoryFixture, numbers: number[]) {
  numbers.forEach((n, i) => expect(html[i]).toContain(s.chapters[n - 1]!.word));
}

// Each test parses AO3's 90 kB pages a few times: slow on a busy machine.
describe('update checks', { timeout: 30_000 }, () => {
  it('fetch the work page and only the chapters the library lacks (chapter list), counting none the site had posted as new', async () => {
    const id = await saveChapters([
      { url: FFN.start, html: startHtml(FFN) },
      { url: ffnChapter(2), html: corpusHtml(ffnChapter(2)) },
    ]);
    const [job] = await check([id]);
    expect(job).toMatchObject({ scope: 'update', storyId: id, state: 'done', outcome: 'updated', message: 'Saved 3 more chapters.' });
    expect(web.requests.map((r) => r.url)).toEqual([1, 3, 4, 5].map(ffnChapter));
    const after = await saved(id);
    expect(after.numbers).toEqual([1, 2, 3, 4, 5]);
    expectWords(after.html, FFN, [1, 2, 3, 4, 5]);
    expect(after.story.newChapters).toBe(0);
    expect(after.story.meta.status).toBe('complete');
    expect(events.at(-1)!.changed).toEqual([id]);
  });

  it('fetch the whole-work view only when the page lists chapters the library lacks', async () => {
    const id = await saveChapters([{ url: AO3.start, html: startHtml(AO3) }]);
    const [job] = await check([id]);
    expect(job).toMatchObject({ state: 'done', outcome: 'updated', message: 'Saved 2 more chapters.' });
    expect(web.requests.map((r) => r.url)).toEqual([AO3.start, AO3_FULL]);
    const after = await saved(id);
    expect(after.numbers).toEqual([1, 2, 3]);
    expectWords(after.html, AO3, [1, 2, 3]);
    expect(after.story.newChapters).toBe(0);

    // Now every chapter is saved: one request, nothing new, no new version.
    web.requests.length = 0;
    const [again] = await check([id]);
    expect(again).toMatchObject({ state: 'done', outcome: 'unchanged', message: 'No new chapters.' });
    expect(web.requests.map((r) => r.url)).toEqual([AO3.start]);
    expect((await saved(id)).story).toEqual(after.story);
  });

  it('put the new chapters in their places around the saved ones', async () => {
    const id = await saveChapters([{ url: EFICTION.start, html: startHtml(EFICTION) }]);
    expect((await saved(id)).numbers).toEqual([2]);
    const [job] = await check([id]);
    expect(job).toMatchObject({ state: 'done', outcome: 'updated', message: 'Saved 4 more chapters.' });
    expect(web.requests.map((r) => r.url)).toEqual([EFICTION.start, EFICTION_ALL]);
    const after = await saved(id);
    expect(after.numbers).toEqual([1, 2, 3, 4, 5]);
    expectWords(after.html, EFICTION, [1, 2, 3, 4, 5]);
    expect(after.story.newChapters).toBe(0);
  });

  it('know chapters by title and text when the author deleted chapter 2 and posted a sixth: nothing lost, the place kept', async () => {
    const job = await runner.enqueuePage({ url: FFN.start, html: startHtml(FFN) }, 'story', false);
    await runner.resume();
    const id = (await runner.jobs()).find((j) => j.id === job)!.storyId!;
    await setProgress(db, id, { chapter: 3, fraction: 0.5 });
    const rewritten = ffnAfterRewrite((n) => (n === 1 ? startHtml(FFN) : corpusHtml(ffnChapter(n))));
    for (const [place, html] of rewritten) web.route(ffnChapter(place), { html });
    web.requests.length = 0;

    const [update] = await check([id]);
    expect(update).toMatchObject({
      state: 'done',
      outcome: 'updated',
      message: '1 new chapter saved. 1 chapter removed from the archive, kept in your library.',
    });
    // The work's page, then only the chapter no saved title names.
    expect(web.requests.map((r) => r.url)).toEqual([ffnChapter(1), ffnChapter(5)]);
    const after = (await loadStory(db, id))!;
    expectWords(
      after.chapters.map((c) => c.html),
      FFN,
      [1, 2, 3, 4, 5],
    );
    expect(after.chapters[5]!.html).toContain(NEW_LAST.word);
    expect(after.chapters.map((c) => c.removedAt !== undefined)).toEqual([false, true, false, false, false, false]);
    expect(after.chapters.map((c) => c.number)).toEqual([1, undefined, 2, 3, 4, 5]);
    expect(after.chapters.map((c) => c.url)).toEqual([1, 2, 2, 3, 4, 5].map(ffnChapter));
    expect((await loadProgress(db, id))!.chapter).toBe(3);
    expect(after.story.newChapters).toBe(1);

    web.requests.length = 0;
    const [again] = await check([id]);
    expect(again).toMatchObject({ state: 'done', outcome: 'unchanged' });
    expect(web.requests.map((r) => r.url)).toEqual([ffnChapter(1)]);
  });

  it('follow next links from the last saved chapter on a site without a chapter list', async () => {
    const one = 'https://www.royalroad.com/fiction/555/great-story/chapter/771/chapter-one';
    const two = 'https://www.royalroad.com/fiction/555/great-story/chapter/772/chapter-two';
    const id = await saveChapters([{ url: one, html: corpusHtml(one) }]);
    const [job] = await check([id]);
    expect(job).toMatchObject({ state: 'done', outcome: 'updated', message: '1 new chapter saved.' });
    expect(web.requests.map((r) => r.url)).toEqual([one, two]);
    expect((await saved(id)).story.newChapters).toBe(1);
  });

  it('add to the count of new chapters the reader has not opened yet only those posted since the work was saved', async () => {
    // Chapter 1 saved when chapter 3 was the latest.
    const id = await saveChapters([{ url: FFN.start, html: postedUpTo(startHtml(FFN), 3) }]);
    expect((await saved(id)).story.meta.chaptersPosted).toBe(3);
    // Chapter 4 is out: 2 and 3 are filled in, 4 is new.
    servePosted(4);
    expect((await check([id]))[0]).toMatchObject({ state: 'done', message: '1 new chapter saved, and 2 more chapters.' });
    expect(web.requests.map((r) => r.url)).toEqual([1, 2, 3, 4].map(ffnChapter));
    expect((await saved(id)).story.newChapters).toBe(1);

    servePosted(5);
    web.requests.length = 0;
    expect((await check([id]))[0]).toMatchObject({ state: 'done', message: '1 new chapter saved.' });
    expect(web.requests.map((r) => r.url)).toEqual([1, 5].map(ffnChapter));
    const after = await saved(id);
    expect(after.numbers).toEqual([1, 2, 3, 4, 5]);
    expect(after.story.newChapters).toBe(2);
  });

  it('leave the saved copy as it was when a chapter cannot be fetched', async () => {
    const id = await saveChapters([{ url: FFN.start, html: startHtml(FFN) }]);
    web.route(ffnChapter(3), { status: 404 });
    const [failed] = await check([id]);
    expect(failed).toMatchObject({
      state: 'failed',
      message: `www.fanfiction.net answered 404 for ${ffnChapter(3)}, so the saved copy was left as it was.`,
    });
    expect((await saved(id)).numbers).toEqual([1]);
    expect((await saved(id)).story.newChapters).toBe(0);
  });

  it('check every saved work in progress, and only those, with no second check of one under way', async () => {
    // The AO3 work as if its author had not said how many chapters it will have ("3/?").
    const unfinished = startHtml(AO3).replace('class="chapters">3/3<', 'class="chapters">3/?<');
    expect(unfinished).not.toBe(startHtml(AO3));
    const wip = await saveChapters([{ url: AO3.start, html: unfinished }]);
    const whole = await saveChapters([
      { url: 'https://archiveofourown.org/works/168768', html: corpusHtml('https://archiveofourown.org/works/168768') },
    ]);
    // A finished work saved in part has no chapters to come: "Save the other chapters" fetches them.
    const part = await saveChapters([{ url: FFN.start, html: startHtml(FFN) }]);
    expect((await saved(wip)).story.meta.status).toBe('wip');
    expect((await saved(whole)).story.meta.status).not.toBe('wip');
    expect((await saved(part)).story.meta.status).toBe('complete');
    const first = await runner.enqueueUpdates(null, () => false);
    const second = await runner.enqueueUpdates([wip, 'no-such-story'], () => false);
    expect(first).toHaveLength(1);
    expect(second).toEqual(first);
    await runner.resume();
    expect((await runner.jobs()).filter((j) => j.scope === 'update').map((j) => [j.storyId, j.state])).toEqual([[wip, 'done']]);
  });

  it('pass an adult gate only for the stories the callback allows', async () => {
    const id = await saveChapters([{ url: AO3.start, html: startHtml(AO3) }]);
    const gate = corpusHtml('https://archiveofourown.org/works/41877321');
    web.route(AO3_FULL, { html: gate }).route(`${AO3_FULL}&view_adult=true`, { html: corpusHtml(AO3_FULL) });
    const asked: string[] = [];
    const [refused] = await check([id], (meta, s) => (asked.push(`${meta.title} ${s.id}`), false));
    expect(asked).toEqual([`${AO3.title} ${id}`]);
    expect(refused).toMatchObject({ state: 'failed' });
    expect(refused!.message).toMatch(/your settings do not let Slipcase confirm it for you, so the saved copy was left as it was\.$/);
    const [allowed] = await check([id], () => true);
    expect(allowed).toMatchObject({ state: 'done', outcome: 'updated' });
    expect((await saved(id)).numbers).toEqual([1, 2, 3]);
  });
});
