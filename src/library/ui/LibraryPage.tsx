/**
 * The library: every saved story, searchable as the reader types, with its reading place, the
 * save jobs under way, and backups in and out. Everything outside the page comes in through
 * `LibraryServices`, so the page runs the same on the real extension and in tests; its state
 * lives in the hooks under ./hooks.
 */
import type { LibraryStore } from '../browse/library-store';
import type { LibraryEvent, LibraryReply, LibraryRequest } from '../messages';
import { useJobs } from './hooks/useJobs';
import { useLibraryQuery } from './hooks/useLibraryQuery';
import { useLibrarySide, type SideSources } from './hooks/useLibrarySide';
import { useNotice, useNoticeUntilJobsEnd } from './hooks/useNotice';
import { useSelection } from './hooks/useSelection';
import { useUndoDelete } from './hooks/useUndoDelete';
import { JobsPanel } from './JobsPanel';
import { cardActions, missingActions, toolActions, type ActionContext } from './library-actions';
import { LibraryFilters } from './LibraryFilters';
import { LibrarySummary, LibraryTools, NoticeLine, StorageFooter, UndoBar } from './LibraryStatus';
import { MissingStories } from './MissingStories';
import { StoryList } from './StoryList';
import './library.css';

export interface LibraryServices extends SideSources {
  /** The saved stories (browse/library-store.ts). */
  store: LibraryStore;
  /** The background's save jobs (src/library/ext/client.ts). */
  ask(request: LibraryRequest): Promise<LibraryReply>;
  watch(onEvent: (event: LibraryEvent) => void): () => void;
  /** The reader does not want these missing stories: no browser offers them again. */
  dismissMissing?(ids: readonly string[]): Promise<unknown>;
  /** The window whose document hands files to the downloads. */
  win: Window & typeof globalThis;
}

export function LibraryPage({ services }: { services: LibraryServices }) {
  const { store, ask, win } = services;
  const query = useLibraryQuery(store);
  const side = useLibrarySide(store, services);
  const refresh = () => {
    query.reload();
    side.refresh();
  };
  const { jobs, now } = useJobs(services, refresh);
  const { notice, setNotice, run } = useNotice(refresh);
  useNoticeUntilJobsEnd(notice, jobs, () => setNotice(null));
  const selection = useSelection();
  const undo = useUndoDelete(store, run, selection.drop);

  const ctx: ActionContext = { store, ask, win, run };
  const tools = toolActions(ctx, setNotice);
  const { pages } = query;

  return (
    <section class="library" aria-labelledby="library-heading">
      <LibraryTools tools={tools} />
      <NoticeLine notice={notice} onDismiss={() => setNotice(null)} />
      <MissingStories missing={side.missing} actions={missingActions(ctx, side.forget, services.dismissMissing)} />
      <JobsPanel jobs={jobs} now={now} onCancel={tools.cancel} />
      <LibraryFilters
        filters={query.filters}
        setFilters={query.setFilters}
        searching={query.searching}
        sort={query.sort}
        fandoms={side.fandoms}
      />
      <LibrarySummary pages={pages} searching={query.searching} selection={selection} onDelete={(ids) => void undo.remove(ids)} />
      <StoryList pages={pages} selected={selection.selected} now={now} actions={cardActions(ctx, selection.select, undo.remove)} />
      <UndoBar undo={undo} />
      <StorageFooter storage={side.storage} persisted={side.persisted} />
    </section>
  );
}
