/**
 * One small interface over two browser automation stacks, so the same end-to-end specs run in
 * Chromium (playwright-core) and Firefox (puppeteer-core over WebDriver BiDi).
 */

import type { ProxiedRequest } from './proxy';

/** A page the test can read. */
export interface PageHandle {
  /** Wait until `selector` exists, then return its trimmed text content. */
  text(selector: string): Promise<string>;
  /** Number of elements matching `selector` right now. */
  count(selector: string): Promise<number>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
  /** Type `text` into the field matching `selector` (replacing what it holds), as a person would. */
  fill(selector: string, text: string): Promise<void>;
  /** Choose the file at `path` in the file input matching `selector`, as a person would in the file picker. */
  upload(selector: string, path: string): Promise<void>;
  /** Click the first element matching `selector`, searching open shadow roots too, as a person would (trusted input). */
  click(selector: string): Promise<void>;
  /** Click with the mouse at (x, y) in the window's CSS pixels, as a person would (trusted input), on whatever is there. */
  clickAt(x: number, y: number): Promise<void>;
  /**
   * Run `fn` on the shadow root of the first element matching `host`, closed roots too (Slipcase's
   * page UI): in Slipcase's isolated world, out of the page's sight. Null when there is no such
   * element. `fn` is sent as source: it may use only its arguments and the page's globals.
   */
  shadow<A, R>(host: string, fn: (root: ShadowRoot, arg: A) => R | Promise<R>, arg: A): Promise<R | null>;
  /** Click `selector` in the (closed) shadow root of the first `host` with the mouse, as a person would (trusted input). */
  clickIn(host: string, selector: string): Promise<void>;
  /** Press a key or chord as a person would, e.g. "Escape", "n", "Alt+Shift+KeyR". */
  press(keys: string): Promise<void>;
  /** Run `fn` in the page's own JavaScript world and return its (serialisable) result. */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** The page's address now. */
  url(): string;
  /** Load the page again; resolves after load. Init scripts run again. */
  reload(): Promise<void>;
  /**
   * What a click on Slipcase's toolbar button does for this page's tab, through the browser's own
   * code for it: the extension gets activeTab for the tab and its popup opens (out of the test's
   * reach). Then the extension may inject into the tab as its popup would.
   */
  pressToolbarButton(): Promise<void>;
  /**
   * One finger's touch at (x, y) in the window's CSS pixels, as a person's (trusted input): the
   * finger goes down, moves there, or lifts there. Only where the browser emulates a phone.
   */
  touch?(type: 'start' | 'move' | 'end', x: number, y: number): Promise<void>;
  /** Resize the window to `width`×`height` CSS px, as a phone of that size would show the page. Only where the browser emulates a phone. */
  resize?(width: number, height: number): Promise<void>;
}

export interface OpenOptions {
  /**
   * JavaScript source run in the page's own world at the start of every document the page loads
   * (this one and reloads), before any script of the page's own.
   */
  initScript?: string;
}

export interface BrowserDriver {
  name: 'chromium' | 'firefox';
  /** The browser emulates a phone: a small touch screen, no mouse, a mobile user agent. */
  phone?: boolean;
  /** The profile directory, to start the browser again with its data (Chromium); null where the driver cannot. */
  profile: string | null;
  /** Every request that reached the network (./proxy.ts) rather than page routing, in order. */
  proxyRequests: readonly ProxiedRequest[];
  /** Open `url` in a new tab (served from the fixture routes); resolves after load. Returns the tab id. */
  openTab(url: string): Promise<number>;
  /** Like openTab, and also returns the page, to drive it. */
  openPage(url: string, options?: OpenOptions): Promise<{ tabId: number; page: PageHandle }>;
  /** Open one of the extension's own pages, e.g. "popup.html?tab=3". */
  openExtensionPage(path: string): Promise<PageHandle>;
  /** Run `fn` in an extension page, where the WebExtension API (`browser` or `chrome`) is available. */
  evalInExtension<A, R>(fn: (arg: A) => Promise<R> | R, arg: A): Promise<R>;
  /** Stop the extension's service worker, as Chrome does when it is idle (Chromium only: Firefox's background is a page). */
  stopServiceWorker?(): Promise<void>;
  close(): Promise<void>;
}
