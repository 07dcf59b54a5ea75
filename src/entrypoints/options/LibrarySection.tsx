import { useEffect, useState } from 'preact/hooks';
import { LibraryPage, type LibraryServices } from '../../library/ui/LibraryPage';
import { askLibrary, watchLibrary } from '../../library/ext/client';
import { libraryDb } from '../../library/ext/library-db';
import { libraryStore } from '../../library/browse/library-store';
import { dismissMissing, missingStories, watchRemoteSync } from '../../library/ext/sync-storage';
import { mergeStoredSiteRules, siteRules } from '../../sites/ext/site-rules';
import { SaveSettingsPanel } from '../../library/ui/SaveSettingsPanel';
import { loadSaveSettings, saveSaveSettings } from '../../library/ext/save-settings';
import { MemorySettingsPanel, type MemorySettingsServices } from '../../library/memory/ui/MemorySettingsPanel';
import { loadMemorySettings, saveMemorySettings } from '../../library/ext/memory-host';
import { fetchFromFolder } from '../../library/dav/ext/dav-client';

const saveSettings = { load: loadSaveSettings, save: saveSaveSettings };
const memorySettings: MemorySettingsServices = { load: loadMemorySettings, save: saveMemorySettings };

/**
 * Asking for persistent storage, where the browser has it (not in every Firefox for Android):
 * already granted, or granted now. Extensions with unlimitedStorage are usually granted at once.
 */
function persistLibrary(): (() => Promise<boolean>) | undefined {
  const storage = navigator.storage;
  if (typeof storage?.persist !== 'function') return undefined;
  return async () => (typeof storage.persisted === 'function' && (await storage.persisted())) || storage.persist();
}

/** The library tab: opens the database in this page, then hands the page its services. */
export function LibrarySection() {
  const [services, setServices] = useState<LibraryServices | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    libraryDb().then(
      (db) =>
        setServices({
          store: libraryStore(db, window, { load: siteRules, merge: mergeStoredSiteRules }, fetchFromFolder),
          ask: askLibrary,
          watch: watchLibrary,
          missingStories: () => missingStories(db),
          dismissMissing: (ids) => dismissMissing(db, ids),
          watchSync: watchRemoteSync,
          estimate: navigator.storage?.estimate ? () => navigator.storage.estimate() : undefined,
          persist: persistLibrary(),
          win: window,
        }),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);

  if (error)
    return (
      <p class="hint error" role="alert">
        The library could not be opened: {error}
      </p>
    );
  if (!services) return <p class="loading">Opening the library…</p>;
  return (
    <>
      <LibraryPage services={services} />
      <SaveSettingsPanel services={saveSettings} />
      <MemorySettingsPanel services={memorySettings} />
    </>
  );
}
