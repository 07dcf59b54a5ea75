/**
 * The background as Firefox for Android starts it: without keyboard shortcuts (commands) or
 * context menus (contextMenus, menus). Everything registered after those must still start: the
 * message listener, the update and sync alarms, the sync watcher, the tab listeners, the library
 * badge and the resumption of saves a restart cut off. And on a desktop browser, which has both,
 * the shortcut and the menu items are still set up.
 *
 * The unit tests build for Chrome (import.meta.env.FIREFOX is false), so the runner is reached
 * through an offscreen document; runtime.getContexts answers that one is open already.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { until } from '../../../tests/lib/wait';
import { openLibrary } from '../../library/db/db';
import { addJob } from '../../library/jobs/jobs';
import { fakeSitePermissions } from '../../sites/tests/site-permissions';

const DESKTOP_ONLY = ['commands', 'contextMenus', 'menus'] as const;
type Api = Record<string, unknown>;
const apis = fakeBrowser as unknown as Api;
const saved = Object.fromEntries([...DESKTOP_ONLY, 'permissions', 'scripting'].map((ns) => [ns, apis[ns]]));

/** An event that records its listeners. */
function event() {
  const listeners: unknown[] = [];
  return { listeners, addListener: (l: unknown) => void listeners.push(l) };
}

/** The background entrypoint, loaded afresh (its library connection too), and run. */
async function startBackground(): Promise<void> {
  vi.resetModules();
  const { default: background } = await import('../../entrypoints/background');
  background.main();
}

/** Messages the background sends out (to Chrome's offscreen document, where the runner lives). */
function sentMessages(): string[] {
  const types: string[] = [];
  fakeBrowser.runtime.onMessage.addListener((m: { type?: string }) => void (m.type && types.push(m.type)));
  return types;
}

const FROM_LIBRARY_PAGE = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') };

beforeEach(() => {
  fakeBrowser.reset();
  vi.stubGlobal('indexedDB', new IDBFactory());
  // An offscreen document is open already (fakeBrowser has none of its own).
  vi.spyOn(fakeBrowser.runtime, 'getContexts').mockImplementation((() => Promise.resolve([{}])) as never);
  // fakeBrowser has no manifest: the background reads the built-in archives' hosts from it.
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Slipcase',
    version: '1',
    host_permissions: [],
  });
  // fakeBrowser has no permissions events or registered scripts: the sites the reader switched on need both.
  const sites = fakeSitePermissions();
  Object.assign(apis, { permissions: sites.permissions, scripting: { ...(apis.scripting as object), ...sites.scripting } });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  Object.assign(apis, saved);
});

describe('the background on Firefox for Android', () => {
  beforeEach(() => {
    for (const ns of DESKTOP_ONLY) delete apis[ns];
  });

  it('registers every listener and schedule without shortcuts or context menus', async () => {
    const db = await openLibrary(indexedDB);
    await addJob(
      db,
      {
        id: 'cut-off',
        scope: 'story',
        url: 'https://example.org/w/1',
        title: 'W',
        storyId: null,
        followAdultGate: false,
        root: null,
        plan: { kind: 'root', url: 'https://example.org/w/1' },
      },
      Date.now(),
    );
    db.close();
    const sent = sentMessages();

    await startBackground();

    // The message listener answers the library page.
    const replies = await fakeBrowser.runtime.onMessage.trigger({ type: 'library-jobs' }, FROM_LIBRARY_PAGE, () => undefined);
    const reply = replies.find((r) => r !== undefined);
    expect(reply).toMatchObject({ ok: true, jobs: [{ id: 'cut-off', state: 'queued' }] });
    const alarms = await until(async () => {
      const names = (await fakeBrowser.alarms.getAll()).map((a) => a.name).sort();
      return names.length === 2 && names;
    }, 'the update and sync alarms');
    expect(alarms).toEqual(['library-sync', 'library-updates']);
    expect(fakeBrowser.alarms.onAlarm.hasListeners()).toBe(true);
    // The sync watcher, and the tab listeners that forget a tab's report.
    expect(fakeBrowser.storage.onChanged.hasListeners()).toBe(true);
    expect([fakeBrowser.tabs.onUpdated.hasListeners(), fakeBrowser.tabs.onRemoved.hasListeners()]).toEqual([true, true]);
    await until(async () => (await fakeBrowser.action.getTitle({})) === 'Slipcase', 'the library badge');
    await until(() => sent.includes('runner-resume'), 'the cut-off save to resume');
  });

  it('gives the popup no shortcut to show', async () => {
    const { readerShortcut } = await import('../../reader/ext/open-reader');
    expect(await readerShortcut()).toBe('');
  });
});

describe('the background on a desktop browser', () => {
  it('listens for the reader shortcut and creates the three menu items', async () => {
    const onCommand = event();
    const create = vi.fn();
    apis.commands = { onCommand, getAll: async () => [{ name: 'open-reader', shortcut: 'Alt+Shift+S' }] };
    apis.contextMenus = { onClicked: event(), removeAll: async () => undefined, create };

    await startBackground();

    expect(onCommand.listeners).toHaveLength(1);
    await until(() => create.mock.calls.length === 3, 'the menu items');
    expect(create.mock.calls.map(([item]) => item.id)).toEqual(['open-reader', 'save-chapter', 'save-story']);
    const { readerShortcut } = await import('../../reader/ext/open-reader');
    expect(await readerShortcut()).toBe('Alt+Shift+S');
  });
});
