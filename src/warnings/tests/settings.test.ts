/**
 * The rating settings: validation, the "always allow" lists, the storage.sync layout (items that
 * fit sync's per-item quota), and the storage calls on the fake browser.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { DEFAULT_RATING_SETTINGS, decide, storyKey, type RatingSettings } from '../policy';
import type { PageReport } from '../../core/model';
import { RATING_ITEM_BUDGET, QUOTA_BYTES_PER_ITEM, syncBytes } from '../../core/sync-quota';
import { emptyInfo } from '../../core/model';
import {
  describeException,
  exceptionFor,
  fromStoredItems,
  normalizeRatingSettings,
  parsePatterns,
  siteFromInput,
  staleItems,
  storedItems,
  withException,
  withWarning,
  withoutException,
} from '../settings';
import {
  allow,
  loadExceptionLabels,
  loadRatingSettings,
  removeException,
  saveRatingSettings,
  watchRatingSettings,
} from '../ext/settings-storage';

const report: PageReport = {
  ...emptyInfo('chapter'),
  url: 'https://archiveofourown.org/works/51733902/chapters/9',
  site: 'ao3',
  title: 'Velvet and Ash',
  author: 'mourning_dove, Second Author',
  rating: { level: 'explicit', label: 'Explicit', source: 'site' },
  estimate: null,
  content: null,
};

describe('normalizeRatingSettings', () => {
  it('gives the defaults for nothing or rubbish', () => {
    for (const raw of [undefined, null, 7, 'x', [], {}]) expect(normalizeRatingSettings(raw)).toEqual(DEFAULT_RATING_SETTINGS);
  });

  it('keeps what is valid and drops the rest', () => {
    const s = normalizeRatingSettings({
      limit: 'teen',
      unrated: 'sometimes',
      warnings: ['death', 'nonsense', 'violence', 'death'],
      tags: ['  Vampire*  ', 'vampire*', '', 42, 'x'.repeat(201), 'non con'],
      foldUnrated: 'yes',
      exceptions: { stories: ['ao3:archiveofourown.org:1', 'ao3:archiveofourown.org:1', 3], authors: 'nope', sites: ['fanfiction.net'] },
    });
    expect(s).toEqual({
      limit: 'teen',
      unrated: 'estimate',
      warnings: ['violence', 'death'],
      tags: ['Vampire*', 'non con'],
      foldUnrated: false,
      checkRated: true,
      exceptions: { stories: ['ao3:archiveofourown.org:1'], authors: [], sites: ['fanfiction.net'] },
    });
    expect(normalizeRatingSettings({ foldUnrated: true }).foldUnrated).toBe(true);
    expect(normalizeRatingSettings({ checkRated: false }).checkRated).toBe(false);
  });
});

describe('editing settings', () => {
  it('adds and removes exceptions once each', () => {
    const one = withException(DEFAULT_RATING_SETTINGS, 'sites', 'fanfiction.net');
    expect(withException(one, 'sites', 'fanfiction.net')).toBe(one);
    expect(one.exceptions.sites).toEqual(['fanfiction.net']);
    expect(withoutException(one, 'sites', 'fanfiction.net')).toEqual(DEFAULT_RATING_SETTINGS);
  });

  it('keeps warning categories in their own order', () => {
    const s = withWarning(withWarning(DEFAULT_RATING_SETTINGS, 'underage', true), 'violence', true);
    expect(s.warnings).toEqual(['violence', 'underage']);
    expect(withWarning(s, 'underage', false).warnings).toEqual(['violence']);
  });

  it('reads the tag box one pattern a line or between commas', () => {
    expect(parsePatterns('Vampires\n  non*con , major character death\n\nVAMPIRES\n')).toEqual([
      'Vampires',
      'non*con',
      'major character death',
    ]);
  });

  it('reads a site the way a person types it', () => {
    expect(siteFromInput('fanfiction.net')).toBe('fanfiction.net');
    expect(siteFromInput(' https://www.FanFiction.net/s/1/1/ ')).toBe('fanfiction.net');
    expect(siteFromInput('m.fanfiction.net')).toBe('fanfiction.net');
    expect(siteFromInput('spikeluver.com/SpuffyRealm/')).toBe('spikeluver.com');
    for (const bad of ['', 'fanfiction', 'not a site', 'http://']) expect(siteFromInput(bad), bad).toBeNull();
  });
});

describe('exceptions for a page', () => {
  it('are the keys the policy looks up', () => {
    const story = exceptionFor(report, 'stories')!;
    const author = exceptionFor(report, 'authors')!;
    const site = exceptionFor(report, 'sites')!;
    expect(story).toEqual({ key: storyKey(report), label: 'Velvet and Ash by mourning_dove, Second Author (archiveofourown.org)' });
    expect(author).toEqual({ key: 'archiveofourown.org:mourning_dove', label: 'mourning_dove (archiveofourown.org)' });
    expect(site).toEqual({ key: 'archiveofourown.org', label: 'archiveofourown.org' });
    for (const [kind, entry, by] of [
      ['stories', story, 'story'],
      ['authors', author, 'author'],
      ['sites', site, 'site'],
    ] as const)
      expect(decide(report, withException(DEFAULT_RATING_SETTINGS, kind, entry.key))).toMatchObject({ gate: false, allowedBy: by });
  });

  it('has no author exception for a page without an author', () => {
    expect(exceptionFor({ ...report, author: null }, 'authors')).toBeNull();
  });

  it('reads without a remembered name', () => {
    expect(describeException('stories', 'ao3:archiveofourown.org:51733902')).toBe('story 51733902 on archiveofourown.org');
    expect(describeException('stories', 'efiction:spikeluver.com:/spuffyrealm/3117')).toBe('story 3117 on spikeluver.com/spuffyrealm');
    expect(describeException('stories', 'efiction:ncisfiction.com:/3117')).toBe('story 3117 on ncisfiction.com');
    expect(describeException('stories', 'wattpad:wattpad.com:ann/glass harbor')).toBe('ann/glass harbor on wattpad.com');
    expect(describeException('authors', 'archiveofourown.org:mourning_dove')).toBe('mourning_dove on archiveofourown.org');
    expect(describeException('sites', 'fanfiction.net')).toBe('fanfiction.net');
  });
});

describe('storage layout', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => `ao3:archiveofourown.org:${10_000_000 + i}`);

  it('round-trips settings', () => {
    const s: RatingSettings = {
      limit: 'teen',
      unrated: 'warn',
      warnings: ['noncon'],
      tags: ['a*'],
      foldUnrated: true,
      checkRated: false,
      exceptions: { stories: many(3), authors: ['x:y'], sites: ['z.org'] },
    };
    expect(fromStoredItems({ ...storedItems(s), 'reader-settings': { theme: 'dark' } })).toEqual(s);
  });

  it('splits long exception lists into items that fit sync’s quota, in order', () => {
    const stories = many(1000);
    const items = storedItems({ ...DEFAULT_RATING_SETTINGS, exceptions: { stories, authors: [], sites: [] } });
    const keys = Object.keys(items).filter((k) => k.startsWith('rating-allow-stories-'));
    expect(keys.length).toBeGreaterThan(3);
    for (const [k, v] of Object.entries(items)) {
      expect(new TextEncoder().encode(k + JSON.stringify(v)).length, k).toBeLessThanOrEqual(RATING_ITEM_BUDGET);
      expect(syncBytes(k, v), k).toBeLessThanOrEqual(QUOTA_BYTES_PER_ITEM);
    }
    expect(fromStoredItems(items).exceptions.stories).toEqual(stories);
  });

  it('names the items a shorter list leaves behind', () => {
    const long = storedItems({ ...DEFAULT_RATING_SETTINGS, exceptions: { stories: many(1000), authors: [], sites: [] } });
    const short = storedItems(DEFAULT_RATING_SETTINGS);
    const stale = staleItems([...Object.keys(long), 'reader-settings'], short);
    expect(stale.length).toBe(Object.keys(long).length - 1);
    expect(stale).not.toContain('reader-settings');
    expect(stale).not.toContain('rating-settings');
  });
});

describe('settings in storage.sync', () => {
  beforeEach(() => fakeBrowser.reset());

  it('are the defaults until saved, then what was saved', async () => {
    expect(await loadRatingSettings()).toEqual(DEFAULT_RATING_SETTINGS);
    const mine: RatingSettings = { ...DEFAULT_RATING_SETTINGS, limit: 'general', tags: ['vampire*'] };
    await saveRatingSettings(mine);
    expect(await loadRatingSettings()).toEqual(mine);
  });

  it('do not keep items of a longer list once it shrinks', async () => {
    const stories = Array.from({ length: 600 }, (_, i) => `ffn:fanfiction.net:${i}`);
    await saveRatingSettings({ ...DEFAULT_RATING_SETTINGS, exceptions: { stories, authors: [], sites: [] } });
    await saveRatingSettings({ ...DEFAULT_RATING_SETTINGS, exceptions: { stories: stories.slice(0, 2), authors: [], sites: [] } });
    const all = await browser.storage.sync.get(null);
    expect(Object.keys(all).filter((k) => k.startsWith('rating-allow-stories-'))).toEqual(['rating-allow-stories-0']);
    expect((await loadRatingSettings()).exceptions.stories).toEqual(stories.slice(0, 2));
  });

  it('reach a watcher when they change', async () => {
    const seen: string[] = [];
    const stop = watchRatingSettings((s) => seen.push(s.limit));
    await saveRatingSettings({ ...DEFAULT_RATING_SETTINGS, limit: 'teen' });
    await vi.waitFor(() => expect(seen).toEqual(['teen']));
    stop();
    // A watcher still subscribed hears the next change: by then the stopped one would have too.
    const later: string[] = [];
    const stopLater = watchRatingSettings((s) => later.push(s.limit));
    await saveRatingSettings({ ...DEFAULT_RATING_SETTINGS, limit: 'general' });
    await vi.waitFor(() => expect(later).toContain('general'));
    stopLater();
    expect(seen).toEqual(['teen']);
  });

  it('“always allow” lets the page through and remembers its name; removing forgets both', async () => {
    await allow(report, 'stories');
    const settings = await loadRatingSettings();
    expect(decide(report, settings)).toMatchObject({ gate: false, allowedBy: 'story' });
    expect(await loadExceptionLabels()).toEqual({
      [storyKey(report)]: 'Velvet and Ash by mourning_dove, Second Author (archiveofourown.org)',
    });
    await removeException('stories', storyKey(report));
    expect(decide(report, await loadRatingSettings()).gate).toBe(true);
    expect(await loadExceptionLabels()).toEqual({});
  });
});
