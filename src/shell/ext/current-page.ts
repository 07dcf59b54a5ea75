/**
 * The popup's view of a tab: the report the content script left, or, on a site Slipcase does not
 * run on by itself, a report from injecting the same content script now (allowed by activeTab
 * because the reader just clicked the toolbar button).
 */
import { browser } from 'wxt/browser';
import type { PageReport } from '../../core/model';
import type { FoldCount } from '../../warnings/fold-count';
import { loadTabFolds, loadTabReport } from './tab-reports';

export type CurrentPage =
  /** `folds`: on a listing, the entries the gate folded there. */
  | { state: 'report'; report: PageReport; folds: FoldCount | null }
  /** The browser does not let extensions read this page (its own pages, the web store, PDFs…). */
  | { state: 'unreadable'; url: string | null };

function samePage(a: string, b: string | undefined): boolean {
  if (!b) return false;
  return a.split('#')[0] === b.split('#')[0];
}

export async function tabToShow(): Promise<number | null> {
  // ?tab=N lets a test (or another extension page) point the popup at a tab; ?tab=none at none.
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null) {
    const id = Number(param);
    return Number.isInteger(id) && id >= 0 ? id : null;
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

export async function readCurrentPage(tabId: number): Promise<CurrentPage> {
  const tab = await browser.tabs.get(tabId);
  const stored = await loadTabReport(tabId);
  if (stored && samePage(stored.url, tab.url)) return { state: 'report', report: stored, folds: await loadTabFolds(tabId) };
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId },
      files: ['/content-scripts/detect.js'],
    });
    const report = result?.result as PageReport | undefined;
    // Injected only to read: it folds nothing.
    if (report && typeof report === 'object' && 'kind' in report) return { state: 'report', report, folds: null };
  } catch {
    // Not allowed to run here; fall through.
  }
  return { state: 'unreadable', url: tab.url ?? null };
}
