/**
 * The hostile vectors (tests/lib/hostile-vectors.ts, over 400) rendered by the offline reader in
 * real Chromium and Firefox. A library backup carries them as a story's chapters (an import is the
 * one way raw HTML reaches the library without the reader's extraction); the offline reader, the
 * extension's most privileged page that shows stories, opens every chapter while a sentinel records
 * what a vector could do: script (a dialog, window.open, print), a blocked attempt (the page's CSP
 * reports every inline handler, script URL or remote load it stops), a navigation, a new window or
 * tab, and any request to another host. There must be none.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LibraryBackup } from '../../src/library/export/backup';
import { allVectors } from '../lib/hostile-vectors';
import { until } from '../lib/wait';
import type { PageHandle } from './lib/driver';
import { BROWSERS } from './lib/launch';
import { findAlone, freshBrowserEach, importBackup, openOffline, pageRequests } from './lib/library';
import { setOffline } from './lib/routes';

const VECTORS = allVectors();
const PER_CHAPTER = 20;
const WORD = 'sentinelwatch';
const URL_BASE = 'https://archiveofourown.org/works/990001';
/** Every host a vector names, and the story's own: the browser's own housekeeping requests go elsewhere. */
const NAMED_HOSTS = new Set([
  new URL(URL_BASE).host,
  ...VECTORS.flatMap((v) => Array.from(v.payload.matchAll(/\/\/([a-z0-9.-]+)/gi), (m) => m[1]!.toLowerCase())),
]);

/** One story whose chapters hold every vector, each after a paragraph saying which. */
function vectorBackup(): LibraryBackup {
  const chapters = Array.from({ length: Math.ceil(VECTORS.length / PER_CHAPTER) }, (_, c) => ({
    title: `Vectors ${c * PER_CHAPTER + 1}–${Math.min(VECTORS.length, (c + 1) * PER_CHAPTER)}`,
    url: `${URL_BASE}/chapters/${c + 1}`,
    number: c + 1,
    html: [
      `<p>${c === 0 ? `${WORD} ` : ''}Chapter ${c + 1} of the hostile vectors: each one follows the paragraph that names it.</p>`,
      ...VECTORS.slice(c * PER_CHAPTER, (c + 1) * PER_CHAPTER).map((v, i) => `<p>Vector ${c * PER_CHAPTER + i + 1}.</p>${v.payload}`),
    ].join('\n'),
  }));
  const meta = {
    title: 'Hostile Vectors',
    authors: ['sentinel'],
    fandoms: [],
    summary: null,
    rating: { level: 'general' as const, label: 'General Audiences', source: 'site' as const },
    warnings: [],
    warningsHidden: false,
    tags: [],
    words: null,
    chapterTotal: chapters.length,
    chaptersPosted: chapters.length,
    status: 'complete' as const,
  };
  const at = Date.now() - 60_000;
  return {
    format: 'slipcase-library',
    version: 1,
    exportedAt: new Date(at).toISOString(),
    stories: [{ site: 'ao3', url: URL_BASE, meta, savedAt: at, updatedAt: at, chapters, pending: null, progress: null }],
  } as LibraryBackup;
}

interface Sentinel {
  calls: string[];
  violations: string[];
  href: string;
}

/** Runs in the offline reader: records calls a vector could make and everything the page's CSP stops. */
function installSentinel(): void {
  const w = window as unknown as Record<string, unknown> & { sentinel: Sentinel };
  w.sentinel = { calls: [], violations: [], href: location.href };
  document.addEventListener('securitypolicyviolation', (e) => w.sentinel.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  for (const name of ['alert', 'confirm', 'prompt', 'open', 'print'])
    w[name] = (...args: unknown[]) => void w.sentinel.calls.push(`${name}(${args.map(String).join(', ')})`);
}

const sentinelOf = (reader: PageHandle) => reader.evaluate(() => (window as unknown as { sentinel: Sentinel }).sentinel, undefined);
const chapterTitle = (reader: PageHandle) =>
  reader.evaluate(() => document.querySelector('.story-head .chapter-title')?.textContent ?? '', undefined);

describe.each(BROWSERS)('%s', (browserName) => {
  const browser = freshBrowserEach(browserName);

  it(`the offline reader shows ${VECTORS.length} hostile vectors and nothing runs, opens, navigates or calls out`, async () => {
    const driver = browser();
    const file = join(mkdtempSync(join(tmpdir(), 'slipcase-vectors-')), 'vectors.json');
    const backup = vectorBackup();
    const total = backup.stories[0]!.chapters.length;
    writeFileSync(file, JSON.stringify(backup));
    await importBackup(driver, file, 1);
    setOffline(true);
    const tabs = () => driver.evalInExtension(async () => (await (globalThis.browser ?? chrome).tabs.query({})).length, undefined);
    const library = await driver.openExtensionPage('options.html#library');
    try {
      const { href } = await findAlone(library, WORD, URL_BASE);
      const { reader } = await openOffline(driver, href);
      const tabsBefore = await tabs();
      const requestsBefore = driver.proxyRequests.length;
      await reader.evaluate(installSentinel, undefined);
      // Every chapter after the first, then the first again, all drawn with the sentinel watching.
      for (let c = 2; c <= total; c++) {
        await reader.click('.bar .next');
        await until(async () => (await chapterTitle(reader)).startsWith(`Chapter ${c} of ${total}`), `chapter ${c}`);
      }
      await reader.click('.chapters-toggle');
      await reader.click('.chapters li:first-child button');
      await until(async () => (await chapterTitle(reader)).startsWith(`Chapter 1 of ${total}`), 'chapter 1 again');

      const sentinel = await sentinelOf(reader);
      expect(sentinel.calls).toEqual([]);
      expect(sentinel.violations).toEqual([]);
      expect(new URL(await reader.url()).pathname).toBe(new URL(sentinel.href).pathname);
      expect(await tabs()).toBe(tabsBefore);
      const own = new URL(await reader.url()).host;
      expect((await pageRequests(reader)).filter((u) => new URL(u).host !== own)).toEqual([]);
      const named = driver.proxyRequests.slice(requestsBefore).filter((r) => NAMED_HOSTS.has(new URL(r.url).host));
      expect(named.map((r) => r.url)).toEqual([]);
      // The sentinel hears what it should: a picture from another host, added now, is stopped and reported.
      await reader.evaluate(() => {
        const img = document.createElement('img');
        img.src = 'https://evil.example/self-check.png';
        document.body.append(img);
      }, undefined);
      await until(
        async () => (await sentinelOf(reader)).violations.some((v) => v.includes('self-check')),
        'the sentinel to report the picture',
      );
      await reader.close();
    } finally {
      await library.close();
    }
  }, 240_000);
});
