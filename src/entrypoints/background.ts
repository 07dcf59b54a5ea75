import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { gatedBadge } from '../warnings/decision-badge';
import { isSlipcaseMessage } from '../core/messages';
import { isLibraryEvent, isLibraryRequest } from '../library/messages';
import { READER_COMMAND, openReader } from '../reader/ext/open-reader';
import { forgetTab, saveTabReport } from '../shell/ext/tab-reports';
import { showBadge } from '../shell/ext/toolbar';
import { localHost, offscreenHost } from '../library/ext/runner-link';
import {
  handleLibraryRequest,
  onLibraryAlarm,
  onLibraryEvent,
  refreshLibraryBadge,
  resumeUnfinishedJobs,
  scheduleLibraryAlarms,
  syncNow,
} from '../library/ext/background';
import { watchRemoteSync } from '../library/ext/sync-storage';

const SAVE_CHAPTER_MENU = 'save-chapter';
const SAVE_STORY_MENU = 'save-story';

export default defineBackground(() => {
  // Firefox's background page has a DOM: the save jobs run right here. Chrome's service worker
  // has none: they run in an offscreen document (src/library/ext/runner-link.ts).
  const library = import.meta.env.FIREFOX ? localHost(onLibraryEvent) : offscreenHost();

  // Listeners are registered synchronously so a woken service worker sees the first message.
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (isLibraryRequest(message)) return handleLibraryRequest(library, message, sender.tab?.id);
    // Chrome: progress from the offscreen document's runner.
    if (isLibraryEvent(message)) return void onLibraryEvent(message);
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
    if (tab?.id === undefined) return;
    if (info.menuItemId === READER_COMMAND) void openReader(tab.id);
    if (info.menuItemId === SAVE_CHAPTER_MENU || info.menuItemId === SAVE_STORY_MENU)
      void handleLibraryRequest(library, { type: 'library-save', tabId: tab.id, scope: info.menuItemId === SAVE_STORY_MENU ? 'story' : 'chapter' }, tab.id);
  });
  // Chrome keeps menu items across service-worker restarts and Firefox does not keep them across
  // browser restarts: start from none every time, so there is always exactly one of each.
  void browser.contextMenus.removeAll().then(() => {
    const contexts: ['page', 'selection'] = ['page', 'selection'];
    browser.contextMenus.create({ id: READER_COMMAND, title: 'Read in Slipcase', contexts });
    browser.contextMenus.create({ id: SAVE_CHAPTER_MENU, title: 'Save this chapter to the Slipcase library', contexts });
    browser.contextMenus.create({ id: SAVE_STORY_MENU, title: 'Save the whole story to the Slipcase library', contexts });
  });

  browser.alarms.onAlarm.addListener((alarm) => void onLibraryAlarm(library, alarm.name));
  watchRemoteSync(() => void syncNow());
  void scheduleLibraryAlarms();
  void refreshLibraryBadge();
  // After a browser restart (or an update), jobs cut off half-way carry on.
  void resumeUnfinishedJobs(library);
});
