/** The checks a backup passes before anything of it is imported: plain data of the right shapes, or a BackupError naming where. */
import { LEVEL_ORDER } from '../../core/rating';
import type { StoryMeta } from '../types';

/** An import refused: not a Slipcase backup, a newer one, or a malformed one (`message` says where). */
export class BackupError extends Error {
  override name = 'BackupError';
}

export type Check<T> = (v: unknown, path: string) => T;

export const fail = (path: string, what: string): never => {
  throw new BackupError(`Not a valid Slipcase backup: ${path} should be ${what}`);
};
export const str: Check<string> = (v, p) => (typeof v === 'string' ? v : fail(p, 'text'));
export const num: Check<number> = (v, p) => (typeof v === 'number' && Number.isFinite(v) ? v : fail(p, 'a number'));
export const bool: Check<boolean> = (v, p) => (typeof v === 'boolean' ? v : fail(p, 'true or false'));
export const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (v, p) =>
    v === null ? null : check(v, p);
export const list =
  <T>(check: Check<T>): Check<T[]> =>
  (v, p) =>
    Array.isArray(v) ? v.map((x, i) => check(x, `${p}[${i}]`)) : fail(p, 'a list');
export const oneOf =
  <T extends string>(...values: T[]): Check<T> =>
  (v, p) =>
    values.includes(v as T) ? (v as T) : fail(p, `one of ${values.join(', ')}`);
/** An object with exactly these fields checked; others are left out. */
export const record =
  <T>(shape: { [K in keyof T]: Check<T[K]> }): Check<T> =>
  (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, 'an object');
    const out = {} as T;
    for (const k in shape) {
      const value = shape[k]((v as Record<string, unknown>)[k], `${p}.${k}`);
      // An optional field left out stays out, rather than stored as undefined.
      if (value !== undefined) out[k] = value;
    }
    return out;
  };
export const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (v, p) =>
    v === undefined ? undefined : check(v, p);

/** An http(s) address: nothing else is a story's or a chapter's. */
export const url: Check<string> = (v, p) => {
  const s = str(v, p);
  return /^https?:\/\//i.test(s) && URL.canParse(s) ? s : fail(p, 'an http(s) address');
};

/** A story's metadata, as the library keeps it. */
export const metaCheck = record<StoryMeta>({
  title: str,
  authors: list(str),
  fandoms: list(str),
  summary: nullable(str),
  rating: record({ level: oneOf(...LEVEL_ORDER, 'unknown'), label: nullable(str), source: oneOf('site', 'none') }),
  warnings: list(str),
  warningsHidden: bool,
  tags: list(str),
  words: nullable(num),
  chapterTotal: nullable(num),
  // Absent from backups made before it was kept.
  chaptersPosted: (v, p) => (v === undefined ? null : nullable(num)(v, p)),
  status: oneOf('complete', 'wip', 'unknown'),
  // Only on works saved from a series page.
  series: optional(record({ title: str, url, part: num })),
});
