import { defineContentScript } from 'wxt/utils/define-content-script';
import { adapterFor, SITES } from '../sites/registry';
import { gatePage } from '../warnings/ext/page-gate';
import { followSiteRules } from '../sites/ext/site-rules';
import { GATE_MORE_PARTS } from '../warnings/ext/gate-more-parts';
import { coverSelectors } from '../warnings/early-cover';
import { coverEarly } from '../warnings/ui/live-cover';
import { readablePageBy } from '../core/read-page';
import { judgedText } from '../warnings/judge-text';

/**
 * The generic content script: every site definition and the whole gate in one. The popup injects it
 * into a page where no site's own script ran, after the reader clicks the toolbar button
 * (activeTab); there it only reads and reports. The known archives get their own small scripts
 * from the manifest (scripts/site-scripts.ts).
 */
export default defineContentScript({
  registration: 'runtime',
  main: () =>
    gatePage({
      cover: (early) => (early ? coverEarly(document, coverSelectors(new URL(location.href), SITES)) : null),
      pick: adapterFor,
      // On a frameset, the same-origin frame that holds the story.
      page: (pick) => readablePageBy(pick, document, location.href),
      judge: (report, text, settings) => Promise.resolve(judgedText(report, text, settings)),
      more: () => Promise.resolve(GATE_MORE_PARTS),
      ready: followSiteRules(),
    }),
});
