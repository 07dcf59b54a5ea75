/**
 * What the library page shows beside the list: the fandoms to filter by, stories saved in other
 * browsers but not this one, and the space used. Read at open, and again when asked or when
 * another browser's synced list changes.
 */
import { useEffect, useState } from 'preact/hooks';
import type { LibraryStore } from '../../browse/library-store';

/** A story saved in another browser that this one lacks (src/library/ext/sync-storage.ts#missingStories). */
export interface MissingStory {
  id: string;
  url: string;
  title: string;
}

export interface SideSources {
  missingStories?(): Promise<MissingStory[]>;
  /** Calls back when another browser's synced list changes; returns the unsubscribe. */
  watchSync?(onChange: () => void): () => void;
  /** navigator.storage.estimate where the browser has it. */
  estimate?(): Promise<StorageEstimate>;
  /**
   * Asks the browser to keep the library when the disk runs low (navigator.storage.persist, where
   * the browser has it): without it, Firefox may evict the whole library. Resolves whether it will.
   */
  persist?(): Promise<boolean>;
}

export interface LibrarySide {
  fandoms: { fandom: string; count: number }[];
  missing: MissingStory[];
  /** Takes a story off the missing list (the reader does not want it). */
  forget(id: string): void;
  storage: StorageEstimate | null;
  /** Whether the browser keeps the library when space runs low; null until known, or where it cannot say. */
  persisted: boolean | null;
  refresh(): void;
}

export function useLibrarySide(store: LibraryStore, sources: SideSources): LibrarySide {
  const [fandoms, setFandoms] = useState<{ fandom: string; count: number }[]>([]);
  const [missing, setMissing] = useState<MissingStory[]>([]);
  const [storage, setStorage] = useState<StorageEstimate | null>(null);
  const [persisted, setPersisted] = useState<boolean | null>(null);

  const refresh = () => {
    void store.fandomCounts().then(setFandoms, () => {});
    void sources.missingStories?.().then(setMissing, () => {});
    void sources.estimate?.().then(setStorage, () => {});
  };

  useEffect(() => {
    refresh();
    // Asked once a page: the browser remembers its answer.
    void sources.persist?.().then(setPersisted, () => {});
    return sources.watchSync?.(refresh);
  }, []);

  return { fandoms, missing, forget: (id) => setMissing((m) => m.filter((s) => s.id !== id)), storage, persisted, refresh };
}
