/**
 * Where "Continue" takes the reader of a story several devices have read (issue #19): the newest
 * place any device left, unless that is behind where this device is, which is never done silently:
 * the reader is asked, with every device's place to choose from. Pure.
 */
import { compareStamps } from './clock';
import type { DevicePlace } from './replica';

export interface PlaceChoice {
  /** Where Continue goes. */
  go: DevicePlace & { device: string };
  /** True when `go` is behind this device's own place: the reader chooses, nothing moves by itself. */
  ask: boolean;
  /** The other devices' places, newest first, to offer. */
  others: (DevicePlace & { device: string })[];
}

/** Negative when place `a` is before `b` in the story. */
export function comparePlaces(a: Pick<DevicePlace, 'chapter' | 'fraction'>, b: Pick<DevicePlace, 'chapter' | 'fraction'>): number {
  return a.chapter - b.chapter || a.fraction - b.fraction;
}

/** Where Continue goes from `places` (by device), read on `here`; null when no device has been anywhere. */
export function continueFrom(places: Record<string, DevicePlace>, here: string): PlaceChoice | null {
  const all = Object.entries(places)
    .map(([device, place]) => ({ ...place, device }))
    .sort((a, b) => compareStamps(b.at, a.at));
  const newest = all[0];
  if (!newest) return null;
  const mine = places[here];
  const ask = mine !== undefined && newest.device !== here && comparePlaces(newest, mine) < 0;
  // Asked: stay where this device is until the reader picks another place.
  const go = ask ? { ...mine, device: here } : newest;
  return { go, ask, others: all.filter((p) => p.device !== go.device) };
}
