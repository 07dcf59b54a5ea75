/**
 * The library's items in storage.sync: measuring them as Chrome's quota does, the compact layout
 * and its round trip, and what fits when not everything does.
 */
import { describe, expect, it } from 'vitest';
import { LIBRARY_BUDGET, QUOTA_BYTES_PER_ITEM, jsonBytes, syncBytes } from '../../core/sync-quota';
import { decodeDevices, encodeDevice } from '../sync/list-items';
import { TITLE_MAX, clockOf, syncStory, type SyncRecord } from '../sync/list-records';
import { DAY, T0, byId, plainBytes, story, totalBytes } from './list-sync-fixtures';
import { seeded, sentence } from './library-fixtures';

describe('measuring as Chrome counts', () => {
  it('counts the key and the JSON value in UTF-8 bytes', () => {
    expect(syncBytes('k', 'é')).toBe(1 + 4);
    expect(syncBytes('lib.x', { a: [1, 'b'] })).toBe(5 + '{"a":[1,"b"]}'.length);
    expect(syncBytes('k', '🙂')).toBe(1 + 6);
  });

  it('counts what Chrome’s JSON writer makes longer: "<", line separators and integers beyond int32', () => {
    expect(jsonBytes('<')).toBe('"\\u003C"'.length);
    expect(jsonBytes('\u2028')).toBe('"\\u2028"'.length);
    expect(jsonBytes(2 ** 31 - 1)).toBe(10);
    expect(jsonBytes(2 ** 31)).toBe('2147483648.0'.length);
    expect(jsonBytes(0.5)).toBe(3);
  });
});

describe('syncStory', () => {
  const record = {
    id: 'ao3:archiveofourown.org:1',
    url: 'https://archiveofourown.org/works/1',
    savedAt: T0 + 1234,
    meta: { title: '  A   Title ' },
  };

  it('rounds the place to a thousandth and times to whole seconds', () => {
    expect(syncStory(record, { chapter: 3, fraction: 0.123456, at: T0 + 5999 })).toEqual({
      kind: 'story',
      id: record.id,
      url: record.url,
      title: 'A Title',
      chapter: 3,
      fraction: 0.123,
      readAt: T0 + 5000,
      savedAt: T0 + 1000,
    });
    expect(syncStory(record, null)).toMatchObject({ chapter: 0, fraction: 0, readAt: 0 });
    expect(syncStory(record, { chapter: Number.NaN, fraction: 7, at: T0 })).toMatchObject({ chapter: 0, fraction: 1 });
  });

  it('cuts a long title without splitting a character', () => {
    const title = syncStory({ ...record, meta: { title: '🙂'.repeat(60) } }, null).title;
    expect(Array.from(title)).toHaveLength(TITLE_MAX);
    expect(title.endsWith('🙂…')).toBe(true);
  });
});

describe('one device’s items', () => {
  const budget = { bytes: LIBRARY_BUDGET, buckets: 16 };
  const varied: SyncRecord[] = [
    story(1, { chapter: 4, fraction: 0.25, readAt: T0 + 9 * DAY }),
    {
      kind: 'story',
      id: 'ffn:fanfiction.net:14123456',
      url: 'https://www.fanfiction.net/s/14123456/1/The-Long-Way-Round',
      title: 'Ünïcode <and> “quotes” \\ 🙂',
      chapter: 12,
      fraction: 1,
      readAt: T0 + DAY,
      savedAt: T0,
    },
    {
      kind: 'story',
      id: 'efiction:spikeluver.com:/spuffyrealm/3117',
      url: 'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3117',
      title: 'Ash',
      chapter: 0,
      fraction: 0,
      readAt: 0,
      savedAt: T0,
    },
    {
      kind: 'story',
      id: 'generic:example.com:/fic/a.html?x=1',
      url: 'http://example.com/fic/a.html?x=1',
      title: '',
      chapter: 0,
      fraction: 0.001,
      readAt: 0,
      savedAt: T0,
    },
    {
      kind: 'story',
      id: 'odd-id-without-colons',
      url: 'HTTPS://Example.org/works/9',
      title: 't',
      chapter: 1,
      fraction: 0.5,
      readAt: T0,
      savedAt: T0,
    },
    { kind: 'deleted', id: 'ao3:archiveofourown.org:77', deletedAt: T0 + 2 * DAY },
  ];

  it('decode to what was encoded', () => {
    const { items, kept } = encodeDevice('dev1', varied, budget, T0);
    expect(kept).toHaveLength(varied.length);
    const list = decodeDevices(JSON.parse(JSON.stringify(items)) as Record<string, unknown>).get('dev1')!;
    expect(list.at).toBe(T0);
    expect([...list.records].sort(byId)).toEqual([...varied].sort(byId));
  });

  it('are the same whatever order the stories come in', () => {
    const rand = seeded(3);
    const shuffled = [...varied].sort(() => rand() - 0.5);
    expect(JSON.stringify(encodeDevice('dev1', shuffled, budget, T0).items)).toBe(
      JSON.stringify(encodeDevice('dev1', varied, budget, T0).items),
    );
  });

  it('hold about 800 typical AO3 stories for a browser alone, 400 each for two', () => {
    const titles = [
      'Velvet and Ash',
      'The Long Way Round',
      'what the water gave me',
      'Stars in Your Eyes (and Mine)',
      'A Study in Scarlet Letters',
      'Untitled',
    ];
    const stories = Array.from({ length: 2000 }, (_, n) =>
      story(n * 7, { title: titles[n % titles.length]!, chapter: n % 30, fraction: ((n * 37) % 1000) / 1000, readAt: T0 + n * 3_600_000 }),
    );
    const alone = encodeDevice('k3x9q2ab7z', stories, budget, T0);
    expect(totalBytes(alone.items) / alone.kept.length).toBeLessThan(82);
    expect(alone.kept.length).toBeGreaterThan(800);
    expect(encodeDevice('k3x9q2ab7z', stories, { bytes: LIBRARY_BUDGET / 2, buckets: 8 }, T0).kept.length).toBeGreaterThan(400);
  });

  it('keep only the most recent of 10,000 stories, every item and the total within quota', () => {
    const rand = seeded(2);
    const stories = Array.from({ length: 10_000 }, (_, n) =>
      story(n, {
        title: sentence(rand, 1 + Math.floor(rand() * 8)).slice(0, -1),
        readAt: rand() < 0.5 ? T0 + Math.floor(rand() * 1e6) * 1000 : 0,
        chapter: 2,
        fraction: 0.3,
      }),
    );
    const { items, kept } = encodeDevice('dev1', stories, budget, T0);
    const newestFirst = [...stories].sort((a, b) => clockOf(b) - clockOf(a) || (a.id < b.id ? -1 : 1));
    expect(kept).toEqual(newestFirst.slice(0, kept.length));
    expect(kept.length).toBeGreaterThan(700);
    expect(kept.length).toBeLessThan(1000);
    for (const [key, value] of Object.entries(items)) {
      expect(syncBytes(key, value)).toBeLessThanOrEqual(QUOTA_BYTES_PER_ITEM);
      expect(plainBytes(key, value)).toBeLessThanOrEqual(syncBytes(key, value));
    }
    const total = totalBytes(items);
    expect(total).toBeLessThanOrEqual(LIBRARY_BUDGET);
    // Full up to less than one more story.
    expect(total).toBeGreaterThan(LIBRARY_BUDGET - 200);
    expect(Object.keys(items).length).toBeLessThanOrEqual(1 + budget.buckets);
    expect(decodeDevices(items).get('dev1')!.records.sort(byId)).toEqual([...kept].sort(byId));
  });
});

describe('one device’s items at their limits', () => {
  const budget = { bytes: LIBRARY_BUDGET, buckets: 16 };

  it('fill a small item to its limit and no further', () => {
    const stories = Array.from({ length: 400 }, (_, n) => story(n));
    const { items, kept } = encodeDevice('dev1', stories, { bytes: LIBRARY_BUDGET, buckets: 1 }, T0);
    expect(syncBytes('lib.dev1.0', items['lib.dev1.0'])).toBeLessThanOrEqual(QUOTA_BYTES_PER_ITEM);
    expect(syncBytes('lib.dev1.0', items['lib.dev1.0'])).toBeGreaterThan(QUOTA_BYTES_PER_ITEM - 100);
    expect(kept.length).toBeLessThan(400);
  });

  it('count each row’s source index at its width once a bucket has ten sources or more', () => {
    for (const hosts of [5, 12, 40, 150, 400]) {
      const stories = Array.from({ length: 400 }, (_, n) => ({
        ...story(n, { title: '' }),
        id: `g:h${n % hosts}.x:${n}`,
        url: `https://h${n % hosts}.x/${n}`,
      }));
      const { items, kept } = encodeDevice('dev1', stories, { bytes: LIBRARY_BUDGET, buckets: 1 }, T0);
      const value = items['lib.dev1.0'] as { p: unknown[] };
      expect(value.p.length).toBe(Math.min(hosts, kept.length));
      expect(syncBytes('lib.dev1.0', value)).toBeLessThanOrEqual(QUOTA_BYTES_PER_ITEM);
      expect(syncBytes('lib.dev1.0', value)).toBeGreaterThan(QUOTA_BYTES_PER_ITEM - 300);
    }
  });

  it('pass over a story whose address is too long to be worth its room', () => {
    const long = { ...story(5, { savedAt: T0 + DAY }), url: `https://archiveofourown.org/works/x?${'q'.repeat(2000)}` };
    const { kept } = encodeDevice('dev1', [long, story(1), story(2)], budget, T0);
    expect(kept.map((r) => r.id)).toEqual([story(2).id, story(1).id]);
  });
});

describe('decoding', () => {
  const { items } = encodeDevice(
    'dev1',
    Array.from({ length: 300 }, (_, n) => story(n)),
    { bytes: LIBRARY_BUDGET, buckets: 16 },
    T0,
  );

  it('lists what has arrived when a bucket has not yet', () => {
    const partial = { ...items };
    delete partial['lib.dev1.3'];
    const records = decodeDevices(partial).get('dev1')!.records;
    expect(records.length).toBeLessThan(300);
    expect(records.length).toBe(
      300 - decodeDevices({ 'lib.dev1': items['lib.dev1'], 'lib.dev1.3': items['lib.dev1.3'] }).get('dev1')!.records.length,
    );
  });

  it('ignores buckets without a manifest, manifests of another format, and malformed rows', () => {
    const { 'lib.dev1': manifest, ...buckets } = items;
    expect(decodeDevices(buckets).size).toBe(0);
    expect(decodeDevices({ ...buckets, 'lib.dev1': { ...(manifest as object), v: 2 } }).size).toBe(0);
    const bad = {
      'lib.dev2': { v: 1, n: 1, at: 1 },
      'lib.dev2.0': {
        p: [['ao3:archiveofourown.org:', 'https://archiveofourown.org'], 'x'],
        e: [
          [0, '1', '~/works/', 'ok', 0, 0, 0, 1],
          [1, '2', '/', 'bad source', 0, 0, 0, 1],
          [0, '3', '/', 't', -1, 0, 0, 1],
          [0, '4', '/', 't', 0, 1001, 0, 1],
          'x',
          ['id', 'x'],
        ],
      },
      'rating-settings': { limit: 'teen' },
    };
    expect(
      decodeDevices(bad)
        .get('dev2')!
        .records.map((r) => r.id),
    ).toEqual(['ao3:archiveofourown.org:1']);
  });
});
