/**
 * A KOReader sync server for the tests, on 127.0.0.1: the endpoints KOReader's kosync plugin uses
 * (src/library/dav/kosync.ts has the protocol), with its checks: the Accept header, and the user
 * with the MD5 of their password. Places are stored per user and document, the timestamp in
 * seconds, as koreader-sync-server stores them; a test may also set one as a KOReader would.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoredPlace {
  progress: string;
  percentage: number;
  device: string;
  device_id: string;
  timestamp: number;
}

export interface KosyncServer {
  url: string;
  /** By document. */
  places: Map<string, StoredPlace>;
  close(): Promise<void>;
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

export async function startKosyncServer(user: string, password: string): Promise<KosyncServer> {
  const places = new Map<string, StoredPlace>();
  const server = http.createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.accept !== 'application/vnd.koreader.v1+json')
      return reply(412, { code: 101, message: 'Invalid Accept header format.' });
    if (req.headers['x-auth-user'] !== user || req.headers['x-auth-key'] !== md5(password))
      return reply(401, { code: 2001, message: 'Unauthorized' });
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      if (req.method === 'GET' && path === '/users/auth') return reply(200, { authorized: 'OK' });
      if (req.method === 'PUT' && path === '/syncs/progress') {
        const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as Omit<StoredPlace, 'timestamp'> & { document: string };
        const timestamp = Math.floor(Date.now() / 1000);
        const { document, ...place } = body;
        places.set(document, { ...place, timestamp });
        return reply(200, { document, timestamp });
      }
      const doc = /^\/syncs\/progress\/([^/]+)$/.exec(path)?.[1];
      if (req.method === 'GET' && doc) {
        const place = places.get(decodeURIComponent(doc));
        return reply(200, place ? { document: decodeURIComponent(doc), ...place } : {});
      }
      reply(404, {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, places, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
