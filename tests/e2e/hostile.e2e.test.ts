/**
 * The page cannot act for the reader (issue #18), in the built extension in real Chromium and
 * Firefox: a page's script can neither see into Slipcase's UI (closed shadow roots) nor work it
 * with made-up input; a content script's messages act only for its own tab's story; a page that
 * clobbers the DOM's names hangs neither the reader nor the library; and a page too large to read
 * is left as it was, with the popup saying why.
 */
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RATING_SETTINGS, storyKey } from '../../src/warnings/policy';
import { fromStoredItems, storedItems } from '../../src/warnings/settings';
import { MAX_ELEMENTS } from '../../src/reader/extract';
import { until } from '../lib/wait';
import { SCREENSHOT_DIR } from './lib/build';
import type { BrowserDriver, PageHandle } from './lib/driver';
import { BROWSERS, sharedBrowser, resetStorage } from './lib/launch';
import { dump } from './lib/library';
import { AAS, READER_TAG, RR_1, closedState, expectedFor, injectReader, openReader, openState, resetReader, stateOf } from './lib/reader';
import { corpusBody, serve } from './lib/routes';
import { forgedInput, type Forged } from './lib/forge';

/** An AO3 work rated Explicit: covered under the default settings. */
const EXPLICIT_AO3 = 'https://archiveofourown.org/works/23824891';
/** A Mature AO3 work: not covered under the default settings. */
const MATURE_AO3 = 'https://archiveofourown.org/works/17793689';
/** A story on a site Slipcase has no permission for: it reads it once the toolbar button is pressed. */
const LANTERNS = 'http://www.geocities.com/moonlit_crypt/fic/lanterns.htm';

type Forgery = Window & { __forge(): Forged; __forgedAtMount?: Forged; __capturedRoots: ShadowRoot[] };

/** Everything in the extension's synced storage (the content-warning settings and their exceptions). */
const syncedStorage = (driver: BrowserDriver) =>
  driver.evalInExtension(async () => {
    const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
    return (g.browser ?? g.chrome).storage.sync.get(null);
  }, undefined);

/** Sends `message` from tab `tabId`'s content-script world, as a content script of Slipcase's would; returns the reply. */
const sendFromTab = (driver: BrowserDriver, tabId: number, message: object) =>
  driver.evalInExtension(
    async ({ tabId, message }: { tabId: number; message: object }) => {
      const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
      const api = g.browser ?? g.chrome;
      const [out] = await api.scripting.executeScript({
        target: { tabId },
        args: [message],
        func: (m: object) => {
          const w = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
          return (w.browser ?? w.chrome).runtime.sendMessage(m);
        },
      });
      return out?.result as unknown;
    },
    { tabId, message },
  );

/** A page that names its elements after the DOM's own properties, with a corpus story's prose. */
function clobbering(): string {
  const lanterns = corpusBody(LANTERNS);
  const clobber =
    '<form><input name="parentNode"><input name="nodeName"></form>' +
    '<div id="body"></div><div id="title"></div><div id="documentElement"></div><div id="querySelectorAll"></div>';
  return lanterns.replace(/<body([^>]*)>/i, `<body$1>${clobber}`);
}

/** Spans that take an archive's story page past the reader's limit. */
const FILLER = MAX_ELEMENTS + 10_000;

/** An archive's story page grown past the reader's limit, with a line of its own. */
function huge(): string {
  const filler = `<div id="filler"><p id="own">The page's own words.</p>${'<span>w</span>'.repeat(FILLER)}</div>`;
  return corpusBody(MATURE_AO3).replace(/<body([^>]*)>/i, `<body$1>${filler}`);
}

describe.each(BROWSERS)('%s', (browserName) => {
  let driver: BrowserDriver;
  const shot = (page: PageHandle, what: string) => page.screenshot(join(SCREENSHOT_DIR, `${browserName}-hostile-${what}.png`));

  sharedBrowser(browserName, (launched) => (driver = launched));

  describe('under the default content warnings', () => {
    beforeEach(() => resetStorage(driver, storedItems(DEFAULT_RATING_SETTINGS)));

    it('forged page input neither lifts the gate nor writes an exception; a person’s click does', async () => {
      const before = await syncedStorage(driver);
      const { page } = await driver.openPage(EXPLICIT_AO3, { initScript: forgedInput('slipcase-gate') });
      try {
        // The page's script tried as the gate went up; and tries again now it stands.
        const atMount = await until(() => page.evaluate(() => (window as unknown as Forgery).__forgedAtMount, undefined), 'the first try');
        const again = await page.evaluate(() => (window as unknown as Forgery).__forge(), undefined);
        for (const tried of [atMount, again]) {
          expect(tried).toMatchObject({ host: true, root: null, capturedRoots: 0, reattached: false, hit: 'slipcase-gate' });
          // Every made-up event went through unhandled (none was cancelled), and clicks reached none of the buttons.
          expect(tried.cancelled).toEqual([]);
          expect(tried.events).toBeGreaterThan(20);
        }
        expect(await page.shadow('slipcase-gate', (root) => root.querySelector('h1')?.textContent, undefined)).toBe(
          'This story is covered',
        );
        expect(await syncedStorage(driver)).toEqual(before);
        await shot(page, 'gate-after-forgery');

        await page.clickIn('slipcase-gate', 'button[data-action="show"]');
        await until(() => page.evaluate(() => document.querySelector('slipcase-gate') === null, undefined), 'the gate to lift');
        expect(await syncedStorage(driver)).toEqual(before);
      } finally {
        await page.close();
      }
    });

    it('a content script’s “Always allow” for a story other than its page’s stores nothing; for its own it does', async () => {
      const { tabId, page } = await driver.openPage(MATURE_AO3);
      try {
        const before = await syncedStorage(driver);
        const other = { url: EXPLICIT_AO3, site: 'ao3', title: 'A work', author: 'Its author' };
        expect(await sendFromTab(driver, tabId, { type: 'rating-allow', page: other })).toBe(false);
        expect(await syncedStorage(driver)).toEqual(before);

        const own = { url: MATURE_AO3, site: 'ao3', title: 'A work', author: 'Its author' };
        expect(await sendFromTab(driver, tabId, { type: 'rating-allow', page: own })).toBe(true);
        expect(fromStoredItems(await syncedStorage(driver)).exceptions.stories).toEqual([storyKey(own)]);
      } finally {
        await page.close();
      }
    });
  });

  describe('with the fixture sites allowed', () => {
    beforeEach(() => resetReader(driver));

    it('forged keys from the page neither close the reader nor turn the chapter; a pressed Escape closes it', async () => {
      const { page } = await openReader(driver, RR_1);
      try {
        const url = page.url();
        const forged = await page.evaluate(() => {
          const host = document.querySelector('slipcase-reader')!;
          const cancelled: string[] = [];
          for (const target of [window, document, document.body, host, document.activeElement ?? host])
            for (const key of ['Escape', 'n', 'p'])
              for (const type of ['keydown', 'keyup']) {
                const e = new KeyboardEvent(type, {
                  key,
                  code: key === 'Escape' ? key : `Key${key.toUpperCase()}`,
                  bubbles: true,
                  composed: true,
                  cancelable: true,
                });
                // The reader cancels the keys it acts on: an uncancelled key was not acted on.
                if (!target.dispatchEvent(e)) cancelled.push(`${type} ${key}`);
              }
          return { root: host.shadowRoot, cancelled };
        }, undefined);
        expect(forged).toEqual({ root: null, cancelled: [] });
        const state = await openState(page);
        expect(state.url).toBe(url);
        await shot(page, 'reader-after-forgery');

        await page.press('Escape');
        await closedState(page);
      } finally {
        await page.close();
      }
    });

    it('a content script cannot save another tab’s story; it can save its own', async () => {
      const a = await driver.openPage(expectedFor(RR_1).url);
      const b = await driver.openPage(MATURE_AO3);
      try {
        const forged = (await sendFromTab(driver, a.tabId, { type: 'library-save', scope: 'chapter', tabId: b.tabId })) as { ok: boolean };
        expect(forged).toMatchObject({ ok: false, error: expect.any(String) });
        const own = (await sendFromTab(driver, a.tabId, { type: 'library-save', scope: 'chapter', tabId: a.tabId })) as { ok: boolean };
        expect(own).toMatchObject({ ok: true });
        const saved = await until(
          async () => {
            const urls = (await dump(driver)).stories.map((s) => s.url);
            return urls.some((u) => u.startsWith('https://www.royalroad.com/')) ? urls : null;
          },
          'tab A’s own story in the library',
          30_000,
        );
        expect(saved.filter((u) => u.startsWith('https://archiveofourown.org/'))).toEqual([]);
      } finally {
        await a.page.close();
        await b.page.close();
      }
    });

    it('a page that clobbers the DOM’s names neither hangs the reader nor stalls the library', async () => {
      const url = 'http://www.geocities.com/moonlit_crypt/fic/clobbered.htm';
      const stops = [serve(url, { status: 200, contentType: 'text/html; charset=utf-8', body: clobbering() })];
      const exp = expectedFor(LANTERNS);
      const { tabId, page } = await driver.openPage(url);
      let other: Awaited<ReturnType<BrowserDriver['openPage']>> | null = null;
      try {
        // The clobbering took: the form's parentNode and nodeName are its inputs, not the DOM's.
        expect(
          await page.evaluate(() => {
            const form = document.querySelector('form')!;
            return [form.parentNode, form.nodeName].every((x) => x instanceof HTMLInputElement);
          }, undefined),
        ).toBe(true);
        await page.pressToolbarButton();
        expect(await injectReader(driver, tabId)).toBe('opened');
        const state = await openState(page);
        expect(state.story).toContain(exp.storyText.first);
        expect(state.story).toContain(exp.storyText.last);
        await shot(page, 'reader-clobbered');

        // Saved from the reader, and a save queued behind it finishes too: the queue goes on past
        // the clobbered page. (The popup the toolbar button opened is out of a test's reach, and
        // the grant it gave does not reach a popup opened as a tab in Chromium.)
        await page.clickIn(READER_TAG, 'button.save-toggle');
        await page.clickIn(READER_TAG, 'button.save-story');
        await page.clickIn(READER_TAG, 'button.close');
        await closedState(page);
        other = await driver.openPage(AAS);
        const popup = await driver.openExtensionPage(`popup.html?tab=${other.tabId}`);
        await popup.click('.save-story');
        await until(async () => (await popup.count('.job-outcome.job-done')) > 0, 'the queued save to finish', 60_000);
        await popup.close();
        await until(
          async () => ((await dump(driver)).stories.some((s) => s.url.startsWith(url)) ? true : null),
          'the clobbered page in the library',
          60_000,
        );
        const library = await dump(driver);
        const clobbered = library.stories.find((s) => s.url.startsWith(url))!;
        expect(
          library.chapters
            .filter((c) => c.storyId === clobbered.id)
            .map((c) => c.html)
            .join(''),
        ).toContain(exp.storyText.first.slice(0, 40));
        expect(library.stories.some((s) => s.url.startsWith(new URL(AAS).origin))).toBe(true);
      } finally {
        stops.forEach((stop) => stop());
        await page.close();
        await other?.page.close();
      }
    }, 120_000);

    // The reader takes a host site's definition from its isolated world (src/sites/host-site.ts);
    // a page's script that puts one in its own world under the same key hands the reader nothing.
    // On AO3, a family the reader carries, no host site's script is injected to overwrite it.
    it('a page’s script cannot hand the reader a site definition of its own', async () => {
      const forge = `window[Symbol.for('slipcase.readerHostSite')] = {
        id: 'forged', name: 'Forged', hosts: [], cover: [],
        claims() { window.__forgedAsked = true; return true; },
        read() { window.__forgedAsked = true; return { kind: 'chapter', title: 'Forged' }; },
        extract() { window.__forgedAsked = true; return null; },
        nav() { return { prev: null, next: null, chapters: [] }; },
      };`;
      const exp = expectedFor(MATURE_AO3);
      const { tabId, page } = await driver.openPage(MATURE_AO3, { initScript: forge });
      try {
        expect(await injectReader(driver, tabId)).toBe('opened');
        const state = await openState(page);
        expect(state.story).toContain(exp.storyText.first);
        expect(state.title).not.toBe('Forged');
        expect(await page.evaluate(() => (window as unknown as { __forgedAsked?: boolean }).__forgedAsked ?? false, undefined)).toBe(false);
        await page.press('Escape');
        await closedState(page);
      } finally {
        await page.close();
      }
    });

    it('a page too large to read: the popup says so, and the page is left as it was', async () => {
      const stop = serve(MATURE_AO3, { status: 200, contentType: 'text/html; charset=utf-8', body: huge() });
      const { tabId, page } = await driver.openPage(MATURE_AO3);
      try {
        const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
        try {
          await popup.click('.read-button');
          expect(await popup.text('.read-refused')).toBe('This page is too large or too slow for Slipcase to read.');
        } finally {
          await popup.close();
        }
        expect(await stateOf(page)).toBeNull();
        expect(
          await page.evaluate(
            () => ({
              own: document.getElementById('own')?.textContent,
              spans: document.querySelectorAll('#filler > span').length,
              inert: document.body.inert,
            }),
            undefined,
          ),
        ).toEqual({ own: "The page's own words.", spans: FILLER, inert: false });
      } finally {
        stop();
        await page.close();
      }
    }, 90_000);
  });
});
