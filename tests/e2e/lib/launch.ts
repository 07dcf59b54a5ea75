/** The browsers every end-to-end spec runs in, and the extension storage the specs start from. */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { SCREENSHOT_DIR } from './build';
import { launchChromium } from './chromium';
import type { BrowserDriver } from './driver';
import { launchFirefox } from './firefox';
import { until } from '../../lib/wait';

export const LAUNCHERS = {
  chromium: () => launchChromium(),
  // The same Chromium emulating a phone (./chromium.ts PHONE): touch, 390×844, a mobile user agent.
  'chromium-phone': () => launchChromium({ phone: true }),
  firefox: () => launchFirefox(),
  // Firefox as Firefox for Android runs the extension: the same build with the desktop-only APIs
  // (keyboard shortcuts, context menus) deleted before its code runs (./build.ts). Every spec runs
  // here too, so nothing the reader does may depend on them. Not a phone: see the README.
  'firefox-android-apis': () => launchFirefox({ withoutDesktopApis: true }),
};
export type BrowserName = keyof typeof LAUNCHERS;
export const BROWSERS = Object.keys(LAUNCHERS) as BrowserName[];

/**
 * One browser for every test of the describe block it is called in: launched (with the screenshot
 * folder ready) before the first, closed after the last, handed to `use` once it is up.
 */
export function sharedBrowser(browserName: BrowserName, use: (driver: BrowserDriver) => void): void {
  let driver: BrowserDriver | undefined;
  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    driver = await LAUNCHERS[browserName]();
    use(driver);
  }, 120_000);
  afterAll(async () => {
    await driver?.close();
  });
}

/**
 * Replaces the extension's synced storage (content-warning and reader settings) with `items`;
 * with `local`, also empties its local storage (reading positions).
 */
export async function resetStorage(driver: BrowserDriver, items: Record<string, unknown>, { local = false } = {}): Promise<void> {
  await driver.evalInExtension(
    async ({ items, local }: { items: Record<string, unknown>; local: boolean }) => {
      const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
      const api = g.browser ?? g.chrome;
      await api.storage.sync.clear();
      if (local) await api.storage.local.clear();
      await api.storage.sync.set(items);
    },
    { items, local },
  );
}

/** The toolbar badge's text on tab `tabId`, or its default text without one. */
export function badgeText(driver: BrowserDriver, tabId?: number): Promise<string> {
  return driver.evalInExtension(async (id: number | null) => {
    const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
    const api = g.browser ?? g.chrome;
    const action = api.action ?? (api as unknown as { browserAction: typeof chrome.action }).browserAction;
    return action.getBadgeText(id === null ? {} : { tabId: id });
  }, tabId ?? null);
}

/**
 * The tab's badge once its page has reported to the background, which stores the report
 * (src/shell/ext/tab-reports.ts) and sets the badge in answer to that one message: a page that
 * gets no badge is read after its report is in rather than after a guessed time.
 */
export async function reportedBadge(driver: BrowserDriver, tabId: number): Promise<string> {
  await until(
    () =>
      driver.evalInExtension(async (id: number) => {
        const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
        return `tab:${id}` in (await (g.browser ?? g.chrome).storage.session.get(`tab:${id}`));
      }, tabId),
    'the page to report to the background',
  );
  return badgeText(driver, tabId);
}
