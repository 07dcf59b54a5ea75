/**
 * Saving to the offline library from the reader: this chapter or the whole story, with the save
 * job's progress and how it ended. The job itself runs in the background (services.save).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { JobView } from '../../library/messages';
import { trusted } from './trusted';

export type SaveScope = 'chapter' | 'story';

/** The chapter the reader shows: its address and the story's title. */
export interface SaveTarget {
  url: string;
  title: string | null;
}

export interface SaveService {
  /** Starts saving the chapter the reader shows, or its whole story; resolves with the job's id, rejects with a sentence. */
  start(scope: SaveScope, target: SaveTarget): Promise<string>;
  /** Calls `onJob` with the job each time it changes, until it ends; returns the stop. */
  follow(jobId: string, onJob: (job: JobView) => void): () => void;
  cancel(jobId: string): Promise<void>;
}

export interface SaveJob {
  scope: SaveScope | null;
  job: JobView | null;
  error: string | null;
  start(scope: SaveScope, target: SaveTarget): void;
  cancel(): void;
}

const FINISHED: ReadonlySet<JobView['state']> = new Set(['done', 'failed', 'cancelled']);
export const isFinished = (job: JobView | null) => job !== null && FINISHED.has(job.state);

/** The save job started from this reader: one at a time, followed until it ends. */
export function useSaveJob(save: SaveService | undefined): SaveJob {
  const [scope, setScope] = useState<SaveScope | null>(null);
  const [job, setJob] = useState<JobView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stop = useRef<(() => void) | null>(null);

  const unfollow = () => {
    stop.current?.();
    stop.current = null;
  };
  useEffect(() => unfollow, []);

  return {
    scope,
    job,
    error,
    start(next, target) {
      if (!save) return;
      unfollow();
      setScope(next);
      setJob(null);
      setError(null);
      save.start(next, target).then(
        (id) => {
          let ended = false;
          const stopFollowing = save.follow(id, (j) => {
            setJob(j);
            if (!FINISHED.has(j.state)) return;
            ended = true;
            unfollow();
          });
          // The job may have ended before follow returned.
          if (ended) stopFollowing();
          else stop.current = stopFollowing;
        },
        (e: unknown) => {
          setScope(null);
          setError(e instanceof Error ? e.message : String(e));
        },
      );
    },
    cancel() {
      if (save && job && !FINISHED.has(job.state)) void save.cancel(job.id).catch(() => undefined);
    },
  };
}

const OUTCOME: Record<NonNullable<JobView['outcome']>, string> = {
  saved: 'Saved to your library.',
  updated: 'The saved copy is updated.',
  unchanged: 'Already saved: nothing had changed.',
  held: 'Held back: the new copy looked worse than the saved one. The library shows both.',
  rejected: 'Not saved: no story text was found.',
};

/** A sentence for where the job is. */
function statusText(job: JobView): string {
  if (job.state === 'done') return job.outcome ? OUTCOME[job.outcome] : 'Saved.';
  if (job.message) return job.message;
  if (job.state === 'queued') return 'Waiting for other saves to finish…';
  if (job.state === 'cancelled') return 'Cancelled.';
  if (job.state === 'failed') return 'The save failed.';
  return job.total ? `Saving: ${job.done} of ${job.total} ${job.total === 1 ? 'chapter' : 'chapters'}…` : 'Saving…';
}

/** The job's progress as a bar: indeterminate while the total is unknown. */
export function SaveProgress({ job }: { job: JobView }) {
  return job.total ? (
    <progress class="save-progress" max={job.total} value={job.done} aria-label="Save progress" />
  ) : (
    <progress class="save-progress" aria-label="Save progress" />
  );
}

export function SavePanel({ saving, target }: { saving: SaveJob; target: SaveTarget }) {
  const { job, error, scope } = saving;
  const busy = scope !== null && !isFinished(job);
  return (
    <section class="panel save" aria-label="Save to library">
      <h2>Save to library</h2>
      <div class="save-choices">
        <button type="button" class="choice save-chapter" disabled={busy} onClick={trusted(() => saving.start('chapter', target))}>
          Save chapter
        </button>
        <button type="button" class="choice save-story" disabled={busy} onClick={trusted(() => saving.start('story', target))}>
          Save whole story
        </button>
      </div>
      {job ? (
        <div class="save-job" data-state={job.state}>
          {busy ? <SaveProgress job={job} /> : null}
          <p class="save-status" role="status">
            {statusText(job)}
          </p>
          {busy ? (
            <button type="button" class="choice save-cancel" onClick={trusted(saving.cancel)}>
              Cancel
            </button>
          ) : null}
        </div>
      ) : busy ? (
        <p class="save-status" role="status">
          Starting…
        </p>
      ) : null}
      {error ? (
        <p class="save-status error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
