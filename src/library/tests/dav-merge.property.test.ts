/**
 * Properties of the WebDAV sync's merge (src/library/dav/): three devices save, read, set states
 * and delete, each on its own clock, now and then reading another's copy; then their copies are
 * merged in every order and grouping. Whatever they did, all orders give the same library, no
 * chapter text any device had is lost, a story goes only by a deletion newer than its last save,
 * Continue never moves a reader backwards unasked, and a sync that would take 90 % or more of the
 * library stops and asks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeviceClock, compareStamps, type Stamp } from '../dav/clock';
import { isPresent, mergeReplicas, type DavStory, type Replica } from '../dav/replica';
import { continueFrom, comparePlaces } from '../dav/places';
import { checkDeletions, MASS_DELETION } from '../dav/guards';
import type { StoryMeta } from '../types';
import { UNRATED } from '../../core/model';

const RUNS = { numRuns: 300 };
const DEVICES = ['laptop01', 'phone002', 'ereader3'] as const;

type Op =
  | { kind: 'save'; story: number; chapters: { key: number; blob: number; order: number }[] }
  | { kind: 'state'; story: number; state: 'reading' | 'finished' | null }
  | { kind: 'place'; story: number; chapter: number; fraction: number }
  | { kind: 'delete'; story: number }
  | { kind: 'pull'; from: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('save' as const),
    story: fc.nat(2),
    chapters: fc.array(fc.record({ key: fc.nat(5), blob: fc.nat(9), order: fc.nat(5) }), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant('state' as const),
    story: fc.nat(2),
    state: fc.constantFrom('reading' as const, 'finished' as const, null),
  }),
  fc.record({
    kind: fc.constant('place' as const),
    story: fc.nat(2),
    chapter: fc.nat(5),
    fraction: fc.integer({ min: 0, max: 10 }).map((n) => n / 10),
  }),
  fc.record({ kind: fc.constant('delete' as const), story: fc.nat(2) }),
  fc.record({ kind: fc.constant('pull' as const), from: fc.nat(DEVICES.length - 1) }),
);

/** Each step: which device, what it does, and how far its wall clock moved (sometimes back: a phone's clock is wrong). */
const script = fc.array(fc.tuple(fc.nat(DEVICES.length - 1), op, fc.integer({ min: -5, max: 20 })), { minLength: 10, maxLength: 60 });

const meta = (title: string): StoryMeta => ({
  title,
  authors: ['wren'],
  fandoms: [],
  summary: null,
  rating: UNRATED,
  warnings: [],
  warningsHidden: false,
  tags: [],
  words: null,
  chapterTotal: null,
  chaptersPosted: null,
  status: 'unknown',
});

const hash = (n: number) => n.toString(16).padStart(64, '0');

/** One device's edit of its own copy, stamped by its clock. */
function apply(replica: Replica, o: Exclude<Op, { kind: 'pull' }>, at: Stamp, device: string): Replica {
  const id = `ao3:archiveofourown.org:${o.story}`;
  const had = replica[id];
  if (o.kind === 'save') {
    const base: DavStory = had ?? {
      id,
      site: 'ao3',
      url: `https://archiveofourown.org/works/${o.story}`,
      meta: { v: null, at },
      chapters: {},
      savedAt: at,
      places: {},
    };
    const chapters = { ...base.chapters };
    for (const c of o.chapters) {
      const key = `k${c.key}`;
      const texts = { ...chapters[key]?.texts, [hash(c.blob)]: { blob: hash(c.blob), words: 100, fetchedAt: at.t } };
      chapters[key] = {
        key,
        at,
        order: c.order,
        title: `Chapter ${c.order}`,
        url: `https://archiveofourown.org/works/${o.story}/chapters/${c.key}`,
        texts,
      };
    }
    return { ...replica, [id]: { ...base, meta: { v: meta(`Story ${o.story} by ${device}`), at }, chapters, savedAt: at } };
  }
  if (!had) return replica;
  if (o.kind === 'state') return { ...replica, [id]: { ...had, state: { v: o.state && { state: o.state, chosen: true }, at } } };
  if (o.kind === 'place')
    return { ...replica, [id]: { ...had, places: { ...had.places, [device]: { chapter: o.chapter, fraction: o.fraction, at } } } };
  return { ...replica, [id]: { ...had, deletedAt: at } };
}

function newestStamp(replica: Replica): Stamp | null {
  let best: Stamp | null = null;
  const see = (s: Stamp | undefined) => {
    if (s && (!best || compareStamps(s, best) > 0)) best = s;
  };
  for (const s of Object.values(replica)) {
    see(s.savedAt);
    see(s.deletedAt);
    see(s.meta.at);
    see(s.state?.at);
    Object.values(s.places).forEach((p) => see(p.at));
  }
  return best;
}

/** Runs the script: each device's copy at the end. */
function play(steps: [number, Op, number][]): Replica[] {
  let wall = 1_000;
  const clocks = DEVICES.map((d) => new DeviceClock(d, () => wall));
  const copies: Replica[] = DEVICES.map(() => ({}));
  for (const [d, o, step] of steps) {
    wall = Math.max(0, wall + step);
    if (o.kind === 'pull') {
      copies[d] = mergeReplicas(copies[d]!, copies[o.from]!);
      const seen = newestStamp(copies[d]!);
      if (seen) clocks[d]!.see(seen);
    } else copies[d] = apply(copies[d]!, o, clocks[d]!.tick(), DEVICES[d]!);
  }
  return copies;
}

/** JSON with sorted keys: two equal libraries, whatever order their keys were added in. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value,
  );
}

const texts = (replica: Replica) =>
  new Set(
    Object.values(replica).flatMap((s) =>
      Object.values(s.chapters).flatMap((c) => Object.keys(c.texts).map((b) => `${s.id}/${c.key}/${b}`)),
    ),
  );

describe('the WebDAV merge', () => {
  it('converges: every order and grouping of the devices’ copies gives the same library, and merging again changes nothing', () => {
    fc.assert(
      fc.property(script, fc.constantFrom([0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]), (steps, order) => {
        const copies = play(steps);
        const all = canonical(mergeReplicas(...copies));
        expect(canonical(mergeReplicas(...order.map((i) => copies[i]!)))).toBe(all);
        const [a, b, c] = order.map((i) => copies[i]!) as [Replica, Replica, Replica];
        expect(canonical(mergeReplicas(mergeReplicas(a, b), c))).toBe(canonical(mergeReplicas(a, mergeReplicas(b, c))));
        const merged = mergeReplicas(...copies);
        expect(canonical(mergeReplicas(merged, a))).toBe(all);
      }),
      RUNS,
    );
  });

  it('loses no chapter text, and removes a story only through a deletion newer than its last save', () => {
    fc.assert(
      fc.property(script, (steps) => {
        const copies = play(steps);
        const merged = mergeReplicas(...copies);
        const kept = texts(merged);
        for (const copy of copies) for (const t of texts(copy)) expect(kept.has(t)).toBe(true);
        for (const story of Object.values(merged)) {
          const saves = copies.flatMap((c) => (c[story.id] ? [c[story.id]!.savedAt] : []));
          const latestSave = saves.sort(compareStamps).at(-1)!;
          expect(isPresent(story)).toBe(!story.deletedAt || compareStamps(latestSave, story.deletedAt) > 0);
        }
      }),
      RUNS,
    );
  });

  it('keeps each device’s latest place, and Continue never moves a reader backwards unasked', () => {
    fc.assert(
      fc.property(script, fc.nat(DEVICES.length - 1), (steps, here) => {
        const copies = play(steps);
        const merged = mergeReplicas(...copies);
        for (const story of Object.values(merged)) {
          for (const copy of copies) {
            for (const [device, place] of Object.entries(copy[story.id]?.places ?? {})) {
              expect(compareStamps(merged[story.id]!.places[device]!.at, place.at)).toBeGreaterThanOrEqual(0);
            }
          }
          const choice = continueFrom(story.places, DEVICES[here]!);
          const mine = story.places[DEVICES[here]!];
          if (!choice) continue;
          if (mine && !choice.ask) expect(choice.go.device === DEVICES[here] || comparePlaces(choice.go, mine) >= 0).toBe(true);
          if (choice.ask) expect(choice.go).toMatchObject({ device: DEVICES[here], chapter: mine!.chapter, fraction: mine!.fraction });
        }
      }),
      RUNS,
    );
  });

  it('stops and asks when a sync would remove 90 % or more of the library', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(40), (size, removed) => {
        const gone = Math.min(size, removed);
        const clock = new DeviceClock(DEVICES[0], () => 5);
        const before: Replica = {};
        for (let i = 0; i < size; i++)
          Object.assign(before, apply({}, { kind: 'save', story: i, chapters: [{ key: 0, blob: i, order: 0 }] }, clock.tick(), DEVICES[0]));
        const deletions: Replica = {};
        for (const id of Object.keys(before).slice(0, gone)) deletions[id] = { ...before[id]!, deletedAt: clock.tick() };
        const check = checkDeletions(before, mergeReplicas(before, deletions));
        expect(check).toEqual({ before: size, removing: gone, ask: size > 1 && gone >= MASS_DELETION * size });
      }),
      RUNS,
    );
  });
});
