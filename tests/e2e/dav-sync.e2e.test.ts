/**
 * The WebDAV sync in the built extension (issue #19): two Chromium profiles and a Firefox profile,
 * each a device of its own, syncing through one real WebDAV server on 127.0.0.1 (rclone, from
 * Debian's package), behind a proxy that can slow it down. Each device is connected from its
 * options page's Sync section as a reader connects it, and what the reader sees afterwards is
 * checked: the library page, the offline reader, the place in a story.
 *
 * Chromium's permission prompt cannot be answered by automation: the folder's server is granted
 * in the profile as Chromium records a reader's "Allow" (./lib/chromium-grant.ts). Firefox grants
 * it without the prompt in the test profile (./lib/firefox.ts).
 */
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../lib/wait';
import { DAV_PASSWORD, DAV_USER, startRclone, type DavServer } from '../lib/dav-servers';
import { startFaultProxy, type FaultProxy } from '../lib/fault-proxy';
import { epubcheck } from '../lib/epubcheck';
import { launchChromium } from './lib/chromium';
import { launchFirefox } from './lib/firefox';
import { relaunchWithGrant } from './lib/chromium-grant';
import type { BrowserDriver, PageHandle } from './lib/driver';
import { resetStorage } from './lib/launch';
import {
  ALLOW_FIXTURE_SITES,
  AO3,
  FFN,
  SAVES,
  dump,
  fillLibrary,
  findAlone,
  openOffline,
  readerPlace,
  savedPlace,
  turnToLastChapter,
} from './lib/library';
import { setOffline } from './lib/routes';
import { SCREENSHOT_DIR } from './lib/build';

let server: DavServer;
let proxy: FaultProxy;
let folders = 0;
const open: BrowserDriver[] = [];

beforeAll(async () => {
  server = await startRclone();
  proxy = await startFaultProxy(server.url);
}, 30_000);
afterAll(async () => {
  for (const d of open.splice(0)) await d.close().catch(() => undefined);
  await proxy?.close();
  await server?.stop();
});

const auth = `Basic ${Buffer.from(`${DAV_USER}:${DAV_PASSWORD}`).toString('base64')}`;

/** A new empty folder on the server, reached through the proxy. */
async function newFolder(): Promise<string> {
  const name = `reader${++folders}-${Date.now()}/`;
  expect((await fetch(`${server.url}${name}`, { method: 'MKCOL', headers: { Authorization: auth } })).status).toBe(201);
  return `${proxy.url}${name}`;
}

/** A device: a browser (a Chromium emulating a phone, for 'phone') with the fixture archives let through the warnings, and its stories. */
async function device(kind: 'chromium' | 'phone' | 'firefox', stories: typeof SAVES): Promise<BrowserDriver> {
  const phone = kind === 'phone';
  let driver = kind === 'firefox' ? await launchFirefox() : await launchChromium({ phone });
  open.push(driver);
  await resetStorage(driver, ALLOW_FIXTURE_SITES);
  if (stories.length) await fillLibrary(driver, stories);
  if (kind !== 'firefox') {
    open.splice(open.indexOf(driver), 1);
    driver = await relaunchWithGrant(driver, 'http://127.0.0.1/*', phone);
    open.push(driver);
  }
  return driver;
}

const lastSynced = (page: PageHandle) =>
  page.evaluate(() => {
    const p = document.querySelector('.sync-last');
    return p && p.getAttribute('data-running') === 'no' ? Number(p.getAttribute('data-last-synced')) : 0;
  }, undefined);

/** Chapter texts sent to this folder so far. */
const blobPuts = (folder: string) =>
  proxy.seen.filter((s) => s.startsWith(`PUT ${new URL(folder).pathname}`) && s.includes('/blobs/')).length;

/** Fills the Sync section's form and presses Check and connect, as a reader would. */
async function connectWithoutWaiting(
  driver: BrowserDriver,
  folder: string,
  name: string,
  passphrase: string | null = null,
  shelf = false,
): Promise<PageHandle> {
  const page = await driver.openExtensionPage('options.html#sync');
  await page.fill('#sync-url', folder);
  await page.fill('#sync-user', DAV_USER);
  await page.fill('#sync-password', DAV_PASSWORD);
  await page.fill('#sync-device', name);
  if (passphrase) {
    await page.click('.sync-form input[type=checkbox]');
    await page.fill('#sync-passphrase', passphrase);
  }
  if (shelf) await page.click('.sync-form .sync-shelf');
  await page.click('.sync-form button[type=submit]');
  return page;
}

/** Connects the device from its Sync section and waits for its first sync. */
async function connect(driver: BrowserDriver, folder: string, name: string, passphrase: string | null = null): Promise<PageHandle> {
  const page = await connectWithoutWaiting(driver, folder, name, passphrase);
  await until(async () => (await lastSynced(page)) > 0, `${name}'s first sync`, 60_000);
  return page;
}

/** Presses Sync now and waits for that sync to finish. */
async function syncNow(page: PageHandle, what: string): Promise<void> {
  const before = await until(async () => (await lastSynced(page)) || null, `${what}: a finished sync first`, 60_000);
  await page.click('.sync-actions button');
  await until(async () => (await lastSynced(page)) > before, what, 60_000);
}

const storyIds = async (driver: BrowserDriver) => (await dump(driver)).stories.map((s) => s.id).sort();

describe('sync through one WebDAV folder', () => {
  it('a story saved in one Chromium is read offline in another, and the place moves between them', { timeout: 180_000 }, async () => {
    setOffline(false);
    const folder = await newFolder();
    const laptop = await device('chromium', [AO3]);
    const desk = await device('chromium', []);
    const laptopSync = await connect(laptop, folder, 'Laptop');
    const deskSync = await connect(desk, folder, 'Desk');
    await laptopSync.screenshot(`${SCREENSHOT_DIR}/dav-sync-connected.png`);
    expect(await storyIds(desk)).toEqual(await storyIds(laptop));

    // Offline: the desk reads the story from its own library, and never asked the archive for it.
    setOffline(true);
    const library = await desk.openExtensionPage('options.html#library');
    const { id, href } = await findAlone(library, AO3.chapters[0]!.word, AO3.start);
    const { reader, place } = await openOffline(desk, href);
    expect(place.story).toContain(AO3.chapters[0]!.word);
    expect(desk.proxyRequests.filter((r) => r.url.includes('archiveofourown.org'))).toEqual([]);
    await turnToLastChapter(reader, AO3, id);
    setOffline(false);

    await syncNow(deskSync, 'the desk sends its place');
    await syncNow(laptopSync, 'the laptop takes it');
    expect((await savedPlace(laptopSync, id))?.chapter).toBe(AO3.chapters.length - 1);
    // The laptop's card offers the desk's place, one click away.
    const shelf = await laptop.openExtensionPage('options.html#library');
    const total = AO3.chapters.length;
    expect(await shelf.text(`li.library-card[data-story-id="${id}"] .card-elsewhere`)).toContain(`On Desk: chapter ${total} of ${total}`);
    await shelf.screenshot(`${SCREENSHOT_DIR}/dav-sync-elsewhere.png`);
  });

  it(
    'Firefox and Chromium share an encrypted folder: changes made apart all arrive, and a story deleted while read elsewhere goes',
    { timeout: 180_000 },
    async () => {
      setOffline(false);
      const folder = await newFolder();
      const fox = await device('firefox', [FFN]);
      const chrome = await device('chromium', [AO3]);
      const foxSync = await connect(fox, folder, 'Firefox', 'a passphrase of some length');
      const chromeSync = await connect(chrome, folder, 'Chromium', 'a passphrase of some length');
      await syncNow(foxSync, 'Firefox takes the AO3 work');
      const both = await storyIds(chrome);
      expect(both).toHaveLength(2);
      expect(await storyIds(fox)).toEqual(both);

      // Apart: Firefox reads the AO3 work to its end while Chromium deletes the FFN story Firefox has open.
      const ffnId = both.find((id) => id.includes('fanfiction'))!;
      const ao3Id = both.find((id) => id.includes('archiveofourown'))!;
      const foxLibrary = await fox.openExtensionPage('options.html#library');
      const { reader } = await openOffline(fox, (await findAlone(foxLibrary, AO3.chapters[0]!.word, AO3.start)).href);
      await turnToLastChapter(reader, AO3, ao3Id);
      await openOffline(fox, `read.html?id=${encodeURIComponent(ffnId)}`);
      const chromeLibrary = await chrome.openExtensionPage('options.html#library');
      const card = `li.library-card[data-story-id="${ffnId}"]`;
      await until(async () => (await chromeLibrary.count(card)) === 1, 'the FFN story in the Chromium library');
      await chromeLibrary.click(`${card} .delete`);
      await until(async () => !(await storyIds(chrome)).includes(ffnId), 'the FFN story deleted in Chromium');

      await syncNow(chromeSync, 'Chromium sends its deletion');
      await syncNow(foxSync, 'Firefox sends its place and takes the deletion');
      await syncNow(chromeSync, 'Chromium takes the place');
      expect(await storyIds(fox)).toEqual([ao3Id]);
      expect((await savedPlace(chromeSync, ao3Id))?.chapter).toBe(AO3.chapters.length - 1);

      // The server holds nothing readable: no title in any file.
      for (const body of await folderFiles(folder)) {
        for (const s of [AO3, FFN]) expect(body).not.toContain(s.title);
      }
    },
  );

  it('Chromium closed half way through its first upload carries on when it starts again', { timeout: 180_000 }, async () => {
    setOffline(false);
    const folder = await newFolder();
    let laptop = await device('chromium', SAVES);
    const profile = laptop.profile!;
    // A slow server: each chapter upload waits, so the browser can be closed in the middle.
    for (let i = 0; i < 60; i++) proxy.add({ method: 'PUT', path: '/blobs/', fault: { kind: 'delay', ms: 300 } });
    await connectWithoutWaiting(laptop, folder, 'Laptop');
    await until(async () => blobPuts(folder) >= 3, 'uploads under way', 60_000);
    open.splice(open.indexOf(laptop), 1);
    await laptop.close();
    const headBefore = await fetch(`${folder.replace(proxy.url, server.url)}slipcase/devices/`, {
      method: 'PROPFIND',
      headers: { Authorization: auth, Depth: '1' },
    });
    expect(headBefore.status === 404 || !(await headBefore.text()).includes('head.json')).toBe(true);

    laptop = await launchChromium({ profile });
    open.push(laptop);
    const again = await laptop.openExtensionPage('options.html#sync');
    await until(async () => (await lastSynced(again)) > 0, 'the sync finished after the restart', 90_000);

    const phone = await device('chromium', []);
    await connect(phone, folder, 'Phone');
    const mine = await dump(laptop);
    const theirs = await dump(phone);
    expect(theirs.stories.map((s) => s.id).sort()).toEqual(mine.stories.map((s) => s.id).sort());
    const texts = (d: typeof mine) => d.chapters.map((c) => `${c.storyId} ${c.index} ${c.html}`).sort();
    expect(texts(theirs)).toEqual(texts(mine));
  });
});

describe('a phone that fetches a story’s text when it is opened', () => {
  it(
    'lists the laptop’s story without its text, and the offline reader fetches it, again after a failure',
    { timeout: 180_000 },
    async () => {
      setOffline(false);
      const folder = await newFolder();
      const laptop = await device('chromium', [AO3]);
      const phone = await device('phone', []);
      await connect(laptop, folder, 'Laptop');
      // The form offers a phone to keep only what it opens, and says the shelf is left to another device.
      const page = await phone.openExtensionPage('options.html#sync');
      await until(
        () => page.evaluate(() => document.querySelector<HTMLInputElement>('.sync-keep-opened')?.checked ?? null, undefined),
        'the choice',
      );
      expect(await page.text('.sync-form')).toContain('a device that keeps every chapter writes it');
      await page.fill('#sync-url', folder);
      await page.fill('#sync-user', DAV_USER);
      await page.fill('#sync-password', DAV_PASSWORD);
      await page.click('.sync-form button[type=submit]');
      await until(async () => (await lastSynced(page)) > 0, 'the phone’s first sync', 60_000);

      const [story] = (await dump(phone)).stories;
      expect(story).toMatchObject({ textIn: 'folder', title: AO3.title });
      expect((await dump(phone)).chapters.every((c) => c.html === '')).toBe(true);
      const library = await phone.openExtensionPage('options.html#library');
      const card = `li.library-card[data-story-id="${story!.id}"]`;
      await until(async () => (await library.count(`${card} .card-in-folder`)) === 1, 'the card’s mark');
      // Update checks are left to the devices that keep its text.
      expect(await library.count(`${card} .check`)).toBe(0);
      await library.evaluate((sel: string) => document.querySelector(sel)!.scrollIntoView(), card);
      await library.screenshot(`${SCREENSHOT_DIR}/dav-sync-phone-library.png`);

      // The folder refuses the first chapter text asked for: the reader says so, and Try again fetches it.
      proxy.add({ method: 'GET', path: '/blobs/', fault: { kind: 'status', status: 401 } });
      const reader = await phone.openExtensionPage(`read.html?id=${encodeURIComponent(story!.id)}`);
      await until(async () => (await reader.count('.in-folder [role=alert]')) === 1, 'the reason it could not fetch');
      expect(await reader.text('.in-folder [role=alert]')).toContain('401');
      await reader.screenshot(`${SCREENSHOT_DIR}/dav-sync-phone-fetch-failed.png`);
      await reader.click('.in-folder button');
      const place = await until(() => reader.evaluate(readerPlace, undefined), 'the story fetched and shown', 30_000);
      expect(place.story).toContain(AO3.chapters[0]!.word);
      const after = await dump(phone);
      expect(after.stories[0]!.textIn).toBeUndefined();
      const texts = (d: typeof after) => d.chapters.map((c) => `${c.index} ${c.html}`).sort();
      expect(texts(after)).toEqual(texts(await dump(laptop)));
    },
  );
});

describe('the e-reader shelf', () => {
  it('Firefox keeps an OPDS catalog whose EPUBs pass EPUBCheck, plain in an encrypted folder', { timeout: 180_000 }, async () => {
    setOffline(false);
    const folder = await newFolder();
    const fox = await device('firefox', [AO3, FFN]);
    const page = await connectWithoutWaiting(fox, folder, 'Firefox', 'a passphrase of some length', true);
    await until(async () => (await lastSynced(page)) > 0, 'the first sync', 90_000);
    expect(await page.text('.sync-shelf-address')).toContain('slipcase-shelf/catalog.xml');
    const base = `${folder.replace(proxy.url, server.url)}slipcase-shelf/`;
    const get = (path: string) => fetch(`${base}${path}`, { headers: { Authorization: auth } });
    const catalog = new JSDOM(await (await get('catalog.xml')).text(), { contentType: 'application/xml' }).window.document;
    expect(catalog.getElementsByTagName('parsererror')).toHaveLength(0);
    const entries = Array.from(catalog.getElementsByTagName('entry'));
    expect(entries.map((e) => e.getElementsByTagName('title')[0]!.textContent).sort()).toEqual([AO3.title, FFN.title].sort());
    for (const e of entries) {
      const href = Array.from(e.getElementsByTagName('link'))
        .find((l) => l.getAttribute('rel') === 'http://opds-spec.org/acquisition')!
        .getAttribute('href')!;
      expect(decodeURIComponent(href)).toMatch(/ - .+\.epub$/);
      expect(epubcheck(new Uint8Array(await (await get(href)).arrayBuffer()))).toContain('No errors or warnings detected.');
    }
  });
});

describe('sync through one WebDAV folder, with Chrome stopping its service worker', () => {
  it(
    'a first upload goes on when the worker is stopped half way, and another device gets every chapter',
    { timeout: 180_000 },
    async () => {
      setOffline(false);
      const folder = await newFolder();
      const laptop = await device('chromium', SAVES);
      for (let i = 0; i < 60; i++) proxy.add({ method: 'PUT', path: '/blobs/', fault: { kind: 'delay', ms: 300 } });
      const page = await connectWithoutWaiting(laptop, folder, 'Laptop');
      await until(async () => blobPuts(folder) >= 3, 'uploads under way', 60_000);
      const before = blobPuts(folder);
      await laptop.stopServiceWorker!();
      await until(async () => (await lastSynced(page)) > 0, 'the sync finished with the worker stopped', 90_000);
      expect(blobPuts(folder)).toBeGreaterThan(before);
      const phone = await device('chromium', []);
      await connect(phone, folder, 'Phone');
      const texts = (d: Awaited<ReturnType<typeof dump>>) => d.chapters.map((c) => `${c.storyId} ${c.index} ${c.html}`).sort();
      expect(texts(await dump(phone))).toEqual(texts(await dump(laptop)));
    },
  );
});

/** Every file in the folder, as text, walked folder by folder straight from the server. */
async function folderFiles(folder: string): Promise<string[]> {
  const base = folder.replace(proxy.url, server.url);
  const out: string[] = [];
  const walk = async (url: string): Promise<void> => {
    const res = await fetch(url, { method: 'PROPFIND', headers: { Authorization: auth, Depth: '1' } });
    const hrefs = [...(await res.text()).matchAll(/<D:href>([^<]+)<\/D:href>/gi)].map((m) => new URL(m[1]!, url).href);
    for (const href of hrefs) {
      if (href === url) continue;
      if (href.endsWith('/')) await walk(href);
      else out.push(Buffer.from(await (await fetch(href, { headers: { Authorization: auth } })).arrayBuffer()).toString('latin1'));
    }
  };
  await walk(base);
  return out;
}
