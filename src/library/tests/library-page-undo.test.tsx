// @vitest-environment jsdom
/**
 * Undo after a delete (src/library/ui/hooks/useUndoDelete.ts) on a stand-in store and fake
 * timers: the page tests cover the delete and the restore, not how long Undo stays offered.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeletedStories, LibraryStore } from '../browse/library-store';
import type { BackupStory } from '../export/backup';
import { UNDO_MS, useUndoDelete, type UndoDelete } from '../ui/hooks/useUndoDelete';
import type { RunAction } from '../ui/hooks/useNotice';

const deleted = (count: number) =>
  ({
    backup: { stories: Array.from({ length: count }, () => ({}) as BackupStory) },
    newChapters: new Map(),
    inFolder: [],
  }) as unknown as DeletedStories;

let root: HTMLElement;
let undo: UndoDelete;
const restored: DeletedStories[] = [];
const dropped: (readonly string[])[] = [];
const notices: string[] = [];

function Probe({ store }: { store: LibraryStore }) {
  const run: RunAction = async (_doing, work) => {
    const done = await work();
    if (done) notices.push(typeof done === 'string' ? done : done.text);
  };
  undo = useUndoDelete(store, run, (ids) => dropped.push(ids));
  return null;
}

beforeEach(async () => {
  vi.useFakeTimers();
  restored.length = dropped.length = notices.length = 0;
  root = document.createElement('div');
  document.body.append(root);
  const store = {
    deleteStories: async (ids: readonly string[]) => deleted(ids.length),
    restoreStories: async (d: DeletedStories) => {
      restored.push(d);
      return { added: 0, updated: 0, unchanged: 0 };
    },
  } as unknown as LibraryStore;
  await act(() => render(<Probe store={store} />, root));
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.useRealTimers();
});

describe('Undo after a delete', () => {
  it('is offered for UNDO_MS, then goes', async () => {
    await act(() => undo.remove(['a', 'b']));
    expect(undo.toast?.text).toBe('Deleted 2 stories');
    expect(dropped).toEqual([['a', 'b']]);
    await act(() => void vi.advanceTimersByTime(UNDO_MS - 1));
    expect(undo.toast).not.toBeNull();
    await act(() => void vi.advanceTimersByTime(1));
    expect(undo.toast).toBeNull();
    expect(restored).toEqual([]);
  });

  it('restores what the delete removed, once, and says so', async () => {
    await act(() => undo.remove(['a']));
    const toast = undo.toast!;
    await act(() => undo.undo(toast));
    expect(undo.toast).toBeNull();
    // The restore runs on after the click (as RunAction does); vi.waitFor polls on real time.
    await vi.waitFor(() => expect(notices).toEqual(['Restored 1 story.']));
    expect(restored).toEqual([toast.deleted]);
  });

  it('a second delete offers Undo afresh, for the full time', async () => {
    await act(() => undo.remove(['a']));
    await act(() => void vi.advanceTimersByTime(UNDO_MS - 10));
    await act(() => undo.remove(['b']));
    await act(() => void vi.advanceTimersByTime(UNDO_MS - 10));
    expect(undo.toast?.text).toBe('Deleted 1 story');
    await act(() => void vi.advanceTimersByTime(10));
    expect(undo.toast).toBeNull();
  });
});
