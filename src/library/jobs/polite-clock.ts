/**
 * Politeness toward the archives the library fetches from. Fan archives are small sites run by
 * volunteers, and some ban clients that hammer them, so the library fetches one page at a time,
 * at least a second after the previous one finished (whatever its host), and when a site says it
 * is overloaded (429, 503) it waits longer each time, or as long as the site asks (Retry-After),
 * and gives up after a few tries. Time and sleeping are passed in, so tests run on a fake clock.
 */

export interface PoliteOptions {
  /** Least time from the end of one request to the start of the next. */
  spacingMs: number;
  /** The wait after the first "slow down"; it doubles with each further one. */
  firstBackoffMs: number;
  maxBackoffMs: number;
  /** A Retry-After asking for longer than this is not waited out: the job gives up. */
  maxRetryAfterMs: number;
  /** Tries of one request before giving up. */
  maxAttempts: number;
}

export const POLITE: PoliteOptions = {
  spacingMs: 1000,
  firstBackoffMs: 5000,
  maxBackoffMs: 10 * 60_000,
  maxRetryAfterMs: 60 * 60_000,
  maxAttempts: 8,
};

/** Statuses by which a site says it is overloaded and asks to be tried again later. */
export function asksToSlowDown(status: number): boolean {
  return status === 429 || status === 503;
}

/** The wait a Retry-After header asks for, in ms: delta seconds or an HTTP date. Null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  const value = header?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its day and month; Date.parse alone would take "-5" for a year.
  const at = /[a-z]/i.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The exponential wait before try `attempt + 1`, after `attempt` (1-based) failed. */
export function backoffMs(attempt: number, options: PoliteOptions = POLITE): number {
  return Math.min(options.firstBackoffMs * 2 ** (attempt - 1), options.maxBackoffMs);
}

/** A request that did not get a page: the site's status (429, 503) or, with null, a network failure. */
export interface Failure {
  url: string;
  status: number | null;
  retryAfter: string | null;
  /** The network error's own words, for a failure without a status. */
  error?: string;
}

export type Retry = { retry: true; delayMs: number; message: string } | { retry: false; message: string };

/**
 * What to do after try `attempt` (1-based) of a request failed: wait and try again (how long, and
 * a sentence saying so), or give up (a sentence saying why).
 */
export function afterFailure(failure: Failure, attempt: number, now: number, options: PoliteOptions = POLITE): Retry {
  const host = new URL(failure.url).host;
  const what =
    failure.status === null
      ? `Could not reach ${host}${failure.error ? ` (${failure.error})` : ''}`
      : `${host} is busy (${statusText(failure.status)})`;
  if (attempt >= options.maxAttempts)
    return { retry: false, message: `${what}, and still after ${attempt} tries, so Slipcase stopped. Try again later.` };
  const asked = retryAfterMs(failure.retryAfter, now);
  if (asked !== null && asked > options.maxRetryAfterMs)
    return { retry: false, message: `${host} asked Slipcase to wait ${formatDelay(asked)} before trying again. Try again then.` };
  const delayMs = Math.max(backoffMs(attempt, options), asked ?? 0);
  return { retry: true, delayMs, message: `${what}: trying again in ${formatDelay(delayMs)}.` };
}

function statusText(status: number): string {
  return status === 429 ? '429 Too Many Requests' : status === 503 ? '503 Service Unavailable' : `status ${status}`;
}

/** "5 s", "2 min", "1 h 5 min": rounded up, as a wait is never shorter than said. */
export function formatDelay(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.ceil(s / 60);
  if (min < 60) return `${min} min`;
  return min % 60 ? `${Math.floor(min / 60)} h ${min % 60} min` : `${min / 60} h`;
}

/**
 * The spacing between requests: one at a time, each starting at least `spacingMs` after the
 * previous one ended. A new clock counts from its creation, so a restarted runner also waits.
 */
export class PoliteClock {
  private lastEnd: number;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly now: () => number,
    private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>,
    private readonly options: PoliteOptions = POLITE,
  ) {
    this.lastEnd = now();
  }

  /** Runs `send` when its turn comes and the spacing has passed. An abort while waiting throws its reason. */
  request<T>(signal: AbortSignal, send: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(async () => {
      const wait = this.lastEnd + this.options.spacingMs - this.now();
      if (wait > 0) await this.sleep(wait, signal);
      signal.throwIfAborted();
      try {
        return await send();
      } finally {
        this.lastEnd = this.now();
      }
    });
    this.queue = turn.catch(() => {});
    return turn;
  }
}
