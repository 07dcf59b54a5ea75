/** The works the tab's series or works page lists, read from its live DOM for the popup's batch save. */
import { browser } from 'wxt/browser';
import { pageSnapshot, type PageSnapshot } from '../../reader/page-snapshot';
import { readWorkList, type WorkList } from '../../sites/kit/work-list';

export async function tabWorkList(tabId: number, site: string): Promise<WorkList | null> {
  const [result] = await browser.scripting.executeScript({ target: { tabId }, func: pageSnapshot, args: [] });
  const snapshot = result?.result as PageSnapshot | undefined;
  if (!snapshot?.html) return null;
  // Parsed here, inert: the page's scripts do not run in a parsed document.
  return readWorkList(site, new DOMParser().parseFromString(snapshot.html, 'text/html'), snapshot.url);
}
