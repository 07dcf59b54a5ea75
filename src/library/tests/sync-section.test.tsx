// @vitest-environment jsdom
/**
 * The options page's Sync section (src/library/dav/ui/): the settings checked and made valid, the
 * form's connect (the browser's permission first, then the background's check), and what a
 * connected folder shows: progress, the last sync, why it stopped, the question before a large
 * deletion, and the log.
 */
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { folderAddress, folderPermission, isPlainHttp, normalizeDavSettings, type DavSettings } from '../dav/dav-settings';
import { SyncSection, type SyncServices } from '../dav/ui/SyncSection';
import { IDLE_STATUS, type SyncStatus } from '../dav/sync-store';
import type { DavView } from '../messages';
import { settle, until } from '../../../tests/lib/ui';

describe('the sync settings', () => {
  it('take an http(s) folder address, ending it in a slash, and nothing with credentials in it', () => {
    expect(folderAddress(' https://cloud.example.com/remote.php/dav/files/wren/Slipcase ')).toBe(
      'https://cloud.example.com/remote.php/dav/files/wren/Slipcase/',
    );
    expect(folderAddress('https://wren:secret@cloud.example.com/dav/')).toBeNull();
    for (const bad of ['ftp://nas/dav/', 'javascript:alert(1)', 'not an address', '']) expect(folderAddress(bad)).toBeNull();
  });

  it('ask for the server by scheme and host, never as a site of the reader’s own (*://host/*)', () => {
    expect(folderPermission('https://nas.example:5006/home/Slipcase/')).toBe('https://nas.example/*');
    expect(isPlainHttp('http://192.168.1.5:8080/')).toBe(true);
    expect(isPlainHttp('http://127.0.0.1:8080/')).toBe(false);
  });

  it('are made valid whatever storage holds, and none without a folder and user', () => {
    expect(normalizeDavSettings({ url: 'https://dav.example/x', user: 'wren', password: 'p', passphrase: '', deviceName: '  ' })).toEqual({
      url: 'https://dav.example/x/',
      user: 'wren',
      password: 'p',
      passphrase: null,
      deviceName: 'This browser',
      shelf: false,
      keep: 'all',
      kosync: null,
    });
    const base = { url: 'https://dav.example/', user: 'wren', password: 'p' };
    expect(normalizeDavSettings({ ...base, keep: 'opened' })?.keep).toBe('opened');
    expect(normalizeDavSettings({ ...base, keep: 'some' })?.keep).toBe('all');
    for (const bad of [null, 'x', { url: 'https://dav.example/' }, { url: 7, user: 'a', password: 'b' }])
      expect(normalizeDavSettings(bad)).toBeNull();
  });
});

describe('SyncSection', () => {
  const root = document.createElement('div');
  document.body.append(root);
  afterEach(() => render(null, root));

  function mount(start: DavView, options: { allow?: boolean; connectError?: string } = {}) {
    let view = start;
    const calls: string[] = [];
    let tell: (s: SyncStatus) => void = () => {};
    const services: SyncServices = {
      allow: async (urls) => (calls.push(`allow ${urls.join(' ')}`), options.allow ?? true),
      async connect(settings: DavSettings) {
        calls.push(`connect ${settings.url} ${settings.user} ${settings.passphrase ?? 'plain'}`);
        if (options.connectError) return { ok: false, error: options.connectError };
        view = {
          ...view,
          connected: {
            url: settings.url,
            user: settings.user,
            deviceName: settings.deviceName,
            encrypted: false,
            shelf: settings.shelf,
            keep: settings.keep,
          },
        };
        return { ok: true };
      },
      sync: async (confirm) => (calls.push(`sync ${confirm}`), view),
      status: async () => view,
      disconnect: async () => void calls.push('disconnect'),
      keep: async (keep) => {
        calls.push(`keep ${keep}`);
        return (view = { ...view, connected: view.connected && { ...view.connected, keep } });
      },
      watch: (onStatus) => ((tell = onStatus), () => {}),
    };
    render(<SyncSection services={services} />, root);
    return { calls, tell: (s: SyncStatus) => tell(s) };
  }

  const type = (selector: string, value: string) => {
    const input = root.querySelector<HTMLInputElement>(selector)!;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const fillAndSubmit = async (url: string) => {
    type('#sync-url', url);
    type('#sync-user', 'wren');
    type('#sync-password', 'app-token');
    // The form reads what it last rendered, as when a person types, then clicks.
    await settle();
    root.querySelector<HTMLButtonElement>('.sync-form button[type=submit]')!.click();
  };

  it('asks the browser for the server, then connects, then shows the folder', async () => {
    const { calls } = mount({ ...IDLE_STATUS, connected: null });
    await until(() => root.querySelector('.sync-form') !== null, 'the form');
    await fillAndSubmit('https://cloud.example.com/dav/Slipcase');
    await until(() => root.querySelector('.sync-connected') !== null, 'the connected folder');
    expect(calls).toEqual(['allow https://cloud.example.com/dav/Slipcase/', 'connect https://cloud.example.com/dav/Slipcase/ wren plain']);
    expect(root.querySelector('.sync-folder')!.textContent).toContain('https://cloud.example.com/dav/Slipcase/');
  });

  it('lets this device choose to fetch a story’s text when it is opened, which leaves the shelf to another', async () => {
    const { calls } = mount({ ...IDLE_STATUS, connected: null });
    await until(() => root.querySelector('.sync-form') !== null, 'the form');
    expect(root.querySelector<HTMLInputElement>('.sync-keep-all')!.checked).toBe(true);
    root.querySelector<HTMLInputElement>('.sync-keep-opened')!.click();
    await until(() => root.querySelector('.sync-shelf') === null, 'the shelf left to another device');
    await fillAndSubmit('https://cloud.example.com/dav/');
    await until(() => root.querySelector('.sync-connected') !== null, 'the connected folder');
    expect(root.querySelector<HTMLInputElement>('.sync-keep-opened')!.checked).toBe(true);
    root.querySelector<HTMLInputElement>('.sync-keep-all')!.click();
    await until(() => calls.includes('keep all'), 'the choice sent');
    await until(() => root.querySelector<HTMLInputElement>('.sync-keep-all')!.checked, 'the choice shown');
  });

  it('says why it did not connect: no permission, or the check failed', async () => {
    const { calls } = mount({ ...IDLE_STATUS, connected: null }, { allow: false });
    await until(() => root.querySelector('.sync-form') !== null, 'the form');
    await fillAndSubmit('https://cloud.example.com/dav/');
    await until(() => root.querySelector('[role=alert]') !== null, 'the reason');
    expect(root.querySelector('[role=alert]')!.textContent).toContain('permission to reach cloud.example.com');
    expect(calls).toEqual(['allow https://cloud.example.com/dav/']);
    render(null, root);
    mount({ ...IDLE_STATUS, connected: null }, { connectError: 'The WebDAV server refused the user name or password (401).' });
    await until(() => root.querySelector('.sync-form') !== null, 'the form again');
    await fillAndSubmit('https://cloud.example.com/dav/');
    await until(() => (root.querySelector('[role=alert]')?.textContent ?? '').includes('401'), 'the 401');
  });

  it('shows progress as it comes, then the question before a large deletion, and answers it', async () => {
    const connected = {
      url: 'https://dav.example/',
      user: 'wren',
      deviceName: 'Laptop',
      encrypted: true,
      shelf: false,
      keep: 'all' as const,
    };
    const { calls, tell } = mount({ ...IDLE_STATUS, lastSynced: 1_800_000_000_000, connected });
    await until(() => root.querySelector('.sync-connected') !== null, 'the folder');
    tell({ ...IDLE_STATUS, running: true, step: 'Uploading chapters', done: 3, total: 9 });
    await until(() => root.querySelector('progress') !== null, 'the progress bar');
    expect(root.querySelector<HTMLProgressElement>('progress')!.value).toBe(3);
    tell({
      ...IDLE_STATUS,
      lastSynced: 1_800_000_000_000,
      ask: { removing: 9, before: 10 },
      log: [{ at: 1_800_000_000_000, text: 'Took 2 new or changed stories from other devices.' }],
    });
    await until(() => root.querySelector('.sync-ask') !== null, 'the question');
    expect(root.querySelector('.sync-ask')!.textContent).toContain('deleted 9 of the 10 stories');
    expect(root.querySelector('.sync-log')!.textContent).toContain('Took 2 new or changed stories');
    root.querySelector<HTMLButtonElement>('.sync-ask button')!.click();
    await until(() => calls.includes('sync true'), 'the sync told to go on');
  });
});
