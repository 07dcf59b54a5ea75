/** The toolbar button: `action` in MV3 (Chrome), `browserAction` in Firefox's MV2 build. */
import { browser } from 'wxt/browser';
import type { Badge } from '../badge';

type Action = typeof browser.browserAction;

function action(): Action {
  return (browser.action ?? browser.browserAction) as Action;
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
