/**
 * Private offline reading, in the built extension in real Chromium and Firefox: a saved story's
 * remote image (a picture its host could count readers by) is not fetched when the story is read offline; the reader sees a
 * placeholder that would open it only if they chose to.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { until } from '../lib/wait';
import { SCREENSHOT_DIR } from './lib/build';
import { BROWSERS } from './lib/launch';
import { AAS, dump, findAlone, freshBrowserEach, openOffline, pageRequests, saveFromPopup } from './lib/library';
import { corpusBody, serve, setOffline } from './lib/routes';

/** A picture in the story from another host (a 1x1 pixel is dropped before saving, src/reader/images.ts). */
const PIXEL = 'https://tracker.example/illustration.png';
const TRACKER = new URL(PIXEL).host;
/** A request the test makes from the reader page once the story is shown: see below. */
const PROBE = 'https://probe.example/after-render';

/** The All About Spike story with a picture from another host before its first paragraph. */
const TRACKED_PAGE = corpusBody(AAS.start).replace(
  "<p>It's the seedy diners",
  `<p><img src="${PIXEL}" width="400" height="300" alt=""></p><p>It's the seedy diners`,
);

describe.each(BROWSERS)('%s', (browserName) => {
  const browser = freshBrowserEach(browserName);

  it('offline, a saved story’s remote image is a placeholder, and its host hears nothing', async () => {
    const driver = browser();
    const unserve = serve(AAS.start, { status: 200, contentType: 'text/html; charset=utf-8', body: TRACKED_PAGE });
    try {
      await saveFromPopup(driver, AAS);
    } finally {
      unserve();
    }
    // The saved chapter holds the picture itself: only the offline reader keeps it from loading.
    expect((await dump(driver)).chapters.map((c) => c.html).join()).toContain(`src="${PIXEL}"`);

    setOffline(true);
    const before = driver.proxyRequests.length;
    const library = await driver.openExtensionPage('options.html#library');
    try {
      const { href } = await findAlone(library, AAS.chapters[0]!.word, AAS.start);
      const { reader, place } = await openOffline(driver, href);
      expect(place.story).toContain(AAS.chapters[0]!.word);
      const link = `.story a[href="${PIXEL}"]`;
      expect(await reader.text(link)).toBe('Image: illustration.png — open');
      expect(
        await reader.evaluate((selector: string) => {
          const a = document.querySelector(selector)!;
          return { target: a.getAttribute('target'), rel: a.getAttribute('rel'), images: document.querySelectorAll('img').length };
        }, link),
      ).toEqual({ target: '_blank', rel: 'noopener noreferrer nofollow', images: 0 });
      await reader.screenshot(join(SCREENSHOT_DIR, `${browserName}-library-image-placeholder.png`));

      // The page's resource timing lists every request it made, failed ones too: Chromium's page
      // routing answers the extension's pages, so the proxy never sees those (Chromium even lists
      // an image its CSP blocked, so there this checks the placeholder, not just the CSP). A probe
      // made now, after the story is shown, is listed once it is answered: by then the page's own
      // requests are listed too, and the proxy has seen what reached it.
      await reader.evaluate(
        (url: string) =>
          fetch(url).then(
            () => undefined,
            () => undefined,
          ),
        PROBE,
      );
      const made = await until(async () => {
        const urls = await pageRequests(reader);
        return urls.includes(PROBE) ? urls : null;
      }, 'the probe in the reader page’s resource timing');
      expect(made.filter((url) => new URL(url).host === TRACKER)).toEqual([]);
      expect(driver.proxyRequests.slice(before).filter((r) => new URL(r.url).host === TRACKER)).toEqual([]);
      await reader.close();
    } finally {
      await library.close();
    }
  }, 120_000);
});
