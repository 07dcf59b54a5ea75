/** The Sync section's form: the folder, the user and password, this device's name, and encryption. */
import { useState } from 'preact/hooks';
import type { DavSettings } from '../dav-settings';
import type { KeepTexts } from '../awaiting';

/** A name the reader recognises among their devices: the browser and the system. */
function guessDeviceName(): string {
  const ua = navigator.userAgent;
  const browserName = /Firefox\//.test(ua) ? 'Firefox' : /Edg\//.test(ua) ? 'Edge' : 'Chrome';
  const system = /Android/.test(ua) ? 'Android' : /Mac OS/.test(ua) ? 'Mac' : /Windows/.test(ua) ? 'Windows' : 'Linux';
  return `${browserName} on ${system}`;
}

export function SyncForm({ onConnect }: { onConnect(settings: DavSettings): Promise<string | null> }) {
  const [url, setUrl] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [deviceName, setDeviceName] = useState(guessDeviceName);
  const [encrypt, setEncrypt] = useState(false);
  const [keep, setKeep] = useState<KeepTexts>(() => (/Android/.test(navigator.userAgent) ? 'opened' : 'all'));
  const [shelf, setShelf] = useState(false);
  const [kosync, setKosync] = useState({ url: '', user: '', password: '' });
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (encrypt && passphrase.length < 8) return setProblem('Choose a passphrase of at least 8 characters.');
    setBusy(true);
    setProblem(null);
    const error = await onConnect({
      url,
      user,
      password,
      deviceName,
      passphrase: encrypt ? passphrase : null,
      keep,
      shelf: shelf && keep === 'all',
      kosync: shelf && keep === 'all' && kosync.url.trim() ? kosync : null,
    }).catch((e: unknown) => String(e));
    setBusy(false);
    setProblem(error);
  }

  const text = (id: string, label: string, value: string, set: (v: string) => void, more: Record<string, string> = {}) => (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type="text" value={value} onInput={(e) => set(e.currentTarget.value)} required {...more} />
    </div>
  );

  return (
    <form class="sync-form" onSubmit={(e) => void submit(e)}>
      {text('sync-url', 'Folder address', url, setUrl, {
        type: 'url',
        placeholder: 'https://cloud.example.com/remote.php/dav/files/you/Slipcase/',
        autocomplete: 'url',
      })}
      {text('sync-user', 'User name', user, setUser, { autocomplete: 'username' })}
      {text('sync-password', 'Password or app token', password, setPassword, { type: 'password', autocomplete: 'current-password' })}
      {text('sync-device', 'This browser’s name', deviceName, setDeviceName)}
      <EncryptionFields encrypt={encrypt} setEncrypt={setEncrypt} passphrase={passphrase} setPassphrase={setPassphrase} />
      <KeepFields keep={keep} setKeep={setKeep} />
      {keep === 'all' ? (
        <ShelfFields shelf={shelf} setShelf={setShelf} kosync={kosync} setKosync={setKosync} />
      ) : (
        <p class="hint">The e-reader shelf needs every story’s text: a device that keeps every chapter writes it.</p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Checking the folder…' : 'Check and connect'}
      </button>
      <p class="hint">
        Slipcase writes a file there, reads it back and removes it before the first sync. The password stays in this browser.
      </p>
      {problem ? (
        <p class="hint error" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

function EncryptionFields(p: { encrypt: boolean; setEncrypt(v: boolean): void; passphrase: string; setPassphrase(v: string): void }) {
  return (
    <fieldset>
      <legend>Encryption</legend>
      <label class="choice">
        <input type="checkbox" checked={p.encrypt} onChange={(e) => p.setEncrypt(e.currentTarget.checked)} />
        Encrypt the folder, so the server holds nothing readable
      </label>
      {p.encrypt ? (
        <>
          <label for="sync-passphrase">Passphrase (every device needs the same one; it cannot be recovered)</label>
          <input
            id="sync-passphrase"
            type="password"
            value={p.passphrase}
            onInput={(e) => p.setPassphrase(e.currentTarget.value)}
            autocomplete="new-password"
          />
        </>
      ) : null}
    </fieldset>
  );
}

export function KeepFields(p: { keep: KeepTexts; setKeep(v: KeepTexts): void }) {
  const choice = (value: KeepTexts, label: string) => (
    <label class="choice">
      <input type="radio" name="sync-keep" class={`sync-keep-${value}`} checked={p.keep === value} onChange={() => p.setKeep(value)} />
      {label}
    </label>
  );
  return (
    <fieldset>
      <legend>On this device</legend>
      {choice('all', 'Keep every chapter of every story, to read anything offline')}
      {choice('opened', 'Fetch a story’s text when it is opened (saves space on a phone; the stories are still listed and searchable)')}
    </fieldset>
  );
}

type Account = { url: string; user: string; password: string };
const KOSYNC_LABELS: Record<keyof Account, string> = { url: 'KOReader sync server', user: 'Its user name', password: 'Its password' };

function ShelfFields(p: { shelf: boolean; setShelf(v: boolean): void; kosync: Account; setKosync(v: Account): void }) {
  return (
    <fieldset>
      <legend>E-reader shelf</legend>
      <label class="choice">
        <input type="checkbox" class="sync-shelf" checked={p.shelf} onChange={(e) => p.setShelf(e.currentTarget.checked)} />
        Keep an EPUB of every story and an OPDS catalog in the folder, for KOReader or Calibre (unencrypted)
      </label>
      {p.shelf ? (
        <div class="sync-kosync">
          <p class="hint">Optionally, share your place in each story with KOReader through its progress sync server:</p>
          {(['url', 'user', 'password'] as const).map((k) => (
            <label key={k} class="sync-kosync-field">
              {KOSYNC_LABELS[k]}
              <input
                id={`sync-kosync-${k}`}
                type={k === 'password' ? 'password' : k === 'url' ? 'url' : 'text'}
                value={p.kosync[k]}
                onInput={(e) => p.setKosync({ ...p.kosync, [k]: e.currentTarget.value })}
              />
            </label>
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}
