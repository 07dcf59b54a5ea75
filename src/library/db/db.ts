/**
 * The offline library's database: opening it (running any pending migrations, see schema.ts) and
 * the one way to write to it.
 *
 * The database lives in the extension's own origin. The background and the extension's pages
 * open it through these functions; a content script must never open it, as a content script's
 * IndexedDB is the visited site's, where the site could read and change it.
 *
 * The IDBFactory is passed in (the page's `indexedDB`, or fake-indexeddb in tests), so nothing
 * here touches a global database. idb's wrappers still need IndexedDB's classes as globals.
 */
import { wrap, type IDBPDatabase } from 'idb';
import { DB_VERSION, STORES, migrate, type UpgradeTx } from './schema';
import type { LibrarySchema, StoreName, WriteTx } from './stores';

export type LibraryDb = IDBPDatabase<LibrarySchema>;

export const LIBRARY_NAME = 'slipcase-library';

export interface OpenOptions {
  name?: string;
  /** Open at an earlier schema version: for testing migrations from it. */
  version?: number;
}

/**
 * Opens the library, upgrading it step by step from whatever version it is at. A failing step
 * aborts the upgrade, leaving the database as it was, and its error is thrown here. The
 * connection closes itself when another page opens a newer version, so an upgrade never waits
 * on an old tab of ours; one that still holds the library open (a page of an older Slipcase)
 * blocks the upgrade, and the open fails at once with a LibraryBlockedError rather than waiting.
 */
export async function openLibrary(factory: IDBFactory, options: OpenOptions = {}): Promise<LibraryDb> {
  const version = options.version ?? DB_VERSION;
  const request = factory.open(options.name ?? LIBRARY_NAME, version);
  let failure: unknown = null;
  request.onupgradeneeded = (event) => {
    const tx = request.transaction!;
    const upgrade = wrap(tx) as unknown as UpgradeTx;
    // An aborted upgrade rejects the open request below; this promise need not say so too.
    upgrade.done.catch(() => {});
    migrate(wrap(request.result), upgrade, event.oldVersion, version).catch((e: unknown) => {
      failure = e;
      abortQuietly(tx);
    });
  };
  const opened = wrap(request) as unknown as Promise<LibraryDb>;
  const blocked = new Promise<never>((_, reject) => {
    request.onblocked = () => {
      // The request stays queued: should the other page close later, the upgrade runs then and
      // its connection, which nobody is waiting for any more, is closed at once.
      opened.then(
        (db) => db.close(),
        () => {},
      );
      reject(new LibraryBlockedError());
    };
  });
  try {
    const db = await Promise.race([opened, blocked]);
    db.addEventListener('versionchange', () => db.close());
    return db;
  } catch (e) {
    throw failure ?? e;
  }
}

/**
 * The library opened once and shared by a page or worker: opened afresh after its connection
 * closes for a newer version, and after an open that failed (blocked, say), so the next try can succeed.
 */
export function sharedLibrary(factory: () => IDBFactory): () => Promise<LibraryDb> {
  let opening: Promise<LibraryDb> | null = null;
  return () =>
    (opening ??= openLibrary(factory()).then(
      (library) => {
        library.addEventListener('versionchange', () => (opening = null));
        return library;
      },
      (e: unknown) => {
        opening = null;
        throw e;
      },
    ));
}

/** Thrown when another page holds the library open at an older version, so it cannot be upgraded now. */
export class LibraryBlockedError extends Error {
  override name = 'LibraryBlockedError';
  constructor() {
    super('Another Slipcase page has the library open and is keeping it from being updated. Close other Slipcase tabs, then try again.');
  }
}

/** Thrown when the browser refuses a write for lack of space. Nothing of that write was kept. */
export class LibraryQuotaError extends Error {
  override name = 'LibraryQuotaError';
  constructor(cause: unknown) {
    super(
      'The library is out of storage space, so nothing was saved. Remove stories you no longer need, or export the library and free space, then try again.',
      {
        cause,
      },
    );
  }
}

const isQuota = (e: unknown) => (e as { name?: unknown } | null)?.name === 'QuotaExceededError';

function abortQuietly(tx: IDBTransaction | WriteTx): void {
  try {
    tx.abort();
  } catch {
    // Already finished or aborted: nothing was committed by this attempt either way.
  }
}

/**
 * Runs `work` in one read-write transaction over every store (or over `stores`): it all lands or none of it does.
 * Any error aborts the transaction; a quota error (raised by a request, or by the commit, as
 * Chrome does) comes out as a LibraryQuotaError.
 */
export async function write<T>(db: LibraryDb, work: (tx: WriteTx) => Promise<T>, stores: StoreName[] = STORES): Promise<T> {
  const tx = db.transaction(stores, 'readwrite');
  // Awaited below; an abort before then must not surface as an unhandled rejection.
  tx.done.catch(() => {});
  try {
    const result = await work(tx);
    await tx.done;
    return result;
  } catch (e) {
    abortQuietly(tx);
    throw isQuota(e) || isQuota(tx.error) ? new LibraryQuotaError(e) : e;
  }
}

/** A read-only transaction over every store, for reads that must see one consistent state. */
export function read(db: LibraryDb) {
  return db.transaction(STORES, 'readonly');
}
