/**
 * The place in the chapter on show: the block at the top of the screen (an anchor), saved a
 * moment after scrolling stops, at once when the chapter is left, and restored when a chapter
 * opens. The same words stay at the top when the typography changes.
 */
import { useEffect, useLayoutEffect, useRef, useState, type MutableRef } from 'preact/hooks';
import type { ReaderView } from '../../../core/model';
import type { FontChoice, ReaderSettings } from '../../settings';
import { anchorAt, anchorAtFraction, fractionOf, relocate, scrollToAnchor, type Anchor } from '../blocks';
import type { ReaderServices } from '../reader-services';
import { renderRest, storyParts, type StoryParts } from '../story-parts';

/** Height of the sticky toolbar: a position is the place just below it. */
const TOOLBAR = 56;
const SAVE_DELAY = 600;

/** A chapter on show: its address and its reader view (null when no story text was found). */
export type Shown = { url: string; view: ReaderView | null };

export interface ReadingPosition {
  scroller: MutableRef<HTMLDivElement | null>;
  story: MutableRef<HTMLDivElement | null>;
  /** The chapter's text, put on the page a part at a time as it opens. */
  parts: MutableRef<StoryParts | null>;
  /** The chapter's reading blocks, found when it opens. */
  blocks: MutableRef<HTMLElement[]>;
  anchor: MutableRef<Anchor>;
  /** The chapter whose place this keeps (the reader sets it as it renders). */
  at: MutableRef<Shown>;
  /** Saves the place now. */
  flush(): Promise<void>;
  /** Saves the place once things have been still a moment. */
  saveSoon(): void;
  onScroll(): void;
}

export function useReadingPosition(services: Pick<ReaderServices, 'savePosition'>, first: Shown): ReadingPosition {
  const scroller = useRef<HTMLDivElement>(null);
  const story = useRef<HTMLDivElement>(null);
  const parts = useRef<StoryParts | null>(null);
  const blocks = useRef<HTMLElement[]>([]);
  const anchor = useRef<Anchor>({ block: 0, offset: 0 });
  const at = useRef(first);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = (): Promise<void> => {
    clearTimeout(saveTimer.current);
    const { url, view } = at.current;
    if (!view) return Promise.resolve();
    const place = anchor.current;
    // The fraction is of every block: a staged story's rest, if still to come, is read first. Only
    // when asked: the live page's reader keeps the anchor alone, and reading what is left of a long
    // work's rest here would sanitise it all in one task.
    const fraction = () => {
      parts.current?.complete();
      return fractionOf(place, blocks.current.length);
    };
    return services.savePosition(url, place, fraction).catch(() => undefined);
  };
  const saveSoon = () => {
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => void flush(), SAVE_DELAY);
  };
  const onScroll = () => {
    const el = scroller.current;
    if (!el || !at.current.view) return;
    // Among the blocks on the page: a long story's last parts may still be on their way.
    anchor.current = anchorAt(el, blocks.current, TOOLBAR, parts.current?.rendered());
    saveSoon();
  };
  return { scroller, story, parts, blocks, anchor, at, flush, saveSoon, onScroll };
}

/**
 * Opened, or a new chapter: focus in the reader, its blocks found, at the place it was left (or its
 * start). New typography or a font that arrives late keeps the same words at the top. Gives the
 * chapter's words: a staged story's (core/model.ts#StoryRest) once its rest is all read, null until then.
 */
export function useChapterPlace(
  position: ReadingPosition,
  shown: Shown,
  settings: ReaderSettings,
  services: { loadPosition: ReaderServices['loadPosition']; loadFont(font: FontChoice): Promise<void> },
): number | null {
  const { scroller, story, parts, blocks, anchor } = position;
  const keepPlace = () => scroller.current && scrollToAnchor(scroller.current, blocks.current, TOOLBAR, anchor.current);
  const [restWords, setRestWords] = useState<{ of: Shown; words: number } | null>(null);

  useLayoutEffect(() => {
    const el = scroller.current;
    parts.current = story.current && shown.view ? storyParts(story.current, shown.view.content.html, shown.view.rest) : null;
    blocks.current = parts.current?.blocks ?? [];
    if (!el) return;
    el.scrollTop = 0;
    anchor.current = { block: 0, offset: 0 };
    el.focus({ preventScroll: true });
    let current = true;
    const read = parts.current;
    const counted = () => {
      const words = shown.view?.rest ? read?.restWords() : null;
      if (current && words != null) setRestWords({ of: shown, words });
    };
    if (read) void renderRest(read, () => current).then(counted);
    void services.loadPosition(shown.url).then((saved) => {
      if (!current || !saved) return;
      // A place kept as a fraction is of every block: a staged story's rest is read first.
      if ('fraction' in saved) read?.complete();
      const at =
        'fraction' in saved ? anchorAtFraction(saved.fraction, blocks.current.length) : { block: saved.block, offset: saved.offset };
      // The place may be in a piece of a staged story's rest not yet read: read through it first.
      read?.renderThrough(at.block);
      // Found by its words, where the author has edited the chapter since.
      anchor.current = relocate({ ...at, ...(saved.text !== undefined && { text: saved.text }) }, blocks.current);
      // The place may be in a part not on the page yet.
      read?.renderThrough(anchor.current.block);
      scrollToAnchor(el, blocks.current, TOOLBAR, anchor.current);
      counted();
    });
    return () => {
      current = false;
    };
  }, [shown]);

  const typography = `${settings.font}|${settings.size}|${settings.lineHeight}|${settings.width}|${settings.justify}`;
  useLayoutEffect(() => void keepPlace(), [typography]);

  useEffect(() => {
    let current = true;
    services
      .loadFont(settings.font)
      .then(() => current && keepPlace())
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [settings.font]);

  const view = shown.view;
  if (!view?.rest) return view?.content.words ?? null;
  return restWords?.of === shown ? view.content.words + restWords.words : null;
}
