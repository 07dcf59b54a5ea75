/**
 * The sync's folder on the reader's WebDAV server (issue #19; layout.ts names its files): the
 * format file, written once by the first device; JSON files sealed when the folder is encrypted;
 * chapter blobs checked against their names on the way back, so a damaged or swapped file is never
 * taken for a chapter. Also the check the options page runs before the first sync.
 */
import { DavError, type DavClient } from './webdav';
import { blobName, folderKeys, newSalt, PBKDF2_ROUNDS, seal, unseal, type FolderKeys } from './seal';
import { ROOT, blobPath, headPath, isDeviceId, type HeadRecord } from './layout';
import { CLOCK_SLACK_MS } from './replica-check';

interface FormatFile {
  format: 'slipcase-sync';
  version: 1;
  encrypted: boolean;
  /** Base64, with the rounds, when encrypted. */
  salt?: string;
  rounds?: number;
  /** A known text sealed with the folder's key (base64): a wrong passphrase fails on it at once. */
  check?: string;
}

const CHECK_TEXT = 'slipcase-sync';

const FORMAT_PATH = `${ROOT}/format.json`;
const utf8 = (s: string) => new TextEncoder().encode(s);
const fromUtf8 = (b: Uint8Array) => new TextDecoder().decode(b);
const base64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
const unbase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export class SyncFolder {
  private constructor(
    readonly dav: DavClient,
    readonly keys: FolderKeys | null,
  ) {}

  /**
   * The folder, its format file read (or written, by the first device to sync there) and, when it
   * is encrypted, its keys derived from the passphrase.
   */
  static async open(dav: DavClient, passphrase: string | null, rounds = PBKDF2_ROUNDS): Promise<SyncFolder> {
    const format = parseFormat(await dav.get(FORMAT_PATH)) ?? (await SyncFolder.create(dav, passphrase, rounds));
    if (format.encrypted && !passphrase)
      throw new DavError('refused', 'This sync folder is encrypted: enter its passphrase in the sync settings.');
    if (!format.encrypted && passphrase)
      throw new DavError('refused', 'This sync folder was set up without encryption: clear the passphrase, or choose an empty folder.');
    if (!format.encrypted) return new SyncFolder(dav, null);
    const keys = await folderKeys(passphrase!, unbase64(format.salt!), format.rounds!);
    // Throws, saying the passphrase is wrong, before anything is read or written with it.
    await unseal(keys, unbase64(format.check ?? ''));
    return new SyncFolder(dav, keys);
  }

  /** The format file, written by the first device to sync to the folder. */
  private static async create(dav: DavClient, passphrase: string | null, rounds: number): Promise<FormatFile> {
    let format: FormatFile = { format: 'slipcase-sync', version: 1, encrypted: false };
    if (passphrase) {
      const salt = newSalt();
      const check = await seal(await folderKeys(passphrase, salt, rounds), utf8(CHECK_TEXT));
      format = { ...format, encrypted: true, salt: base64(salt), rounds, check: base64(check) };
    }
    await dav.put(FORMAT_PATH, utf8(JSON.stringify(format)), 'application/json');
    return format;
  }

  async readJson<T>(path: string): Promise<T | null> {
    const bytes = await this.dav.get(path);
    if (!bytes) return null;
    return JSON.parse(fromUtf8(this.keys ? await unseal(this.keys, bytes) : bytes)) as T;
  }

  async writeJson(path: string, value: unknown): Promise<void> {
    const plain = utf8(JSON.stringify(value));
    await this.dav.put(path, this.keys ? await seal(this.keys, plain) : plain, 'application/json');
  }

  /** A chapter's HTML as a blob; its name (blobName) is the caller's, from the same bytes. */
  async putBlob(name: string, html: string): Promise<void> {
    const plain = utf8(html);
    await this.dav.put(blobPath(name), this.keys ? await seal(this.keys, plain) : plain);
  }

  /** A blob's HTML, checked against its name; throws when it is missing or does not match. */
  async getBlob(name: string): Promise<string> {
    const bytes = await this.dav.get(blobPath(name));
    if (!bytes) throw new Error(`Chapter text ${name} is not in the folder yet.`);
    const plain = this.keys ? await unseal(this.keys, bytes) : bytes;
    if ((await blobName(plain, this.keys)) !== name) throw new Error(`Chapter text ${name} does not match its name: skipped.`);
    return fromUtf8(plain);
  }

  /** Every other device's head: the devices folder is listed (one entry per device), never the blobs. */
  async heads(except: string, now: number): Promise<HeadRecord[]> {
    const devices = (await this.dav.list(`${ROOT}/devices/`)).filter((e) => e.folder && isDeviceId(e.name) && e.name !== except);
    const heads = await Promise.all(
      devices.map(async (d) => checkedHead(await this.readJson<unknown>(headPath(d.name)).catch(() => null), d.name, now)),
    );
    return heads.filter((h): h is HeadRecord => h !== null);
  }
}

/** A device's head, if it is one: in its own folder, with pack numbers and a clock to believe. */
function checkedHead(raw: unknown, folder: string, now: number): HeadRecord | null {
  const h = raw as Partial<HeadRecord> | null;
  const counts = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  if (!h || h.device !== folder || !counts(h.pack) || !counts(h.snapshot) || (h.snapshot as number) > (h.pack as number)) return null;
  const c = h.clock;
  if (!c || !Number.isFinite(c.t) || c.t > now + CLOCK_SLACK_MS || !Number.isSafeInteger(c.c) || typeof c.d !== 'string') return null;
  return {
    device: h.device,
    name: typeof h.name === 'string' ? h.name.slice(0, 100) : 'Another device',
    pack: h.pack!,
    snapshot: h.snapshot!,
    clock: c,
  };
}

function parseFormat(bytes: Uint8Array | null): FormatFile | null {
  if (!bytes) return null;
  let format: Partial<FormatFile>;
  try {
    format = JSON.parse(fromUtf8(bytes)) as Partial<FormatFile>;
  } catch {
    throw new DavError('refused', `${FORMAT_PATH} on the server is not Slipcase's: choose another folder.`);
  }
  if (format.format !== 'slipcase-sync')
    throw new DavError('refused', `${FORMAT_PATH} on the server is not Slipcase's: choose another folder.`);
  if (format.version !== 1) throw new DavError('refused', 'A newer Slipcase set up this sync folder: update Slipcase to sync with it.');
  return format as FormatFile;
}

/**
 * Whether the folder works for the sync: it answers a listing, and a file written there reads
 * back the same and can be removed. Throws a DavError whose message says what failed.
 */
export async function checkFolder(dav: DavClient): Promise<void> {
  await dav.list('');
  const path = `${ROOT}/check-${Math.random().toString(36).slice(2, 10)}.txt`;
  const body = utf8(`Slipcase checked this folder at ${new Date().toISOString()}.`);
  await dav.put(path, body, 'text/plain');
  const back = await dav.get(path);
  if (!back || fromUtf8(back) !== fromUtf8(body)) throw new DavError('refused', 'A file written to the folder did not read back the same.');
  await dav.remove(path);
  if (await dav.get(path)) throw new DavError('refused', 'A file removed from the folder is still there.');
}
