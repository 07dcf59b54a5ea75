// @vitest-environment jsdom
/**
 * Saving a forum work by its threadmarks (issue #12): from the thread page a reader lands on, the
 * runner walks the reader-mode pages of each threadmark category the reader chose, in the forum's
 * order, and saves the threadmarked posts only: never the replies, never a category left out.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LibraryDb } from '../db/db';
import { loadStory } from '../db/reading';
import { Runner } from '../jobs/runner';
import { freshLibrary } from './library-fixtures';
import { FakeClock, FakeWeb, corpusHtml, fakeDeps } from './library-web';

vi.setConfig({ testTimeout: 30_000 });

const THREAD = 'https://forums.sufficientvelocity.com/threads/the-cartographers-apprentice.118204/';
const PAGE_17 = `${THREAD}page-17`;
const STORY_1 = `${THREAD}reader/`;
const STORY_2 = `${THREAD}reader/page-2`;
const APOCRYPHA = `${THREAD}reader/page-1?threadmark_category=13`;
const INFORMATIONAL = `${THREAD}reader/page-1?threadmark_category=4`;
/** Each saved post's title and a word found in its text only. */
const CH1 = { title: 'Chapter 1: Blank Margins', word: 'thumbprints' };
const CH2 = { title: 'Chapter 2: Contour Lines', word: 'complained about his boots' };
const CH3 = { title: 'Chapter 3: Soundings', word: 'lighthouse keeper' };
const OMAKE = { title: 'Omake: The Brass Warmer', word: 'teakettle' };
const SCHEDULE = { title: 'Update schedule', word: 'fortnightly' };
const REPLIES = ['unheated attic', 'secret-keeper energy', 'Seconding the warmer'];

let db: LibraryDb;
let web: FakeWeb;
let runner: Runner;

beforeEach(async () => {
  db = await freshLibrary();
  const clock = new FakeClock();
  web = new FakeWeb(clock);
  runner = new Runner(fakeDeps(db, web, clock).deps);
});
afterEach(() => db.close());

async function saveFrom(url: string, runs?: Parameters<Runner['enqueuePage']>[3]) {
  const id = await runner.enqueuePage({ url, html: corpusHtml(url) }, 'story', false, runs);
  await runner.resume();
  const job = (await runner.jobs()).find((j) => j.id === id)!;
  const saved = await loadStory(db, job.storyId!);
  return { job, chapters: saved!.chapters };
}

function expectPosts(
  chapters: { title: string | null; html: string; url: string; number?: number | null }[],
  wanted: { title: string; word: string }[],
) {
  expect(chapters.map((c) => c.title)).toEqual(wanted.map((w) => w.title));
  chapters.forEach((c, i) => {
    expect(c.html).toContain(wanted[i]!.word);
    for (const other of wanted) if (other !== wanted[i]) expect(c.html).not.toContain(other.word);
    for (const reply of REPLIES) expect(c.html).not.toContain(reply);
    expect(c.url).toMatch(/\/threads\/the-cartographers-apprentice\.118204\/post-\d+$/);
  });
}

describe('saving a forum work by its threadmarks', () => {
  it('from a thread page: the story threadmarks, then the apocrypha, from the reader pages only', async () => {
    const { job, chapters } = await saveFrom(PAGE_17);
    expect(job).toMatchObject({ state: 'done', outcome: 'saved', done: 4, total: 4 });
    expect(web.requests.map((r) => r.url)).toEqual([STORY_1, STORY_2, APOCRYPHA]);
    expectPosts(chapters, [CH1, CH2, CH3, OMAKE]);
  });

  it('walks the categories the reader chose, and no other', async () => {
    const { chapters } = await saveFrom(PAGE_17, ['story', 'informational']);
    expect(web.requests.map((r) => r.url)).toEqual([STORY_1, STORY_2, INFORMATIONAL]);
    expectPosts(chapters, [CH1, CH2, CH3, SCHEDULE]);
  });

  it('from a reader page: the same work, the same chapters', async () => {
    const { chapters } = await saveFrom(STORY_1);
    expectPosts(chapters, [CH1, CH2, CH3, OMAKE]);
  });

  it('an update check finds a new threadmark, adds it in its place and keeps the rest', async () => {
    const { job } = await saveFrom(PAGE_17);
    // The author posts chapter 4: reader page 2 now holds it after chapter 3.
    const ch4 =
      '<article class="message message--post js-post hasThreadmark" data-author="Inkwell Tern" data-content="post-30300001"><div class="message-cell--threadmark-header"><span class="threadmarkLabel">Chapter 4: Declination</span></div><article class="message-body"><div class="bbWrapper">The compass lied by seven degrees, and the almanac knew why.</div></article></article>';
    const page2 = corpusHtml(STORY_2).replace(
      '\t\t</div>\n\t</div>\n\t<div class="block-outer block-outer--after">',
      `${ch4}\t\t</div>\n\t</div>\n\t<div class="block-outer block-outer--after">`,
    );
    web.route(STORY_2, { html: page2 });
    const [check] = await runner.enqueueUpdates([job.storyId!], () => false);
    await runner.resume();
    expect((await runner.jobs()).find((j) => j.id === check)).toMatchObject({ state: 'done', outcome: 'updated' });
    const saved = (await loadStory(db, job.storyId!))!.chapters;
    expect(saved.map((c) => c.title)).toEqual([CH1.title, CH2.title, CH3.title, 'Chapter 4: Declination', OMAKE.title]);
  });
});
