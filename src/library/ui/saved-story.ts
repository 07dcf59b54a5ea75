/**
 * One saved story open in the offline reader: its chapters' addresses and reader views, the rating
 * gate before it, and the reader's services over the library. The library itself comes in as
 * `SavedStories`, wired by the page (src/entrypoints/read/open.tsx).
 */
import type { PageReport, ReaderView } from '../../core/model';
import type { ReaderServices } from '../../reader/ui/reader-services';
import { decide, type RatingSettings } from '../../warnings/policy';
import { buildInterstitial, mountInterstitial } from '../../warnings/ui/interstitial';
import { savedChapterView } from '../offline-view';
import type { ChapterRecord, Position, ProgressRecord, StoryRecord } from '../types';

/** The saved stories as the offline reader reads and marks them. */
export interface SavedStories {
  /** A story with its saved chapters in reading order and its place; null when it is not saved. */
  load(id: string): Promise<{ story: StoryRecord; chapters: ChapterRecord[]; progress: ProgressRecord | null } | null>;
  loadProgress(id: string): Promise<ProgressRecord | null>;
  /** Keeps the reader's place (and lets it follow them to their other browsers). */
  saveProgress(id: string, position: Position): Promise<void>;
  /** The reader reached this chapter: new chapters up to it stop counting as new. */
  markChapterSeen(id: string, chapter: number): Promise<unknown>;
  /** The offline reader's address for a story, relative to the extension's root. */
  readerPath(id: string, chapter?: number): string;
}

/** What the gate needs: "Always allow this story" written to the reader's settings. */
export type AllowStory = (report: PageReport) => Promise<unknown>;

export class SavedStory {
  constructor(
    private readonly stories: SavedStories,
    private readonly story: StoryRecord,
    private readonly chapters: readonly ChapterRecord[],
    private readonly ratings: RatingSettings,
    readonly leave: () => void,
  ) {}

  address(index: number): string {
    return new URL(this.stories.readerPath(this.story.id, index), location.href).href;
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

  /** Marks a chapter reached; a failure only leaves it counted as new. */
  seen(index: number): void {
    void this.stories.markChapterSeen(this.story.id, index).catch(() => undefined);
  }

  /**
   * Resolves once the story may be shown: at once when the reader's settings let it through, else
   * when they choose to show or always allow it on the interstitial. "Go back" leaves the reader,
   * and this never resolves.
   */
  passGate(report: PageReport, allowStory: AllowStory): Promise<void> {
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
          await allowStory(report);
          lift();
        },
        back: this.leave,
      });
      const unmount = mountInterstitial(document, host);
    });
  }

  /** The reader's chapter and position services, over this story's saved chapters only. */
  chapterServices(): Pick<ReaderServices, 'loadChapter' | 'canLoadInPlace' | 'loadPosition' | 'savePosition'> {
    const { stories, story } = this;
    const indexOf = (url: string) => {
      const index = this.indexOf(url);
      if (index === null) throw new Error(`Not a chapter of ${story.id}: ${url}`);
      return index;
    };
    return {
      loadChapter: async (url) => {
        const index = indexOf(url);
        const view = this.view(index);
        this.seen(index);
        return { view, url: this.address(index) };
      },
      canLoadInPlace: (url) => this.indexOf(url) !== null,
      async loadPosition(url) {
        const progress = await stories.loadProgress(story.id);
        if (!progress || progress.chapter !== indexOf(url)) return null;
        return { fraction: progress.fraction, ...(progress.text !== undefined && { text: progress.text }) };
      },
      savePosition: (url, anchor, fraction) =>
        stories.saveProgress(story.id, { chapter: indexOf(url), fraction: fraction(), text: anchor.text }),
    };
  }
}
