/**
 * A WebDAV client for the sync (issue #19), written for the servers readers have (Nextcloud,
 * Synology, Koofr, rclone, Apache) and their faults:
 * - at most four requests at once; 429, 503 and 423 (a locked file) are tried again after the
 *   wait the server asks for, or a growing one; a stalled request is given up after a while and
 *   tried again;
 * - 401 and 507 stop with a sentence the reader can act on;
 * - an upload is checked by the size the server then reports, and sent again when it falls short;
 * - requests carry the reader's user and password as Basic authentication and no cookies
 *   (`credentials: 'omit'`): Nextcloud's session cookies make WebDAV fail its CSRF check.
 * Pure core: fetch, sleeping and time are passed in, so it runs in the extension and in the tests
 * against real servers alike.
 */
import { backoffMs, retryAfterMs } from '../jobs/polite-clock';

export interface DavConfig {
  /** The folder's address; Slipcase's files go under it. */
  url: string;
  user: string;
  password: string;
}

/** The part of a fetch Response the client reads. */
export interface DavResponse {
  status: number;
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
  text(): Promise<string>;
}

export interface DavDeps {
  fetch(
    url: string,
    init: { method: string; headers: Record<string, string>; body?: Uint8Array; signal: AbortSignal; credentials: 'omit' },
  ): Promise<DavResponse>;
  sleep(ms: number): Promise<void>;
  now(): number;
}

export interface DavOptions {
  concurrency: number;
  /** A request with no answer after this long is given up and tried again. */
  timeoutMs: number;
  maxAttempts: number;
}

export const DAV_DEFAULTS: DavOptions = { concurrency: 4, timeoutMs: 30_000, maxAttempts: 6 };

/** Why the sync stopped: `kind` for the code, the message for the reader. */
export class DavError extends Error {
  constructor(
    readonly kind: 'auth' | 'full' | 'refused' | 'unreachable' | 'short-upload',
    message: string,
  ) {
    super(message);
  }
}

/** One entry of a folder's listing. */
export interface DavEntry {
  name: string;
  folder: boolean;
  size: number | null;
}

const RETRY = new Set([423, 429, 503]);

export class DavClient {
  private readonly base: URL;
  private readonly auth: string;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Folders this client made or found already there. */
  private readonly folders = new Set<string>();

  constructor(
    config: DavConfig,
    private readonly deps: DavDeps,
    private readonly options: DavOptions = DAV_DEFAULTS,
  ) {
    this.base = new URL(config.url.endsWith('/') ? config.url : `${config.url}/`);
    const bytes = new TextEncoder().encode(`${config.user}:${config.password}`);
    this.auth = `Basic ${btoa(String.fromCharCode(...bytes))}`;
  }

  /** The file's bytes, or null when there is none. */
  async get(path: string): Promise<Uint8Array | null> {
    const res = await this.request('GET', path);
    if (res.status === 404) return null;
    this.expect(res, path, 200);
    return new Uint8Array(await res.arrayBuffer());
  }

  /** Writes the file, making its folders first when the server says they are missing; checks the size it then has. */
  async put(path: string, body: Uint8Array, type = 'application/octet-stream'): Promise<void> {
    // Folders first, once each: a PUT into a missing folder would send its body twice.
    if (path.includes('/') && !this.folders.has(path.slice(0, path.lastIndexOf('/')))) await this.makeFolders(path);
    for (let attempt = 1; ; attempt++) {
      let res = await this.request('PUT', path, { body, headers: { 'Content-Type': type } });
      if (res.status === 409 || res.status === 404) {
        // A folder removed since this client made it.
        this.folders.clear();
        await this.makeFolders(path);
        res = await this.request('PUT', path, { body, headers: { 'Content-Type': type } });
      }
      this.expect(res, path, 200, 201, 204);
      const size = await this.size(path);
      if (size === body.length) return;
      if (attempt >= this.options.maxAttempts)
        throw new DavError(
          'short-upload',
          `The server kept ${size ?? 'none'} of the ${body.length} bytes of ${path}, after ${attempt} tries.`,
        );
    }
  }

  /** Removes the file; one already gone is fine. */
  async remove(path: string): Promise<void> {
    const res = await this.request('DELETE', path);
    if (res.status !== 404) this.expect(res, path, 200, 204);
  }

  /** The folder's entries (not the folder itself); an empty list for a folder that does not exist. */
  async list(path: string): Promise<DavEntry[]> {
    const folder = path.endsWith('/') ? path : `${path}/`;
    const res = await this.request('PROPFIND', folder, { headers: { Depth: '1' }, body: PROPFIND_BODY });
    if (res.status === 404) return [];
    this.expect(res, folder, 207);
    const own = new URL(folder, this.base).pathname;
    return parseMultistatus(await res.text(), this.base).flatMap(({ path: at, ...entry }) => (at === own ? [] : [entry]));
  }

  /** The file's size as the server reports it; null when there is no such file. */
  async size(path: string): Promise<number | null> {
    const res = await this.request('PROPFIND', path, { headers: { Depth: '0' }, body: PROPFIND_BODY });
    if (res.status === 404) return null;
    this.expect(res, path, 207);
    return parseMultistatus(await res.text(), this.base)[0]?.size ?? null;
  }

  private async makeFolders(path: string): Promise<void> {
    const parts = path.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      if (this.folders.has(folder)) continue;
      const res = await this.request('MKCOL', `${folder}/`);
      // 405: it exists already.
      if (res.status !== 405) this.expect(res, path, 200, 201);
      this.folders.add(folder);
    }
  }

  private expect(res: DavResponse, path: string, ...ok: number[]): void {
    if (ok.includes(res.status)) return;
    if (res.status === 401 || res.status === 403)
      throw new DavError(
        'auth',
        `The WebDAV server refused the user name or password (${res.status}). Check them, or make an app password.`,
      );
    if (res.status === 507) throw new DavError('full', 'The WebDAV server is out of space (507). Free some space there, then sync again.');
    throw new DavError('refused', `The WebDAV server answered ${res.status} for ${path}.`);
  }

  /** One request, when a slot is free, tried again while the server asks for time or does not answer. */
  private async request(
    method: string,
    path: string,
    extra: { headers?: Record<string, string>; body?: Uint8Array } = {},
  ): Promise<DavResponse> {
    const url = new URL(path.replace(/^\/+/, ''), this.base).href;
    await this.slot();
    try {
      for (let attempt = 1; ; attempt++) {
        const got = await this.once(method, url, extra);
        if (got instanceof Error || RETRY.has(got.status)) {
          if (attempt >= this.options.maxAttempts) {
            if (got instanceof Error) throw new DavError('unreachable', `The WebDAV server did not answer (${got.message}).`);
            return got;
          }
          const asked = got instanceof Error ? null : retryAfterMs(got.headers.get('retry-after'), this.deps.now());
          await this.deps.sleep(Math.max(backoffMs(attempt), asked ?? 0));
          continue;
        }
        return got;
      }
    } finally {
      this.release();
    }
  }

  private async once(
    method: string,
    url: string,
    extra: { headers?: Record<string, string>; body?: Uint8Array },
  ): Promise<DavResponse | Error> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new Error(`no answer in ${this.options.timeoutMs / 1000} s`)), this.options.timeoutMs);
    try {
      const res = await this.deps.fetch(url, {
        method,
        headers: { Authorization: this.auth, ...extra.headers },
        ...(extra.body && { body: extra.body }),
        signal: abort.signal,
        credentials: 'omit',
      });
      // The body is read here, inside the timeout: a server may stall half way through it.
      const bytes = new Uint8Array(await res.arrayBuffer());
      return bufferedResponse(res, bytes);
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    } finally {
      clearTimeout(timer);
    }
  }

  private async slot(): Promise<void> {
    if (this.running < this.options.concurrency) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

function bufferedResponse(res: DavResponse, bytes: Uint8Array): DavResponse {
  return {
    status: res.status,
    headers: res.headers,
    arrayBuffer: async () => bytes.slice().buffer,
    text: async () => new TextDecoder().decode(bytes),
  };
}

const PROPFIND_BODY = new TextEncoder().encode(
  '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getcontentlength/></d:prop></d:propfind>',
);

/** A 207 Multi-Status body's entries, with their paths (decoded) and names. */
function parseMultistatus(xml: string, base: URL): (DavEntry & { path: string })[] {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  return Array.from(doc.getElementsByTagNameNS('DAV:', 'response')).flatMap((response) => {
    const href = response.getElementsByTagNameNS('DAV:', 'href')[0]?.textContent?.trim();
    if (!href) return [];
    const path = decodeURIComponent(new URL(href, base).pathname);
    const folder = response.getElementsByTagNameNS('DAV:', 'collection').length > 0;
    const length = response.getElementsByTagNameNS('DAV:', 'getcontentlength')[0]?.textContent?.trim();
    const name = path.replace(/\/$/, '').split('/').pop() ?? '';
    return [{ path: path.replace(/\/$/, folder ? '/' : ''), name, folder, size: length && /^\d+$/.test(length) ? Number(length) : null }];
  });
}
