/**
 * Hybrid logical clocks for the WebDAV sync (issue #19): every change a device makes carries a
 * stamp that orders it against every other device's. The wall time keeps stamps close to real
 * time, so "the latest wins" means what a reader expects; the counter orders changes a device makes
 * within one millisecond, or after it saw a stamp from a device whose clock runs ahead; the device
 * breaks the last tie, so no two devices' stamps are ever equal. A phone whose clock is a day behind
 * still orders its changes after the ones it has seen. Pure.
 */

export interface Stamp {
  /** Wall time, ms since the epoch (the highest seen, not always this device's clock). */
  t: number;
  /** Changes at the same `t`. */
  c: number;
  /** The device that made the change. */
  d: string;
}

/** Negative when `a` is older, positive when newer, 0 only for the same stamp. */
export function compareStamps(a: Stamp, b: Stamp): number {
  return a.t - b.t || a.c - b.c || (a.d < b.d ? -1 : a.d > b.d ? 1 : 0);
}

/** The newer of two stamps (either may be absent). */
export function newer(a: Stamp | undefined, b: Stamp | undefined): Stamp | undefined {
  if (!a) return b;
  if (!b) return a;
  return compareStamps(a, b) >= 0 ? a : b;
}

/** A device's clock: the last stamp it gave or saw. */
export class DeviceClock {
  private last: Stamp;

  constructor(
    private readonly device: string,
    private readonly now: () => number,
    last?: Stamp,
  ) {
    this.last = last ?? { t: 0, c: 0, d: device };
  }

  /** A stamp for a change made here now: after every stamp this device gave or saw. */
  tick(): Stamp {
    const wall = this.now();
    this.last = wall > this.last.t ? { t: wall, c: 0, d: this.device } : { t: this.last.t, c: this.last.c + 1, d: this.device };
    return this.last;
  }

  /** Another device's stamp, seen: this device's next change orders after it. */
  see(stamp: Stamp): void {
    if (compareStamps(stamp, this.last) > 0) this.last = { t: stamp.t, c: stamp.c, d: this.device };
  }

  /** What to keep between runs, so a restart never gives an older stamp. */
  state(): Stamp {
    return this.last;
  }
}
