/**
 * Saving an AO3 series as one batch in the built extension, in real Chromium and Firefox: the
 * series page and its three one-chapter works served at their real URLs, "Save all 3 stories" in
 * the popup, and the library then holds the three works, saved one after another in series order,
 * each with its part.
 */
import { describe, expect, it } from 'vitest';
import { until } from '../lib/wait';
import { BROWSERS } from './lib/launch';
import { dump, freshBrowserEach } from './lib/library';
import { corpusBody, serve } from './lib/routes';

const SERIES = 'https://archiveofourown.org/series/2196';
const WORKS = [
  { id: '61000101', title: 'The First Ledger' },
  { id: '61000202', title: 'A Second Accounting' },
  { id: '61000303', title: 'Third & Last' },
];
const workUrl = (id: string) => `https://archiveofourown.org/works/${id}`;

/** The series page with its three works on one page (the corpus page links a second), all rated General. */
function seriesPage(): string {
  return corpusBody(SERIES)
    .replace(/<li class="next">.*?<\/li>/g, '<li class="next"><span class="disabled">Next →</span></li>')
    .replaceAll(
      '<span class="rating-mature rating" title="Mature"><span class="text">Mature</span>',
      '<span class="rating-general-audience rating" title="General Audiences"><span class="text">General Audiences</span>',
    );
}

/** A one-chapter AO3 work with this id and title. */
function workPage(id: string, title: string): string {
  return corpusBody('https://archiveofourown.org/works/235')
    .replaceAll('Single-Chapter Story', title.replace('&', '&amp;'))
    .replaceAll('/works/235', `/works/${id}`);
}

const page = (body: string) => ({ status: 200, contentType: 'text/html; charset=utf-8', body });

describe.each(BROWSERS)('%s', (browserName) => {
  const browser = freshBrowserEach(browserName);

  it('saves all the works of an AO3 series from the popup, in series order', async () => {
    const driver = browser();
    const unserve = [serve(SERIES, page(seriesPage())), ...WORKS.map((w) => serve(workUrl(w.id), page(workPage(w.id, w.title))))];
    try {
      const { tabId, page: tab } = await driver.openPage(SERIES);
      const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
      await until(async () => (await popup.count('.save-batch-all')) > 0, 'the batch save button', 30_000);
      expect(await popup.text('.save-batch-all')).toBe('Save all 3 stories');
      expect(await popup.count('.save-batch-new')).toBe(0);
      const before = driver.proxyRequests.length;
      await popup.click('.save-batch-all');
      await until(async () => (await popup.count('.job-outcome.job-done')) > 0, 'the series to be saved', 90_000);
      expect(await popup.text('.job-outcome')).toBe('Saved 3 of 3 stories.');
      await popup.close();
      await tab.close();

      // Only the works were fetched (the series page came from the open tab), one at a time, in order.
      const asked = driver.proxyRequests
        .slice(before)
        .filter((r) => !r.speculative && r.url.startsWith('https://archiveofourown.org/works/'));
      expect(asked.map((r) => r.url)).toEqual(WORKS.map((w) => workUrl(w.id)));
      for (let i = 1; i < asked.length; i++) expect(asked[i]!.at - asked[i - 1]!.at).toBeGreaterThanOrEqual(950);

      const library = await dump(driver);
      const saved = [...library.stories].sort((a, b) => a.savedAt - b.savedAt);
      expect(saved.map((s) => s.title)).toEqual(WORKS.map((w) => w.title));
      expect(saved.map((s) => (s.meta as { series?: unknown }).series)).toEqual(
        WORKS.map((_, i) => ({ title: 'Small Mercies', url: SERIES, part: i + 1 })),
      );
      const cards = await driver.openExtensionPage('options.html#library');
      await until(async () => (await cards.count('.card-series')) === 3, 'the series parts on the cards', 30_000);
      const parts = await cards.evaluate(
        () => Array.from(document.querySelectorAll('.card-series'), (e) => e.textContent ?? ''),
        undefined,
      );
      expect(parts.sort()).toEqual([1, 2, 3].map((n) => `Part ${n} of Small Mercies`));
      await cards.close();
    } finally {
      unserve.forEach((u) => u());
    }
  }, 180_000);
});
