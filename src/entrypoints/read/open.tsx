/**
 * The offline reader's page: wires the library opened in this page, the reader's and the
 * warnings' storage, and this tab into the offline reader (src/library/ui/OfflineReader.tsx).
 */
import { browser } from 'wxt/browser';
import { askLibrary } from '../../library/ext/client';
import { fetchFromFolder } from '../../library/dav/ext/dav-client';
import { libraryDb } from '../../library/ext/library-db';
import { loadProgress, loadStory, markChapterSeen, readerPath, setProgress } from '../../library/db/reading';
import type { LibraryDb } from '../../library/db/db';
import type { SavedStories } from '../../library/ui/saved-story';
import { openOfflineReader } from '../../library/ui/OfflineReader';
import { loadDyslexicFont } from '../../reader/ext/fonts';
import { loadSettings, saveSettings, watchSettings } from '../../reader/ext/reader-storage';
import { allow, loadRatingSettings } from '../../warnings/ext/settings-storage';
import { loadMemorySettings } from '../../library/ext/memory-host';
import { rememberSavedChapter } from '../../library/db/memory';

const LIBRARY_PATH = '/options.html#library';

/** WXT types getURL with the known public files; the library page's fragment is not one of them. */
const extensionUrl = (path: string) => (browser.runtime.getURL as (path: string) => string)(path);

function savedStories(db: LibraryDb): SavedStories {
  return {
    load: (id) => loadStory(db, id),
    loadProgress: (id) => loadProgress(db, id),
    async saveProgress(id, position) {
      await setProgress(db, id, position);
      // The place follows the reader to their other browsers (the background syncs it).
      void askLibrary({ type: 'library-sync' });
    },
    async markChapterSeen(id, chapter) {
      const left = await markChapterSeen(db, id, chapter);
      // The reading memory follows the offline reader as it follows the archive's pages.
      if ((await loadMemorySettings()).remember) await rememberSavedChapter(db, id, chapter);
      return left;
    },
    readerPath,
  };
}

/** Opens the story the address names in `root`, behind the rating gate when it needs one. */
export async function openSavedStory(root: HTMLElement): Promise<void> {
  await openOfflineReader(root, {
    stories: savedStories(await libraryDb()),
    loadRatingSettings,
    allowStory: (report) => allow(report, 'stories'),
    loadReaderSettings: loadSettings,
    saveSettings,
    watchSettings,
    loadFont: (font) => (font === 'dyslexic' ? loadDyslexicFont() : Promise.resolve()),
    libraryUrl: () => extensionUrl(LIBRARY_PATH),
    fetchText: fetchFromFolder,
    async closeTab() {
      const tab = await browser.tabs.getCurrent();
      if (tab?.id === undefined) return false;
      await browser.tabs.remove(tab.id);
      return true;
    },
  });
}
