/**
 * Chrome's offscreen document: the home of the save-job runner (src/library/ext/runner-host.ts).
 * It answers the background's RunnerCalls; the runner resumes unfinished jobs as it starts.
 */
import { browser } from 'wxt/browser';
import { isRunnerMessage } from '../../library/ext/runner-link';
import { startRunnerHost } from '../../library/ext/runner-host';

const host = startRunnerHost(() => undefined);

browser.runtime.onMessage.addListener((message: unknown) => {
  if (!isRunnerMessage(message)) return;
  return host.then((h) => h.call(message.call));
});
