/**
 * An optional host permission granted in a Chromium test profile. Chromium's permission prompt is
 * browser UI that automation cannot answer, and Chromium has no switch that answers it. What a
 * reader's "Allow" leaves behind is the grant in the profile: the origin among the extension's
 * granted and active permissions in its Preferences. So the browser is closed, the grant recorded
 * there as Chromium records it, and the same profile started again; Chromium then holds the
 * permission (permissions.contains, getAll) and the extension finds it at its start as it would
 * after a restart. Unpacked extensions' settings live in the unprotected Preferences file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './chromium';
import type { BrowserDriver } from './driver';

interface ExtensionPermissions {
  explicit_host?: string[];
}

export async function relaunchWithGrant(driver: BrowserDriver, origin: string, phone: boolean): Promise<BrowserDriver> {
  const profile = driver.profile;
  if (driver.name !== 'chromium' || !profile) throw new Error('only a Chromium profile records grants this way');
  const id = await driver.evalInExtension(() => (globalThis as unknown as { chrome: typeof chrome }).chrome.runtime.id, undefined);
  await driver.close();
  const file = join(profile, 'Default', 'Preferences');
  const prefs = JSON.parse(readFileSync(file, 'utf8')) as {
    extensions: { settings: Record<string, Record<'active_permissions' | 'granted_permissions', ExtensionPermissions>> };
  };
  const settings = prefs.extensions.settings[id];
  if (!settings) throw new Error(`no settings for ${id} in ${file}`);
  for (const key of ['active_permissions', 'granted_permissions'] as const) {
    const hosts = (settings[key].explicit_host ??= []);
    if (!hosts.includes(origin)) hosts.push(origin);
  }
  writeFileSync(file, JSON.stringify(prefs));
  return launchChromium({ profile, phone });
}
