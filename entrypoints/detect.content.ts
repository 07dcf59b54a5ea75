import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { readPage } from '../utils/page';
import { knownHostPatterns } from '../utils/sites';
import type { PageReportMessage } from '../utils/messages';

/**
 * Runs on the known archives by itself, and on any other page when the popup injects it after the
 * reader clicks the toolbar button (activeTab). Reads the page and tells the background.
 */
export default defineContentScript({
  matches: knownHostPatterns(),
  runAt: 'document_idle',
  main() {
    const report = readPage(document, location.href);
    const message: PageReportMessage = { type: 'page-report', report };
    void browser.runtime.sendMessage(message);
    return report;
  },
});
