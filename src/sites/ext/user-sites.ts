/**
 * Switching Slipcase on for a site of the reader's own (src/sites/user-sites.ts). The popup asks
 * the browser for the host's permission; the background alone keeps the list and the registered
 * content script in step with what the browser granted, from its permission events, so a grant
 * or a removal made anywhere (the popup, the options page, the browser's own settings) counts,
 * and a popup closed by the browser's prompt loses nothing.
 */
import { browser } from 'wxt/browser';
import { USER_SITES } from '../../core/storage-keys';
import { storedItem } from '../../core/ext/storage-items';
import { hostOfScript, hostPattern, normalizeUserSites, scriptId, switchableHost, USER_SITE_SCRIPT } from '../user-sites';

const stored = storedItem(USER_SITES);

/** Firefox for Android lacks neither today, but a browser without both cannot offer the switch. */
export function canSwitchSites(): boolean {
  return typeof browser.permissions?.request === 'function' && typeof browser.scripting?.registerContentScripts === 'function';
}

export async function userSites(): Promise<string[]> {
  return normalizeUserSites(await stored.getValue());
}

export function watchUserSites(changed: (hosts: string[]) => void): () => void {
  return stored.watch((value) => changed(normalizeUserSites(value)));
}

/** Asks the browser for the host; call it from the reader's click, which the browser requires. */
export function requestSite(host: string): Promise<boolean> {
  return browser.permissions.request({ origins: [hostPattern(host)] });
}

/** Gives the host's permission back; the background then unregisters it (onRemoved). */
export function removeSite(host: string): Promise<boolean> {
  return browser.permissions.remove({ origins: [hostPattern(host)] });
}

/**
 * The one host an origin pattern names, as hostPattern writes it, when it is a site of the
 * reader's own: a built-in archive's host granted in the browser's settings is not one.
 */
function hostOfPattern(origin: string): string | null {
  const host = origin.match(/^\*:\/\/([^/*]+)\/\*$/)?.[1];
  return host ? switchableHost(`https://${host}/`) : null;
}

/**
 * The hosts the manifest asks for at install (the built-in archives'): granted always, never a
 * site of the reader's own. By host: the browser reports a pattern with a path by its origin.
 */
function requiredHosts(): Set<string> {
  const manifest = browser.runtime.getManifest() as { host_permissions?: string[]; permissions?: string[] };
  const patterns = [...(manifest.host_permissions ?? []), ...(manifest.permissions ?? [])];
  return new Set(patterns.flatMap((p) => p.match(/^[^:]+:\/\/([^/]+)\//)?.[1] ?? []));
}

async function register(hosts: string[]): Promise<void> {
  const have = new Set((await browser.scripting.getRegisteredContentScripts()).map((s) => s.id));
  const missing = hosts.filter((h) => !have.has(scriptId(h)));
  if (!missing.length) return;
  await browser.scripting.registerContentScripts(
    missing.map((h) => ({
      id: scriptId(h),
      matches: [hostPattern(h)],
      js: [USER_SITE_SCRIPT],
      runAt: 'document_start' as const,
      persistAcrossSessions: true,
    })),
  );
}

async function unregister(hosts: string[]): Promise<void> {
  const have = new Set((await browser.scripting.getRegisteredContentScripts()).map((s) => s.id));
  const ids = hosts.map(scriptId).filter((id) => have.has(id));
  if (ids.length) await browser.scripting.unregisterContentScripts({ ids });
}

/**
 * The list and the registrations as the granted permissions say: at every start (a permission
 * given or taken away while Slipcase was not running, or a profile restored), and after each
 * grant or removal. A site's host the browser holds is a switched-on site, listed or not.
 */
async function reconcile(): Promise<void> {
  const listed = await userSites();
  const required = requiredHosts();
  const granted = ((await browser.permissions.getAll()).origins ?? [])
    .flatMap((o) => hostOfPattern(o) ?? [])
    .filter((h) => !required.has(h));
  const held: string[] = [];
  for (const host of listed) if (await browser.permissions.contains({ origins: [hostPattern(host)] })) held.push(host);
  for (const host of granted) if (!held.includes(host)) held.push(host);
  const registered = (await browser.scripting.getRegisteredContentScripts()).flatMap((s) => hostOfScript(s.id) ?? []);
  await unregister(registered.filter((h) => !held.includes(h)));
  await register(held);
  if (held.length !== listed.length || held.some((h, i) => h !== listed[i])) await stored.setValue(held);
}

/** Background: follows the browser's permission events. Registered synchronously at start. */
export function followSitePermissions(): void {
  if (!canSwitchSites()) return;
  browser.permissions.onAdded.addListener((granted) => {
    const hosts = (granted.origins ?? []).flatMap((o) => hostOfPattern(o) ?? []);
    if (!hosts.length) return;
    void (async () => {
      await stored.setValue(normalizeUserSites([...(await userSites()), ...hosts]));
      await reconcile();
    })();
  });
  browser.permissions.onRemoved.addListener(() => void reconcile());
  void reconcile();
}
