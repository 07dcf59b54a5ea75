/** Chromium with the built extension loaded, driven by playwright-core. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { builtExtension } from './build';
import type { BrowserDriver, PageHandle } from './driver';
import { closedShadow, type ShadowAccess } from './closed-shadow';
import { chromiumOptions } from './chromium-args';
import { startFixtureProxy } from './proxy';
import { fixtureFor } from './routes';

const TOUCH_TYPES = { start: 'touchStart', move: 'touchMove', end: 'touchEnd' } as const;

function handle(page: Page, extensionId: string, tabId: number | null, evalInExtension: ShadowAccess['evalInExtension']): PageHandle {
  let touchSession: Promise<CDPSession> | undefined;
  return {
    ...closedShadow(tabId, {
      evalInExtension,
      evalInPage: (expression) => page.evaluate(expression),
      mouseClick: (x, y) => page.mouse.click(x, y),
    }),
    async text(selector) {
      const el = page.locator(selector).first();
      await el.waitFor({ state: 'attached', timeout: 10_000 });
      return ((await el.textContent()) ?? '').replace(/\s+/g, ' ').trim();
    },
    count: (selector) => page.locator(selector).count(),
    screenshot: async (path) => void (await page.screenshot({ path })),
    close: () => page.close(),
    // Playwright's CSS selectors search open shadow roots already.
    click: (selector) => page.locator(selector).first().click({ timeout: 10_000 }),
    clickAt: (x, y) => page.mouse.click(x, y),
    press: (keys) => page.keyboard.press(keys),
    fill: (selector, text) => page.locator(selector).first().fill(text, { timeout: 10_000 }),
    upload: (selector, path) => page.locator(selector).first().setInputFiles(path),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg as never) as never,
    url: () => page.url(),
    reload: async () => void (await page.reload({ waitUntil: 'load' })),
    resize: (width, height) => page.setViewportSize({ width, height }),
    async touch(type, x, y) {
      touchSession ??= page.context().newCDPSession(page);
      const touchPoints = type === 'end' ? [] : [{ x, y }];
      await (await touchSession).send('Input.dispatchTouchEvent', { type: TOUCH_TYPES[type], touchPoints });
    },
    async pressToolbarButton() {
      // CDP's Extensions.triggerAction runs the action as a click would (it needs
      // --enable-unsafe-extension-debugging and the pipe connection Playwright uses).
      const cdp = await page.context().browser()!.newBrowserCDPSession();
      try {
        const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as {
          targetInfos: { targetId: string; url: string }[];
        };
        const tabs = targetInfos.filter((t) => t.url === page.url());
        if (tabs.length !== 1) throw new Error(`expected one tab at ${page.url()}, got ${tabs.length}`);
        await cdp.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tabs[0]!.targetId } as never);
      } finally {
        await cdp.detach();
      }
    },
  };
}

export interface ChromiumOptions {
  /** A profile directory to start from: a browser closed and started again with its data. */
  profile?: string;
  /** Emulate a phone in every tab: PHONE's viewport, touch input and a mobile user agent. */
  phone?: boolean;
}

/**
 * A phone as Chromium's device emulation draws it (a Pixel-sized 390×844 CSS px screen, touch
 * only, Chrome for Android's user agent): `(pointer: coarse)` and `(hover: none)` match, pages
 * without a viewport tag are laid out 980 px wide and zoomed out, as on a phone.
 */
const PHONE = {
  viewport: { width: 390, height: 844 },
  screen: { width: 390, height: 844 },
  deviceScaleFactor: 1,
  isMobile: true,
  hasTouch: true,
  userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36',
};

export async function launchChromium(options: ChromiumOptions = {}): Promise<BrowserDriver> {
  const extension = builtExtension('chrome-mv3');
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'slipcase-chromium-'));
  const proxy = await startFixtureProxy();
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    ...chromiumOptions(extension, [
      // Lets a test press the toolbar button (Extensions.triggerAction).
      '--enable-unsafe-extension-debugging',
      // The offscreen document's requests pass page routing by; the proxy answers them (./proxy.ts).
      `--proxy-server=http://127.0.0.1:${proxy.port}`,
      '--ignore-certificate-errors',
    ]),
    ...(options.phone ? PHONE : {}),
  });
  await context.route(/^https?:/, async (route) => {
    const f = fixtureFor(route.request().url());
    if (f?.delayMs) await new Promise((r) => setTimeout(r, f.delayMs));
    // The page may be gone by the time a late request is answered.
    await (
      f
        ? route.fulfill({ status: f.status, contentType: f.contentType, headers: f.headers, body: f.body })
        : route.abort('internetdisconnected')
    ).catch(() => undefined);
  });
  const firstWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(firstWorker.url()).host;
  const base = `chrome-extension://${extensionId}/`;
  // The service worker may have been stopped and restarted since; always ask for the live one.
  const worker = async () => context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));

  // A string is evaluated as an expression by the protocol, past the extension's CSP (./closed-shadow.ts).
  const evalSource = async (expression: string): Promise<unknown> => (await worker()).evaluate(expression);
  const tabIds = () => driver.evalInExtension(async () => (await chrome.tabs.query({})).map((t) => t.id!), undefined);

  const driver: BrowserDriver = {
    name: 'chromium',
    phone: !!options.phone,
    profile,
    proxyRequests: proxy.requests,
    async openTab(url) {
      return (await driver.openPage(url)).tabId;
    },
    async openPage(url, options = {}) {
      // Without host permission an extension cannot see a tab's URL, so find the new tab by id.
      const before = await tabIds();
      const page = await context.newPage();
      if (options.initScript) await page.addInitScript({ content: options.initScript });
      await page.goto(url, { waitUntil: 'load' });
      const added = (await tabIds()).filter((id) => !before.includes(id));
      if (added.length !== 1) throw new Error(`expected one new tab, got ${added.length}`);
      return { tabId: added[0]!, page: handle(page, extensionId, added[0]!, evalSource) };
    },
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(base + path);
      return handle(page, extensionId, null, evalSource);
    },
    async evalInExtension(fn, arg) {
      return (await worker()).evaluate(fn as never, arg as never) as never;
    },
    async stopServiceWorker() {
      // As Chrome stops an idle worker: through the DevTools protocol, from a page of the browser's own.
      const page = await context.newPage();
      try {
        const cdp = await context.newCDPSession(page);
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
      } finally {
        await page.close();
      }
    },
    async close() {
      await context.close();
      await proxy.close();
    },
  };
  return driver;
}
