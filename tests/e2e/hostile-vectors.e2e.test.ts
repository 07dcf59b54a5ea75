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
import { describe, it } from 'vitest';
import type { LibraryBackup } from '../../src/library/export/backup';
import { allVectors } from '../lib/hostile-vectors';
import { until } from '../lib/wait';
import { BROWSERS } from './lib/launch';
import { everyChapterOffline, findAlone, freshBrowserEach, importBackup, openOffline } from './lib/library';
import { before, expectNothingRan, installSentinel, namedHosts, sentinelOf } from './lib/sentinel';
import { setOffline } from './lib/routes';

const VECTORS = allVectors();
const PER_CHAPTER = 20;
const WORD = 'sentinelwatch';
const URL_BASE = 'https://archiveofourown.org/works/990001';
const HOSTS = namedHosts(VECTORS, [new URL(URL_BASE).host]);

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
    const library = await driver.openExtensionPage('options.html#library');
    try {
      const { href } = await findAlone(library, WORD, URL_BASE);
      const { reader } = await openOffline(driver, href);
      await reader.evaluate(installSentinel, undefined);
      const then = { ...(await before(driver, reader)), resources: 0 };
      await everyChapterOffline(reader, total);
      await expectNothingRan(driver, reader, then, HOSTS);
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
