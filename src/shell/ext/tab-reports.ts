/**
 * Per-tab page reports, kept in storage.session so they outlive a stopped MV3 service worker and
 * are readable by the popup without waking the background; the background keeps them from the
 * detect content script's page-report messages and shows them on the tab's badge.
 */
import { browser } from 'wxt/browser';
import type { PageReport } from '../../core/model';
import type { FoldCount } from '../../warnings/fold-count';
import type { Handlers } from '../../core/ext/messaging';
import { familyMember } from '../../core/ext/storage-items';
import { TAB_FOLDS, TAB_REPORTS } from '../../core/storage-keys';
import { gatedBadge } from '../../warnings/decision-badge';
import { ratingAllowHandlers } from '../../warnings/ext/rating-allow';
import { showBadge } from './toolbar';

export async function saveTabReport(tabId: number, report: PageReport, folds: FoldCount | null = null): Promise<void> {
  const count = familyMember(TAB_FOLDS, tabId);
  await Promise.all([familyMember(TAB_REPORTS, tabId).setValue(report), folds ? count.setValue(folds) : count.removeValue()]);
}

export function loadTabReport(tabId: number): Promise<PageReport | null> {
  return familyMember(TAB_REPORTS, tabId).getValue();
}

/** How many entries the gate folded on the tab's listing; null on other pages. */
export function loadTabFolds(tabId: number): Promise<FoldCount | null> {
  return familyMember(TAB_FOLDS, tabId).getValue();
}

export async function forgetTab(tabId: number): Promise<void> {
  await Promise.all([familyMember(TAB_REPORTS, tabId).removeValue(), familyMember(TAB_FOLDS, tabId).removeValue()]);
}

/**
 * The reports of tabs showing a page of `hosts`, and their badges: the reader's site rules for
 * those hosts changed, so the pages may read otherwise now, and the popup reads them again.
 */
export async function forgetReportsOn(hosts: ReadonlySet<string>): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map(async ({ id }) => {
      const report = id === undefined ? null : await loadTabReport(id);
      if (id !== undefined && report && hosts.has(new URL(report.url).hostname)) await Promise.all([forgetTab(id), showBadge(id, null)]);
    }),
  );
}

/**
 * The detect content script's messages: its reports, kept for the popup and shown on the tab's
 * badge, and the reader's "always allow" from the interstitial.
 */
export const pageReportHandlers: Handlers = {
  ...ratingAllowHandlers,
  'page-report': (message, sender) => {
    const tabId = sender.tab?.id;
    // Only the top frame speaks for the tab; frames inside a page are not the page.
    if (tabId === undefined || (sender.frameId !== undefined && sender.frameId !== 0)) return undefined;
    return Promise.all([
      saveTabReport(tabId, message.report, message.folds),
      showBadge(tabId, gatedBadge(message.report, message.decision)),
    ]).then(() => undefined);
  },
};

/** A tab's report and badge go when a new document loads in it, or the tab closes. */
export function forgetReportsOnNavigation(): void {
  browser.tabs.onUpdated.addListener((tabId, change) => {
    // A new document in the tab: the old report no longer describes it.
    if (change.status === 'loading' && change.url) void Promise.all([forgetTab(tabId), showBadge(tabId, null)]);
  });
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
}
