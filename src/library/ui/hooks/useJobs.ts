/**
 * The background's save jobs as the library page shows them: the list at open, every progress
 * event after, and a clock that ticks while a finished job is still in view.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { JobView, LibraryEvent, LibraryReply, LibraryRequest } from '../../messages';
import { FINISHED_SHOWN_MS, shownJobs } from '../JobsPanel';

/** Changes reported while jobs run are gathered this long before the list reloads. */
const REFRESH_DELAY_MS = 300;

export interface JobsSource {
  ask(request: LibraryRequest): Promise<LibraryReply>;
  watch(onEvent: (event: LibraryEvent) => void): () => void;
}

/** The jobs and the time they are shown at; `onChanged` runs (gathered) when jobs changed stories. */
export function useJobs({ ask, watch }: JobsSource, onChanged: () => void): { jobs: JobView[]; now: number } {
  const [jobs, setJobs] = useState<JobView[]>([]);
  const [now, setNow] = useState(Date.now());
  const changed = useRef(onChanged);
  changed.current = onChanged;
  const refreshTimer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    void ask({ type: 'library-jobs' }).then((reply) => {
      if (reply.ok && reply.jobs) setJobs(reply.jobs);
    });
    const stop = watch((event) => {
      setJobs(event.jobs);
      setNow(Date.now());
      if (event.changed.length === 0) return;
      clearTimeout(refreshTimer.current);
      refreshTimer.current = setTimeout(() => changed.current(), REFRESH_DELAY_MS);
    });
    return () => {
      stop();
      clearTimeout(refreshTimer.current);
    };
  }, []);

  // Finished jobs leave the panel after a while: tick while one is shown.
  useEffect(() => {
    if (!shownJobs(jobs, now).some((j) => j.state === 'done' || j.state === 'failed' || j.state === 'cancelled')) return;
    const timer = setTimeout(() => setNow(Date.now()), FINISHED_SHOWN_MS / 4);
    return () => clearTimeout(timer);
  }, [jobs, now]);

  return { jobs, now };
}
