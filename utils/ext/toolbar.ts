/** The toolbar button: `action` in MV3 (Chrome), `browserAction` in Firefox's MV2 build. */
import { browser } from 'wxt/browser';
import type { Badge } from '../badge';

/** The part of the toolbar-button API Slipcase uses, common to `action` and `browserAction`. */
interface ToolbarAction {
  setBadgeText(details: { tabId: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void>;
  setBadgeTextColor?(details: { tabId: number; color: string }): Promise<void>;
  setTitle(details: { tabId: number; title: string }): Promise<void>;
  getBadgeText(details: { tabId: number }): Promise<string>;
}

function action(): ToolbarAction {
  const api = browser as unknown as { action?: ToolbarAction; browserAction?: ToolbarAction };
  return (api.action ?? api.browserAction)!;
}

export async function showBadge(tabId: number, badge: Badge | null): Promise<void> {
  const a = action();
  if (!badge) {
    await Promise.all([a.setBadgeText({ tabId, text: '' }), a.setTitle({ tabId, title: 'Slipcase' })]);
    return;
  }
  await Promise.all([
    a.setBadgeText({ tabId, text: badge.text }),
    a.setBadgeBackgroundColor({ tabId, color: badge.color }),
    a.setBadgeTextColor?.({ tabId, color: badge.textColor }),
    a.setTitle({ tabId, title: badge.title }),
  ]);
}

export async function badgeText(tabId: number): Promise<string> {
  return action().getBadgeText({ tabId });
}
