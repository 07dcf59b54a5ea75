/**
 * A sentinel for pages that show hostile markup (tests/lib/hostile-vectors.ts): it records what a
 * vector could do once drawn. Script shows as a call to a dialog, window.open or print; a blocked
 * attempt as the page's CSP report; a navigation as a new document; and a request to a host a
 * vector names reaches the test proxy or the page's resource timing.
 */
import { expect } from 'vitest';
import type { Vector } from '../../lib/hostile-vectors';
import type { BrowserDriver, PageHandle } from './driver';

interface Sentinel {
  calls: string[];
  violations: string[];
  href: string;
}

/** Runs in the page's own world (the world a rendered vector runs in), before anything else where it can. */
export function installSentinel(): void {
  const w = window as unknown as Record<string, unknown> & { sentinel: Sentinel };
  w.sentinel = { calls: [], violations: [], href: location.href };
  // Room for every request a page of vectors could make: the default buffer stops at 250.
  performance.setResourceTimingBufferSize(100_000);
  document.addEventListener('securitypolicyviolation', (e) => w.sentinel.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  for (const name of ['alert', 'confirm', 'prompt', 'open', 'print'])
    w[name] = (...args: unknown[]) => void w.sentinel.calls.push(`${name}(${args.map(String).join(', ')})`);
}

export const sentinelOf = (page: PageHandle) => page.evaluate(() => (window as unknown as { sentinel: Sentinel }).sentinel, undefined);

/** Every host the vectors name, and `also`: the browser's own housekeeping requests go elsewhere. */
export const namedHosts = (vectors: readonly Vector[], also: string[] = []) =>
  new Set([...also, ...vectors.flatMap((v) => Array.from(v.payload.matchAll(/\/\/([a-z0-9.-]+)/gi), (m) => m[1]!.toLowerCase()))]);

const tabCount = (driver: BrowserDriver) =>
  driver.evalInExtension(async () => (await (globalThis.browser ?? chrome).tabs.query({})).length, undefined);

/** What the browser, the proxy and the page had seen before the vectors were drawn. */
export interface Before {
  tabs: number;
  requests: number;
  resources: number;
}

export const before = async (driver: BrowserDriver, page: PageHandle): Promise<Before> => ({
  tabs: await tabCount(driver),
  requests: driver.proxyRequests.length,
  resources: await page.evaluate(() => performance.getEntriesByType('resource').length, undefined),
});

/** Resources `page` loaded from hosts other than its own after its first `from`, with what asked for each (resource timing). */
const foreignResources = (page: PageHandle, from: number) =>
  page.evaluate(
    (from: number) =>
      performance
        .getEntriesByType('resource')
        .slice(from)
        .filter((e) => new URL(e.name).host !== location.host)
        .map((e) => ({ url: e.name, by: (e as PerformanceResourceTiming).initiatorType })),
    from,
  );

/**
 * Checks that nothing a vector could do happened on `page` since `then`: no script call, no CSP
 * report, no new document (the sentinel still holds the address it was installed at, `at`, which
 * defaults to the page's address now), no new tab, and no request to a named host. `pictures` lets
 * pictures through: the live reader shows a page's pictures as the page itself would.
 */
export async function expectNothingRan(
  driver: BrowserDriver,
  page: PageHandle,
  then: Before,
  hosts: Set<string>,
  { pictures = false, at }: { pictures?: boolean; at?: string } = {},
): Promise<void> {
  const sentinel = await sentinelOf(page);
  expect(sentinel.calls).toEqual([]);
  expect(sentinel.violations).toEqual([]);
  const doc = (href: string) => new URL(href).origin + new URL(href).pathname;
  expect(doc(sentinel.href)).toBe(doc(at ?? (await page.url())));
  expect(await tabCount(driver)).toBe(then.tabs);
  const picture = (by: string) => pictures && by === 'img';
  expect((await foreignResources(page, then.resources)).filter((r) => !picture(r.by))).toEqual([]);
  const named = driver.proxyRequests.slice(then.requests).filter((r) => hosts.has(new URL(r.url).host) && !(pictures && r.picture));
  expect(named.map((r) => r.url)).toEqual([]);
}
