/**
 * The storage keys are declared once and do not collide, and what earlier versions stored (and
 * what other devices still write) is read as before: the keys below are spelled out on purpose,
 * so renaming one in src/core/storage-keys.ts fails here instead of losing a reader's settings.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { STORED_FAMILIES, STORED_ITEMS } from '../storage-keys';
import { emptyInfo, type PageReport } from '../model';
import { DEFAULT_READER_SETTINGS, type ReaderSettings } from '../../reader/settings';
import { chapterKey, loadPosition, loadSettings, saveSettings } from '../../reader/ext/reader-storage';
import { loadExceptionLabels, loadRatingSettings, saveRatingSettings } from '../../warnings/ext/settings-storage';
import { loadTabReport, saveTabReport } from '../../shell/ext/tab-reports';
import { pushLibrarySync } from '../../library/ext/sync-storage';
import { freshLibrary } from '../../library/tests/library-fixtures';

beforeEach(() => fakeBrowser.reset());

describe('the storage keys', () => {
  it('are each declared once, and no family takes in another key of its area', () => {
    const keys = STORED_ITEMS.map((i) => `${i.area}:${i.key}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of STORED_FAMILIES) {
      for (const i of STORED_ITEMS) if (i.area === f.area) expect(i.key.startsWith(f.prefix), `${i.key} in ${f.prefix}`).toBe(false);
      for (const g of STORED_FAMILIES)
        if (g !== f && g.area === f.area) expect(g.prefix.startsWith(f.prefix), `${g.prefix} in ${f.prefix}`).toBe(false);
    }
  });
});

describe('layouts stored by earlier versions', () => {
  it('reader settings and reading positions are read back as they were', async () => {
    const mine: ReaderSettings = {
      ...DEFAULT_READER_SETTINGS,
      theme: 'sepia',
      font: 'dyslexic',
      size: 22,
      lineHeight: 1.8,
      width: 40,
      justify: true,
      rate: 1.2,
    };
    await browser.storage.sync.set({ 'reader-settings': mine });
    const url = 'https://archiveofourown.org/works/1/chapters/2';
    await browser.storage.local.set({ 'reader-positions': { [chapterKey(url)]: { block: 12, offset: 0.25, at: 1_750_000_000_000 } } });
    expect(await loadSettings()).toEqual(mine);
    expect(await loadPosition(url)).toEqual({ block: 12, offset: 0.25, at: 1_750_000_000_000 });
  });

  it('rating settings, their numbered "always allow" items and the exceptions’ names are read back', async () => {
    await browser.storage.sync.set({
      'rating-settings': { limit: 'teen', unrated: 'warn', warnings: ['noncon'], tags: ['vampire*'] },
      'rating-allow-stories-0': ['ao3:archiveofourown.org:1', 'ao3:archiveofourown.org:2'],
      'rating-allow-stories-1': ['ao3:archiveofourown.org:3'],
      'rating-allow-sites-0': ['tthfanfic.org'],
    });
    await browser.storage.local.set({ 'rating-exception-labels': { 'ao3:archiveofourown.org:1': 'Velvet and Ash (archiveofourown.org)' } });
    expect(await loadRatingSettings()).toEqual({
      limit: 'teen',
      unrated: 'warn',
      warnings: ['noncon'],
      tags: ['vampire*'],
      // Stored before listings had the choice: unrated entries are not folded.
      foldUnrated: false,
      // Stored before the check existed: rated works' text is checked.
      checkRated: true,
      exceptions: {
        stories: ['ao3:archiveofourown.org:1', 'ao3:archiveofourown.org:2', 'ao3:archiveofourown.org:3'],
        authors: [],
        sites: ['tthfanfic.org'],
      },
    });
    expect(await loadExceptionLabels()).toEqual({ 'ao3:archiveofourown.org:1': 'Velvet and Ash (archiveofourown.org)' });
  });

  it('a tab’s report and the library sync memory (its device id) are read back', async () => {
    const report: PageReport = {
      ...emptyInfo('story'),
      url: 'https://archiveofourown.org/works/1',
      site: 'ao3',
      estimate: null,
      content: null,
    };
    await browser.storage.session.set({ 'tab:7': report });
    expect(await loadTabReport(7)).toEqual(report);
    await browser.storage.local.set({ 'library-sync': { device: 'abcd1234', held: [], deleted: {}, dropped: {} } });
    await pushLibrarySync(await freshLibrary());
    expect(Object.keys(await browser.storage.sync.get(null))).toEqual(['lib.abcd1234']);
  });
});

describe('layouts written now', () => {
  it('are the same keys and values, and nothing beside them', async () => {
    const mine: ReaderSettings = { ...DEFAULT_READER_SETTINGS, theme: 'dark' };
    await saveSettings(mine);
    await saveRatingSettings({
      limit: 'mature',
      unrated: 'estimate',
      warnings: [],
      tags: [],
      foldUnrated: false,
      checkRated: true,
      exceptions: { stories: ['s'], authors: [], sites: [] },
    });
    expect(await browser.storage.sync.get(null)).toEqual({
      'reader-settings': mine,
      'rating-settings': { limit: 'mature', unrated: 'estimate', warnings: [], tags: [], foldUnrated: false, checkRated: true },
      'rating-allow-stories-0': ['s'],
    });
    const report: PageReport = { ...emptyInfo('chapter'), url: 'https://example.org/c/1', site: 'generic', estimate: null, content: null };
    await saveTabReport(3, report);
    expect(await browser.storage.session.get(null)).toEqual({ 'tab:3': report });
  });
});
