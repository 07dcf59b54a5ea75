/**
 * Chromium with the built extension, as the end-to-end tests launch it, serving bench pages under
 * their archive URLs: what the reader-open and always-on benchmarks drive.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { builtExtension } from '../../tests/e2e/lib/build';
import { chromiumOptions } from '../../tests/e2e/lib/chromium-args';
import { fixtureFor } from '../../tests/e2e/lib/routes';
import { DEFAULT_RATING_SETTINGS, siteKey } from '../../src/warnings/policy';
import { storedItems } from '../../src/warnings/settings';
import type { BenchPage } from './pages';

export interface ExtensionBrowser {
  context: BrowserContext;
  /** The live service worker: it may be stopped and restarted between runs. */
  worker(): Promise<Worker>;
  close(): Promise<void>;
}

/** Chromium with a copy of the Chromium build (or of the unpacked extension at `built`) loaded, serving `pages` and the e2e fixtures. */
export async function launchWithExtension(
  pages: Pick<BenchPage, 'url' | 'html'>[],
  built: string = builtExtension('chrome-mv3'),
): Promise<ExtensionBrowser> {
  const scratch = mkdtempSync(join(tmpdir(), 'slipcase-bench-'));
  // A copy of the build: another build of the working tree must not change files under a running bench.
  const extension = join(scratch, 'extension');
  cpSync(built, extension, { recursive: true });
  const context = await chromium.launchPersistentContext(join(scratch, 'user-data'), chromiumOptions(extension));
  const served = new Map(pages.map((p) => [p.url, p.html]));
  await context.route(/^https?:/, (route) => {
    const url = route.request().url().split('#')[0]!;
    const html = served.get(url);
    if (html !== undefined) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    const f = fixtureFor(url);
    return f ? route.fulfill({ status: f.status, contentType: f.contentType, body: f.body }) : route.abort('internetdisconnected');
  });
  await (context.serviceWorkers()[0] ?? context.waitForEvent('serviceworker'));
  const worker = async (): Promise<Worker> => context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const close = async () => {
    await context.close();
    rmSync(scratch, { recursive: true, force: true });
  };
  return { context, worker, close };
}

/**
 * Runs `fn(...args)` in the extension's isolated world of tab `tab`, from the service worker, and gives back
 * what it resolved to. The service worker forbids eval, so the call goes as the source of one
 * expression the automation protocol evaluates there, `fn` written out in it. No named inner
 * functions in `fn`: tsx would wrap them in a helper the page does not have.
 */
export async function inIsolatedWorld<A extends unknown[]>(
  worker: Worker,
  tab: number,
  fn: (...args: A) => unknown,
  ...args: A
): Promise<unknown> {
  // executeScript gives null for a function that throws: the error comes back as a value instead.
  const reply = (await worker.evaluate(`(async () => {
    const [r] = await chrome.scripting.executeScript({
      target: { tabId: ${tab} },
      func: async (...a) => { try { return { ok: await (${fn.toString()})(...a) }; } catch (e) { return { error: String(e) }; } },
      args: ${JSON.stringify(args)},
    });
    return r?.result;
  })()`)) as { ok?: unknown; error?: string } | null;
  if (!reply || reply.error !== undefined) throw new Error(`in the isolated world: ${reply?.error ?? 'no result'}`);
  return reply.ok;
}

/** Rating settings that let every bench page's site through the gate (as the end-to-end reader tests do). */
export function passGate(pages: Pick<BenchPage, 'url'>[]): Record<string, unknown> {
  const sites = [...new Set(pages.map((p) => siteKey({ url: p.url })))];
  return storedItems({ ...DEFAULT_RATING_SETTINGS, exceptions: { ...DEFAULT_RATING_SETTINGS.exceptions, sites } });
}

/** The ids of the browser's tabs, as the service worker sees them. */
export async function tabIds(browser: ExtensionBrowser): Promise<number[]> {
  const worker = await browser.worker();
  return (await worker.evaluate(() => chrome.tabs.query({}))).map((t) => t.id!);
}
