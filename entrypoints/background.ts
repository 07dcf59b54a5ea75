import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { badgeFor } from '../utils/badge';
import { isSlipcaseMessage } from '../utils/messages';
import { forgetTab, saveTabReport } from '../utils/ext/tab-reports';
import { showBadge } from '../utils/ext/toolbar';

export default defineBackground(() => {
  // Listeners are registered synchronously so a woken service worker sees the first message.
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const tabId = sender.tab?.id;
    if (!isSlipcaseMessage(message) || tabId === undefined) return;
    // Only the top frame speaks for the tab; frames inside a page are not the page.
    if (sender.frameId !== undefined && sender.frameId !== 0) return;
    return Promise.all([saveTabReport(tabId, message.report), showBadge(tabId, badgeFor(message.report))]).then(() => undefined);
  });

  browser.tabs.onUpdated.addListener((tabId, change) => {
    // A new document in the tab: the old report no longer describes it.
    if (change.status === 'loading' && change.url) void Promise.all([forgetTab(tabId), showBadge(tabId, null)]);
  });
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
});
