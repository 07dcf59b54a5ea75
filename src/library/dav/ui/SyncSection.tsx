/**
 * The options page's Sync section (issue #19): connect a WebDAV folder (checked before it is
 * used), then the sync's progress, its last time, what it changed, why it stopped, and the
 * question it asks before a large deletion.
 */
import { useEffect, useState } from 'preact/hooks';
import type { DavView } from '../../messages';
import type { SyncStatus } from '../sync-store';
import { folderAddress, isPlainHttp, type DavSettings } from '../dav-settings';
import { KeepFields, SyncForm } from './SyncForm';
import type { KeepTexts } from '../awaiting';

/** What the section needs; the options page wires it (./../ext/dav-client.ts). */
export interface SyncServices {
  /** Asks the browser for the servers (by address); call it from the reader's click. */
  allow(urls: string[]): Promise<boolean>;
  connect(settings: DavSettings): Promise<{ ok: true } | { ok: false; error: string }>;
  sync(confirmDeletion: boolean): Promise<DavView>;
  status(): Promise<DavView>;
  disconnect(): Promise<void>;
  /** This device's choice of what to keep. */
  keep(keep: KeepTexts): Promise<DavView>;
  watch(onStatus: (status: SyncStatus) => void): () => void;
}

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function SyncSection({ services }: { services: SyncServices }) {
  const [view, setView] = useState<DavView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void services.status().then(setView, (e: unknown) => setProblem(String(e)));
    return services.watch((status) => setView((v) => v && { ...v, ...status }));
  }, []);

  async function connect(settings: DavSettings): Promise<string | null> {
    const url = folderAddress(settings.url);
    if (!url) return 'Enter the folder’s full address, starting with https://.';
    const kosync = settings.kosync && { ...settings.kosync, url: folderAddress(settings.kosync.url) ?? '' };
    if (kosync && !kosync.url) return 'Enter the KOReader sync server’s full address, starting with https://.';
    const hosts = [url, ...(kosync ? [kosync.url] : [])];
    if (!(await services.allow(hosts).catch(() => false)))
      return `Slipcase needs your permission to reach ${hosts.map((h) => new URL(h).host).join(' and ')}.`;
    const reply = await services.connect({ ...settings, url, kosync });
    if (!reply.ok) return reply.error;
    setView(await services.status());
    return null;
  }

  const act = (work: () => Promise<unknown>) => {
    setProblem(null);
    void work().catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));
  };

  return (
    <section class="settings-section sync-section" aria-labelledby="sync-heading">
      <h2 id="sync-heading">Sync</h2>
      <p class="intro">
        Your whole library (every story and chapter, where you are in each, what you want to read) on every browser you connect to the same
        WebDAV folder: Nextcloud, Synology, Koofr or rclone. Slipcase has no server of its own.
      </p>
      {view === null ? (
        <p class="loading" aria-busy="true">
          Loading…
        </p>
      ) : view.connected ? (
        <Connected
          view={view}
          onSync={(confirm) => act(async () => setView(await services.sync(confirm)))}
          onDisconnect={() => act(async () => (await services.disconnect(), setView(await services.status())))}
          onKeep={(keep) => act(async () => setView(await services.keep(keep)))}
        />
      ) : (
        <SyncForm onConnect={connect} />
      )}
      {problem ? (
        <p class="hint error" role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  );
}

interface ConnectedProps {
  view: DavView;
  onSync(confirm: boolean): void;
  onDisconnect(): void;
  onKeep(keep: KeepTexts): void;
}

function Connected({ view, onSync, onDisconnect, onKeep }: ConnectedProps) {
  const c = view.connected!;
  return (
    <div class="sync-connected">
      <p class="sync-folder">
        Syncing with <span class="exception-name">{c.url}</span> as {c.user}; this browser is “{c.deviceName}”.
        {c.encrypted ? ' The folder is encrypted.' : ''}
      </p>
      {c.shelf ? (
        <p class="sync-shelf-address">
          E-reader shelf: add <span class="exception-name">{`${c.url}slipcase-shelf/catalog.xml`}</span> as an OPDS catalog in KOReader or
          Calibre, with the same user and password.
        </p>
      ) : null}
      <KeepFields keep={c.keep} setKeep={onKeep} />
      {isPlainHttp(c.url) ? <p class="hint error">This address is not https: your password crosses the network readable.</p> : null}
      {view.running ? (
        <div class="sync-progress">
          <label for="sync-bar">{view.step ?? 'Syncing'}…</label>
          <progress id="sync-bar" max={view.total || undefined} value={view.total ? view.done : undefined} />
        </div>
      ) : null}
      <p class="sync-last" role="status" data-last-synced={view.lastSynced} data-running={view.running ? 'yes' : 'no'}>
        {view.lastSynced ? `Last synced ${when(view.lastSynced)}.` : 'Not synced yet.'}
      </p>
      {view.error ? (
        <p class="hint error sync-error" role="alert">
          {view.error}
        </p>
      ) : null}
      {view.ask ? (
        <div class="sync-ask" role="alert">
          <p>
            Other devices deleted {view.ask.removing} of the {view.ask.before} stories in this library. Nothing was removed here yet.
          </p>
          <button type="button" onClick={() => onSync(true)}>
            Remove them here too
          </button>
        </div>
      ) : null}
      <div class="sync-actions">
        <button type="button" onClick={() => onSync(false)} disabled={view.running}>
          Sync now
        </button>
        <button type="button" onClick={onDisconnect}>
          Disconnect
        </button>
      </div>
      {view.log.length ? (
        <div class="exceptions sync-log">
          <h3>What changed</h3>
          <ul>
            {view.log.map((line, i) => (
              <li key={i}>
                <span>{line.text}</span> <span class="hint">{when(line.at)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
