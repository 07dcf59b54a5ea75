/** Writing and dropping one version of a story: its version record and its chapters, together. */
import type { WriteTx } from './stores';
import { chapterRecords, type PreparedChapter } from './build-records';
import { each } from './batch-requests';
import type { VersionRecord } from '../types';

/** The key range of one version's chapters. */
export function versionRange(id: string, version: number): IDBKeyRange {
  return IDBKeyRange.bound([id, version, 0], [id, version, Infinity]);
}

export async function putVersion(tx: WriteTx, v: VersionRecord, chapters: readonly PreparedChapter[]): Promise<void> {
  await tx.objectStore('versions').put(v);
  await each(chapterRecords(v.storyId, v.version, chapters, v.createdAt), (c) => tx.objectStore('chapters').put(c));
}

export async function dropVersion(tx: WriteTx, id: string, version: number): Promise<void> {
  await tx.objectStore('chapters').delete(versionRange(id, version));
  await tx.objectStore('versions').delete([id, version]);
}
