/**
 * Properties of the rating policy: decide over arbitrary reports and settings, the reader's
 * limit, exceptions and the unrated mode, and the keys exceptions are stored under.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWorkPage, type PageReport } from '../../core/model';
import { LEVEL_ORDER } from '../../core/rating';
import { authorKeys, decide, mayGate, siteKey, storyKey, type RatingSettings } from '../policy';
import { LIMITS, reportArb, settingsArb } from './arbitraries';

const RUNS = { numRuns: 200 };
// Many seeds over time: CI runs a fresh one each time, and a failure prints it to replay.
const rank = (l: string) => LEVEL_ORDER.indexOf(l as (typeof LEVEL_ORDER)[number]);
const noExceptions = (s: RatingSettings): RatingSettings => ({ ...s, exceptions: { stories: [], authors: [], sites: [] } });

describe('decide, for any report and settings', () => {
  // A site's always-on script lets a page through on mayGate alone (src/warnings/ext/page-gate.ts).
  it('finds no reason where mayGate says nothing could gate', () => {
    let passed = 0;
    const plain = fc.boolean();
    fc.assert(
      fc.property(reportArb, settingsArb, fc.boolean(), plain, (r, s, judgeUnrated, clear) => {
        const settings = clear ? { ...s, tags: [], warnings: [] } : s;
        if (mayGate(r, settings, judgeUnrated)) return;
        passed++;
        expect(decide(r, settings, storyKey(r), judgeUnrated).reasons).toEqual([]);
      }),
      { numRuns: 400 },
    );
    // Not vacuous: a good share of the runs were let through.
    expect(passed).toBeGreaterThan(40);
  });

  it('never throws, judges only work pages, and gates exactly when a reason stands without an exception', () => {
    fc.assert(
      fc.property(reportArb, settingsArb, (r, s) => {
        const d = decide(r, s);
        if (!isWorkPage(r.kind)) expect(d).toEqual({ gate: false, reasons: [] });
        if (d.reasons.length === 0) expect(d).toEqual({ gate: false, reasons: [] });
        else expect(d.gate).toBe(d.allowedBy === undefined);
        for (const reason of d.reasons) expect(reason.text.trim()).not.toBe('');
      }),
      RUNS,
    );
  });

  it('never gates at a higher limit a page a lower limit let through', () => {
    fc.assert(
      fc.property(reportArb, settingsArb, fc.nat(3), fc.nat(3), (r, s, a, b) => {
        const [low, high] = [Math.min(a, b), Math.max(a, b)];
        const atLow = decide(r, { ...s, limit: LIMITS[low]! });
        const atHigh = decide(r, { ...s, limit: LIMITS[high]! });
        if (!atLow.gate) expect(atHigh.gate).toBe(false);
        expect(atHigh.reasons.length).toBeLessThanOrEqual(atLow.reasons.length);
      }),
      RUNS,
    );
  });

  it('never lifts a gate when the reader adds warning categories or tags', () => {
    fc.assert(
      fc.property(reportArb, settingsArb, settingsArb, (r, s, more) => {
        const base = noExceptions(s);
        const wider = { ...base, warnings: [...new Set([...base.warnings, ...more.warnings])], tags: [...base.tags, ...more.tags] };
        if (decide(r, base).gate) expect(decide(r, wider).gate).toBe(true);
      }),
      RUNS,
    );
  });

  it('lets a page through whose story, author or site the reader always allows, keeping the reasons', () => {
    const kind = fc.constantFrom('stories' as const, 'authors' as const, 'sites' as const);
    fc.assert(
      fc.property(reportArb, settingsArb, kind, (r, s, k) => {
        const key = k === 'stories' ? storyKey(r) : k === 'authors' ? authorKeys(r)[0] : siteKey(r);
        fc.pre(key !== undefined);
        const allowed = { ...s, exceptions: { ...s.exceptions, [k]: [...s.exceptions[k], key!] } };
        const d = decide(r, allowed);
        expect(d.gate).toBe(false);
        expect(d.reasons).toEqual(decide(r, noExceptions(s)).reasons);
      }),
      RUNS,
    );
  });
});

describe('the rating and the unrated mode', () => {
  const work = reportArb.filter((r) => isWorkPage(r.kind));
  const plain = (s: RatingSettings): RatingSettings => ({ ...noExceptions(s), warnings: [], tags: [] });

  it('gate a rated page when its level is above the limit, or (checking rated works) when its text reads past both', () => {
    const rated = work.filter((r) => r.rating.level !== 'unknown');
    fc.assert(
      fc.property(rated, settingsArb, reportArb, (r, s, other) => {
        const d = decide(r, plain(s));
        const read = r.estimate && r.estimate.level !== 'unknown' ? rank(r.estimate.level) : -1;
        const mistagged = s.checkRated && read > rank(r.rating.level) && read > rank(s.limit);
        expect(d.gate).toBe(rank(r.rating.level) > rank(s.limit) || mistagged);
        // An estimate that reads no higher than the rating changes nothing; nor does any, unchecked.
        const lower = other.estimate && rank(other.estimate.level) <= rank(r.rating.level) ? other.estimate : null;
        expect(decide({ ...r, estimate: lower }, plain(s))).toEqual(decide({ ...r, estimate: null }, plain(s)));
        expect(decide({ ...r, estimate: other.estimate }, plain({ ...s, checkRated: false }))).toEqual(
          decide({ ...r, estimate: null }, plain({ ...s, checkRated: false })),
        );
      }),
      RUNS,
    );
  });

  it('gate an unrated page by the unrated setting: always in "warn", by the estimate (none counts as above) in "estimate"', () => {
    const unrated = work.map((r): PageReport => ({ ...r, rating: { ...r.rating, level: 'unknown' } }));
    fc.assert(
      fc.property(unrated, settingsArb, (r, s) => {
        const d = decide(r, plain(s));
        const known = r.estimate && r.estimate.level !== 'unknown' ? r.estimate.level : null;
        const expected = s.unrated === 'warn' || known === null || rank(known) > rank(s.limit);
        expect(d.gate).toBe(expected);
        if (d.gate) expect(d.reasons.map((x) => x.kind)).toEqual(['unrated']);
      }),
      RUNS,
    );
  });
});

describe('exception keys', () => {
  it('give every chapter of a work one story key, whatever its title or chapter', () => {
    const chapterOf = fc.oneof(
      fc.tuple(fc.nat(9e7), fc.nat(9e7), fc.nat(9e7)).map(([w, a, b]) => ({
        site: 'ao3',
        urls: [`https://archiveofourown.org/works/${w}/chapters/${a}`, `https://www.archiveofourown.org/works/${w}/chapters/${b}`],
      })),
      fc.tuple(fc.nat(9e7), fc.nat(99), fc.nat(99)).map(([s, a, b]) => ({
        site: 'ffn',
        urls: [`https://www.fanfiction.net/s/${s}/${a}/Title`, `https://m.fanfiction.net/s/${s}/${b}/`],
      })),
      fc.tuple(fc.nat(9e4), fc.nat(99), fc.nat(99)).map(([sid, a, b]) => ({
        site: 'efiction',
        urls: [`https://a.net/fics/viewstory.php?sid=${sid}&chapter=${a}`, `https://a.net/Fics/viewstory.php?chapter=${b}&sid=${sid}`],
      })),
    );
    fc.assert(
      fc.property(chapterOf, reportArb, reportArb, ({ site, urls }, a, b) => {
        const key = (url: string, r: PageReport) => storyKey({ url, site, title: r.title, author: r.author });
        expect(key(urls[0]!, a)).toBe(key(urls[1]!, b));
      }),
      RUNS,
    );
  });

  it('key a site by its host whatever its case and www. or m. prefix, and never throw on any address', () => {
    fc.assert(
      fc.property(
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc.constantFrom('', 'www.', 'm.'),
        reportArb,
        (url, prefix, r) => {
          const u = new URL(url);
          // A host that has its prefix already ("m.example") or is an address ("10.0.0.1") gets none added.
          fc.pre(!/^(?:www|m)\./i.test(u.hostname) && !/^\[|^[\d.]+$/.test(u.hostname));
          const varied = new URL(url);
          varied.hostname = prefix + u.hostname.toUpperCase();
          expect(siteKey({ url: varied.href })).toBe(siteKey({ url }));
          expect(typeof storyKey({ ...r, url })).toBe('string');
        },
      ),
      RUNS,
    );
  });
});
