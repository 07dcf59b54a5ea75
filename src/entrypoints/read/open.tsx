/**
 * The offline reader: a saved story from the library in the same Reader as reader mode, with
 * nothing fetched. Its address names the story and chapter (src/library/db/reading.ts#readerPath), so
 * the chapters are history entries of this page and a reload opens the same one. The rating gate
 * stands before any story text is rendered, as it does on the archive's own pages.
 */
import { render } from 'preact';
import { Reader, type ReaderServices } from '../../reader/ui/Reader';
import { savedChapterView, savedReport, savedStoryText } from '../../library/offline-view';
import { buildInterstitial, mountInterstitial } from '../../warnings/ui/interstitial';
import { askLibrary, libraryDb } from '../../library/ext/client';
import { loadDyslexicFont } from '../../reader/ext/fonts';
import { loadSettings, saveSettings, watchSettings } from '../../reader/ext/reader-storage';
import { allow, loadRatingSettings } from '../../warnings/ext/settings-storage';
import { loadProgress, loadStory, markChapterSeen, readerPath, setProgress } from '../../library/db/reading';
import type { ChapterRecord, StoryRecord } from '../../library/types';
import type { LibraryDb } from '../../library/db/db';
import type { PageReport, ReaderView } from '../../core/model';
import { decide, type RatingSettings } from '../../warnings/policy';
import { browser } from 'wxt/browser';

const LIBRARY_PATH = '/options.html#library';

/** WXT types getURL with the known public files; the library page's fragment is not one of them. */
const extensionUrl = (path: string) => (browser.runtime.getURL as (path: string) => string)(path);

/** Opens the story the address names in `root`, behind the rating gate when it needs one. */
export async function openSavedStory(root: HTMLElement): Promise<void> {
  // A tab opened just for this story is closed with it; otherwise the library is where it goes back to.
  const ownTab = history.length <= 1;
  const params = new URLSearchParams(location.search);
  const id = params.get('id');
  const db = await libraryDb();
  const bundle = id ? await loadStory(db, id) : null;
  if (!bundle || bundle.chapters.length === 0) {
    document.title = 'Not in your library · Slipcase';
    render(<Missing />, root);
    return;
  }
  const { story, chapters, progress } = bundle;
  document.title = story.meta.title;

  const asked = Number(params.get('chapter') ?? NaN);
  const start = [asked, progress?.chapter ?? 0].find((n) => Number.isInteger(n) && n >= 0 && n < chapters.length) ?? 0;
  const opened = new SavedStory(db, story, chapters, await loadRatingSettings(), () => void leave(ownTab));
  history.replaceState(history.state, '', opened.address(start));

  // Judged once, as a whole: an unrated story's estimate reads all of its saved text, so a short
  // chapter (too little to estimate on its own) does not cover a story already judged.
  await opened.passGate(savedReport(story, savedStoryText(chapters, window)));
  const view = opened.view(start);
  void markChapterSeen(db, story.id, start).catch(() => undefined);
  render(<Reader url={opened.address(start)} view={view} settings={await loadSettings()} services={opened.services()} onClose={opened.leave} />, root);
}

/** One saved story open in this page: its chapters' addresses and views, the gate, the services. */
class SavedStory {
  constructor(
    private readonly db: LibraryDb,
    private readonly story: StoryRecord,
    private readonly chapters: readonly ChapterRecord[],
    private readonly ratings: RatingSettings,
    readonly leave: () => void,
  ) {}

  address(index: number): string {
    return new URL(readerPath(this.story.id, index), location.href).href;
  }

  /** The chapter an address of this page names, or null for any other address. */
  indexOf(url: string): number | null {
    const u = new URL(url);
    if (u.origin !== location.origin || u.pathname !== location.pathname || u.searchParams.get('id') !== this.story.id) return null;
    const index = Number(u.searchParams.get('chapter'));
    return Number.isInteger(index) && index >= 0 && index < this.chapters.length ? index : null;
  }

  view(index: number): ReaderView {
    return savedChapterView(this.story, this.chapters, index, (i) => this.address(i), window);
  }

  /**
   * Resolves once the story may be shown: at once when the reader's settings let it through, else
   * when they choose to show or always allow it on the interstitial. "Go back" leaves the reader,
   * and this never resolves.
   */
  passGate(report: PageReport): Promise<void> {
    const decision = decide(report, this.ratings, this.story.id);
    if (!decision.gate) return Promise.resolve();
    return new Promise((resolve) => {
      const lift = () => {
        unmount();
        resolve();
      };
      const host = buildInterstitial(document, report, decision, {
        show: lift,
        allowStory: async () => {
          await allow(report, 'stories');
          lift();
        },
        back: this.leave,
      });
      const unmount = mountInterstitial(document, host);
    });
  }

  services(): ReaderServices {
    const { db, story } = this;
    const indexOf = (url: string) => {
      const index = this.indexOf(url);
      if (index === null) throw new Error(`Not a chapter of ${story.id}: ${url}`);
      return index;
    };
    return {
      loadChapter: async (url) => {
        const index = indexOf(url);
        const view = this.view(index);
        void markChapterSeen(db, story.id, index).catch(() => undefined);
        return { view, url: this.address(index) };
      },
      canLoadInPlace: (url) => this.indexOf(url) !== null,
      async loadPosition(url) {
        const progress = await loadProgress(db, story.id);
        return progress && progress.chapter === indexOf(url) ? { fraction: progress.fraction } : null;
      },
      async savePosition(url, _anchor, fraction) {
        await setProgress(db, story.id, { chapter: indexOf(url), fraction });
        // The place follows the reader to their other browsers (the background syncs it).
        void askLibrary({ type: 'library-sync' });
      },
      saveSettings,
      watchSettings,
      loadFont: (font) => (font === 'dyslexic' ? loadDyslexicFont() : Promise.resolve()),
    };
  }
}

/** Closing the reader: the tab goes, if it was opened for the story; else the library shows. */
async function leave(ownTab: boolean): Promise<void> {
  const library = extensionUrl(LIBRARY_PATH);
  if (ownTab) {
    try {
      const tab = await browser.tabs.getCurrent();
      if (tab?.id !== undefined) {
        await browser.tabs.remove(tab.id);
        return;
      }
    } catch {
      // No tab to close (a popup window, a browser that refuses): the library, then.
    }
  }
  location.assign(library);
}

function Missing() {
  return (
    <main class="missing">
      <h1>This story is not in your library</h1>
      <p>It may have been removed, or the link is incomplete.</p>
      <p>
        <a href={extensionUrl(LIBRARY_PATH)}>Open the library</a>
      </p>
    </main>
  );
}
