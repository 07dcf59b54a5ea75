// @vitest-environment jsdom
/**
 * The WebDAV client (src/library/dav/webdav.ts) against real servers on 127.0.0.1, rclone's and
 * Apache's mod_dav, through a proxy that injects the faults readers' servers have: 401, 423, 429,
 * 503 and 507 answers, uploads cut short, answers that never come, and empty listings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DavClient, DavError, type DavDeps } from '../dav/webdav';
import { DAV_PASSWORD, DAV_USER, startApache, startRclone, type DavServer } from '../../../tests/lib/dav-servers';
import { startFaultProxy, type FaultProxy } from '../../../tests/lib/fault-proxy';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null) => (b === null ? null : new TextDecoder().decode(b));

describe.each([
  ['rclone', startRclone],
  ['Apache', startApache],
] as const)('the WebDAV client against %s', (_name, start) => {
  let server: DavServer;
  let proxy: FaultProxy;
  const slept: number[] = [];
  /** Requests out now, the most at once, and every request's credentials mode. */
  const out = { now: 0, most: 0, credentials: new Set<string>() };
  /** Node's fetch, as the extension's; the waits between tries are recorded, not waited. */
  const deps: DavDeps = {
    async fetch(url, init) {
      out.most = Math.max(out.most, ++out.now);
      out.credentials.add(init.credentials);
      try {
        return await fetch(url, init as RequestInit);
      } finally {
        out.now--;
      }
    },
    sleep: async (ms) => void slept.push(ms),
    now: Date.now,
  };
  const client = (password = DAV_PASSWORD) =>
    new DavClient({ url: proxy.url, user: DAV_USER, password }, deps, { concurrency: 4, timeoutMs: 1_500, maxAttempts: 4 });

  beforeAll(async () => {
    server = await start();
    proxy = await startFaultProxy(server.url);
  }, 30_000);
  afterAll(async () => {
    await proxy?.close();
    await server?.stop();
  });

  it('writes, reads, lists and removes files, making the folders a file needs', async () => {
    const dav = client();
    await dav.put('slipcase/devices/laptop01/head.json', bytes('{"pack":1}'));
    expect(text(await dav.get('slipcase/devices/laptop01/head.json'))).toBe('{"pack":1}');
    expect(await dav.size('slipcase/devices/laptop01/head.json')).toBe(10);
    expect(await dav.list('slipcase/devices/')).toEqual([{ name: 'laptop01', folder: true, size: null }]);
    await dav.remove('slipcase/devices/laptop01/head.json');
    expect(await dav.get('slipcase/devices/laptop01/head.json')).toBeNull();
    await dav.remove('slipcase/devices/laptop01/head.json');
    expect(await dav.list('slipcase/nowhere/')).toEqual([]);
  });

  it('says so when the password is wrong', async () => {
    const error = await client('wrong')
      .get('slipcase/format.json')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DavError);
    expect((error as DavError).kind).toBe('auth');
    expect((error as DavError).message).toMatch(/refused the user name or password \(401\)/);
    // No cookies ever go along: Nextcloud's session cookie would trip its CSRF check.
    expect([...out.credentials]).toEqual(['omit']);
  });

  it('waits and tries again while the server is busy or the file locked, as long as it asks', async () => {
    const dav = client();
    await dav.put('slipcase/busy.txt', bytes('patience'));
    slept.length = 0;
    proxy.add({ method: 'GET', path: 'busy.txt', fault: { kind: 'status', status: 429, retryAfter: '7' } });
    proxy.add({ method: 'GET', path: 'busy.txt', fault: { kind: 'status', status: 503 } });
    proxy.add({ method: 'GET', path: 'busy.txt', fault: { kind: 'status', status: 423 } });
    expect(text(await dav.get('slipcase/busy.txt'))).toBe('patience');
    expect(slept[0]).toBe(7_000);
    expect(slept).toHaveLength(3);
  });

  it('stops with a sentence when the server is full', async () => {
    proxy.add({ method: 'PUT', path: 'full.txt', fault: { kind: 'status', status: 507 } });
    const error = await client()
      .put('slipcase/full.txt', bytes('x'))
      .catch((e: unknown) => e);
    expect((error as DavError).kind).toBe('full');
    expect((error as DavError).message).toMatch(/out of space \(507\)/);
  });

  it('sends an upload the server kept only part of again, until it holds all of it', async () => {
    const body = bytes('a chapter of forty-two bytes, more or less');
    proxy.add({ method: 'PUT', path: 'short.txt', fault: { kind: 'truncate', keep: 10 } });
    await client().put('slipcase/short.txt', body);
    expect(text(await client().get('slipcase/short.txt'))).toBe(text(body));
    expect(proxy.seen.filter((r) => r === 'PUT ' + new URL('slipcase/short.txt', proxy.url).pathname)).toHaveLength(2);
  });

  it('gives up on an answer that does not come, and asks again', async () => {
    await client().put('slipcase/stall.txt', bytes('late'));
    proxy.add({ method: 'GET', path: 'stall.txt', fault: { kind: 'stall' } });
    const started = Date.now();
    expect(text(await client().get('slipcase/stall.txt'))).toBe('late');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
  });

  it('reports an empty listing as it comes: the sync reads heads, not listings, to know what is there', async () => {
    const dav = client();
    await dav.put('slipcase/devices/phone002/head.json', bytes('{}'));
    proxy.add({ method: 'PROPFIND', path: 'devices', fault: { kind: 'empty-listing' } });
    expect(await dav.list('slipcase/devices/')).toEqual([]);
    expect((await dav.list('slipcase/devices/')).map((e) => e.name)).toContain('phone002');
  });

  it('has at most four requests out at once', async () => {
    const dav = client();
    await dav.put('slipcase/many.txt', bytes('same'));
    // Four stalled answers hold four slots until they time out: the other requests wait for a slot.
    for (let i = 0; i < 4; i++) proxy.add({ method: 'GET', path: 'many.txt', fault: { kind: 'stall' } });
    out.most = 0;
    const results = await Promise.all(Array.from({ length: 10 }, () => dav.get('slipcase/many.txt')));
    expect(results.map(text)).toEqual(Array(10).fill('same'));
    expect(out.most).toBe(4);
  }, 20_000);
});
