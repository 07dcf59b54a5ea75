import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { MAX_POSITIONS, chapterKey, loadPosition, loadSettings, savePosition, saveSettings, watchSettings } from '../ext/reader-storage';
import { DEFAULT_READER_SETTINGS } from '../settings';

beforeEach(() => fakeBrowser.reset());

describe('chapterKey', () => {
  it('is one key however the chapter URL was written', () => {
    const key = chapterKey('https://archiveofourown.org/works/1/chapters/2');
    for (const u of [
      'https://archiveofourown.org/works/1/chapters/2#workskin',
      'https://archiveofourown.org/works/1/chapters/2/',
      'https://archiveofourown.org/works/1/chapters/2?view_adult=true',
      'https://ARCHIVEOFOUROWN.org/works/1/chapters/2?utm_source=x#main',
    ])
      expect(chapterKey(u)).toBe(key);
  });

  it('keeps the parameters that pick the chapter, in one order', () => {
    const a = chapterKey('https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3117&chapter=2');
    expect(a).toBe(chapterKey('https://spikeluver.com/SpuffyRealm/viewstory.php?chapter=2&sid=3117'));
    expect(a).not.toBe(chapterKey('https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3117&chapter=3'));
    expect(chapterKey('http://www.allaboutspike.com/fic.html?id=562')).not.toBe(chapterKey('http://www.allaboutspike.com/fic.html?id=96'));
  });
});

describe('settings', () => {
  it('are the defaults until saved, then what was saved', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_READER_SETTINGS);
    const mine = { ...DEFAULT_READER_SETTINGS, theme: 'sepia' as const, size: 22 };
    await saveSettings(mine);
    expect(await loadSettings()).toEqual(mine);
  });

  it('are validated when read back from sync', async () => {
    await browser.storage.sync.set({ 'reader-settings': { theme: 'sepia', size: 400 } });
    expect(await loadSettings()).toMatchObject({ theme: 'sepia', size: 32, font: 'serif' });
  });

  it('changes from elsewhere reach a watcher', async () => {
    const seen: string[] = [];
    const stop = watchSettings((s) => seen.push(s.theme));
    await saveSettings({ ...DEFAULT_READER_SETTINGS, theme: 'black' });
    stop();
    await saveSettings({ ...DEFAULT_READER_SETTINGS, theme: 'dark' });
    expect(seen).toEqual(['black']);
  });
});

describe('reading positions', () => {
  it('are kept per chapter', async () => {
    await savePosition('https://www.royalroad.com/fiction/555/great-story/chapter/771/chapter-one', { block: 12, offset: 0.25 });
    expect(await loadPosition('https://www.royalroad.com/fiction/555/great-story/chapter/771/chapter-one#top')).toMatchObject({
      block: 12,
      offset: 0.25,
    });
    expect(await loadPosition('https://www.royalroad.com/fiction/555/great-story/chapter/772/chapter-two')).toBeNull();
  });

  it('ignore a damaged entry', async () => {
    await browser.storage.local.set({ 'reader-positions': { [chapterKey('https://example.org/a')]: { block: -3, offset: 7 } } });
    expect(await loadPosition('https://example.org/a')).toBeNull();
  });

  it('forget the least recently read chapters first', async () => {
    const positions: Record<string, { block: number; offset: number; at: number }> = {};
    for (let i = 0; i < MAX_POSITIONS; i++) positions[chapterKey(`https://example.org/c/${i}`)] = { block: i, offset: 0, at: 1000 + i };
    await browser.storage.local.set({ 'reader-positions': positions });
    await savePosition('https://example.org/new', { block: 1, offset: 0.5 });
    expect(await loadPosition('https://example.org/c/0')).toBeNull();
    expect(await loadPosition('https://example.org/c/1')).toMatchObject({ block: 1 });
    expect(await loadPosition('https://example.org/new')).toMatchObject({ block: 1, offset: 0.5 });
    const stored = (await browser.storage.local.get('reader-positions'))['reader-positions'] as object;
    expect(Object.keys(stored)).toHaveLength(MAX_POSITIONS);
  });
});
