/**
 * The reader's WebDAV sync settings (issue #19): the folder, the user and the password or app
 * token, an optional passphrase for end-to-end encryption, and this device's name. They stay in
 * this browser's storage.local: never synced, never in a backup. Pure.
 */
import type { KeepTexts } from './awaiting';

export interface DavSettings {
  /** The folder's address, ending in "/". */
  url: string;
  user: string;
  password: string;
  /** Encrypts the folder (seal.ts); null: plain. */
  passphrase: string | null;
  /** How the other devices name this one ("Laptop, Firefox"). */
  deviceName: string;
  /** Keep an e-reader shelf (EPUBs and an OPDS catalog) in the folder. */
  shelf: boolean;
  /** Keep every chapter's text on this device, or fetch a story's text when it is opened (phones; awaiting.ts). */
  keep: KeepTexts;
  /** A KOReader sync server to share the shelf's reading places with (kosync.ts); null: none. */
  kosync: { url: string; user: string; password: string } | null;
}

const text = (v: unknown, max: number): string | null => (typeof v === 'string' && v.length <= max ? v : null);

/** The address as the sync uses it, or null when it is not an http(s) address without credentials in it. */
export function folderAddress(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return null;
  url.hash = '';
  url.search = '';
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** Stored settings made valid; null when there are none, or they make no sense (nothing is synced then). */
export function normalizeDavSettings(raw: unknown): DavSettings | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const url = folderAddress(text(r.url, 2000) ?? '');
  const user = text(r.user, 500);
  const password = text(r.password, 2000);
  if (!url || user === null || password === null) return null;
  const passphrase = text(r.passphrase, 2000) || null;
  const deviceName = (text(r.deviceName, 100) ?? '').trim() || 'This browser';
  const keep = r.keep === 'opened' ? 'opened' : 'all';
  return { url, user, password, passphrase, deviceName, shelf: r.shelf === true, keep, kosync: kosyncAccount(r.kosync) };
}

function kosyncAccount(raw: unknown): DavSettings['kosync'] {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const url = folderAddress(text(r.url, 2000) ?? '');
  const user = text(r.user, 500);
  const password = text(r.password, 2000);
  return url && user && password !== null ? { url, user, password } : null;
}

/** Every server the settings reach: the folder's, and the KOReader sync server's when there is one. */
export function serverPermissions(settings: Pick<DavSettings, 'url' | 'kosync'>): string[] {
  return [...new Set([settings.url, ...(settings.kosync ? [settings.kosync.url] : [])].map(folderPermission))];
}

/**
 * The host permission the folder needs, for one scheme and host: not `*://host/*`, which is how
 * the reader's own archives are asked for (src/sites/user-sites.ts), so the folder's server is
 * never taken for one. No port: match patterns ignore it in Chrome and refuse it in Firefox.
 */
export function folderPermission(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}

/** Whether an http address sends the password in the clear across a network. */
export function isPlainHttp(url: string): boolean {
  const u = new URL(url);
  return u.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
}
