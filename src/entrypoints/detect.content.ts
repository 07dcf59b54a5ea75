import { defineContentScript } from 'wxt/utils/define-content-script';
import { knownHostPatterns } from '../sites/registry';
import { gatePage } from '../warnings/ext/page-gate';

/**
 * Runs on the known archives by itself, from document_start so the story text is covered before
 * it is painted, and on any other page when the popup injects it after the reader clicks the
 * toolbar button (activeTab). What it does is src/warnings/ext/page-gate.ts.
 */
export default defineContentScript({
  matches: knownHostPatterns(),
  runAt: 'document_start',
  main: gatePage,
});
