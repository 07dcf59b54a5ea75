/**
 * Checks that a value received from elsewhere (a message, storage) has the shape its type says,
 * built from small parts: `record({ url: string, words: nullable(integer) })`. Pure.
 */

/** True when `value` has the shape. */
export type Check = (value: unknown) => boolean;

export const string: Check = (v) => typeof v === 'string';
export const boolean: Check = (v) => typeof v === 'boolean';
export const finite: Check = (v) => typeof v === 'number' && Number.isFinite(v);
export const integer: Check = (v) => Number.isSafeInteger(v);
export const count: Check = (v) => Number.isSafeInteger(v) && (v as number) >= 0;
export const oneOf =
  (...values: readonly unknown[]): Check =>
  (v) =>
    values.includes(v);

export const nullable =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);

export const arrayOf =
  (check: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(check);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An object with these fields (`optional` ones may be missing or undefined). Other fields are let
 * through: a newer sender may add some, and nothing reads them.
 */
export const record =
  (fields: Record<string, Check>, optional: Record<string, Check> = {}): Check =>
  (v) =>
    isObject(v) &&
    Object.entries(fields).every(([k, check]) => check(v[k])) &&
    Object.entries(optional).every(([k, check]) => v[k] === undefined || check(v[k]));

/** Like record, but nothing else: a field it does not name makes the value malformed. */
export const exact = (fields: Record<string, Check>, optional: Record<string, Check> = {}): Check => {
  const known = new Set([...Object.keys(fields), ...Object.keys(optional)]);
  const shape = record(fields, optional);
  return (v) => shape(v) && Object.keys(v as object).every((k) => known.has(k));
};
