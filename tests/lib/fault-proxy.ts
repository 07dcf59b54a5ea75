/**
 * A proxy in front of a real WebDAV server that breaks requests the way servers and networks do,
 * for the sync's transport tests: an answer of its own (401, 423, 429, 503, 507), an upload cut
 * short (the server keeps only the first bytes), an answer that never comes, or an empty listing.
 * Each fault is taken by the next request it matches, once; other requests pass through.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string }
  | { kind: 'truncate'; keep: number }
  | { kind: 'stall' }
  | { kind: 'empty-listing' }
  /** Passed on after a wait: a slow network, so a test can stop a browser half way through a sync. */
  | { kind: 'delay'; ms: number };

export interface FaultRule {
  method: string;
  /** Matches the request's path when it contains this. */
  path?: string;
  fault: Fault;
}

export interface FaultProxy {
  url: string;
  /** Queue a fault for the next request that matches. */
  add(rule: FaultRule): void;
  /** Every request seen, as "METHOD path". */
  seen: string[];
  close(): Promise<void>;
}

const EMPTY_MULTISTATUS = '<?xml version="1.0" encoding="utf-8"?><d:multistatus xmlns:d="DAV:"></d:multistatus>';

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

/** Starts a proxy to `upstream` (its folder's URL); the proxy serves the same paths. */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const rules: FaultRule[] = [];
  const seen: string[] = [];
  const stalled = new Set<http.ServerResponse>();

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => {
    const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
    const out = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on('error', () => res.destroy());
    out.end(body);
  };

  const server = http.createServer((req, res) => {
    void readBody(req).then((body) => {
      const path = req.url ?? '/';
      seen.push(`${req.method} ${path}`);
      const i = rules.findIndex((r) => r.method === req.method && (r.path === undefined || path.includes(r.path)));
      const fault = i >= 0 ? rules.splice(i, 1)[0]!.fault : null;
      if (!fault) return forward(req, res, body);
      if (fault.kind === 'status') {
        res.writeHead(fault.status, fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {});
        return res.end();
      }
      if (fault.kind === 'stall') return void stalled.add(res);
      if (fault.kind === 'truncate') return forward(req, res, body.subarray(0, fault.keep));
      if (fault.kind === 'delay') return void setTimeout(() => forward(req, res, body), fault.ms);
      res.writeHead(207, { 'Content-Type': 'application/xml; charset=utf-8' });
      res.end(EMPTY_MULTISTATUS);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    add: (rule) => void rules.push(rule),
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of stalled) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
