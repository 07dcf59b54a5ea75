/**
 * The JS heap of the library page (library-ui.ts) with the bench's library in it, against the same
 * page on an empty library: the DevTools protocol's JSHeapUsedSize (Performance.getMetrics) after
 * a forced garbage collection, once the page shows its first stories and has counted the fandoms.
 */
import { chromium, type BrowserContext } from 'playwright-core';
import { browserBundle } from './browser-bundle';
import { chromiumOptions } from '../../tests/e2e/lib/chromium-args';

const UI_HTML =
  '<!doctype html><meta charset="utf-8"><title>library</title><link rel="stylesheet" href="/ui.css"><body><script src="/ui.js"></script>';

export interface PageHeap {
  bytes: number;
  /** What the page says it holds ("1,000 stories"), and the story cards it drew. */
  count: string;
  cards: number;
}

/**
 * The library page's heap on each database of `names`, in a browser of its own on `profile`: the
 * bench page is not there, since pages of one site may share a renderer and so a heap.
 */
export async function pageHeaps(profile: string, origin: string, names: string[]): Promise<PageHeap[]> {
  const { js, css } = await browserBundle('library-ui.ts');
  const context = await chromium.launchPersistentContext(profile, chromiumOptions(null));
  try {
    await context.route(/^https?:/, (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== origin) return route.abort('internetdisconnected');
      const [type, body] =
        url.pathname === '/ui.js' ? ['text/javascript', js] : url.pathname === '/ui.css' ? ['text/css', css] : ['text/html', UI_HTML];
      return route.fulfill({ status: 200, contentType: type, body });
    });
    const heaps: PageHeap[] = [];
    for (const name of names) heaps.push(await libraryPageHeap(context, origin, name));
    return heaps;
  } finally {
    await context.close();
  }
}

/** Opens the library page on database `db` at `origin` and measures its heap once it has settled. */
async function libraryPageHeap(context: BrowserContext, origin: string, db: string): Promise<PageHeap> {
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/ui.html?db=${encodeURIComponent(db)}`);
    await page.waitForFunction(() => {
      const count = document.querySelector('.library-count')?.textContent;
      return count && count !== 'Loading…';
    });
    // The fandom counts and the storage estimate come after the first stories.
    await page.waitForTimeout(2000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const used = metrics.find((m) => m.name === 'JSHeapUsedSize');
    if (!used) throw new Error('no JSHeapUsedSize in Performance.getMetrics');
    const count = (await page.textContent('.library-count')) ?? '';
    return { bytes: used.value, count, cards: await page.locator('.library-card').count() };
  } finally {
    await page.close();
  }
}
