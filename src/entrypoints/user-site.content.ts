import { defineContentScript } from 'wxt/utils/define-content-script';
import { adapterFor } from '../sites/registry';
import { gatePage } from '../warnings/ext/page-gate';
import { followSiteRules } from '../sites/ext/site-rules';
import { GATE_MORE_PARTS } from '../warnings/ext/gate-more-parts';
import { judgeInBackground } from '../warnings/ext/gate-judge';
import { coverEarly } from '../warnings/ui/live-cover';

/**
 * The always-on script of a site the reader switched Slipcase on for (src/sites/ext/user-sites.ts
 * registers it on that host alone, from document_start). No rule says where the story text sits
 * there, so the whole page is covered from the first paint until the generic reader has judged it.
 */
export default defineContentScript({
  registration: 'runtime',
  main: () =>
    gatePage({
      cover: (early) => (early ? coverEarly(document, ['body']) : null),
      pick: adapterFor,
      judge: judgeInBackground,
      more: () => Promise.resolve(GATE_MORE_PARTS),
      ready: followSiteRules(),
    }),
});
