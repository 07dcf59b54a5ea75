/**
 * Firefox without the APIs Firefox for Android lacks (keyboard shortcuts, context menus): the
 * built extension with a script that deletes those namespaces before any of its own code runs
 * (tests/e2e/lib/build.ts). The background must still start everything, and the popup, the reader
 * and a save must work. Not a phone: no real Android device or emulator runs here (see the README).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../lib/wait';
import { builtExtension, DESKTOP_ONLY_APIS } from './lib/build';
import type { BrowserDriver } from './lib/driver';
import { launchFirefox } from './lib/firefox';
import { AAS, dump, saveFromPopup } from './lib/library';
import { comparable, expectedFor, openReader, resetReader, RR_1 } from './lib/reader';

describe('firefox without desktop-only APIs', () => {
  let driver: BrowserDriver;
  beforeAll(async () => {
    driver = await launchFirefox({ withoutDesktopApis: true });
    await resetReader(driver);
  }, 120_000);
  afterAll(async () => {
    await driver?.close();
  });

  it('has no shortcuts or context menus, in the background or the pages', async () => {
    const seen = await driver.evalInExtension(async (names: readonly string[]) => {
      type Api = Record<string, unknown>;
      const g = globalThis as unknown as { browser: Api & typeof chrome; chrome: Api };
      const background = (await g.browser.runtime.getBackgroundPage()) as unknown as { browser: Api; chrome: Api } | null;
      const kinds = (api: Api | undefined) => [...names, 'alarms', 'runtime'].map((ns) => `${ns}:${typeof api?.[ns]}`);
      return { background: kinds(background?.browser), backgroundChrome: kinds(background?.chrome), page: kinds(g.browser) };
    }, DESKTOP_ONLY_APIS);
    const expected = [...DESKTOP_ONLY_APIS.map((ns) => `${ns}:undefined`), 'alarms:object', 'runtime:object'];
    expect(seen).toEqual({ background: expected, backgroundChrome: expected, page: expected });
  });

  it('starts the background: it answers, and the update and sync alarms are set', async () => {
    const { reply, alarms } = await until(
      () =>
        driver.evalInExtension(async () => {
          const api = (globalThis as unknown as { browser: typeof chrome }).browser;
          const names = (await api.alarms.getAll()).map((a) => a.name).sort();
          const reply = (await api.runtime.sendMessage({ type: 'library-jobs' })) as { ok: boolean } | undefined;
          return names.length === 2 ? { reply, alarms: names } : null;
        }, undefined),
      'the alarms',
    );
    expect(reply).toMatchObject({ ok: true });
    expect(alarms).toEqual(['library-sync', 'library-updates']);
  });

  it('shows the page in the popup, with no shortcut on the Read button, and opens the reader', async () => {
    const exp = expectedFor(RR_1);
    const tabId = await driver.openTab(exp.url);
    const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
    try {
      expect(await popup.text('.title')).toBe(exp.title);
      expect(await popup.text('.read-button')).toBe('Read');
      expect(await popup.count('.read-button .shortcut')).toBe(0);
    } finally {
      await popup.close();
    }
    const { page, state } = await openReader(driver, exp.url);
    try {
      expect(comparable(state.story, exp.storyText)).toContain(exp.storyText.first);
    } finally {
      await page.close();
    }
  });

  it('saves a story to the library', async () => {
    await saveFromPopup(driver, AAS, async (popup) => expect(await popup.text('.job-outcome')).toBe('Saved to your library.'));
    const library = await dump(driver);
    expect(library.stories.map((s) => s.title)).toEqual([AAS.title]);
    expect(library.chapters[0]?.html).toContain(AAS.chapters[0]!.word);
  });

  it('runs a Firefox build that carries no offscreen-document code', () => {
    const background = readFileSync(join(builtExtension('firefox-mv2'), 'background.js'), 'utf8');
    expect(background).toContain('library-updates');
    expect(background).not.toContain('offscreen');
  });
});
