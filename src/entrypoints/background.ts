import { defineBackground } from 'wxt/utils/define-background';
import { handle, type Sender } from '../core/ext/messaging';
import type { Message } from '../core/messages';
import { forgetReportsOn, forgetReportsOnNavigation, pageReportHandlers } from '../shell/ext/tab-reports';
import { installReaderAndSaveMenus } from '../shell/ext/menus';
import { localHost, offscreenHost } from '../library/ext/runner-link';
import { gateMoreHandlers } from '../warnings/ext/gate-more-host';
import { gateJudgeHandlers } from '../warnings/ext/gate-judge-host';
import { libraryHandlers, onLibraryEvent, saveTab, startLibraryBackground } from '../library/ext/background';
import { followSitePermissions } from '../sites/ext/user-sites';
import { followSiteRules, serveSiteRules, watchRuleHosts } from '../sites/ext/site-rules';
import { rulePickedHandlers } from '../sites/ext/rule-picker';
import { importHandlers, memoryHandlers, rememberReport } from '../library/ext/memory-host';
import { davHandlers, startDavBackground } from '../library/dav/ext/dav-background';

export default defineBackground(() => {
  // Firefox's background page has a DOM: the save jobs run right here. Chrome's service worker
  // has none: they run in an offscreen document (src/library/ext/runner-link.ts).
  // The reader's site rules: Firefox's runner shares this page and reads them here, before it
  // starts; Chrome's offscreen document has no storage API and asks the background for them.
  const rulesReady = import.meta.env.FIREFOX ? followSiteRules() : undefined;
  const library = import.meta.env.FIREFOX ? localHost(onLibraryEvent, rulesReady) : offscreenHost();
  if (!import.meta.env.FIREFOX) serveSiteRules();

  // A story page's report is kept for the popup and remembered in the reading memory.
  const keepReport = (message: Message<'page-report'>, sender: Sender): Promise<void> =>
    Promise.all([pageReportHandlers['page-report']!(message, sender), rememberReport(message.report, sender).catch(() => undefined)]).then(
      () => undefined,
    );

  // Listeners are registered synchronously so a woken service worker sees the first message.
  handle({
    ...libraryHandlers(library),
    ...importHandlers(library),
    ...pageReportHandlers,
    'page-report': keepReport,
    ...memoryHandlers,
    ...gateMoreHandlers,
    // The judged page's report is kept as its page-report would be, which the script then does not
    // send; the reply does not wait for it, as the page's cover waits for the reply.
    'gate-judge': async (message, sender) => {
      const judged = await gateJudgeHandlers['gate-judge']!(message, sender);
      // Started in a later microtask, so nothing in the keeping can fail the decision.
      if (message.keep)
        void Promise.resolve()
          .then(() => keepReport({ type: 'page-report', report: judged.report, decision: judged.decision }, sender))
          .catch(() => undefined);
      return judged;
    },
    ...rulePickedHandlers,
    ...davHandlers(library),
  });
  forgetReportsOnNavigation();
  // A tab read before a rule for its site changed is read again when the popup asks.
  watchRuleHosts((hosts) => void forgetReportsOn(hosts));
  installReaderAndSaveMenus((tabId, scope) => void saveTab(library, tabId, scope));
  startLibraryBackground(library);
  startDavBackground(library);
  followSitePermissions();
});
