/**
 * Per-tab page reports, kept in storage.session so they outlive a stopped MV3 service worker and
 * are readable by the popup without waking the background.
 */
import { browser } from 'wxt/browser';
import type { PageReport } from '../../core/model';

const key = (tabId: number) => `tab:${tabId}`;

export async function saveTabReport(tabId: number, report: PageReport): Promise<void> {
  await browser.storage.session.set({ [key(tabId)]: report });
}

export async function loadTabReport(tabId: number): Promise<PageReport | null> {
  const got = await browser.storage.session.get(key(tabId));
  return (got[key(tabId)] as PageReport | undefined) ?? null;
}

export async function forgetTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(key(tabId));
}
