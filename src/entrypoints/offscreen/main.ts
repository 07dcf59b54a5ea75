/**
 * Chrome's offscreen document: the home of the save-job runner (src/library/ext/runner-host.ts).
 * It answers the background's runner-* messages; the runner resumes unfinished jobs as it starts.
 */
import { handle } from '../../core/ext/messaging';
import { runnerHandlers, startRunnerHost } from '../../library/ext/runner-host';

handle(runnerHandlers(startRunnerHost(() => undefined)));
