/**
 * The WebDAV sync's pure core by example (src/library/dav/): clocks that order changes across
 * devices whose clocks disagree, the merge's rules, where Continue goes, what the folder keeps,
 * and the layout's names. The properties over any history are in dav-merge.property.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { DeviceClock, compareStamps, type Stamp } from '../dav/clock';
import { chaptersInOrder, isPresent, mergeReplicas, mergeStory, shownText, type DavChapter, type DavStory } from '../dav/replica';
import { continueFrom } from '../dav/places';
import { BLOB_GRACE_MS, checkDeletions, collectBlobs } from '../dav/guards';
import { blobPath, changedStories, headPath, packPath, readPlan, snapshotPath } from '../dav/layout';
import { UNRATED } from '../../core/model';

const at = (t: number, d = 'laptop01', c = 0): Stamp => ({ t, c, d });
const blob = (n: number) => n.toString(16).padStart(64, '0');

function chapter(key: string, order: number, stamp: Stamp, ...texts: [number, number][]): DavChapter {
  return {
    key,
    at: stamp,
    order,
    title: `Chapter ${order + 1}`,
    url: `https://archiveofourown.org/works/7/chapters/${key}`,
    texts: Object.fromEntries(texts.map(([b, fetchedAt]) => [blob(b), { blob: blob(b), words: 900, fetchedAt }])),
  };
}

function story(savedAt: Stamp, chapters: DavChapter[], more: Partial<DavStory> = {}): DavStory {
  const meta = {
    title: 'Salt Road',
    authors: ['wren'],
    fandoms: [],
    summary: null,
    rating: UNRATED,
    warnings: [],
    warningsHidden: false,
    tags: [],
    words: null,
    chapterTotal: null,
    chaptersPosted: chapters.length,
    status: 'wip' as const,
  };
  return {
    id: 'ao3:archiveofourown.org:7',
    site: 'ao3',
    url: 'https://archiveofourown.org/works/7',
    meta: { v: meta, at: savedAt },
    chapters: Object.fromEntries(chapters.map((c) => [c.key, c])),
    savedAt,
    places: {},
    ...more,
  };
}

describe('device clocks', () => {
  it('give every change a later stamp than any it gave or saw, even when the wall clock goes back', () => {
    let wall = 5_000;
    const phone = new DeviceClock('phone002', () => wall);
    const first = phone.tick();
    wall = 4_000;
    const second = phone.tick();
    expect(compareStamps(second, first)).toBeGreaterThan(0);
    // The laptop's clock is an hour ahead; the phone orders its next change after what it saw.
    phone.see(at(3_605_000, 'laptop01', 2));
    expect(compareStamps(phone.tick(), at(3_605_000, 'laptop01', 2))).toBeGreaterThan(0);
    expect(new DeviceClock('phone002', () => 0, phone.state()).tick().t).toBe(3_605_000);
  });
});

describe('merging two devices’ copies of a story', () => {
  it('keeps every chapter either had, and both texts of a chapter the author changed, showing the newest', () => {
    const laptop = story(at(10), [chapter('c1', 0, at(10), [1, 10]), chapter('c2', 1, at(10), [2, 10])]);
    const phone = story(at(20, 'phone002'), [chapter('c2', 1, at(20, 'phone002'), [3, 20]), chapter('c3', 2, at(20, 'phone002'), [4, 20])]);
    const merged = mergeStory(laptop, phone);
    expect(chaptersInOrder(merged).map((c) => c.key)).toEqual(['c1', 'c2', 'c3']);
    expect(Object.keys(merged.chapters.c2!.texts).sort()).toEqual([blob(2), blob(3)]);
    expect(shownText(merged.chapters.c2!)?.blob).toBe(blob(3));
    expect(mergeStory(phone, laptop)).toEqual(merged);
  });

  it('takes the latest reading state, but never a missing one over a set one', () => {
    const set = story(at(10), [], { state: { v: { state: 'paused', chosen: true }, at: at(10) } });
    const cleared = story(at(10), [], { state: { v: null, at: at(30, 'phone002') } });
    expect(mergeStory(set, cleared).state?.v).toEqual({ state: 'paused', chosen: true });
    const later = story(at(10), [], { state: { v: { state: 'dropped', chosen: true }, at: at(40, 'phone002') } });
    expect(mergeStory(set, later).state?.v).toEqual({ state: 'dropped', chosen: true });
  });

  it('removes a story only while its deletion is newer than its last save', () => {
    const saved = story(at(10), [chapter('c1', 0, at(10), [1, 10])]);
    const deleted = { ...saved, deletedAt: at(20, 'phone002') };
    expect(isPresent(mergeStory(saved, deleted))).toBe(false);
    const savedAgain = story(at(30), [chapter('c1', 0, at(30), [1, 30])]);
    expect(isPresent(mergeReplicas({ [saved.id]: deleted }, { [saved.id]: savedAgain })[saved.id]!)).toBe(true);
  });
});

describe('Continue across devices', () => {
  const places = {
    laptop01: { chapter: 4, fraction: 0.5, at: at(10) },
    phone002: { chapter: 6, fraction: 0.1, at: at(20, 'phone002') },
  };

  it('goes to the newest place, offering the others', () => {
    const choice = continueFrom(places, 'laptop01')!;
    expect(choice).toMatchObject({ ask: false, go: { device: 'phone002', chapter: 6 } });
    expect(choice.others.map((p) => p.device)).toEqual(['laptop01']);
  });

  it('asks, and stays, when the newest place is behind this device’s', () => {
    const choice = continueFrom({ ...places, ereader3: { chapter: 2, fraction: 0, at: at(30, 'ereader3') } }, 'phone002')!;
    expect(choice).toMatchObject({ ask: true, go: { device: 'phone002', chapter: 6 } });
    expect(choice.others.map((p) => p.device)).toEqual(['ereader3', 'laptop01']);
    expect(continueFrom({}, 'phone002')).toBeNull();
  });
});

describe('what the folder keeps', () => {
  it('asks before a sync removes 90 % of the library', () => {
    const ten = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`s${i}`, { ...story(at(10), []), id: `s${i}` }]));
    const nineGone = Object.fromEntries(Object.entries(ten).map(([id, s], i) => [id, i < 9 ? { ...s, deletedAt: at(20) } : s]));
    expect(checkDeletions(ten, mergeReplicas(ten, nineGone))).toEqual({ before: 10, removing: 9, ask: true });
    const eightGone = Object.fromEntries(Object.entries(ten).map(([id, s], i) => [id, i < 8 ? { ...s, deletedAt: at(20) } : s]));
    expect(checkDeletions(ten, mergeReplicas(ten, eightGone)).ask).toBe(false);
  });

  it('removes a text no story has named for seven days, and starts over for one named again', () => {
    const replica = { s: story(at(10), [chapter('c1', 0, at(10), [1, 10])]) };
    const first = collectBlobs(replica, [blob(1), blob(2)], {}, 1_000);
    expect(first).toEqual({ remove: [], unnamedSince: { [blob(2)]: 1_000 } });
    expect(collectBlobs(replica, [blob(1), blob(2)], first.unnamedSince, 1_000 + BLOB_GRACE_MS).remove).toEqual([blob(2)]);
    const namedAgain = { s: story(at(20), [chapter('c1', 0, at(20), [2, 20])]) };
    expect(collectBlobs(namedAgain, [blob(2)], first.unnamedSince, 1_000 + BLOB_GRACE_MS)).toEqual({ remove: [], unnamedSince: {} });
  });
});

describe('the layout', () => {
  it('names every file from random ids and hashes only, and refuses anything else in a path', () => {
    expect(headPath('laptop01')).toBe('slipcase/devices/laptop01/head.json');
    expect(packPath('laptop01', 12)).toBe('slipcase/devices/laptop01/log/0000000012.json');
    expect(snapshotPath('laptop01', 3)).toBe('slipcase/devices/laptop01/snapshot-0000000003.json');
    expect(blobPath(blob(255))).toBe(`slipcase/blobs/00/${blob(255)}`);
    expect(() => headPath('../../etc')).toThrow();
    expect(() => blobPath('Salt Road.html')).toThrow();
    expect(() => packPath('laptop01', -1)).toThrow();
  });

  it('reads only what another device wrote since, from its snapshot when the packs before it may be gone', () => {
    const head = { device: 'phone002', name: 'Phone', pack: 9, snapshot: 6, clock: at(90, 'phone002') };
    expect(readPlan(head, 7)).toEqual({ snapshot: null, packs: [8, 9] });
    expect(readPlan(head, 2)).toEqual({ snapshot: 6, packs: [7, 8, 9] });
    expect(readPlan(head, 9)).toEqual({ snapshot: null, packs: [] });
  });

  it('puts only the changed stories in the next pack', () => {
    const a = story(at(10), []);
    const b = { ...a, id: 'b' };
    const moved = { ...a, places: { laptop01: { chapter: 1, fraction: 0, at: at(11) } } };
    expect(changedStories({ [a.id]: a, b }, { [a.id]: moved, b })).toEqual([moved]);
  });
});
