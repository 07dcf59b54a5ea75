// @vitest-environment jsdom
/**
 * The background keeps the switched-on sites in step with what the browser granted: a grant (from
 * the popup or the browser's settings) registers the host's script and lists it, a removal undoes
 * both, and a start drops what the browser no longer grants and takes up what it grants.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { until } from '../../../tests/lib/wait';
import { followSitePermissions, removeSite, requestSite, userSites } from '../ext/user-sites';
import { fakeSitePermissions } from './site-permissions';

const apis = fakeBrowser as unknown as Record<string, unknown>;
const saved = { permissions: apis.permissions, scripting: apis.scripting };
let fake: ReturnType<typeof fakeSitePermissions>;

function install(granted: string[] = []) {
  fake = fakeSitePermissions(granted);
  Object.assign(apis, { permissions: fake.permissions, scripting: fake.scripting });
  manifestHosts([]);
}

/** The manifest's required hosts (fakeBrowser has no manifest). */
function manifestHosts(hosts: string[]) {
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Slipcase',
    version: '1',
    host_permissions: hosts,
  });
}

beforeEach(() => {
  fakeBrowser.reset();
  install();
});
afterEach(() => {
  Object.assign(apis, saved);
  vi.restoreAllMocks();
});

const registered = () => [...fake.scripts.values()].map((s) => ({ id: s.id, matches: s.matches, js: s.js }));

describe('sites switched on by the reader', () => {
  it('a grant registers the host and lists it; a removal unregisters and forgets it', async () => {
    followSitePermissions();
    expect(await requestSite('www.lanternarchive.example')).toBe(true);
    await until(async () => (await userSites()).length === 1, 'the host listed');
    await until(() => fake.scripts.size === 1, 'the script registered');
    expect(registered()).toEqual([
      { id: 'user-site:www.lanternarchive.example', matches: ['*://www.lanternarchive.example/*'], js: ['/content-scripts/user-site.js'] },
    ]);

    await removeSite('www.lanternarchive.example');
    await until(() => fake.scripts.size === 0, 'the script unregistered');
    await until(async () => (await userSites()).length === 0, 'the host forgotten');
  });

  it("ignores a built-in archive's host granted in the browser's settings", async () => {
    followSitePermissions();
    await fake.permissions.request({ origins: ['*://archiveofourown.org/*', '*://*/*'] });
    await fake.permissions.request({ origins: ['*://www.second.example/*'] });
    await until(async () => (await userSites()).length === 1, 'the other host listed');
    expect(await userSites()).toEqual(['www.second.example']);
    await until(() => fake.scripts.size === 1, 'its script registered');
  });

  it('at start, drops a listed host whose permission was taken away, and registers the rest', async () => {
    install(['*://kept.example/*']);
    await fakeBrowser.storage.local.set({ 'user-sites': ['gone.example', 'kept.example'] });
    await fake.scripting.registerContentScripts([{ id: 'user-site:gone.example', matches: ['*://gone.example/*'], js: ['x.js'] }]);
    followSitePermissions();
    await until(async () => (await userSites()).length === 1, 'the list reconciled');
    expect(await userSites()).toEqual(['kept.example']);
    await until(() => fake.scripts.has('user-site:kept.example') && !fake.scripts.has('user-site:gone.example'), 'the scripts reconciled');
  });

  it('at start, takes up a host the browser grants that the list lacks (a grant made while Slipcase was not running)', async () => {
    install(['*://archiveofourown.org/*', '*://required.example/*', '*://granted.example/*']);
    // A host the manifest asks for at install is granted always, and is no site of the reader's.
    manifestHosts(['*://required.example/archive/*']);
    await fakeBrowser.storage.local.set({ 'user-sites': ['listed.example'] });
    fake.held.add('*://listed.example/*');
    followSitePermissions();
    await until(async () => (await userSites()).length === 2, 'the granted host listed');
    expect((await userSites()).sort()).toEqual(['granted.example', 'listed.example']);
    await until(() => fake.scripts.has('user-site:granted.example') && fake.scripts.has('user-site:listed.example'), 'both registered');
    expect(fake.scripts.has('user-site:archiveofourown.org')).toBe(false);
  });
});
