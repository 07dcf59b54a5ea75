/** The politeness clock: spacing between requests, backoff on 429/503, Retry-After, giving up. */
import { describe, expect, it } from 'vitest';
import { POLITE, PoliteClock, afterFailure, backoffMs, formatDelay, retryAfterMs } from '../jobs/polite-clock';

/** A fake clock whose sleep advances time and records every wait. */
function fakeTime(start = 1_000_000) {
  const t = { now: start, sleeps: [] as number[] };
  return {
    t,
    now: () => t.now,
    sleep: async (ms: number, signal: AbortSignal) => {
      signal.throwIfAborted();
      t.sleeps.push(ms);
      t.now += ms;
    },
  };
}

describe('retryAfterMs', () => {
  const now = Date.parse('2025-03-01T12:00:00Z');
  it('reads delta seconds and HTTP dates', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Sat, 01 Mar 2025 12:01:30 GMT', now)).toBe(90_000);
  });
  it('treats a date in the past as no wait, and nonsense or absence as no answer', () => {
    expect(retryAfterMs('Sat, 01 Mar 2025 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs('-5', now)).toBeNull();
    expect(retryAfterMs('', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});

describe('afterFailure', () => {
  const busy = { url: 'https://archiveofourown.org/works/1', status: 429, retryAfter: null };

  it('backs off exponentially from 5 s, capped at 10 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((a) => backoffMs(a))).toEqual([
      5000, 10000, 20000, 40000, 80000, 160000, 320000, 600000, 600000,
    ]);
    const r = afterFailure(busy, 3, 0);
    expect(r).toEqual({
      retry: true,
      delayMs: 20000,
      message: 'archiveofourown.org is busy (429 Too Many Requests): trying again in 20 s.',
    });
  });

  it('honours a Retry-After that asks for longer than the backoff, not one that asks for less', () => {
    expect(afterFailure({ ...busy, status: 503, retryAfter: '90' }, 1, 0)).toMatchObject({ retry: true, delayMs: 90_000 });
    expect(afterFailure({ ...busy, retryAfter: '2' }, 2, 0)).toMatchObject({ retry: true, delayMs: 10_000 });
    const now = Date.parse('2025-03-01T12:00:00Z');
    expect(afterFailure({ ...busy, retryAfter: 'Sat, 01 Mar 2025 12:15:00 GMT' }, 1, now)).toMatchObject({
      retry: true,
      delayMs: 15 * 60_000,
    });
  });

  it('gives up after the last attempt, or when asked to wait over an hour, with a readable sentence', () => {
    const last = afterFailure(busy, POLITE.maxAttempts, 0);
    expect(last).toEqual({
      retry: false,
      message: `archiveofourown.org is busy (429 Too Many Requests), and still after ${POLITE.maxAttempts} tries, so Slipcase stopped. Try again later.`,
    });
    expect(afterFailure({ ...busy, retryAfter: String(3 * 3600) }, 1, 0)).toEqual({
      retry: false,
      message: 'archiveofourown.org asked Slipcase to wait 3 h before trying again. Try again then.',
    });
  });

  it('retries network failures the same way', () => {
    const r = afterFailure({ url: 'https://www.fanfiction.net/s/1/2/', status: null, retryAfter: null, error: 'Failed to fetch' }, 1, 0);
    expect(r).toEqual({
      retry: true,
      delayMs: 5000,
      message: 'Could not reach www.fanfiction.net (Failed to fetch): trying again in 5 s.',
    });
  });

  it('formats waits rounded up', () => {
    expect([999, 5000, 59_001, 60_000, 61_000, 3_600_000, 3_900_000].map(formatDelay)).toEqual([
      '1 s',
      '5 s',
      '1 min',
      '1 min',
      '2 min',
      '1 h',
      '1 h 5 min',
    ]);
  });
});

describe('PoliteClock', () => {
  it('spaces requests at least a second from the end of the previous one, starting from its creation', async () => {
    const time = fakeTime();
    const clock = new PoliteClock(time.now, time.sleep);
    const starts: number[] = [];
    const send = (took: number) => async () => {
      starts.push(time.t.now);
      time.t.now += took;
      return took;
    };
    expect(await clock.request(new AbortController().signal, send(300))).toBe(300);
    time.t.now += 400; // parsing the page took a while: only the rest of the second is waited
    await clock.request(new AbortController().signal, send(50));
    time.t.now += 5000;
    await clock.request(new AbortController().signal, send(10));
    expect(time.t.sleeps).toEqual([1000, 600]);
    expect(starts.map((s, i) => s - (starts[i - 1] ?? 0))).toEqual([1_001_000, 1300, 5050]);
  });

  it('runs one request at a time when asked concurrently', async () => {
    const time = fakeTime();
    const clock = new PoliteClock(time.now, time.sleep);
    let inFlight = 0;
    let most = 0;
    const send = async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      time.t.now += 100;
      inFlight--;
    };
    const signal = new AbortController().signal;
    await Promise.all([clock.request(signal, send), clock.request(signal, send), clock.request(signal, send)]);
    expect(most).toBe(1);
    expect(time.t.sleeps).toEqual([1000, 1000, 1000]);
  });

  it('throws the abort reason when aborted while waiting, and the next request still gets its turn', async () => {
    const time = fakeTime();
    const clock = new PoliteClock(time.now, time.sleep);
    const abort = new AbortController();
    abort.abort(new Error('cancelled'));
    let sent = 0;
    await expect(clock.request(abort.signal, async () => sent++)).rejects.toThrow('cancelled');
    expect(sent).toBe(0);
    await clock.request(new AbortController().signal, async () => sent++);
    expect(sent).toBe(1);
  });
});
