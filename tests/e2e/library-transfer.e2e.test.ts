/**
 * Moving the offline library in the built extension, in real Chromium and Firefox: the library,
 * with a place saved in each multi-chapter story, is exported, wiped and imported with nothing
 * lost. The test starts in a fresh browser whose library holds the saved stories
 * (lib/library.ts#fillLibrary), then reads each multi-chapter story to its last chapter.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { until } from '../lib/wait';
import type { BrowserDriver } from './lib/driver';
import { BROWSERS } from './lib/launch';
import { MULTI, SAVES, downloadText, dump, fillLibrary, findAlone, freshBrowserEach, openOffline, turnToLastChapter } from './lib/library';
import { setOffline } from './lib/routes';

/** A place saved in every multi-chapter story: each read to its last chapter, as a reader would. */
async function readEachToTheEnd(driver: BrowserDriver): Promise<void> {
  const library = await driver.openExtensionPage('options.html#library');
  try {
    for (const s of MULTI) {
      const { id, href } = await findAlone(library, s.chapters[s.chapters.length - 1]!.word, s.start);
      const { reader } = await openOffline(driver, href);
      await turnToLastChapter(reader, s, id);
      await reader.close();
    }
  } finally {
    await library.close();
  }
}

describe.each(BROWSERS)('%s', (browserName) => {
  const browser = freshBrowserEach(browserName);

  it('exports the library, and a wiped library imported from the file is the same library', async () => {
    const driver = browser();
    await fillLibrary(driver, SAVES);
    await readEachToTheEnd(driver);
    // As a reader moving a library might be: nothing here needs the network.
    setOffline(true);
    const saved = await dump(driver);
    // Every story turned to its last chapter has its place saved (a one-page story has no turn to save).
    expect(saved.progress.length).toBeGreaterThanOrEqual(MULTI.length);
    const library = await driver.openExtensionPage('options.html#library');
    try {
      await until(async () => (await library.count('li.library-card[data-story-id]')) === SAVES.length, 'the library');
      // The total is a kept count (src/library/db/counts.ts): it follows the deletes and the import below.
      expect(await library.text('.library-count')).toBe(`${SAVES.length} stories`);
      const backup = await downloadText(library, '.library-export');
      const file = join(mkdtempSync(join(tmpdir(), 'slipcase-backup-')), 'slipcase-library.json');
      writeFileSync(file, backup);
      expect(JSON.parse(backup).stories).toHaveLength(SAVES.length);

      // Wipe: every story selected and deleted, as a reader would.
      const boxes = await library.count('li.library-card .card-select');
      for (let i = 0; i < boxes; i++) await library.click(`li.library-card[data-index="${i}"] .card-select`);
      await library.click('.library-delete-selected');
      await until(async () => (await dump(driver)).stories.length === 0, 'an empty library');
      await until(async () => (await library.text('.library-count')) === 'No stories saved yet.', 'the count to say the library is empty');

      await library.upload('.library-import input[type=file]', file);
      await until(async () => (await dump(driver)).stories.length === SAVES.length, 'the import', 20_000);
      await until(async () => (await library.text('.library-count')) === `${SAVES.length} stories`, 'the count after the import');
      const restored = await dump(driver);
      const byId = <T extends { storyId: string }>(xs: T[]) =>
        [...xs].sort((a, b) => a.storyId.localeCompare(b.storyId) || JSON.stringify(a).localeCompare(JSON.stringify(b)));
      expect([...restored.stories].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
        [...saved.stories].sort((a, b) => a.id.localeCompare(b.id)),
      );
      expect(byId(restored.chapters)).toEqual(byId(saved.chapters));
      expect(byId(restored.progress)).toEqual(byId(saved.progress));
    } finally {
      await library.close();
    }
  }, 180_000);
});
