/**
 * The library: every saved story, searchable as the reader types, with its reading place, the
 * save jobs under way, and backups in and out. Everything outside the page comes in through
 * `LibraryServices`, so the page runs the same on the real extension and in tests.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { LibraryQuotaError, type LibraryDb } from '../db/db';
import { BackupError } from '../export/backup';
import { discardPending, promotePending } from '../db/save';
import { fandomCounts, type LibraryQuery, type SortKey } from '../search/query';
import type { StoryRecord, StoryStatus } from '../types';
import type { JobView, LibraryEvent, LibraryReply, LibraryRequest } from '../messages';
import type { RatingLevel } from '../../core/model';
import { RATING_STYLE } from '../../shell/badge';
import { bytesText, plural } from './format';
import { FINISHED_SHOWN_MS, JobsPanel, shownJobs } from './JobsPanel';
import { ResultPages } from '../browse/list-rows';
import type { CardActions } from './StoryCard';
import { StoryList } from './StoryList';
import { download, exportBackup, importBackupFile, storyEpub } from '../export/transfer';
import { deleteStories, restoreStories, type DeletedStories } from '../db/undo-delete';
import './library.css';

/** A story saved in another browser that this one lacks (src/library/ext/sync-storage.ts#missingStories). */
export interface MissingStory {
  id: string;
  url: string;
  title: string;
}

export interface LibraryServices {
  db: LibraryDb;
  /** The background's save jobs (src/library/ext/client.ts). */
  ask(request: LibraryRequest): Promise<LibraryReply>;
  watch(onEvent: (event: LibraryEvent) => void): () => void;
  missingStories?(): Promise<MissingStory[]>;
  /** The reader does not want these missing stories: no browser offers them again. */
  dismissMissing?(ids: readonly string[]): Promise<unknown>;
  /** Calls back when another browser's synced list changes; returns the unsubscribe. */
  watchSync?(onChange: () => void): () => void;
  /** navigator.storage.estimate where the browser has it. */
  estimate?(): Promise<StorageEstimate>;
  /** The window whose DOM builds EPUBs and sanitises imports. */
  win: Window & typeof globalThis;
}

/** Typing pauses this long before the search runs. */
export const SEARCH_DELAY_MS = 150;
/** How long Undo is offered after a delete. */
export const UNDO_MS = 10_000;
/** Changes reported while jobs run are gathered this long before the list reloads. */
const REFRESH_DELAY_MS = 300;

const RATINGS: RatingLevel[] = ['general', 'teen', 'mature', 'explicit', 'unknown'];
const SORTS: { value: SortKey; label: string }[] = [
  { value: 'relevance', label: 'Relevance' },
  { value: 'updated', label: 'Last updated' },
  { value: 'title', label: 'Title' },
  { value: 'author', label: 'Author' },
  { value: 'words', label: 'Length' },
  { value: 'lastRead', label: 'Last read' },
];

interface Notice {
  kind: 'info' | 'error';
  text: string;
}

interface Toast {
  text: string;
  deleted: DeletedStories;
}

/** A sentence for an error: the library's own errors already are one. */
function errorText(e: unknown, doing: string): string {
  if (e instanceof LibraryQuotaError || e instanceof BackupError) return e.message;
  return `Could not ${doing}: ${e instanceof Error ? e.message : String(e)}`;
}

export function LibraryPage({ services }: { services: LibraryServices }) {
  const { db, ask, watch, win } = services;
  const [text, setText] = useState('');
  const [searchText, setSearchText] = useState('');
  const [rating, setRating] = useState<RatingLevel[]>([]);
  const [fandom, setFandom] = useState('');
  const [status, setStatus] = useState<StoryStatus | ''>('');
  const [readFilter, setReadFilter] = useState<'read' | 'unread' | ''>('');
  const [sortChoice, setSortChoice] = useState<SortKey | null>(null);
  const [reverse, setReverse] = useState(false);
  const [fandoms, setFandoms] = useState<{ fandom: string; count: number }[]>([]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<Notice | null>(null);
  const [toast, setToast] = useState<Toast | null>(null);
  const [jobs, setJobs] = useState<JobView[]>([]);
  const [missing, setMissing] = useState<MissingStory[]>([]);
  const [storage, setStorage] = useState<StorageEstimate | null>(null);
  const [now, setNow] = useState(Date.now());
  const [, setRevision] = useState(0);

  const searching = searchText.trim() !== '';
  const sort: SortKey = sortChoice ?? (searching ? 'relevance' : 'updated');
  const query = useMemo<LibraryQuery>(
    () => ({
      text: searching ? searchText : undefined,
      rating: rating.length ? rating : undefined,
      fandom: fandom || undefined,
      status: status || undefined,
      read: readFilter || undefined,
      sort,
      reverse,
    }),
    [searchText, rating, fandom, status, readFilter, sort, reverse],
  );

  // A new query's results replace the old ones once its first page is in, so typing does not flash.
  const [pages, setPages] = useState(() => new ResultPages(db, query, () => setRevision((r) => r + 1)));
  const latest = useRef(pages);
  useEffect(() => pages.ensure(0, 0), []);
  useEffect(() => {
    if (latest.current.query === query) return;
    const next = new ResultPages(db, query, () => {
      if (latest.current === next) setPages(next);
      setRevision((r) => r + 1);
    });
    latest.current = next;
    next.ensure(0, 0);
  }, [query]);

  useEffect(() => {
    const timer = setTimeout(() => setSearchText(text), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const refreshSide = () => {
    void fandomCounts(db).then(setFandoms, () => {});
    void services.missingStories?.().then(setMissing, () => {});
    void services.estimate?.().then(setStorage, () => {});
  };
  const refresh = () => {
    latest.current.reload();
    refreshSide();
  };
  const refreshTimer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    refreshSide();
    void ask({ type: 'library-jobs' }).then((reply) => {
      if (reply.ok && reply.jobs) setJobs(reply.jobs);
    });
    const stop = watch((event) => {
      setJobs(event.jobs);
      setNow(Date.now());
      if (event.changed.length === 0) return;
      clearTimeout(refreshTimer.current);
      refreshTimer.current = setTimeout(refresh, REFRESH_DELAY_MS);
    });
    const stopSync = services.watchSync?.(refreshSide);
    return () => {
      stop();
      stopSync?.();
      clearTimeout(refreshTimer.current);
    };
  }, []);

  // Finished jobs leave the panel after a while: tick while one is shown.
  useEffect(() => {
    if (!shownJobs(jobs, now).some((j) => j.state === 'done' || j.state === 'failed' || j.state === 'cancelled')) return;
    const timer = setTimeout(() => setNow(Date.now()), FINISHED_SHOWN_MS / 4);
    return () => clearTimeout(timer);
  }, [jobs, now]);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  /** Runs an action, shows its outcome or its error, and reloads the list when it changed it. */
  const act = async (doing: string, work: () => Promise<string | null>, changes = true) => {
    try {
      const done = await work();
      if (done) setNotice({ kind: 'info', text: done });
    } catch (e) {
      setNotice({ kind: 'error', text: errorText(e, doing) });
    }
    if (changes) refresh();
  };

  const askFor = async (request: LibraryRequest, describe: (reply: Extract<LibraryReply, { ok: true }>) => string | null) => {
    const reply = await ask(request);
    if (!reply.ok) throw new Error(reply.error);
    return describe(reply);
  };

  const remove = (ids: readonly string[]) =>
    act('delete', async () => {
      const deleted = await deleteStories(db, ids);
      const count = deleted.backup.stories.length;
      setSelected((s) => new Set([...s].filter((id) => !ids.includes(id))));
      setToast({ text: `Deleted ${plural(count, 'story', 'stories')}`, deleted });
      return null;
    });

  const undo = (t: Toast) => {
    setToast(null);
    void act('restore the stories', async () => {
      await restoreStories(db, t.deleted, win);
      return `Restored ${plural(t.deleted.backup.stories.length, 'story', 'stories')}.`;
    });
  };

  const actions: CardActions = {
    select: (id, on) =>
      setSelected((s) => {
        const next = new Set(s);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    epub: (story: StoryRecord) =>
      void act(
        'make the EPUB',
        async () => {
          const file = await storyEpub(db, story.id, win);
          if (!file) throw new Error('the story is no longer in the library');
          download(file, win.document);
          return null;
        },
        false,
      ),
    check: (id) => void act('check for new chapters', () => askFor({ type: 'library-check', storyIds: [id] }, () => 'Checking for new chapters…'), false),
    remove: (id) => void remove([id]),
    keep: (id, which) =>
      void act('keep the copy', async () => {
        await (which === 'new' ? promotePending(db, id) : discardPending(db, id));
        return which === 'new' ? 'Kept the new copy.' : 'Kept the saved copy.';
      }),
  };

  const checkAll = () =>
    void act(
      'check for new chapters',
      () =>
        askFor({ type: 'library-check' }, (r) =>
          r.jobIds.length ? `Checking ${plural(r.jobIds.length, 'story', 'stories')} for new chapters.` : 'No stories in progress to check.',
        ),
      false,
    );

  const exportAll = () =>
    void act(
      'export the library',
      async () => {
        const file = await exportBackup(db);
        download(file, win.document);
        return `Exported the library to ${file.name}.`;
      },
      false,
    );

  const importFile = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    input.value = '';
    void act('import the backup', async () => {
      setNotice({ kind: 'info', text: `Importing ${file.name}…` });
      const r = await importBackupFile(db, file, win);
      return `Imported ${file.name}: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged.`;
    });
  };

  const fetchMissing = (stories: readonly MissingStory[]) =>
    void act(
      'fetch the stories',
      async () => {
        for (const s of stories) {
          const reply = await ask({ type: 'library-save-url', url: s.url, title: s.title });
          if (!reply.ok) throw new Error(reply.error);
        }
        return `Fetching ${plural(stories.length, 'story', 'stories')}.`;
      },
      false,
    );

  const dismissMissing = (story: MissingStory) =>
    void act(
      'forget the story',
      async () => {
        await services.dismissMissing!([story.id]);
        setMissing((m) => m.filter((s) => s.id !== story.id));
        return null;
      },
      false,
    );

  const toggleRating = (level: RatingLevel, on: boolean) => setRating((r) => (on ? [...r, level] : r.filter((l) => l !== level)));
  const total = pages.total;

  return (
    <section class="library" aria-labelledby="library-heading">
      <div class="library-top">
        <h2 id="library-heading">Library</h2>
        <div class="library-tools">
          <button type="button" class="library-check-all" onClick={checkAll}>
            Check all for new chapters
          </button>
          <button type="button" class="library-export" onClick={exportAll}>
            Export library
          </button>
          <label class="library-import button">
            Import
            <input type="file" accept=".json,application/json" onChange={(e) => importFile(e.currentTarget as HTMLInputElement)} />
          </label>
        </div>
      </div>

      {notice ? (
        <p class={`library-notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
          <button type="button" class="notice-close" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </p>
      ) : null}

      {missing.length ? (
        <details class="library-missing">
          <summary>
            {missing.length === 1 ? '1 story saved in your other browsers is not on this one' : `${missing.length} stories saved in your other browsers are not on this one`}
          </summary>
          <ul>
            {missing.map((s) => (
              <li key={s.id}>
                <a href={s.url} target="_blank" rel="noreferrer">
                  {s.title}
                </a>
                <span class="missing-actions">
                  <button type="button" class="missing-fetch" onClick={() => fetchMissing([s])}>
                    Fetch
                  </button>
                  {services.dismissMissing ? (
                    <button type="button" class="missing-dismiss" onClick={() => dismissMissing(s)}>
                      Not wanted
                    </button>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
          <button type="button" class="missing-fetch-all" onClick={() => fetchMissing(missing)}>
            Fetch all
          </button>
        </details>
      ) : null}

      <JobsPanel jobs={jobs} now={now} onCancel={(jobId) => void act('cancel', () => askFor({ type: 'library-cancel', jobId }, () => null), false)} />

      <div class="library-filters">
        <div class="library-search">
          <label for="library-search-input">Search</label>
          <input
            id="library-search-input"
            type="search"
            placeholder="Title, author, fandom, tag or words in the story"
            value={text}
            onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <fieldset class="library-rating-filter">
          <legend>Rating</legend>
          {RATINGS.map((level) => (
            <label key={level} class="choice">
              <input type="checkbox" value={level} checked={rating.includes(level)} onChange={(e) => toggleRating(level, (e.currentTarget as HTMLInputElement).checked)} />
              {RATING_STYLE[level].name}
            </label>
          ))}
        </fieldset>
        <label class="library-filter">
          Fandom
          <select class="library-fandom" value={fandom} onChange={(e) => setFandom((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">All fandoms</option>
            {fandoms.map((f) => (
              <option key={f.fandom} value={f.fandom}>
                {f.fandom} ({f.count})
              </option>
            ))}
          </select>
        </label>
        <label class="library-filter">
          Status
          <select class="library-status" value={status} onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value as StoryStatus | '')}>
            <option value="">Any</option>
            <option value="complete">Complete</option>
            <option value="wip">In progress</option>
            <option value="unknown">Unknown</option>
          </select>
        </label>
        <label class="library-filter">
          Read
          <select class="library-read" value={readFilter} onChange={(e) => setReadFilter((e.currentTarget as HTMLSelectElement).value as 'read' | 'unread' | '')}>
            <option value="">Read or not</option>
            <option value="read">Read</option>
            <option value="unread">Never opened</option>
          </select>
        </label>
        <label class="library-filter">
          Sort by
          <select class="library-sort" value={sort} onChange={(e) => setSortChoice((e.currentTarget as HTMLSelectElement).value as SortKey)}>
            {SORTS.map((s) => (
              <option key={s.value} value={s.value} disabled={s.value === 'relevance' && !searching}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="library-reverse" aria-pressed={reverse} onClick={() => setReverse((r) => !r)}>
          Reverse order
        </button>
      </div>

      <div class="library-summary">
        <p class="library-count" role="status">
          {total === null ? 'Loading…' : total === 0 ? (searching ? 'No stories match.' : 'No stories saved yet.') : plural(total, 'story', 'stories')}
        </p>
        {selected.size ? (
          <div class="library-selection">
            <button type="button" class="library-delete-selected" onClick={() => void remove([...selected])}>
              Delete {selected.size}
            </button>
            <button type="button" class="library-clear-selection" onClick={() => setSelected(new Set())}>
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

      <StoryList pages={pages} selected={selected} now={now} actions={actions} />

      {toast ? (
        <div class="library-toast" role="status">
          <span>{toast.text}</span>
          <button type="button" class="library-undo" onClick={() => undo(toast)}>
            Undo
          </button>
        </div>
      ) : null}

      <footer class="library-footer">
        {storage?.usage !== undefined
          ? `Space used: ${bytesText(storage.usage)}${storage.quota ? ` of ${bytesText(storage.quota)} available to Slipcase` : ''}`
          : null}
      </footer>
    </section>
  );
}
