/**
 * The library page's actions and the one line that reports on them: each action's outcome, or
 * its error as a sentence, in place of the last.
 */
import { useState } from 'preact/hooks';
import { errorText } from '../../browse/library-store';

export interface Notice {
  kind: 'info' | 'error';
  text: string;
}

/**
 * Runs `work` (what it is `doing`, for an error), shows the text it returns; with `changes`, the
 * list is reloaded after it, whatever its outcome.
 */
export type RunAction = (doing: string, work: () => Promise<string | null>, changes?: boolean) => Promise<void>;

export function useNotice(refresh: () => void): { notice: Notice | null; setNotice(notice: Notice | null): void; run: RunAction } {
  const [notice, setNotice] = useState<Notice | null>(null);
  const run: RunAction = async (doing, work, changes = true) => {
    try {
      const done = await work();
      if (done) setNotice({ kind: 'info', text: done });
    } catch (e) {
      setNotice({ kind: 'error', text: errorText(e, doing) });
    }
    if (changes) refresh();
  };
  return { notice, setNotice, run };
}
