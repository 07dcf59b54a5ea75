/**
 * Reading progress shared with KOReader through a KOReader sync (kosync) server (issue #19), for
 * the stories on the e-reader shelf, so the e-reader and the browser resume at the same chapter.
 *
 * The protocol, as KOReader's kosync plugin and koreader-sync-server speak it (there is no written
 * specification; plugins/kosync.koplugin/KOSyncClient.lua, api.json and main.lua in koreader):
 * - every request carries `Accept: application/vnd.koreader.v1+json`, and `x-auth-user` with
 *   `x-auth-key`, the lowercase hex MD5 of the password; `GET /users/auth` checks them (401 if wrong);
 * - `PUT /syncs/progress` with `{document, progress, percentage, device, device_id}` stores one
 *   place per user and document; `GET /syncs/progress/<document>` reads it back, with a timestamp
 *   in seconds (an empty object, or 404 on some servers, when there is none);
 * - `document` is, with KOReader's "filename" matching, the MD5 of the book's file name, extension
 *   included and folders left out (main.lua getFileNameDigest): the shelf's "Author - Title.epub",
 *   which is also the name KOReader's OPDS browser gives a book it downloads;
 * - for an EPUB, `progress` is a CREngine XPointer whose DocFragment is the 1-based place in the
 *   spine. Slipcase's EPUBs (export/epub.ts) open with the title page and the contents, so chapter i
 *   (0-based) is DocFragment[i + 3]. The pointer goes to the chapter's heading: KOReader opens the
 *   chapter at its start. Unverified against a KOReader device (none here).
 */
import SparkMD5 from 'spark-md5';

/** Spine items before the first chapter in Slipcase's EPUBs: the title page and the contents. */
const FRAGMENTS_BEFORE_CHAPTERS = 2;
const ACCEPT = 'application/vnd.koreader.v1+json';

export const documentDigest = (fileName: string): string => SparkMD5.hash(fileName);

/** KOReader's place for chapter `chapter` (0-based) of a story of `chapters`, `fraction` through it. */
export function progressFor(chapter: number, chapters: number, fraction: number): { progress: string; percentage: number } {
  const percentage = chapters > 0 ? Math.min(1, Math.max(0, (chapter + fraction) / chapters)) : 0;
  return {
    progress: `/body/DocFragment[${chapter + FRAGMENTS_BEFORE_CHAPTERS + 1}]/body/section/h2/text().0`,
    percentage: Math.round(percentage * 1e4) / 1e4,
  };
}

/** The chapter (0-based) a KOReader place is in, or null for anything that is not a place in one of the story's chapters. */
export function chapterFromProgress(progress: unknown, chapters: number): number | null {
  if (typeof progress !== 'string') return null;
  const n = /^\/body\/DocFragment\[(\d{1,6})\]/.exec(progress)?.[1];
  const chapter = n === undefined ? NaN : Number(n) - FRAGMENTS_BEFORE_CHAPTERS - 1;
  return Number.isInteger(chapter) && chapter >= 0 && chapter < chapters ? chapter : null;
}

export interface KosyncPlace {
  progress: string;
  percentage: number;
  device: string;
  deviceId: string;
  /** When it was stored (ms). */
  at: number;
}

export interface KosyncAccount {
  url: string;
  user: string;
  password: string;
}

export class KosyncError extends Error {}

type FetchLike = (url: string, init: RequestInit) => Promise<Pick<Response, 'status' | 'json'>>;

export class KosyncClient {
  private readonly headers: Record<string, string>;

  constructor(
    private readonly account: KosyncAccount,
    private readonly fetchFn: FetchLike,
  ) {
    this.headers = { Accept: ACCEPT, 'x-auth-user': account.user, 'x-auth-key': SparkMD5.hash(account.password) };
  }

  private async call(method: string, path: string, body?: unknown): Promise<{ status: number; json: () => Promise<unknown> }> {
    const url = new URL(path, this.account.url.endsWith('/') ? this.account.url : `${this.account.url}/`).href;
    const res = await this.fetchFn(url, {
      method,
      headers: { ...this.headers, ...(body !== undefined && { 'Content-Type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      credentials: 'omit',
      // fetch would carry x-auth-key along to wherever a redirect points.
      redirect: 'error',
    });
    if (res.status === 401) throw new KosyncError('The KOReader sync server refused the user name or password.');
    return res;
  }

  /** Whether the user and password are right. */
  async authorize(): Promise<boolean> {
    return (await this.call('GET', 'users/auth')).status === 200;
  }

  async push(document: string, place: { progress: string; percentage: number }, device: string, deviceId: string): Promise<void> {
    const res = await this.call('PUT', 'syncs/progress', { document, ...place, device, device_id: deviceId });
    if (res.status !== 200) throw new KosyncError(`The KOReader sync server answered ${res.status}.`);
  }

  /** The place stored for the document; null when there is none. */
  async pull(document: string): Promise<KosyncPlace | null> {
    const res = await this.call('GET', `syncs/progress/${encodeURIComponent(document)}`);
    if (res.status !== 200) return null;
    const p = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    if (!p || typeof p.progress !== 'string' || typeof p.percentage !== 'number' || typeof p.timestamp !== 'number') return null;
    return {
      progress: p.progress,
      percentage: p.percentage,
      device: typeof p.device === 'string' ? p.device.slice(0, 100) : 'KOReader',
      deviceId: typeof p.device_id === 'string' ? p.device_id : '',
      at: p.timestamp * 1000,
    };
  }
}
