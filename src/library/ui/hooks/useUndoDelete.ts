/**
 * Deleting stories with Undo: the delete is written at once (undo-delete.ts says why), and a toast
 * offers to bring the stories back for `UNDO_MS`.
 */
import { useEffect, useState } from 'preact/hooks';
import type { DeletedStories, LibraryStore } from '../../browse/library-store';
import { plural } from '../format';
import type { RunAction } from './useNotice';

/** How long Undo is offered after a delete. */
export const UNDO_MS = 10_000;

export interface UndoToast {
  text: string;
  deleted: DeletedStories;
}

export interface UndoDelete {
  toast: UndoToast | null;
  remove(ids: readonly string[]): Promise<void>;
  undo(toast: UndoToast): void;
}

export function useUndoDelete(store: LibraryStore, run: RunAction, onDeleted: (ids: readonly string[]) => void): UndoDelete {
  const [toast, setToast] = useState<UndoToast | null>(null);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  const remove = (ids: readonly string[]) =>
    run('delete', async () => {
      const deleted = await store.deleteStories(ids);
      onDeleted(ids);
      setToast({ text: `Deleted ${plural(deleted.backup.stories.length, 'story', 'stories')}`, deleted });
      return null;
    });

  const undo = (t: UndoToast) => {
    setToast(null);
    void run('restore the stories', async () => {
      await store.restoreStories(t.deleted);
      return `Restored ${plural(t.deleted.backup.stories.length, 'story', 'stories')}.`;
    });
  };

  return { toast, remove, undo };
}
