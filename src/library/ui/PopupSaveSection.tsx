/**
 * Saving the tab's story to the offline library: what is saved already, the buttons, and the
 * job's progress while the background fetches the other chapters.
 */
import { useEffect, useState } from 'preact/hooks';
import type { PageReport } from '../../core/model';
import { storyKey } from '../../warnings/policy';
import type { StoryRecord } from '../types';
import type { JobView, LibraryEvent, LibraryReply, LibraryRequest } from '../messages';
import { jobUnits, partText } from './format';

/** What the popup's save section needs from the library; the popup wires it (src/entrypoints/popup/PopupApp.tsx). */
export interface SaveServices {
  /** The story's record in the library, or null when it is not saved. */
  savedStory(id: string): Promise<StoryRecord | null>;
  /** The background's save jobs (src/library/ext/client.ts). */
  ask(request: LibraryRequest): Promise<LibraryReply>;
  watch(onEvent: (event: LibraryEvent) => void): () => void;
}

export const FINISHED = new Set<JobView['state']>(['done', 'failed', 'cancelled']);

/** The story's record in the library, or null; undefined while looking. */
function useSavedStory(id: string, savedStory: SaveServices['savedStory']): [StoryRecord | null | undefined, () => void] {
  const [story, setStory] = useState<StoryRecord | null | undefined>(undefined);
  const reload = () => void savedStory(id).then(setStory);
  useEffect(reload, [id]);
  return [story, reload];
}

export function SaveSection({ tabId, report, services }: { tabId: number; report: PageReport; services: SaveServices }) {
  const { ask, watch } = services;
  const id = storyKey(report);
  const [story, reloadStory] = useSavedStory(id, services.savedStory);
  const [job, setJob] = useState<JobView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    // A save already running for this story (started from the reader, the menu, or an earlier popup).
    void ask({ type: 'library-jobs' }).then((reply) => {
      if (reply.ok) setJob((current) => current ?? reply.jobs?.find((j) => j.storyId === id && !FINISHED.has(j.state)) ?? null);
    });
    return watch((event) => {
      setJob((current) => {
        const mine = event.jobs.find((j) => (current ? j.id === current.id : j.storyId === id && !FINISHED.has(j.state)));
        return mine ?? current;
      });
      if (event.changed.includes(id)) reloadStory();
    });
  }, [id]);

  async function save(scope: 'chapter' | 'story') {
    setProblem(null);
    const reply = await ask({ type: 'library-save', tabId, scope });
    if (!reply.ok) return setProblem(reply.error);
    const jobs = await ask({ type: 'library-jobs' });
    setJob((jobs.ok && jobs.jobs?.find((j) => j.id === reply.jobIds[0])) || null);
  }

  const running = job !== null && !FINISHED.has(job.state);
  const whole = report.kind === 'story' && !report.chapter;
  const part = story ? partText(story) : null;
  return (
    <section class="save" aria-label="Offline library">
      {story ? (
        <p class="saved-status">
          In your library ·{' '}
          {part ??
            `${story.chapterCount}${story.meta.chapterTotal ? `/${story.meta.chapterTotal}` : ''} ${story.chapterCount === 1 ? 'chapter' : 'chapters'}`}{' '}
          ·{' '}
          <a href={`/read.html?id=${encodeURIComponent(story.id)}`} target="_blank" rel="noopener">
            Read offline
          </a>
        </p>
      ) : null}
      {running ? (
        <JobProgress job={job} onCancel={() => void ask({ type: 'library-cancel', jobId: job.id })} />
      ) : (
        <div class="save-buttons">
          {whole ? (
            <button type="button" class="save-story" onClick={() => void save('story')}>
              {story ? 'Save again' : 'Save story'}
            </button>
          ) : (
            <>
              {report.kind === 'chapter' ? (
                <button type="button" class="save-chapter" onClick={() => void save('chapter')}>
                  Save chapter
                </button>
              ) : null}
              <button type="button" class="save-story" onClick={() => void save('story')}>
                {part ? 'Save the other chapters' : story ? 'Update whole story' : 'Save whole story'}
              </button>
            </>
          )}
        </div>
      )}
      {job && FINISHED.has(job.state) ? <p class={`job-outcome job-${job.state}`}>{outcomeText(job)}</p> : null}
      {problem ? <p class="detail save-refused">{problem}</p> : null}
    </section>
  );
}

export function JobProgress({ job, onCancel }: { job: JobView; onCancel(): void }) {
  const label = job.total
    ? `${job.done} of ${jobUnits(job.scope, job.total)}`
    : job.done
      ? `${jobUnits(job.scope, job.done)} so far`
      : 'Starting';
  return (
    <div class="job" data-job-id={job.id}>
      <div class="job-line">
        <progress class="job-progress" value={job.done} max={job.total ?? undefined} aria-label={`Saving: ${label}`} />
        <button type="button" class="job-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <p class="detail job-message">{job.message ?? `Saving… ${label}`}</p>
    </div>
  );
}

function outcomeText(job: JobView): string {
  if (job.state === 'cancelled') return 'Save cancelled.';
  if (job.state === 'failed') return job.message ?? 'The save failed.';
  switch (job.outcome) {
    case 'saved':
      return 'Saved to your library.';
    case 'updated':
      return 'Your saved copy is up to date.';
    case 'unchanged':
      return 'Nothing new: your saved copy is the same.';
    case 'held':
      return 'The new copy looks incomplete, so your saved copy was kept. Compare them in the library.';
    case 'rejected':
      return job.message ?? 'This page is not a story, so nothing was saved.';
    default:
      return job.message ?? 'Done.';
  }
}
