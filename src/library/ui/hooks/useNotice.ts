/**
 * The library page's actions and the one line that reports on them: each action's outcome, or
 * its error as a sentence, in place of the last.
 */
import { useEffect, useState } from 'preact/hooks';
import type { JobView } from '../../messages';
import { isUnfinished } from '../../types';
import { errorText } from '../../browse/library-store';

export interface Notice {
  kind: 'info' | 'error';
  text: string;
  /** The jobs the notice announces ("Checking…"): it goes once they have all finished. */
  jobIds?: readonly string[];
}

/** What an action reports: a sentence, or a sentence about jobs it started. */
export type Outcome = string | { text: string; jobIds: readonly string[] } | null;

/**
 * Runs `work` (what it is `doing`, for an error), shows the text it returns; with `changes`, the
 * list is reloaded after it, whatever its outcome.
 */
export type RunAction = (doing: string, work: () => Promise<Outcome>, changes?: boolean) => Promise<void>;

export function useNotice(refresh: () => void): { notice: Notice | null; setNotice(notice: Notice | null): void; run: RunAction } {
  const [notice, setNotice] = useState<Notice | null>(null);
  const run: RunAction = async (doing, work, changes = true) => {
    try {
      const done = await work();
      if (typeof done === 'string') setNotice({ kind: 'info', text: done });
      else if (done) setNotice({ kind: 'info', ...done });
    } catch (e) {
      setNotice({ kind: 'error', text: errorText(e, doing) });
    }
    if (changes) refresh();
  };
  return { notice, setNotice, run };
}

/** A notice about jobs ("Checking…") goes once each of them is listed and finished: their boxes tell how they ended. */
export function useNoticeUntilJobsEnd(notice: Notice | null, jobs: readonly JobView[], clear: () => void): void {
  useEffect(() => {
    const ids = notice?.jobIds;
    if (!ids?.length) return;
    const ended = ids.every((id) => {
      const job = jobs.find((j) => j.id === id);
      return job !== undefined && !isUnfinished(job);
    });
    if (ended) clear();
  }, [notice, jobs]);
}
