/**
 * One small interface over two browser automation stacks, so the same end-to-end specs run in
 * Chromium (playwright-core) and Firefox (puppeteer-core over WebDriver BiDi).
 */

/** A page the test can read. */
export interface PageHandle {
  /** Wait until `selector` exists, then return its trimmed text content. */
  text(selector: string): Promise<string>;
  /** Number of elements matching `selector` right now. */
  count(selector: string): Promise<number>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

export interface BrowserDriver {
  name: 'chromium' | 'firefox';
  /** Open `url` in a new tab (served from the fixture routes); resolves after load. Returns the tab id. */
  openTab(url: string): Promise<number>;
  /** Open one of the extension's own pages, e.g. "popup.html?tab=3". */
  openExtensionPage(path: string): Promise<PageHandle>;
  /** Run `fn` in an extension page, where the WebExtension API (`browser` or `chrome`) is available. */
  evalInExtension<A, R>(fn: (arg: A) => Promise<R> | R, arg: A): Promise<R>;
  close(): Promise<void>;
}
