/**
 * Chrome's offscreen document: the home of the save-job runner (src/library/ext/runner-host.ts).
 * It answers the background's runner-* messages; the runner resumes unfinished jobs as it starts,
 * once the reader's site rules are in force.
 */
import { handle } from '../../core/ext/messaging';
import { runnerHandlers, startRunnerHost } from '../../library/ext/runner-host';
import { followSiteRulesFromBackground } from '../../sites/ext/site-rules';

// The reader's site rules are in force before the runner reads a page (resumed jobs included).
handle(runnerHandlers(followSiteRulesFromBackground().then(() => startRunnerHost(() => undefined))));
