/**
 * What the reader needs from outside: storage, fetching chapters, fonts and saving. The content
 * script and the offline reader each build these from their own extension shell, so the reader's
 * components and hooks stay plain DOM and Preact.
 */
import type { ReaderView } from '../../core/model';
import type { FontChoice, ReaderSettings } from '../settings';
import type { Anchor } from './blocks';
import type { SaveService } from './SavePanel';

export interface ReaderServices {
  /** The reader view of another chapter, and the URL it ended up at after redirects. */
  loadChapter(url: string): Promise<{ view: ReaderView | null; url: string }>;
  /** Whether `url` can be shown without leaving the page (same origin). */
  canLoadInPlace(url: string): boolean;
  /**
   * Where the chapter was left: an anchor, or how far through its blocks (see blocks.ts#fractionOf);
   * either with the anchored block's first words when they were kept (see blocks.ts#relocate).
   */
  loadPosition(url: string): Promise<Anchor | { fraction: number; text?: string } | null>;
  /**
   * The place in the chapter, as an anchor, and the fraction of its blocks read, worked out when
   * asked (it reads a staged story's rest first: see useReadingPosition's flush).
   */
  savePosition(url: string, anchor: Anchor, fraction: () => number): Promise<void>;
  saveSettings(settings: ReaderSettings): Promise<void>;
  /** Settings changed elsewhere; returns the unsubscribe. */
  watchSettings(onChange: (settings: ReaderSettings) => void): () => void;
  /** Makes a font usable before it is shown (the bundled dyslexia-friendly font is loaded on demand). */
  loadFont(font: FontChoice): Promise<void>;
  /** Saving the story to the offline library; without it the reader offers no Save. */
  save?: SaveService;
}
