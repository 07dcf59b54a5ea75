/**
 * Real WebDAV servers for the sync's transport tests, on 127.0.0.1, each in a folder of its own:
 * rclone's (`rclone serve webdav`) and Apache's mod_dav, both from Debian packages (.ci/run
 * installs them). Both ask for a user and password. A missing server fails the test that needs it:
 * skipping would hide it.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from './wait';

export const DAV_USER = 'reader';
export const DAV_PASSWORD = 'correct horse battery';

export interface DavServer {
  name: string;
  /** The folder Slipcase syncs to. */
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function need(binary: string): string {
  for (const dir of ['/usr/bin', '/usr/sbin', '/usr/local/bin']) if (existsSync(join(dir, binary))) return join(dir, binary);
  throw new Error(`${binary} is not installed: the WebDAV transport tests need it (apt-get install rclone apache2; .ci/run does).`);
}

/** Resolves once the server answers an authenticated PROPFIND of its root. */
async function answering(url: string): Promise<void> {
  const auth = `Basic ${Buffer.from(`${DAV_USER}:${DAV_PASSWORD}`).toString('base64')}`;
  await until(
    async () => {
      try {
        const res = await fetch(url, { method: 'PROPFIND', headers: { Depth: '0', Authorization: auth } });
        return res.status === 207;
      } catch {
        return false;
      }
    },
    `${url} to answer`,
    20_000,
  );
}

function stopper(child: ChildProcess, dir: string): () => Promise<void> {
  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

export async function startRclone(): Promise<DavServer> {
  const rclone = need('rclone');
  const dir = mkdtempSync(join(tmpdir(), 'slipcase-rclone-'));
  const port = await freePort();
  const child = spawn(rclone, ['serve', 'webdav', dir, '--addr', `127.0.0.1:${port}`, '--user', DAV_USER, '--pass', DAV_PASSWORD], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/`;
  await answering(url);
  return { name: 'rclone serve webdav', url, stop: stopper(child, dir) };
}

/** Apache with mod_dav and mod_dav_fs, Basic authentication from an htpasswd file. */
export async function startApache(): Promise<DavServer> {
  const apache = need('apache2');
  const htpasswd = need('htpasswd');
  const dir = mkdtempSync(join(tmpdir(), 'slipcase-apache-'));
  const port = await freePort();
  const mods = '/usr/lib/apache2/modules';
  execFileSync(htpasswd, ['-cb', join(dir, 'users'), DAV_USER, DAV_PASSWORD], { stdio: 'ignore' });
  const user = process.getuid?.() === 0 ? 'User nobody\nGroup nogroup\n' : '';
  writeFileSync(
    join(dir, 'httpd.conf'),
    `ServerRoot "${dir}"
Listen 127.0.0.1:${port}
PidFile "${dir}/httpd.pid"
ErrorLog "${dir}/error.log"
${user}${['mpm_event', 'authz_core', 'authn_core', 'authn_file', 'auth_basic', 'authz_user', 'dav', 'dav_fs', 'dav_lock']
      .map((m) => `LoadModule ${m}_module ${mods}/mod_${m}.so`)
      .join('\n')}
DavLockDB "${dir}/locks"
DocumentRoot "${dir}/www"
<Directory "${dir}/www">
  Dav On
  AuthType Basic
  AuthName "Slipcase test"
  AuthUserFile "${dir}/users"
  Require valid-user
</Directory>
`,
  );
  execFileSync('mkdir', ['-p', join(dir, 'www/slipcase-test')]);
  if (user) execFileSync('chown', ['-R', 'nobody:nogroup', dir]);
  const child = spawn(apache, ['-f', join(dir, 'httpd.conf'), '-DFOREGROUND'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/slipcase-test/`;
  await answering(url);
  return { name: 'Apache mod_dav', url, stop: stopper(child, dir) };
}
