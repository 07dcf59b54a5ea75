/**
 * Firefox ESR with the built extension installed as a temporary add-on, driven by puppeteer-core
 * over WebDriver BiDi.
 */
import { randomUUID } from 'node:crypto';
import puppeteer, { type Browser, type KeyInput, type Page } from 'puppeteer-core';
import { GECKO_ID } from '../../../wxt.config';
import { until } from '../../lib/wait';
import { rmSync } from 'node:fs';
import { builtExtension, withoutDesktopApis } from './build';
import type { BrowserDriver, PageHandle } from './driver';
import { closedShadow, type ShadowAccess } from './closed-shadow';
import { startFixtureProxy } from './proxy';
import { fixtureFor } from './routes';

const EXECUTABLE = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** A slow server's answer (a fixture's delayMs), not a wait for the browser. */
const serverDelay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Prefs that keep a test Firefox quiet and offline, and pin the add-on's page origin. */
function prefs(uuid: string, proxyPort: number): Record<string, unknown> {
  return {
    // The background page's requests pass page routing by; the proxy answers them (./proxy.ts).
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'messaging-system.rsexperimentloader.enabled': false,
    'app.normandy.enabled': false,
    'app.shield.optoutstudies.enabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'extensions.blocklist.enabled': false,
    'browser.region.update.enabled': false,
    'browser.safebrowsing.update.enabled': false,
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'security.OCSP.enabled': 0,
    'security.remote_settings.crlite_filters.enabled': false,
    'media.gmp-gmpopenh264.enabled': false,
    'identity.fxaccounts.enabled': false,
    'browser.urlbar.quicksuggest.enabled': false,
    'browser.ml.chat.enabled': false,
    // Optional permissions (a site the reader switches Slipcase on for) are granted without the
    // browser's prompt, which automation cannot answer: permissions.request itself still runs.
    'extensions.webextOptionalPermissionPrompts': false,
    // Old archives are plain http://; do not try https:// first.
    'dom.security.https_first': false,
    'dom.security.https_first_schemeless': false,
  };
}

function handle(page: Page, browser: Browser, tabId: number | null, evalInExtension: ShadowAccess['evalInExtension']): PageHandle {
  return {
    ...closedShadow(tabId, {
      evalInExtension,
      evalInPage: (expression) => page.evaluate(expression),
      mouseClick: (x, y) => page.mouse.click(x, y),
    }),
    async text(selector) {
      await page.waitForSelector(selector, { timeout: 10_000 });
      return page.$eval(selector, (el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim());
    },
    // pierce/ counts in open shadow roots too, as Playwright's CSS does.
    count: (selector) => page.$$eval(`pierce/${selector}`, (els) => els.length),
    screenshot: async (path) => void (await page.screenshot({ path: path as `${string}.png` })),
    close: () => page.close(),
    // pierce/ searches the document and every open shadow root, as Playwright's CSS does.
    click: (selector) => page.locator(`pierce/${selector}`).setTimeout(10_000).click(),
    clickAt: (x, y) => page.mouse.click(x, y),
    async press(keys) {
      // "Alt+Shift+KeyR": hold the modifiers, press the last key, release in reverse.
      const parts = keys.split('+') as KeyInput[];
      const last = parts.pop()!;
      for (const k of parts) await page.keyboard.down(k);
      await page.keyboard.press(last);
      for (const k of parts.reverse()) await page.keyboard.up(k);
    },
    async fill(selector, text) {
      // As a person replaces a field's text: all of it selected, then typed over. Puppeteer's own
      // fill empties the field by script and then types, and a render of the page in between (a
      // Preact field is put back to the value its state last heard of) brings the old text back
      // before the first key lands: the library's search then typed "oldword" + "newword".
      const field = await page.locator(`pierce/${selector}`).setTimeout(10_000).waitHandle();
      await field.focus();
      await field.evaluate((el) => (el as HTMLInputElement | HTMLTextAreaElement).select());
      if (text) await page.keyboard.type(text);
      else await page.keyboard.press('Backspace');
    },
    async upload(selector, path) {
      const input = await page.waitForSelector(selector, { timeout: 10_000 });
      await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(path);
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg as never) as never,
    url: () => page.url(),
    reload: async () => void (await page.reload({ waitUntil: 'load' })),
    async pressToolbarButton() {
      // --remote-allow-system-access lets BiDi run script in the browser window itself, where
      // the browser action's triggerAction does what a click does.
      await page.bringToFront();
      const connection = (browser as unknown as { connection: unknown }).connection as {
        send(method: string, params: object): Promise<{ result: unknown }>;
      };
      const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as unknown as {
        result: { contexts: { context: string; url: string }[] };
      };
      const win = tree.result.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
      if (!win) throw new Error('no browser window');
      const expression = `(async () => {
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)});
        await ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);
      })()`;
      const out = (await connection.send('script.evaluate', {
        expression,
        target: { context: win.context },
        awaitPromise: true,
      })) as unknown as { result: { type: string; exceptionDetails?: { text: string } } };
      if (out.result.type === 'exception') throw new Error(`triggerAction failed: ${out.result.exceptionDetails?.text}`);
    },
  };
}

export interface FirefoxOptions {
  /** Run as Firefox for Android would: no keyboard shortcuts or context menus (./build.ts). */
  withoutDesktopApis?: boolean;
}

export async function launchFirefox(options: FirefoxOptions = {}): Promise<BrowserDriver> {
  const built = builtExtension('firefox-mv2');
  const extension = options.withoutDesktopApis ? withoutDesktopApis(built) : built;
  const uuid = randomUUID();
  const origin = `moz-extension://${uuid}/`;
  const proxy = await startFixtureProxy();
  const browser: Browser = await puppeteer.launch({
    // The proxy's https answers come with a throwaway certificate.
    acceptInsecureCerts: true,
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: EXECUTABLE,
    headless: true,
    // Lets BiDi navigate a tab to the add-on's own moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    env: {
      ...process.env,
      // ESR ignores services.settings.server unless this is set; the second refuses any
      // non-loopback connection, so a missed route fails loudly instead of reaching out.
      MOZ_REMOTE_SETTINGS_DEVTOOLS: '1',
      MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1',
    },
    extraPrefsFirefox: prefs(uuid, proxy.port),
  });
  await browser.installExtension(extension);
  // Any extension page has the API; the popup pointed at no tab touches nothing.
  let apiPage: Page | null = null;
  // A string is evaluated as an expression by the protocol, past the extension's CSP (./closed-shadow.ts).
  const evalSource = async (expression: string): Promise<unknown> => {
    apiPage ??= await openExtension('popup.html?tab=none');
    return apiPage.evaluate(expression);
  };
  const tabIds = () =>
    driver.evalInExtension(async () => {
      const api = (globalThis as unknown as { browser: typeof chrome }).browser;
      return (await api.tabs.query({})).map((t) => t.id!);
    }, undefined);

  async function openExtension(path: string): Promise<Page> {
    const page = await browser.newPage();
    const url = origin + path;
    // Firefox sends no load events for extension pages (bug 1755014): navigate, then poll.
    await (
      page.mainFrame() as unknown as { browsingContext: { navigate(u: string, wait: string): Promise<void> } }
    ).browsingContext.navigate(url, 'none');
    // The page may rewrite its own query as it starts (the offline reader adds the chapter): match the path.
    const path_ = new URL(url).pathname;
    await until(
      () =>
        page.evaluate(
          (p) => location.protocol === 'moz-extension:' && location.pathname === p && document.readyState === 'complete',
          path_,
        ),
      `extension page ${url} to load`,
    );
    return page;
  }

  const driver: BrowserDriver = {
    name: 'firefox',
    profile: null,
    proxyRequests: proxy.requests,
    async openTab(url) {
      return (await driver.openPage(url)).tabId;
    },
    async openPage(url, options = {}) {
      // Without host permission an extension cannot see a tab's URL, so find the new tab by id.
      const before = await tabIds();
      const page = await browser.newPage();
      await page.setRequestInterception(true);
      page.on('request', async (req) => {
        const f = fixtureFor(req.url());
        if (f?.delayMs) await serverDelay(f.delayMs);
        // The page may be gone by the time a late request is answered.
        void (f ? req.respond({ status: f.status, contentType: f.contentType, headers: f.headers, body: f.body }) : req.abort()).catch(
          () => undefined,
        );
      });
      if (options.initScript) await page.evaluateOnNewDocument(options.initScript);
      await page.goto(url, { waitUntil: 'load' });
      const added = (await tabIds()).filter((id) => !before.includes(id));
      if (added.length !== 1) throw new Error(`expected one new tab, got ${added.length}`);
      return { tabId: added[0]!, page: handle(page, browser, added[0]!, evalSource) };
    },
    async openExtensionPage(path) {
      return handle(await openExtension(path), browser, null, evalSource);
    },
    async evalInExtension(fn, arg) {
      apiPage ??= await openExtension('popup.html?tab=none');
      return apiPage.evaluate(fn as never, arg as never) as never;
    },
    async close() {
      await browser.close();
      await proxy.close();
      if (extension !== built) rmSync(extension, { recursive: true, force: true });
    },
  };
  return driver;
}
