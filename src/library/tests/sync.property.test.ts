/**
 * Properties of the library's storage.sync encoding (src/library/sync/list-items.ts): whatever the
 * stories, their addresses and titles, what a device writes decodes back to exactly the records it
 * says it kept, the most recent first, within the per-item and the library's byte quota; and
 * whatever another device (or a damaged store) left in storage.sync, decoding never throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUOTA_BYTES_PER_ITEM, syncBytes, utf8Bytes } from '../../core/sync-quota';
import { bucketsFor, decodeDevices, encodeDevice, RECORD_MAX } from '../sync/list-items';
import { bucketKey, byRecency, manifestKey, type SyncRecord } from '../sync/list-records';

const RUNS = { numRuns: 150 };
const second = fc.integer({ min: 0, max: 4_000_000_000 }).map((s) => s * 1000);

/** Ids and addresses as the sites make them ("ao3:archiveofourown.org:123", its work page), and odd ones. */
const idAndUrl = fc.oneof(
  fc
    .tuple(fc.constantFrom('ao3', 'ffn', 'efiction', 'generic'), fc.domain(), fc.stringMatching(/^[0-9a-z-]{1,12}$/))
    .map(([site, host, work]) => ({ id: `${site}:${host}:${work}`, url: `https://${host}/works/${work}` })),
  fc
    .tuple(fc.string({ maxLength: 40 }), fc.webUrl({ withQueryParameters: true, withFragments: true }))
    .filter(([, url]) => utf8Bytes(url) < RECORD_MAX / 2)
    .map(([id, url]) => ({ id, url })),
);

const story: fc.Arbitrary<SyncRecord> = fc
  .record({
    where: idAndUrl,
    title: fc.string({ unit: 'grapheme', maxLength: 40 }),
    chapter: fc.nat(5000),
    thousandths: fc.integer({ min: 0, max: 1000 }),
    readAt: second,
    savedAt: second,
  })
  .map(({ where, thousandths, ...r }) => ({ kind: 'story', ...where, ...r, fraction: thousandths / 1000 }));
const deletion: fc.Arbitrary<SyncRecord> = fc.record({ kind: fc.constant('deleted'), id: fc.string({ maxLength: 60 }), deletedAt: second });
/** One record per id, as a device holds them. */
const records = fc.uniqueArray(fc.oneof({ weight: 4, arbitrary: story }, { weight: 1, arbitrary: deletion }), {
  selector: (r) => r.id,
  maxLength: 400,
});

const sorted = (rs: readonly SyncRecord[]) => [...rs].sort(byRecency);

describe('the synced library list', () => {
  it('decodes back to exactly the records kept, most recent first, each item and the whole within quota', () => {
    fc.assert(
      fc.property(records, fc.integer({ min: 1, max: 6 }), second, (rs, devices, at) => {
        const budget = { bytes: Math.floor(65_536 / devices), buckets: bucketsFor(devices) };
        const { items, kept } = encodeDevice('dev1', rs, budget, at);
        const list = decodeDevices(items).get('dev1');
        expect(list).toBeDefined();
        expect(sorted(list!.records)).toEqual(sorted(kept));
        for (const [key, value] of Object.entries(items)) expect(syncBytes(key, value)).toBeLessThanOrEqual(QUOTA_BYTES_PER_ITEM);
        expect(Object.entries(items).reduce((n, [k, v]) => n + syncBytes(k, v), 0)).toBeLessThanOrEqual(budget.bytes);
        // What is kept is the most recent: none of these records is long enough to be passed over.
        expect(kept).toEqual(sorted(rs).slice(0, kept.length));
      }),
      RUNS,
    );
  }, 60_000);

  it('never throws on what storage.sync holds, whatever it is, and keeps only well-formed records', () => {
    const damaged = fc.dictionary(
      fc.oneof(fc.constantFrom(manifestKey('dev1'), bucketKey('dev1', 0), bucketKey('dev1', 1)), fc.string()),
      fc.oneof(
        fc.jsonValue(),
        fc.record({ v: fc.constant(1), n: fc.integer({ min: -2, max: 70 }), at: fc.integer() }),
        fc.record({ p: fc.jsonValue(), e: fc.jsonValue() }),
      ),
    );
    fc.assert(
      fc.property(damaged, (all) => {
        for (const list of decodeDevices(all).values())
          for (const r of list.records) {
            expect(typeof r.id).toBe('string');
            if (r.kind === 'story') expect(r.fraction >= 0 && r.fraction <= 1 && Number.isInteger(r.chapter) && r.chapter >= 0).toBe(true);
          }
      }),
      RUNS,
    );
  }, 60_000);
});
