/**
 * Files in and out of the library page: the JSON backup, a story's EPUB, and handing a file to
 * the browser's downloads.
 */
import { BackupError, backupJson, exportLibrary, importLibrary, parseBackup, type ImportResult } from './backup';
import type { LibraryDb } from '../db/db';
import { buildEpub, epubFileName } from './epub';
import { NotJsonError, readBackupStream } from './backup-stream';
import { loadStory } from '../db/reading';
import type { SiteRule } from '../../sites/rules/rule';

/** The reader's site rules, kept by the shell (src/sites/ext/site-rules.ts): read for an export, merged in from an import. */
export interface SiteRulesIo {
  load(): Promise<SiteRule[]>;
  merge(incoming: SiteRule[]): Promise<void>;
}

export interface NamedBlob {
  blob: Blob;
  name: string;
}

/** slipcase-library-YYYY-MM-DD.json, in the reader's local date. */
function backupFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `slipcase-library-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

/**
 * The whole library as a JSON file, built in pieces: a large library's text exceeds a string's
 * limit. `leftOut` counts the stories whose text is only in the sync folder (not in the file).
 */
export async function exportBackup(db: LibraryDb, now: Date = new Date(), rules?: SiteRulesIo): Promise<NamedBlob & { leftOut: number }> {
  const leftOut: string[] = [];
  const backup = await exportLibrary(db, now, await rules?.load(), leftOut);
  return { blob: new Blob([...backupJson(backup)], { type: 'application/json' }), name: backupFileName(now), leftOut: leftOut.length };
}

/**
 * Reads, checks and merges a backup file, and the site rules it carries into `rules`. Throws BackupError for a file that is not one. The file
 * is read as a stream (./backup-stream.ts): a backup larger than the longest string still imports.
 */
export async function importBackupFile(
  db: LibraryDb,
  file: Blob,
  win: Window & typeof globalThis,
  rules?: SiteRulesIo,
): Promise<ImportResult> {
  let json: unknown;
  try {
    json = await readBackupStream(streamOf(file));
  } catch (e) {
    if (!(e instanceof NotJsonError)) throw e;
    throw new BackupError(`That file is not a Slipcase backup: it is not JSON (${e.message}).`);
  }
  const backup = parseBackup(json);
  const result = await importLibrary(db, backup, win);
  if (backup.siteRules?.length) await rules?.merge(backup.siteRules);
  return result;
}

/** The file's bytes as a stream; where Blob.stream is missing, as one piece (the file is then limited to what fits in memory). */
function streamOf(file: Blob): ReadableStream<Uint8Array> {
  if (typeof file.stream === 'function') return file.stream();
  return new ReadableStream({
    async start(controller) {
      controller.enqueue(new Uint8Array(await file.arrayBuffer()));
      controller.close();
    },
  });
}

/**
 * A saved story as an EPUB file; null when it is no longer in the library. A story whose text is
 * in the sync folder is fetched first (`fetchText`: null when it is here now, else why not).
 */
export async function storyEpub(
  db: LibraryDb,
  id: string,
  win: Window & typeof globalThis,
  fetchText: (id: string) => Promise<string | null>,
): Promise<NamedBlob | null> {
  let bundle = await loadStory(db, id);
  if (bundle?.story.textIn) {
    const problem = await fetchText(id);
    if (problem !== null) throw new Error(`its text is in your sync folder, and could not be fetched. ${problem}`);
    bundle = await loadStory(db, id);
  }
  if (!bundle || bundle.story.textIn) return null;
  const bytes = buildEpub(bundle.story, bundle.chapters, win);
  return { blob: new Blob([bytes as BlobPart], { type: 'application/epub+zip' }), name: epubFileName(bundle.story) };
}

/** Saves a file through the browser's downloads, as a link with `download` does. */
export function download({ blob, name }: NamedBlob, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once it starts; the address can go a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
