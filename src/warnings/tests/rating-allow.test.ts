/**
 * "Always allow this story" goes through the background, which stores the exception only for the
 * story of the sender's own tab: forged senders change nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handle } from '../../core/ext/messaging';
import { ratingAllowHandlers } from '../ext/rating-allow';
import { loadExceptionLabels, loadRatingSettings } from '../ext/settings-storage';

const STORY_PAGE = 'https://archiveofourown.org/works/41877321/chapters/104000001';
const page = { url: STORY_PAGE, site: 'ao3', title: 'Velvet and Ash', author: 'mourning_dove' };
const message = { type: 'rating-allow', page };
/** The detect content script in the top frame of tab 4, which shows the story. */
const GATE = { id: 'test-extension-id', url: STORY_PAGE, tab: { id: 4, url: STORY_PAGE }, frameId: 0 };

const deliver = async (raw: unknown, sender: object) => (await fakeBrowser.runtime.onMessage.trigger(raw, sender, () => undefined))[0];

beforeEach(() => {
  fakeBrowser.reset();
  handle(ratingAllowHandlers);
});

describe('rating-allow', () => {
  it('stores the exception for the story of the sender’s own page', async () => {
    // Another chapter's address is the same story.
    const chapter = { ...GATE, url: `${STORY_PAGE}#main`, tab: { id: 4, url: `${STORY_PAGE}#main` } };
    expect(await deliver(message, chapter)).toBe(true);
    expect((await loadRatingSettings()).exceptions.stories).toEqual(['ao3:archiveofourown.org:41877321']);
    expect(await loadExceptionLabels()).toEqual({
      'ao3:archiveofourown.org:41877321': 'Velvet and Ash by mourning_dove (archiveofourown.org)',
    });
  });

  it('changes nothing for forged senders', async () => {
    const otherStory = 'https://archiveofourown.org/works/5/chapters/6';
    for (const sender of [
      // A tab that shows another story, or whose page moved on.
      { ...GATE, url: otherStory, tab: { id: 4, url: otherStory } },
      { ...GATE, tab: { id: 4, url: otherStory } },
      // A frame inside the page, which does not speak for the tab.
      { ...GATE, frameId: 2 },
      // A web page, another extension, an extension page, no sender at all.
      { url: STORY_PAGE, tab: { id: 4, url: STORY_PAGE }, frameId: 0 },
      { ...GATE, id: 'other-extension' },
      { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/options.html' },
      {},
    ])
      expect(await deliver(message, sender), JSON.stringify(sender)).not.toBe(true);
    expect(await deliver({ ...message, page: { ...page, url: 'not an address' } }, GATE)).toBe(false);
    expect((await loadRatingSettings()).exceptions.stories).toEqual([]);
    expect(await loadExceptionLabels()).toEqual({});
  });
});
