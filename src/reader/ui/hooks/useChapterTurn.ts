/**
 * Turning chapters inside the reader: the chapter on show, loading another (from a cache of
 * those seen, or through the services), the history entry for it, and what a screen reader hears.
 * A chapter the reader cannot show in place is opened in the page instead.
 */
import { useRef, useState } from 'preact/hooks';
import type { ReaderServices } from '../reader-services';
import type { Panel } from './usePanels';
import type { ReadingPosition, Shown } from './useReadingPosition';

export interface ChapterTurnHooks {
  /** Runs as a chapter is left (read aloud stops). */
  leaving(): void;
  setPanel(change: (panel: Panel) => Panel): void;
}

export interface ChapterTurn {
  shown: Shown;
  loading: boolean;
  /** The address that could not be loaded, to open in the page instead. */
  failed: string | null;
  announcement: string;
  go(target: string, how: 'push' | 'pop'): Promise<void>;
}

export function useChapterTurn(
  first: Shown,
  services: Pick<ReaderServices, 'canLoadInPlace' | 'loadChapter'>,
  position: ReadingPosition,
  hooks: ChapterTurnHooks,
): ChapterTurn {
  const [shown, setShown] = useState<Shown>(first);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const cache = useRef(new Map<string, Shown>([[first.url, first]]));
  /** A chapter is on its way: set at once, where the `loading` state shows only after a render. */
  const turning = useRef(false);

  async function go(target: string, how: 'push' | 'pop'): Promise<void> {
    if (turning.current) return;
    if (!services.canLoadInPlace(target)) {
      await position.flush();
      location.assign(target);
      return;
    }
    turning.current = true;
    hooks.leaving();
    await position.flush();
    hooks.setPanel((p) => (p === 'speech' ? p : null));
    setFailed(null);
    setLoading(true);
    setAnnouncement('Loading chapter…');
    try {
      const next = cache.current.get(target) ?? (await services.loadChapter(target));
      cache.current.set(target, next);
      cache.current.set(next.url, next);
      if (how === 'push') history.pushState(history.state, '', next.url);
      setShown(next);
      // Reaching a chapter is progress, kept even if the reader never scrolls in it.
      position.saveSoon();
      setAnnouncement(next.view?.report.chapter?.title ?? next.view?.report.title ?? 'Chapter loaded');
    } catch {
      setFailed(target);
      setAnnouncement('The chapter could not be loaded.');
    } finally {
      turning.current = false;
      setLoading(false);
    }
  }

  return { shown, loading, failed, announcement, go };
}
