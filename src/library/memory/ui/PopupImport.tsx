/**
 * The popup on one of the reader's lists on an archive (AO3 bookmarks, Marked for Later, History;
 * an FFN profile's favourites): bring the list into the reading memory, and follow the import.
 * It goes on in the background when the popup closes; opening the popup again shows how far it got.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ImportReply, ImportView } from '../../messages';
import { ASKS_HOW, LIST_NAMES, type ImportAs, type ListKind } from '../../imports/reading-lists';

export interface ImportServices {
  start(as: ImportAs): Promise<ImportReply>;
  status(): Promise<ImportView | null>;
  stop(): Promise<void>;
  watch(onView: (view: ImportView) => void): () => void;
}

const RUNNING: ReadonlySet<ImportView['state']> = new Set(['running', 'waiting']);

/** "Page 3 of 12 · 57 stories, 40 new to your memory" */
export function progressText(view: ImportView): string {
  const stories = `${view.found} ${view.found === 1 ? 'story' : 'stories'}, ${view.added} new to your memory`;
  const pages = view.pages > 1 ? `Page ${view.page} of ${view.pages} · ` : '';
  if (view.state === 'done') return `Imported ${view.name}: ${stories}.`;
  return `${pages}${stories}`;
}

export function PopupImport({ list, services }: { list: ListKind; services: ImportServices }) {
  const [view, setView] = useState<ImportView | null>(null);
  const [as, setAs] = useState<ImportAs>('read');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const stop = services.watch(setView);
    void services.status().then((v) => v && setView(v));
    return stop;
  }, [services]);

  const running = view !== null && RUNNING.has(view.state);
  async function start() {
    setBusy(true);
    setProblem(null);
    const reply = await services.start(as);
    setBusy(false);
    if (reply.ok) setView(reply.view);
    else setProblem(reply.error);
  }

  return (
    <section class="import" aria-label="Import into your reading memory">
      <p class="import-what">
        Bring these {LIST_NAMES[list]} into your reading memory: Slipcase reads every page of the list, one at a time, as this browser sees
        it. Nothing leaves your machine.
      </p>
      {ASKS_HOW.has(list) ? (
        <label class="memory-choose">
          <span>Remember them as</span>
          <select value={as} onChange={(e) => setAs((e.currentTarget as HTMLSelectElement).value as ImportAs)}>
            <option value="read">Read so far</option>
            <option value="want">Want to read</option>
          </select>
        </label>
      ) : null}
      <div class="save-buttons">
        {running ? (
          <button type="button" class="import-stop" onClick={() => void services.stop()}>
            Stop importing
          </button>
        ) : (
          <button type="button" class="import-start" disabled={busy} onClick={() => void start()}>
            Import this list
          </button>
        )}
      </div>
      {view ? (
        <p class={`import-progress import-${view.state}`} role="status">
          {progressText(view)}
          {view.message ? <span class="import-message"> {view.message}</span> : null}
        </p>
      ) : null}
      {problem ? (
        <p class="detail import-problem" role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
