/** The toolbar button: `action` in MV3 (Chrome), `browserAction` in Firefox's MV2 build. */
import { browser } from 'wxt/browser';
import type { Badge } from '../badge';

/** The part of the toolbar-button API Slipcase uses, common to `action` and `browserAction`. */
interface ToolbarAction {
  /** Without tabId: the default for every tab. A null text or title for a tab falls back to that default. */
  setBadgeText(details: { tabId?: number; text: string | null }): Promise<void>;
  setBadgeBackgroundColor(details: { tabId?: number; color: string }): Promise<void>;
  setBadgeTextColor?(details: { tabId?: number; color: string }): Promise<void>;
  setTitle(details: { tabId?: number; title: string | null }): Promise<void>;
}

function action(): ToolbarAction {
  return (browser.action ?? browser.browserAction) as ToolbarAction;
}

/** The tab's badge; null shows the default badge (the library's, see showLibraryBadge). */
export async function showBadge(tabId: number, badge: Badge | null): Promise<void> {
  const a = action();
  if (!badge) {
    await Promise.all([a.setBadgeText({ tabId, text: null }), a.setTitle({ tabId, title: null })]);
    return;
  }
  await Promise.all([
    a.setBadgeText({ tabId, text: badge.text }),
    a.setBadgeBackgroundColor({ tabId, color: badge.color }),
    a.setBadgeTextColor?.({ tabId, color: badge.textColor }),
    a.setTitle({ tabId, title: badge.title }),
  ]);
}

/** Library blue: apart from the rating colours, so a count never reads as a rating. */
const LIBRARY_BADGE_COLOUR = '#2a5db0';

/**
 * The default badge, shown on tabs without a rating badge: how many saved stories have chapters
 * the reader has not opened yet (none: no badge).
 */
export async function showLibraryBadge(storiesWithNewChapters: number): Promise<void> {
  const a = action();
  const n = storiesWithNewChapters;
  await Promise.all([
    a.setBadgeText({ text: n > 0 ? String(Math.min(n, 99)) + (n > 99 ? '+' : '') : '' }),
    a.setBadgeBackgroundColor({ color: LIBRARY_BADGE_COLOUR }),
    a.setBadgeTextColor?.({ color: '#ffffff' }),
    a.setTitle({ title: n > 0 ? `Slipcase: ${n} saved ${n === 1 ? 'story has' : 'stories have'} new chapters` : 'Slipcase' }),
  ]);
}
