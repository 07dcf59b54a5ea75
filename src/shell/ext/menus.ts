/**
 * The keyboard shortcut and the context menu: read the page in Slipcase, save it to the library.
 * Both grant activeTab, so this works on any page, not only the archives Slipcase has host
 * permission for. Firefox for Android has neither API (MDN's compatibility data, README): there
 * both are skipped, and the popup's Read and Save buttons do the same work.
 */
import { browser } from 'wxt/browser';
import { READER_COMMAND, openReader } from '../../reader/ext/open-reader';

const SAVE_CHAPTER_MENU = 'save-chapter';
const SAVE_STORY_MENU = 'save-story';

/** Listens for the shortcut and the menu (synchronously, for a woken worker), and creates the menu items. */
export function installReaderAndSaveMenus(saveTab: (tabId: number, scope: 'chapter' | 'story') => void): void {
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command === READER_COMMAND && tab?.id !== undefined) void openReader(tab.id);
  });
  browser.contextMenus?.onClicked.addListener((info, tab) => {
    if (tab?.id === undefined) return;
    if (info.menuItemId === READER_COMMAND) void openReader(tab.id);
    if (info.menuItemId === SAVE_CHAPTER_MENU || info.menuItemId === SAVE_STORY_MENU)
      saveTab(tab.id, info.menuItemId === SAVE_STORY_MENU ? 'story' : 'chapter');
  });
  // Chrome keeps menu items across service-worker restarts and Firefox does not keep them across
  // browser restarts: start from none every time, so there is always exactly one of each.
  void browser.contextMenus?.removeAll().then(() => {
    const contexts: ['page', 'selection'] = ['page', 'selection'];
    browser.contextMenus?.create({ id: READER_COMMAND, title: 'Read in Slipcase', contexts });
    browser.contextMenus?.create({ id: SAVE_CHAPTER_MENU, title: 'Save this chapter to the Slipcase library', contexts });
    browser.contextMenus?.create({ id: SAVE_STORY_MENU, title: 'Save the whole story to the Slipcase library', contexts });
  });
}
