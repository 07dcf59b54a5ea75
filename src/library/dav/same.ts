/**
 * Whether two plain values (JSON data: what a replica holds) are equal, whatever order their
 * objects' keys are in: a copy read back from the folder and checked (replica-check.ts) has its
 * keys in the checker's order, and must still be the same story as the one written. Pure.
 */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    return a.length === bs.length && a.every((x, i) => same(x, bs[i]));
  }
  // A key whose value is undefined is no key at all, as in JSON.
  const keys = (o: object) => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined);
  const ak = keys(a);
  const bk = keys(b);
  return ak.length === bk.length && ak.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
