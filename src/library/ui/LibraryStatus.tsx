/**
 * The library page's lines about itself: the tools row, the last action's notice, the count and
 * the selection, the Undo toast and the space used.
 */
import type { ResultPages } from '../browse/list-rows';
import { errorText } from '../browse/library-store';
import { bytesText, plural } from './format';
import type { Notice } from './hooks/useNotice';
import type { Selection } from './hooks/useSelection';
import type { UndoDelete } from './hooks/useUndoDelete';
import type { ToolActions } from './library-actions';

export function LibraryTools({ tools }: { tools: ToolActions }) {
  return (
    <div class="library-top">
      <h2 id="library-heading">Library</h2>
      <div class="library-tools">
        <button type="button" class="library-check-all" onClick={tools.checkAll}>
          Check all for new chapters
        </button>
        <button type="button" class="library-export" onClick={tools.exportAll}>
          Export library
        </button>
        <label class="library-import button">
          Import
          <input type="file" accept=".json,application/json" onChange={(e) => tools.importFile(e.currentTarget as HTMLInputElement)} />
        </label>
      </div>
    </div>
  );
}

export function NoticeLine({ notice, onDismiss }: { notice: Notice | null; onDismiss(): void }) {
  if (!notice) return null;
  return (
    <p class={`library-notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      {notice.text}
      <button type="button" class="notice-close" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </p>
  );
}

/** How many stories match, the selected ones' buttons, and a list that could not be read. */
export function LibrarySummary({
  pages,
  searching,
  selection,
  onDelete,
}: {
  pages: ResultPages;
  searching: boolean;
  selection: Selection;
  onDelete(ids: string[]): void;
}) {
  const { total } = pages;
  const { selected } = selection;
  return (
    <>
      <div class="library-summary">
        <p class="library-count" role="status">
          {total === null
            ? 'Loading…'
            : total === 0
              ? searching
                ? 'No stories match.'
                : 'No stories saved yet.'
              : plural(total, 'story', 'stories')}
        </p>
        {selected.size ? (
          <div class="library-selection">
            <button type="button" class="library-delete-selected" onClick={() => onDelete([...selected])}>
              Delete {selected.size}
            </button>
            <button type="button" class="library-clear-selection" onClick={selection.clear}>
              Clear selection
            </button>
          </div>
        ) : null}
      </div>
      {pages.error ? (
        <p class="library-notice error" role="alert">
          {errorText(pages.error, 'read the library')}
        </p>
      ) : null}
    </>
  );
}

export function UndoBar({ undo }: { undo: UndoDelete }) {
  const { toast } = undo;
  if (!toast) return null;
  return (
    <div class="library-toast" role="status">
      <span>{toast.text}</span>
      <button type="button" class="library-undo" onClick={() => undo.undo(toast)}>
        Undo
      </button>
    </div>
  );
}

/** The space used, and a warning when the browser has not agreed to keep the library when space runs low. */
export function StorageFooter({ storage, persisted }: { storage: StorageEstimate | null; persisted: boolean | null }) {
  return (
    <footer class="library-footer">
      {storage?.usage !== undefined ? (
        <p class="library-space">
          Space used: {bytesText(storage.usage)}
          {storage.quota ? ` of ${bytesText(storage.quota)} available to Slipcase` : ''}
        </p>
      ) : null}
      {persisted === false ? (
        <p class="library-eviction" role="status">
          This browser has not agreed to keep the library when disk space runs low, and may then clear it. Export the library now and then
          to keep a copy.
        </p>
      ) : null}
    </footer>
  );
}
