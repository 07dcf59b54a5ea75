/**
 * The gate's reading of a page: the story text it estimates without the reader's libraries gives
 * the reader's own estimate, only unrated works are estimated, and the decision follows settings.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RATING_SETTINGS, type RatingSettings } from '../policy';
import { coversPage, judgePage } from '../judge-page';
import { pageStoryText } from '../estimate/story-text';
import { estimateText } from '../estimate/estimate';
import { adapterFor } from '../../sites/registry';
import { readFullPage } from '../../reader/view';
import { parseHtml } from '../../../scripts/lib/html';
import { corpusPages } from '../../../tests/lib/corpus';

const pages = corpusPages();
const load = (name: string) => {
  const page = pages.find((p) => p.name === name)!;
  return { doc: parseHtml(readFileSync(page.htmlPath, 'utf8'), page.expected.url), url: page.expected.url, page };
};

describe('pageStoryText', () => {
  const extracted = pages.filter((p) => p.expected.site !== 'generic' && (p.expected as { pageStoryText?: unknown }).pageStoryText);

  it.each(extracted.map((p) => [p.name] as const))('%s: estimates as the reader does', (name) => {
    const { doc, url } = load(name);
    const u = new URL(url);
    const text = pageStoryText(doc, u, adapterFor(doc, u));
    const reader = readFullPage(doc, url, { content: true });
    expect(text).not.toBeNull();
    expect(estimateText(text!)).toEqual(reader.estimate);
  });

  it('leaves the live page as it was', () => {
    const { doc, url } = load('allaboutspike/pages/fic-562.html');
    const before = doc.documentElement.outerHTML;
    pageStoryText(doc, new URL(url), adapterFor(doc, new URL(url)));
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('reads the cover elements where the adapter finds no story markup', () => {
    const url = 'https://www.fanfiction.net/s/1/1/';
    const doc = parseHtml('<html><body><div id="storycontent"><p>One.</p><p>Two <script>x()</script>words.</p></div></body></html>', url);
    const ffn = adapterFor(doc, new URL(url));
    expect(pageStoryText(doc, new URL(url), { ...ffn, extract: () => null })).toBe('One.\nTwo words.');
  });

  it('is null where there is no story at all', () => {
    const url = 'https://www.fanfiction.net/s/1/1/';
    const doc = parseHtml('<html><body><p>Story Not Found</p></body></html>', url);
    expect(pageStoryText(doc, new URL(url), adapterFor(doc, new URL(url)))).toBeNull();
  });
});

describe('judgePage', () => {
  it('estimates only works the site does not rate', () => {
    const rated = load('ao3/pages/ao3js-works-23824891.html');
    expect(judgePage(rated.doc, rated.url, DEFAULT_RATING_SETTINGS).report.estimate).toBeNull();
    const unrated = load('efiction/pages/viewstory-sid3117-chapter2.html');
    expect(judgePage(unrated.doc, unrated.url, DEFAULT_RATING_SETTINGS).report.estimate?.level).toBe('general');
  });

  it('decides with the reader’s settings', () => {
    const { doc, url } = load('ao3/pages/works-52266019-chapters-132544871-warnings-hidden.html');
    expect(judgePage(doc, url, DEFAULT_RATING_SETTINGS).decision.gate).toBe(false);
    const strict: RatingSettings = { ...DEFAULT_RATING_SETTINGS, limit: 'teen' };
    const j = judgePage(doc, url, strict);
    expect(j.decision.reasons.map((r) => r.text)).toEqual(['Rated Mature — above your limit of Teen']);
    expect(coversPage(j)).toBe(true);
    const hiddenWarnings: RatingSettings = { ...DEFAULT_RATING_SETTINGS, warnings: ['unwarned'] };
    expect(judgePage(doc, url, hiddenWarnings).decision.reasons.map((r) => r.text)).toEqual(['Warnings hidden by the site']);
  });

  it('judges an index page but leaves nothing to cover there', () => {
    const { doc, url } = load('efiction/pages/viewstory-sid3117-index.html');
    const j = judgePage(doc, url, DEFAULT_RATING_SETTINGS);
    expect(j.decision.gate).toBe(true);
    expect(coversPage(j)).toBe(false);
  });
});
