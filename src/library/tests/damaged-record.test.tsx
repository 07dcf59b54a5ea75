// @vitest-environment jsdom
/**
 * A story record damaged on disk (an old bug, a browser fault) stays in the library: it is listed
 * with what can be read, opens in the reader, and is rebuilt from its saved copy on Repair.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryDb } from '../db/db';
import { loadStory } from '../db/reading';
import { readableStory } from '../db/repair';
import { saveStory } from '../db/save';
import type { StoryRecord } from '../types';
import { freshLibrary, makeStory, seeded, testWindow } from './library-fixtures';
import { click, until } from '../../../tests/lib/ui';
import { button, cards, renderPage, type Rendered } from './library-page-helpers';

const win = testWindow();
const rand = seeded(5);
let db: LibraryDb;
let page: Rendered | null = null;
let whole: StoryRecord;

type Raw = Record<string, unknown>;
const DAMAGE: [string, (s: Raw) => Raw][] = [
  ['its details gone', (s) => ({ ...s, meta: undefined })],
  ['its details of the wrong types', (s) => ({ ...s, meta: { ...(s.meta as Raw), title: 7, authors: null, fandoms: 'x', rating: 'G' } })],
  ['most of its fields gone', (s) => ({ id: s.id, updatedAt: s.updatedAt, sortTitle: s.sortTitle })],
];

beforeEach(async () => {
  db = await freshLibrary();
  const { id } = await saveStory(db, makeStory(rand, 1, { chapters: [3, 3], words: [40, 80] }), win);
  await saveStory(db, makeStory(rand, 2), win);
  whole = (await db.get('stories', id))!;
});
afterEach(() => {
  page?.unmount();
  page = null;
  db.close();
});

const card = (id: string) => cards(page!.root).find((c) => c.dataset.storyId === id);

describe('a damaged story record', () => {
  it.each(DAMAGE)('with %s is listed, marked, and rated unknown, never general', async (_what, damage) => {
    await db.put('stories', damage(whole as unknown as Raw) as unknown as StoryRecord);
    page = renderPage(db);
    await until(() => cards(page!.root).length === 2, 'both cards');
    const damaged = card(whole.id)!;
    expect(damaged.querySelector('.card-damaged')?.textContent).toMatch(/could not be read/);
    expect(damaged.querySelector('.rating')!.className).not.toMatch(/general/);
    expect(damaged.querySelector<HTMLAnchorElement>('.read')!.getAttribute('href')).toContain(encodeURIComponent(whole.id));
    expect(cards(page.root).filter((c) => c.querySelector('.card-damaged'))).toHaveLength(1);
  });

  it.each(DAMAGE)('with %s opens in the reader with every saved chapter', async (_what, damage) => {
    await db.put('stories', damage(whole as unknown as Raw) as unknown as StoryRecord);
    const bundle = await loadStory(db, whole.id);
    expect(bundle!.chapters).toHaveLength(3);
    expect(readableStory(bundle!.story).damaged).toBe(true);
  });

  it.each(DAMAGE)('with %s is rebuilt from its saved copy on Repair', async (_what, damage) => {
    await db.put('stories', damage(whole as unknown as Raw) as unknown as StoryRecord);
    page = renderPage(db);
    await until(() => !!card(whole.id)?.querySelector('.repair'), 'the Repair button');
    await click(card(whole.id)!.querySelector('.repair'));
    await until(() => !!card(whole.id) && !card(whole.id)!.querySelector('.card-damaged'), 'the repaired card');
    expect(card(whole.id)!.querySelector('.card-title')!.textContent).toBe(whole.meta.title);
    const repaired = (await db.get('stories', whole.id))!;
    expect({ ...repaired, savedAt: 0, updatedAt: 0, lastReadAt: 0 }).toEqual({ ...whole, savedAt: 0, updatedAt: 0, lastReadAt: 0 });
  });

  it('with no saved copy left says what the reader can still do', async () => {
    await db.put('stories', { ...whole, meta: undefined, version: 99 } as unknown as StoryRecord);
    await db.clear('versions');
    page = renderPage(db);
    await until(() => !!card(whole.id)?.querySelector('.repair'), 'the Repair button');
    await click(card(whole.id)!.querySelector('.repair'));
    await until(() => !!page!.root.querySelector('.library-notice.error'), 'the notice');
    expect(page.root.querySelector('.library-notice.error')!.textContent).toMatch(/Save it again from its site, or delete it/);
    expect(card(whole.id)!.querySelector('.card-damaged')).not.toBeNull();
    expect(button(page.root, 'Repair')).toBeTruthy();
  });
});
