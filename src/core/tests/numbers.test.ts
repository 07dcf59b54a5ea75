import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { thousands } from '../numbers';

describe('thousands', () => {
  it('writes whole numbers as en-US does', () => {
    for (const n of [0, -0, 7, 999, 1000, 12_345, 1_000_000, -4_500, 212_286]) expect(thousands(n)).toBe(n.toLocaleString('en-US'));
  });

  it('agrees with toLocaleString on any number', () => {
    fc.assert(fc.property(fc.oneof(fc.integer(), fc.double({ noNaN: true })), (n) => thousands(n) === n.toLocaleString('en-US')));
  });
});
