/**
 * "Always allow this story" from a page's interstitial, written by the background: the content
 * script asks, and the background stores the exception only for the story of the sender's own page.
 */
import type { Handlers, Sender } from '../../core/ext/messaging';
import { senderPage } from '../../core/ext/messaging';
import type { RatingAllowMessage } from '../../core/messages';
import { storyKey } from '../policy';
import { allow } from './settings-storage';

/** Whether the page's story is the one the sender's tab shows (its top frame, and the tab's address where known). */
function isSendersStory(page: RatingAllowMessage['page'], sender: Sender): boolean {
  const from = senderPage(sender);
  if (!from) return false;
  try {
    const key = storyKey(page);
    return [from, sender.tab?.url ?? from].every((url) => storyKey({ ...page, url }) === key);
  } catch {
    // An address that is none: no story.
    return false;
  }
}

export const ratingAllowHandlers: Handlers = {
  'rating-allow': async (m, sender) => {
    if (!isSendersStory(m.page, sender)) return false;
    await allow(m.page, 'stories');
    return true;
  },
};
