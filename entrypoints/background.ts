import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { gatedBadge } from '../utils/gate-badge';
import { isSlipcaseMessage } from '../utils/messages';
import { READER_COMMAND, openReader } from '../utils/ext/reader-open';
import { forgetTab, saveTabReport } from '../utils/ext/tab-reports';
import { showBadge } from '../utils/ext/toolbar';

export default defineBackground(() => {
  // Listeners are registered synchronously so a woken service worker sees the first message.
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const tabId = sender.tab?.id;
    if (!isSlipcaseMessage(message) || tabId === undefined) return;
    // Only the top frame speaks for the tab; frames inside a page are not the page.
    if (sender.frameId !== undefined && sender.frameId !== 0) return;
    return Promise.all([saveTabReport(tabId, message.report), showBadge(tabId, gatedBadge(message.report, message.decision))]).then(() => undefined);
  });

  browser.tabs.onUpdated.addListener((tabId, change) => {
    // A new document in the tab: the old report no longer describes it.
    if (change.status === 'loading' && change.url) void Promise.all([forgetTab(tabId), showBadge(tabId, null)]);
  });
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));

  // The keyboard shortcut and the context menu open the reader; both grant activeTab, so this
  // works on any page, not only the archives Slipcase has host permission for.
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === READER_COMMAND && tab?.id !== undefined) void openReader(tab.id);
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === READER_COMMAND && tab?.id !== undefined) void openReader(tab.id);
  });
  // Chrome keeps menu items across service-worker restarts and Firefox does not keep them across
  // browser restarts: start from none every time, so there is always exactly one.
  void browser.contextMenus
    .removeAll()
    .then(() => browser.contextMenus.create({ id: READER_COMMAND, title: 'Read in Slipcase', contexts: ['page', 'selection'] }));
});
