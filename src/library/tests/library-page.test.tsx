// @vitest-environment jsdom
/**
 * The library page on a real library in fake IndexedDB; only the background (save jobs) is
 * replaced. Cards, search, filters, held copies, jobs, missing stories and the EPUB download.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryDb } from '../db/db';
import { loadStory, setProgress } from '../db/reading';
import { saveStory } from '../db/save';
import type { StoryCopy } from '../types';
import type { JobView } from '../messages';
import { freshLibrary, makeStory, seeded } from './library-fixtures';
import { click, settle, until } from '../../../tests/lib/ui';
import { button, cardIds, cards, choose, renderPage, type, type Rendered } from './library-page-helpers';
import { captureDownloads, type Captured } from './library-page-downloads';

const win = window as Window & typeof globalThis;
const rand = seeded(99);
let db: LibraryDb;
let page: Rendered | null = null;
let downloads: Captured;

/** A story with the fields the cards show set by hand. */
function story(n: number, change: Partial<StoryCopy['meta']>, chapters = 3): StoryCopy {
  const copy = makeStory(rand, n, { chapters: [chapters, chapters], words: [40, 80] });
  return { ...copy, meta: { ...copy.meta, ...change } };
}

const ALPHA = story(1, {
  title: 'Alpha Quartermaster',
  authors: ['Ann Writer', 'Bo Second'],
  fandoms: ['Star Trek', 'Stargate'],
  rating: { level: 'mature', label: 'Mature', source: 'site' },
  words: 12345,
  chapterTotal: 5,
  status: 'wip',
  tags: ['Slow Burn'],
});
const BETA = story(
  2,
  {
    title: 'Beta Lighthouse',
    authors: ['Cy Other'],
    fandoms: ['Stargate'],
    rating: { level: 'general', label: 'General Audiences', source: 'site' },
    chapterTotal: null,
    status: 'wip',
    words: 800,
  },
  2,
);
const GAMMA = story(
  3,
  {
    title: 'Gamma Orchard',
    authors: ['Di Third'],
    fandoms: ['Star Trek'],
    rating: { level: 'explicit', label: 'Explicit', source: 'site' },
    chapterTotal: 1,
    status: 'complete',
    words: 5000,
  },
  1,
);
const ids: Record<'alpha' | 'beta' | 'gamma', string> = { alpha: '', beta: '', gamma: '' };

beforeEach(async () => {
  db = await freshLibrary();
  ids.alpha = (await saveStory(db, ALPHA, win)).id;
  ids.beta = (await saveStory(db, BETA, win)).id;
  ids.gamma = (await saveStory(db, GAMMA, win)).id;
  downloads = captureDownloads();
});
afterEach(() => {
  page?.unmount();
  page = null;
  downloads.restore();
  db.close();
});

const card = (id: string) => cards(page!.root).find((c) => c.dataset.storyId === id) ?? null;
const text = (el: ParentNode | null, selector: string) => el?.querySelector(selector)?.textContent ?? null;
const count = () => page!.root.querySelector('.library-count')!.textContent;

async function open(extra: Parameters<typeof renderPage>[1] = {}): Promise<Rendered> {
  page = renderPage(db, extra);
  await until(() => cards(page!.root).length > 0 || count() === 'No stories saved yet.', 'the list');
  return page;
}

describe('library page cards', () => {
  it('show each story’s facts, reading place and a link to the offline reader', async () => {
    await setProgress(db, ids.alpha, { chapter: 1, fraction: 0.5 }, Date.now());
    await open();
    expect(count()).toBe('3 stories');
    const a = card(ids.alpha)!;
    expect(a.querySelector<HTMLAnchorElement>('.card-title a')!.getAttribute('href')).toBe(
      `/read.html?id=${encodeURIComponent(ids.alpha)}`,
    );
    expect(a.querySelector<HTMLAnchorElement>('.read')!.getAttribute('href')).toBe(`/read.html?id=${encodeURIComponent(ids.alpha)}`);
    expect(text(a, '.card-title')).toBe('Alpha Quartermaster');
    expect(text(a, '.card-authors')).toBe('by Ann Writer, Bo Second');
    expect(text(a, '.card-fandoms')).toBe('Star Trek, Stargate');
    expect(text(a, '.rating-text')).toBe('Mature');
    expect(text(a, '.card-words')).toBe('12,345 words');
    expect(text(a, '.card-chapters')).toBe('3/5 chapters');
    expect(text(a, '.card-status')).toBe('In progress');
    expect(text(a, '.card-place')).toBe('chapter 2 of 3');
    expect(a.querySelector<HTMLProgressElement>('.reading-progress')!.value).toBeCloseTo(1.5 / 3);
    expect(text(a, '.card-last-read')).toBe('Last read today');

    const b = card(ids.beta)!;
    expect(text(b, '.card-chapters')).toBe('2/? chapters');
    expect(text(b, '.card-place')).toBe('Not started');
    expect(b.querySelector('.card-last-read')).toBeNull();
    expect(text(card(ids.gamma), '.card-status')).toBe('Complete');
    // A list a screen reader can count.
    expect(a.getAttribute('aria-setsize')).toBe('3');
    expect(cards(page!.root).map((c) => c.getAttribute('aria-posinset'))).toEqual(['1', '2', '3']);
  });

  it('say how many new chapters an update brought', async () => {
    const tx = db.transaction('stories', 'readwrite');
    await tx.store.put({ ...(await tx.store.get(ids.beta))!, newChapters: 2 });
    await tx.done;
    await open();
    expect(text(card(ids.beta), '.card-new')).toBe('2 new chapters');
    expect(card(ids.alpha)!.querySelector('.card-new')).toBeNull();
  });

  it('say which part of a series a story saved from its series page is', async () => {
    const tx = db.transaction('stories', 'readwrite');
    const gamma = (await tx.store.get(ids.gamma))!;
    await tx.store.put({
      ...gamma,
      meta: { ...gamma.meta, series: { title: 'Small Mercies', url: 'https://archiveofourown.org/series/2196', part: 2 } },
    });
    await tx.done;
    await open();
    expect(text(card(ids.gamma), '.card-series')).toBe('Part 2 of Small Mercies');
    expect(card(ids.alpha)!.querySelector('.card-series')).toBeNull();
  });

  it('offer to keep a held copy or the saved one', async () => {
    // A fetch with fewer chapters is held back beside the saved copy.
    const fewer = { ...ALPHA, chapters: ALPHA.chapters.slice(0, 2), fetchedAt: ALPHA.fetchedAt! + 5000 };
    expect((await saveStory(db, fewer, win)).outcome).toBe('held');
    await saveStory(db, { ...BETA, chapters: BETA.chapters.slice(0, 1), fetchedAt: BETA.fetchedAt! + 5000 }, win);
    await open();
    expect(text(card(ids.alpha), '.held-why')).toBe('A newer copy was held back: it has 2 chapters where the saved copy has 3.');

    await click(card(ids.alpha)!.querySelector('.keep-saved')!);
    await until(() => card(ids.alpha)!.querySelector('.card-held') === null, 'Alpha’s held copy to go');
    expect(await loadStory(db, ids.alpha, 'pending')).toBeNull();
    expect((await loadStory(db, ids.alpha))!.chapters).toHaveLength(3);

    await click(card(ids.beta)!.querySelector('.keep-new')!);
    await until(() => card(ids.beta)!.querySelector('.card-held') === null, 'Beta’s held copy to go');
    expect((await loadStory(db, ids.beta))!.chapters).toHaveLength(1);
    expect(text(card(ids.beta), '.card-chapters')).toBe('1/? chapters');
  });

  it('download a story as EPUB and ask the background to check it', async () => {
    await open();
    await click(card(ids.gamma)!.querySelector('.epub')!);
    await until(() => downloads.files.length > 0, 'the EPUB download');
    expect(downloads.files[0]!.name).toMatch(/Gamma Orchard.*\.epub$/);
    expect(downloads.files[0]!.blob.type).toBe('application/epub+zip');
    // An EPUB is a zip whose first entry is the uncompressed mimetype.
    const bytes = new Uint8Array(await downloads.files[0]!.blob.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(30, 58))).toBe('mimetypeapplication/epub+zip');

    await click(card(ids.gamma)!.querySelector('.check')!);
    await until(() => page!.asked.some((r) => r.type === 'library-check'), 'the check request');
    expect(page!.asked).toContainEqual({ type: 'library-check', storyIds: [ids.gamma] });
  });

  it('delete one story from its card, with Undo', async () => {
    await open();
    await click(card(ids.beta)!.querySelector('.delete')!);
    await until(() => card(ids.beta) === null, 'Beta’s card to go');
    expect(text(page!.root, '.library-toast')).toBe('Deleted 1 storyUndo');
    expect(await loadStory(db, ids.beta)).toBeNull();
    await click(page!.root.querySelector('.library-undo')!);
    await until(() => card(ids.beta) !== null, 'Beta’s card back');
    expect((await loadStory(db, ids.beta))!.story.meta.title).toBe('Beta Lighthouse');
  });
});

describe('library page search and filters', () => {
  it('narrows as the reader types, by title, author, tag and the story’s text', async () => {
    await open();
    const input = page!.root.querySelector<HTMLInputElement>('.library-search input')!;
    await type(input, 'lighth');
    await until(() => cardIds(page!.root).length === 1, 'one match');
    expect(cardIds(page!.root)).toEqual([ids.beta]);
    expect(count()).toBe('1 story');
    // Relevance is the order while searching.
    expect(page!.root.querySelector<HTMLSelectElement>('.library-sort')!.value).toBe('relevance');

    await type(input, 'Ann Writer');
    await until(() => cardIds(page!.root)[0] === ids.alpha, 'Alpha first');
    expect(cardIds(page!.root)).toEqual([ids.alpha]);

    await type(input, 'slow burn');
    await until(() => cardIds(page!.root)[0] === ids.alpha, 'Alpha first');
    expect(cardIds(page!.root)).toEqual([ids.alpha]);

    const loaded = (await loadStory(db, ids.gamma))!;
    const word = loaded.chapters[0]!.html.replace(/<[^>]+>/g, ' ')
      .split(/\W+/)
      .find((w) => w.length > 6)!;
    await type(input, word);
    await until(() => cardIds(page!.root).includes(ids.gamma), 'Gamma by a word of its text');
    expect(cardIds(page!.root)).toContain(ids.gamma);

    await type(input, 'zzzznothing');
    await until(() => count() === 'No stories match.', 'no matches');
    expect(cards(page!.root)).toHaveLength(0);

    await type(input, '');
    await until(() => cards(page!.root).length === 3, 'all three stories');
    expect(page!.root.querySelector<HTMLSelectElement>('.library-sort')!.value).toBe('updated');
  });

  it('filters by rating, fandom, status and whether a story was read', async () => {
    await setProgress(db, ids.gamma, { chapter: 0, fraction: 0.2 }, Date.now());
    await open();
    const root = page!.root;
    const ratingBox = (level: string) => root.querySelector<HTMLInputElement>(`.library-rating-filter input[value="${level}"]`)!;

    await choose(ratingBox('mature'));
    await until(() => cards(root).length === 1, 'one story');
    expect(cardIds(root)).toEqual([ids.alpha]);
    await choose(ratingBox('general'));
    await until(() => cards(root).length === 2, 'two stories');
    expect(cardIds(root).sort()).toEqual([ids.alpha, ids.beta].sort());
    await choose(ratingBox('mature'));
    await choose(ratingBox('general'));
    await until(() => cards(root).length === 3, 'all three stories');

    const fandom = root.querySelector<HTMLSelectElement>('.library-fandom')!;
    expect(Array.from(fandom.options, (o) => o.textContent)).toEqual(['All fandoms', 'Star Trek (2)', 'Stargate (2)']);
    await choose(fandom, 'Stargate');
    await until(() => cards(root).length === 2, 'two stories');
    expect(cardIds(root).sort()).toEqual([ids.alpha, ids.beta].sort());
    await choose(fandom, '');

    await choose(root.querySelector<HTMLSelectElement>('.library-status')!, 'complete');
    await until(() => cards(root).length === 1, 'one story');
    expect(cardIds(root)).toEqual([ids.gamma]);
    await choose(root.querySelector<HTMLSelectElement>('.library-status')!, '');

    await choose(root.querySelector<HTMLSelectElement>('.library-read')!, 'unread');
    await until(() => cards(root).length === 2, 'two stories');
    expect(cardIds(root).sort()).toEqual([ids.alpha, ids.beta].sort());
    await choose(root.querySelector<HTMLSelectElement>('.library-read')!, 'read');
    await until(() => cards(root).length === 1, 'one story');
    expect(cardIds(root)).toEqual([ids.gamma]);
  });

  it('sorts, and reverses the order', async () => {
    await open();
    const root = page!.root;
    await choose(root.querySelector<HTMLSelectElement>('.library-sort')!, 'title');
    await until(() => cardIds(root)[0] === ids.alpha && cardIds(root)[2] === ids.gamma, 'the title order');
    expect(cardIds(root)).toEqual([ids.alpha, ids.beta, ids.gamma]);
    await click(root.querySelector('.library-reverse')!);
    await until(() => cardIds(root)[0] === ids.gamma, 'the reversed order');
    expect(cardIds(root)).toEqual([ids.gamma, ids.beta, ids.alpha]);
    expect(root.querySelector('.library-reverse')!.getAttribute('aria-pressed')).toBe('true');
    await choose(root.querySelector<HTMLSelectElement>('.library-sort')!, 'words');
    await until(() => cardIds(root)[0] === ids.beta, 'the reversed length order');
    expect(cardIds(root)).toEqual([ids.beta, ids.gamma, ids.alpha]);
  });
});

describe('library page jobs and sync', () => {
  const job = (change: Partial<JobView>): JobView => ({
    id: 'job-a',
    scope: 'story',
    url: 'https://archiveofourown.org/works/77',
    title: 'Delta Fetching',
    storyId: null,
    state: 'running',
    done: 2,
    total: 5,
    message: null,
    outcome: null,
    createdAt: Date.now(),
    updatedAt: Date.now(),
    ...change,
  });

  it('shows running jobs with progress and Cancel, their outcome when done, and the story they saved', async () => {
    await open({ jobs: [job({})] });
    await until(() => page!.root.querySelector('.job-progress') !== null, 'the job’s progress bar');
    const bar = page!.root.querySelector<HTMLProgressElement>('.job-progress')!;
    expect([bar.value, bar.max]).toEqual([2, 5]);
    expect(text(page!.root, '.job-state')).toBe('2 of 5 chapters');

    await click(page!.root.querySelector('.job-cancel')!);
    await until(() => page!.asked.some((r) => r.type === 'library-cancel'), 'the cancel request');
    expect(page!.asked).toContainEqual({ type: 'library-cancel', jobId: 'job-a' });

    const saved = await saveStory(db, story(77, { title: 'Delta Fetching' }), win);
    await page!.emit({
      type: 'library-event',
      jobs: [job({ state: 'done', done: 5, outcome: 'saved', storyId: saved.id })],
      changed: [saved.id],
    });
    await until(() => card(saved.id) !== null, 'the saved story’s card');
    expect(count()).toBe('4 stories');
    expect(page!.root.querySelector('.job-progress')).toBeNull();
    expect(text(page!.root, '.job-state')).toBe('Saved');
    // Once it has ended, the box names the story and how it ended, not "Saving: … Saved".
    expect(text(page!.root, '.job-title')).toBe('Delta Fetching');
  });

  it('checks every story for new chapters', async () => {
    await open();
    await click(page!.root.querySelector('.library-check-all')!);
    await until(() => text(page!.root, '.library-notice') !== null, 'the notice');
    expect(page!.asked).toContainEqual({ type: 'library-check' });
    expect(text(page!.root, '.library-notice')).toBe('Checking 1 story for new chapters.×');
  });

  it('a card’s check says “Checking…” only until its job has ended', async () => {
    const checking = job({ id: 'job-c', scope: 'update', title: 'Alpha Quartermaster', done: 0, total: null });
    await open({
      reply: (r) =>
        r.type === 'library-check'
          ? { ok: true, jobIds: ['job-c'] }
          : { ok: true, jobIds: [], jobs: r.type === 'library-jobs' ? [] : undefined },
    });
    await click(card(ids.alpha)!.querySelector('.check')!);
    await until(() => text(page!.root, '.library-notice') !== null, 'the notice');
    expect(text(page!.root, '.library-notice')).toBe('Checking for new chapters…×');
    await page!.emit({ type: 'library-event', jobs: [checking], changed: [] });
    expect(text(page!.root, '.library-notice')).toBe('Checking for new chapters…×');
    await page!.emit({ type: 'library-event', jobs: [{ ...checking, state: 'done', outcome: 'unchanged' }], changed: [] });
    await until(() => page!.root.querySelector('.library-notice') === null, 'the notice to go');
    expect(text(page!.root, '.job-state')).toBe('No new chapters');
  });

  it('shows the background’s refusal as an error', async () => {
    await open({ reply: (r) => (r.type === 'library-jobs' ? { ok: true, jobIds: [] } : { ok: false, error: 'Slipcase did not answer.' }) });
    await click(page!.root.querySelector('.library-check-all')!);
    await until(() => page!.root.querySelector('.library-notice.error') !== null, 'the error');
    expect(page!.root.querySelector('.library-notice.error')!.getAttribute('role')).toBe('alert');
    expect(text(page!.root, '.library-notice')).toBe('Could not check for new chapters: Slipcase did not answer.×');
  });

  it('lists stories saved in other browsers, and fetches them', async () => {
    const missing = [
      { id: 'ao3:archiveofourown.org:501', url: 'https://archiveofourown.org/works/501', title: 'Far Away' },
      { id: 'ao3:archiveofourown.org:502', url: 'https://archiveofourown.org/works/502', title: 'Further' },
    ];
    await open({ missing });
    await until(() => page!.root.querySelector('.library-missing') !== null, 'the missing stories');
    expect(text(page!.root, '.library-missing summary')).toBe('2 stories saved in your other browsers are not on this one');
    await click(page!.root.querySelector('.missing-fetch')!);
    await until(() => page!.asked.some((r) => r.type === 'library-save-url'), 'the fetch request');
    expect(page!.asked.filter((r) => r.type === 'library-save-url')).toEqual([
      { type: 'library-save-url', url: missing[0]!.url, title: 'Far Away' },
    ]);
    await click(button(page!.root, 'Fetch all'));
    await until(() => page!.asked.filter((r) => r.type === 'library-save-url').length >= 3, 'the fetch-all requests');
    expect(page!.asked.filter((r) => r.type === 'library-save-url')).toHaveLength(3);

    await click(page!.root.querySelectorAll('.missing-dismiss')[1]!);
    await until(() => page!.root.querySelectorAll('.library-missing li').length === 1, 'the dismissed story to go');
    expect(page!.dismissed).toEqual([missing[1]!.id]);
    expect(text(page!.root, '.library-missing summary')).toBe('1 story saved in your other browsers is not on this one');
  });

  it('shows the space the library uses', async () => {
    await open();
    await until(() => text(page!.root, '.library-footer') !== '', 'the space used');
    expect(text(page!.root, '.library-footer')).toBe('Space used: 12 MB of 2.0 GB available to Slipcase');
  });

  it('asks the browser to keep the library, and says when it will not', async () => {
    let asked = 0;
    await open({ persist: async () => (asked++, false) });
    await until(() => page!.root.querySelector('.library-eviction') !== null, 'the warning');
    expect(asked).toBe(1);
    expect(text(page!.root, '.library-eviction')).toMatch(/^This browser has not agreed to keep the library/);
  });

  it('says nothing more where the browser keeps the library', async () => {
    let asked = 0;
    await open({ persist: async () => (asked++, true) });
    await until(() => asked === 1 && text(page!.root, '.library-footer') !== '', 'the question and the space used');
    await settle();
    expect(page!.root.querySelector('.library-eviction')).toBeNull();
  });
});
