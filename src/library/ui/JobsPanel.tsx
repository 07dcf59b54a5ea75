import type { JobView } from '../messages';
import { isUnfinished } from '../types';
import { jobUnits } from './format';

/** How long a finished job stays in view, so its outcome can be read. */
export const FINISHED_SHOWN_MS = 10_000;

const SCOPE_TEXT: Record<JobView['scope'], string> = {
  chapter: 'Saving chapter',
  story: 'Saving',
  update: 'Checking for new chapters',
  batch: 'Saving',
};

const OUTCOME_TEXT: Record<NonNullable<JobView['outcome']>, string> = {
  saved: 'Saved',
  updated: 'Updated',
  held: 'Held back a copy for you to check',
  rejected: 'Not saved',
  unchanged: 'No new chapters',
};

function stateText(job: JobView): string {
  if (job.state === 'queued') return 'Waiting its turn';
  if (job.state === 'cancelled') return 'Cancelled';
  if (job.state === 'failed') return 'Failed';
  if (job.state === 'done') return job.outcome ? OUTCOME_TEXT[job.outcome] : 'Done';
  // Chapters, not requests: AO3's whole work comes in one request (jobs.ts#progress).
  return job.total === null ? `${jobUnits(job.scope, job.done)} so far` : `${job.done} of ${jobUnits(job.scope, job.total)}`;
}

/** Jobs worth showing: every unfinished one, and those finished in the last few seconds. */
export function shownJobs(jobs: readonly JobView[], now: number): JobView[] {
  return jobs.filter((j) => isUnfinished(j) || now - j.updatedAt < FINISHED_SHOWN_MS);
}

export function JobsPanel({ jobs, now, onCancel }: { jobs: readonly JobView[]; now: number; onCancel(jobId: string): void }) {
  const shown = shownJobs(jobs, now);
  if (shown.length === 0) return null;
  return (
    <section class="library-jobs" aria-label="Downloads">
      <ul>
        {shown.map((job) => {
          const active = isUnfinished(job);
          return (
            <li key={job.id} class={`library-job job-${job.state}`} data-job-id={job.id} title={job.message ?? undefined}>
              <div class="job-line">
                <span class="job-title">
                  {/* "Saving: Title" while it runs; once it has ended, the title and how it ended ("Title · Saved"). */}
                  {active ? `${SCOPE_TEXT[job.scope]}: ` : ''}
                  <strong>{job.title || job.url}</strong>
                </span>
                <span class="job-state">{stateText(job)}</span>
                {active ? (
                  <button type="button" class="job-cancel" onClick={() => onCancel(job.id)} aria-label={`Cancel ${job.title || job.url}`}>
                    Cancel
                  </button>
                ) : null}
              </div>
              {active ? (
                <progress
                  class="job-progress"
                  max={job.total ?? undefined}
                  value={job.total === null || job.state === 'queued' ? undefined : job.done}
                  aria-label={`${job.title}: ${stateText(job)}`}
                />
              ) : null}
              {/* A finished job is one line in the tray; why one failed, or what one is doing, is worth a second. */}
              {job.message && (active || job.state === 'failed') ? <p class="job-message">{job.message}</p> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
