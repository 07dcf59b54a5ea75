/**
 * The offline reader: a saved story from the library in the same Reader as reader mode, with
 * nothing fetched. Its address names the story and chapter (SavedStories#readerPath), so the
 * chapters are history entries of this page and a reload opens the same one. The rating gate
 * stands before any story text is rendered, as it does on the archive's own pages.
 */
import { render } from 'preact';
import type { ReaderSettings } from '../../reader/settings';
import { Reader } from '../../reader/ui/Reader';
import type { ReaderServices } from '../../reader/ui/reader-services';
import type { RatingSettings } from '../../warnings/policy';
import { savedReport, savedStoryText } from '../offline-view';
import { SavedStory, type AllowStory, type SavedStories } from './saved-story';

/** Everything the offline reader reaches outside its page; src/entrypoints/read/open.tsx wires it. */
export interface OfflineReaderServices extends Pick<ReaderServices, 'saveSettings' | 'watchSettings' | 'loadFont'> {
  stories: SavedStories;
  loadRatingSettings(): Promise<RatingSettings>;
  allowStory: AllowStory;
  loadReaderSettings(): Promise<ReaderSettings>;
  /** The library page's full address. */
  libraryUrl(): string;
  /** Closes the tab this page is in: false when it has none. */
  closeTab(): Promise<boolean>;
  /** Fetches the text of a story kept in the sync folder (StoryRecord.textIn): null when it is here now, else why not. */
  fetchText(id: string): Promise<string | null>;
}

/** Opens the story the address names in `root`, behind the rating gate when it needs one. */
export async function openOfflineReader(root: HTMLElement, services: OfflineReaderServices): Promise<void> {
  // A tab opened just for this story is closed with it; otherwise the library is where it goes back to.
  const ownTab = history.length <= 1;
  const params = new URLSearchParams(location.search);
  const id = params.get('id');
  let bundle = id ? await services.stories.load(id) : null;
  if (bundle?.story.textIn && id) {
    // The story's text is in the sync folder (a device that keeps only opened stories): fetched now, once.
    document.title = `${bundle.story.meta.title} · Slipcase`;
    render(<InFolder title={bundle.story.meta.title} problem={null} />, root);
    const problem = navigator.onLine === false ? 'You are offline.' : await services.fetchText(id);
    if (problem !== null) {
      const retry = () => void openOfflineReader(root, services);
      return void render(<InFolder title={bundle.story.meta.title} problem={problem} retry={retry} />, root);
    }
    bundle = await services.stories.load(id);
  }
  if (!bundle || bundle.chapters.length === 0 || bundle.story.textIn) {
    document.title = 'Not in your library · Slipcase';
    render(<Missing libraryUrl={services.libraryUrl()} />, root);
    return;
  }
  const { story, chapters, progress } = bundle;
  document.title = story.meta.title;

  const asked = Number(params.get('chapter') ?? NaN);
  const start = [asked, progress?.chapter ?? 0].find((n) => Number.isInteger(n) && n >= 0 && n < chapters.length) ?? 0;
  const opened = new SavedStory(services.stories, story, chapters, await services.loadRatingSettings(), () => void leave(ownTab, services));
  history.replaceState(history.state, '', opened.address(start));

  // Judged once, as a whole: an unrated story's estimate reads all of its saved text, so a short
  // chapter (too little to estimate on its own) does not cover a story already judged.
  await opened.passGate(savedReport(story, savedStoryText(chapters, window)), services.allowStory);
  const view = opened.view(start);
  opened.seen(start);
  const { saveSettings, watchSettings, loadFont } = services;
  const readerServices: ReaderServices = { ...opened.chapterServices(), saveSettings, watchSettings, loadFont };
  render(
    <Reader
      url={opened.address(start)}
      view={view}
      settings={await services.loadReaderSettings()}
      services={readerServices}
      onClose={opened.leave}
    />,
    root,
  );
}

/** Closing the reader: the tab goes, if it was opened for the story; else the library shows. */
async function leave(ownTab: boolean, services: Pick<OfflineReaderServices, 'closeTab' | 'libraryUrl'>): Promise<void> {
  const library = services.libraryUrl();
  if (ownTab) {
    try {
      if (await services.closeTab()) return;
    } catch {
      // No tab to close (a popup window, a browser that refuses): the library, then.
    }
  }
  location.assign(library);
}

/** A story whose text is in the sync folder: being fetched, or why it could not be. */
function InFolder({ title, problem, retry }: { title: string; problem: string | null; retry?: () => void }) {
  return (
    <main class="missing in-folder" aria-busy={problem === null}>
      <h1>{title}</h1>
      {problem === null ? (
        <p role="status">Fetching the story from your sync folder…</p>
      ) : (
        <>
          <p role="alert">This story’s text is in your sync folder, and could not be fetched. {problem}</p>
          <p>
            <button type="button" onClick={retry}>
              Try again
            </button>
          </p>
        </>
      )}
    </main>
  );
}

function Missing({ libraryUrl }: { libraryUrl: string }) {
  return (
    <main class="missing">
      <h1>This story is not in your library</h1>
      <p>It may have been removed, or the link is incomplete.</p>
      <p>
        <a href={libraryUrl}>Open the library</a>
      </p>
    </main>
  );
}
