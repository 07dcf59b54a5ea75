/**
 * fast-check arbitraries for the warnings' property tests: page reports shaped like the
 * adapters' (real sites' URL shapes, rating labels, warnings and tags, with odd text mixed in)
 * and rating settings shaped like a reader's.
 */
import fc from 'fast-check';
import type { Estimate, PageKind, PageReport, Rating, RatingLevel } from '../../core/model';
import { LEVEL_ORDER } from '../../core/rating';
import { WARNING_CATEGORIES, type RatingLimit, type RatingSettings } from '../policy';

export const KINDS: readonly PageKind[] = ['story', 'chapter', 'index', 'gate', 'error', 'listing', 'none'];
export const LIMITS: readonly RatingLimit[] = LEVEL_ORDER as RatingLimit[];
const LEVELS: readonly RatingLevel[] = [...LEVEL_ORDER, 'unknown'];

/** Text as pages carry it: mostly words, some arbitrary code points. */
export const pageText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('Angst', 'Fluff', 'Vampires', 'Non-Con', 'Spike', 'Été', 'Dub-Con', 'Alternate Universe') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

const WARNINGS = [
  'Graphic Depictions Of Violence',
  'Major Character Death',
  'Rape/Non-Con',
  'Underage',
  'Creator Chose Not To Use Archive Warnings',
  'No Archive Warnings Apply',
  'Minor Character Death',
  'Adult Language',
];

/** A work's address on a site whose story keys the policy knows, with the adapter's id. */
const siteUrl = fc.oneof(
  fc
    .tuple(fc.nat(9e7), fc.nat(9e7), fc.constantFrom('archiveofourown.org', 'www.archiveofourown.org', 'archiveofourown.gay', 'ao3.org'))
    .map(([w, c, host]) => ({ site: 'ao3', url: `https://${host}/works/${w}/chapters/${c}` })),
  fc.tuple(fc.nat(9e7), fc.nat(99)).map(([s, c]) => ({ site: 'ffn', url: `https://www.fanfiction.net/s/${s}/${c}/A-Title` })),
  fc
    .tuple(fc.nat(9e4), fc.constantFrom('spikeluver.com/SpuffyRealm', 'www.example-archive.net', 'm.tthfanfic.org'))
    .map(([sid, host]) => ({ site: 'efiction', url: `https://${host}/viewstory.php?sid=${sid}&chapter=2` })),
  fc
    .tuple(fc.nat(9e6), fc.nat(9e6))
    .map(([f, c]) => ({ site: 'royalroad', url: `https://www.royalroad.com/fiction/${f}/t/chapter/${c}/x` })),
  fc.nat(9e6).map((t) => ({ site: 'xenforo', url: `https://forums.spacebattles.com/threads/a-story.${t}/page-3` })),
  fc.nat(9e6).map((p) => ({ site: 'wattpad', url: `https://www.wattpad.com/${p}-a-part` })),
  fc.webUrl({ withQueryParameters: true }).map((url) => ({ site: 'generic', url })),
);

const rating: fc.Arbitrary<Rating> = fc.oneof(
  fc.constant<Rating>({ level: 'unknown', label: null, source: 'none' }),
  fc.record({ level: fc.constantFrom(...LEVELS), label: fc.option(pageText, { nil: null }), source: fc.constant('site' as const) }),
);

const estimate: fc.Arbitrary<Estimate | null> = fc.option(
  fc.record({ level: fc.constantFrom(...LEVELS), reasons: fc.array(pageText, { maxLength: 3 }) }),
  { nil: null },
);

export const reportArb: fc.Arbitrary<PageReport> = fc
  .record({
    where: siteUrl,
    kind: fc.constantFrom(...KINDS),
    title: fc.option(pageText, { nil: null }),
    author: fc.option(fc.oneof(pageText, fc.constant('mourning_dove, Second Author')), { nil: null }),
    fandoms: fc.array(pageText, { maxLength: 3 }),
    summary: fc.option(fc.oneof(pageText, fc.lorem({ maxCount: 30 })), { nil: null }),
    rating,
    estimate,
    warnings: fc.array(fc.oneof(fc.constantFrom(...WARNINGS), pageText), { maxLength: 4 }),
    warningsHidden: fc.boolean(),
    tags: fc.array(pageText, { maxLength: 6 }),
    chapter: fc.option(
      fc.record({
        index: fc.integer({ min: 1, max: 500 }),
        count: fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
        title: fc.option(pageText, { nil: null }),
      }),
      { nil: null },
    ),
    words: fc.option(fc.nat(), { nil: null }),
  })
  .map(({ where, ...info }) => ({ ...info, ...where, content: null }));

export const settingsArb: fc.Arbitrary<RatingSettings> = fc.record({
  limit: fc.constantFrom(...LIMITS),
  unrated: fc.constantFrom('estimate' as const, 'warn' as const),
  foldUnrated: fc.boolean(),
  checkRated: fc.boolean(),
  warnings: fc.subarray([...WARNING_CATEGORIES]),
  tags: fc.array(fc.oneof(fc.constantFrom('non*con', 'vamp*', 'angst', 'été', '*con', 'major * death'), pageText), { maxLength: 4 }),
  exceptions: fc.record({
    stories: fc.array(fc.string(), { maxLength: 3 }),
    authors: fc.array(fc.string(), { maxLength: 3 }),
    sites: fc.array(fc.constantFrom('fanfiction.net', 'example.com', 'archiveofourown.org'), { maxLength: 2 }),
  }),
});
