/**
 * The reading memory as the e2e tests set it up and read it: records put straight into the
 * library's memory store from an extension page (a reader's earlier reading, which these tests
 * do not replay page by page), and one read back.
 */
import type { MemoryRecord } from '../../../src/library/memory/reading-state';
import type { BrowserDriver } from './driver';

/** Runs in an extension page: one request on the memory store. */
function onMemory(arg: { put: MemoryRecord[]; get: string | null }): Promise<MemoryRecord | null> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('slipcase-library');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('memory', arg.put.length ? 'readwrite' : 'readonly');
      const store = tx.objectStore('memory');
      for (const r of arg.put) store.put(r);
      const got = arg.get === null ? null : store.get(arg.get);
      tx.oncomplete = () => (open.result.close(), resolve((got?.result as MemoryRecord | undefined) ?? null));
      tx.onerror = () => reject(tx.error);
    };
  });
}

export async function seedMemory(driver: BrowserDriver, records: MemoryRecord[]): Promise<void> {
  await driver.evalInExtension(onMemory, { put: records, get: null });
}

export function memoryOf(driver: BrowserDriver, id: string): Promise<MemoryRecord | null> {
  return driver.evalInExtension(onMemory, { put: [], get: id });
}

/** A remembered story of `site` with `state`, read to `chapter` of `chapters`. */
export function remembered(
  id: string,
  url: string,
  state: MemoryRecord['state'],
  chapter: number | null,
  chapters: number | null,
): MemoryRecord {
  const [site = ''] = id.split(':');
  return {
    id,
    site,
    url,
    title: 'A story',
    author: null,
    state,
    chosen: true,
    chapter,
    chapters,
    seenAt: 1_760_000_000_000,
    stateAt: 1_760_000_000_000,
  };
}
