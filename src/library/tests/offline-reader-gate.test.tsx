// @vitest-environment jsdom
// @vitest-environment-options {"url": "http://localhost/read.html"}
/**
 * The rating gate before a saved story: the same interstitial as on the archive's pages, decided
 * from what the library stored, with none of the story's text in the page until the reader
 * chooses to see it.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSavedStory } from '../../entrypoints/read/open';
import { loadRatingSettings, saveRatingSettings } from '../../warnings/ext/settings-storage';
import { DEFAULT_RATING_SETTINGS } from '../../warnings/policy';
import { click, until } from '../../../tests/lib/ui';
import { recordShadowRoots, shadowOf } from '../../../tests/lib/shadow-roots';
import { fakeExtensionPage, fakeLayout, paragraph, saveWork, unmount } from './offline-reader-lib';

let root: HTMLElement;
let page: { closedTabs: number[] };

beforeAll(() => {
  fakeLayout();
  recordShadowRoots();
});

beforeEach(() => {
  page = fakeExtensionPage();
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  unmount(root);
  root.remove();
});

let nextWork = 500;

/** Opens the story; resolves once the page shows either the gate or the reader. */
async function open(id: string): Promise<void> {
  history.replaceState(null, '', `/read.html?id=${encodeURIComponent(id)}`);
  // Behind the gate, opening finishes only once the reader chooses.
  void openSavedStory(root);
  await until(() => gate() !== null || root.querySelector('.story') !== null, 'the gate or the story');
}

const gate = () => document.querySelector('slipcase-gate');
const gateButton = (action: string) => shadowOf(gate()).querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
const pageText = () => document.body.textContent ?? '';

describe('the rating gate in the offline reader', () => {
  // First: going back closes a tab opened for the story (a history of one entry).
  it('"Go back" leaves without showing the story', async () => {
    const work = nextWork++;
    const id = await saveWork(work, 'explicit');
    await open(id);
    await click(gateButton('back'));
    await until(() => page.closedTabs.length > 0, 'the tab to close');
    expect(page.closedTabs).toEqual([7]);
    expect(pageText()).not.toContain(paragraph(work, 0, 0));
  });

  it('covers an explicit story under the default settings, with no story text in the page until "Show this story"', async () => {
    const work = nextWork++;
    const id = await saveWork(work, 'explicit');
    await open(id);
    expect(gate()).not.toBeNull();
    const card = shadowOf(gate()).textContent ?? '';
    expect(card).toContain(`The Long Road ${work}`);
    expect(card).toContain('Rated Explicit — above your limit of Mature');
    expect(gateButton('allow')?.textContent).toBe('Always allow this story');
    expect(root.querySelector('.story')).toBeNull();
    expect(root.querySelector('.reader')).toBeNull();
    expect(pageText()).not.toContain(paragraph(work, 0, 0));
    expect(document.body.inert).toBe(true);

    await click(gateButton('show'));
    await until(() => root.querySelector('.story') !== null, 'the story');
    expect(gate()).toBeNull();
    expect(document.body.inert).toBe(false);
    expect(root.querySelector('.story p')?.textContent).toBe(paragraph(work, 0, 0));
    // Shown this time: turning a chapter does not ask again.
    await click(root.querySelector('.bar .next'));
    await until(() => root.querySelector('.story p')?.textContent === paragraph(work, 1, 0), 'chapter 2');
    expect(gate()).toBeNull();
  });

  it('"Always allow this story" remembers the exception, so the story opens straight away next time', async () => {
    const work = nextWork++;
    const id = await saveWork(work, 'explicit');
    await open(id);
    await click(gateButton('allow'));
    await until(() => root.querySelector('.story') !== null, 'the story');
    expect((await loadRatingSettings()).exceptions.stories).toEqual([id]);

    unmount(root);
    await open(id);
    expect(gate()).toBeNull();
    expect(root.querySelector('.story p')?.textContent).toBe(paragraph(work, 0, 0));
  });

  it('lets a general story through, and covers an unrated one when the reader asks to be warned about every unrated page', async () => {
    const general = await saveWork(nextWork++, 'general');
    await open(general);
    expect(gate()).toBeNull();
    unmount(root);

    await saveRatingSettings({ ...DEFAULT_RATING_SETTINGS, unrated: 'warn' });
    const unrated = await saveWork(nextWork++, 'unknown');
    await open(unrated);
    expect(gate()).not.toBeNull();
    expect(shadowOf(gate()).textContent).toContain('you are warned about every unrated page');
  });
});
