/**
 * A network for the whole browser. Page routing (Playwright's, BiDi's) reaches tabs and, in
 * Chromium, the service worker, but not Chrome's offscreen document or Firefox's background page,
 * where Slipcase's save jobs fetch. The browsers are pointed at this proxy, which answers from the
 * same fixture routes as page routing: plain http directly, https by terminating the CONNECT tunnel
 * with a throwaway self-signed certificate (the test browsers are told to accept it). Anything the
 * routes do not serve is refused, as if offline.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureFor } from './routes';

export interface ProxiedRequest {
  url: string;
  at: number;
  /** The browser's own speculative fetches say so (Sec-Purpose: prefetch); a page's or extension's do not. */
  speculative: boolean;
  /** Asked for as a picture (Sec-Fetch-Dest: image, or an Accept header that puts pictures first). */
  picture: boolean;
}

export interface FixtureProxy {
  port: number;
  /** Every request the proxy was asked for, in order (answered or refused), with when (ms). */
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

function throwawayCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'slipcase-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=slipcase-test',
        '-days',
        '2',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      {
        stdio: 'ignore',
      },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startFixtureProxy(): Promise<FixtureProxy> {
  const requests: ProxiedRequest[] = [];
  const answer = (url: string, req: http.IncomingMessage, res: http.ServerResponse) => {
    requests.push({
      url,
      at: Date.now(),
      speculative: /prefetch|prerender/i.test(String(req.headers['sec-purpose'] ?? req.headers.purpose ?? '')),
      picture: req.headers['sec-fetch-dest'] === 'image' || /^image\//.test(String(req.headers.accept ?? '')),
    });
    const f = fixtureFor(url);
    if (!f) {
      res.socket?.destroy();
      return;
    }
    const reply = () => {
      res.writeHead(f.status, { 'content-type': f.contentType, ...f.headers });
      res.end(f.body);
    };
    if (f.delayMs) setTimeout(reply, f.delayMs);
    else reply();
  };
  const tls = https.createServer(throwawayCertificate(), (req, res) => answer(`https://${req.headers.host}${req.url}`, req, res));
  // A proxied plain-http request names the whole URL on its request line.
  const server = http.createServer((req, res) => answer(req.url ?? '', req, res));
  // Every socket, tunnels included: a CONNECT tunnel leaves the http server's own bookkeeping, and
  // one left open would keep close() from ever finishing.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (_req, socket) => {
    socket.on('error', () => undefined);
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    tls.emit('connection', socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        tls.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        tls.close();
        server.close(() => resolve());
      }),
  };
}
