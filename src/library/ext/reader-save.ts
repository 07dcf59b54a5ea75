/**
 * Saving the open page to the offline library from the reader view. A content script never opens
 * the library (its IndexedDB would be the site's): the background saves the sender's tab and
 * runs the job; the reader only asks and listens.
 */
import type { SaveScope, SaveService, SaveTarget } from '../../reader/ui/SavePanel';
import { askLibrary, watchLibrary } from './client';
import { chapterKey } from '../../reader/ext/reader-storage';
import type { JobView, LibraryRequest } from '../messages';

/** How often the reader asks for its job while it runs: events may not reach a content script. */
export const POLL_MS = 1500;

/**
 * What to ask the background for. The tab's live page is the chapter the reader was opened on;
 * after turning chapters in place the reader shows another, which only a fetch by its address
 * brings: the whole story can be saved that way, that one chapter alone cannot (yet).
 */
function requestFor(scope: SaveScope, target: SaveTarget, pageUrl: string): LibraryRequest {
  if (chapterKey(target.url) === chapterKey(pageUrl)) return { type: 'library-save', scope };
  if (scope === 'story') return { type: 'library-save-url', url: target.url, title: target.title ?? target.url };
  throw new Error(
    'Only the chapter the reader was opened on can be saved alone. Save the whole story, or open this chapter’s page to save it.',
  );
}

/** The save service of a reader opened on the page at `pageUrl`. */
export function librarySave(pageUrl: string): SaveService {
  return {
    async start(scope, target) {
      const reply = await askLibrary(requestFor(scope, target, pageUrl));
      if (!reply.ok) throw new Error(reply.error);
      const id = reply.jobIds[0];
      if (!id) throw new Error('Slipcase did not start the save.');
      return id;
    },

    follow(jobId, onJob) {
      let last = 0;
      const take = (jobs: readonly JobView[] | undefined) => {
        const job = jobs?.find((j) => j.id === jobId);
        // Replies and events may cross: an older view of the job does not count.
        if (!job || job.updatedAt < last) return;
        last = job.updatedAt;
        onJob(job);
      };
      const unwatch = watchLibrary((event) => take(event.jobs));
      const poll = () =>
        void askLibrary({ type: 'library-jobs' }).then((reply) => {
          if (reply.ok) take(reply.jobs);
        });
      poll();
      const timer = setInterval(poll, POLL_MS);
      return () => {
        clearInterval(timer);
        unwatch();
      };
    },

    async cancel(jobId) {
      const reply = await askLibrary({ type: 'library-cancel', jobId });
      if (!reply.ok) throw new Error(reply.error);
    },
  };
}
