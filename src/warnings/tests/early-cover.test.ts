/**
 * The early cover: which selectors apply where, the style they make, and, over the corpus, that
 * on every known archive the cover hides the whole story text and every listing entry.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coverCss, coverSelectors, manifestCoverCss, matchesPattern, SHOWN_ATTRIBUTE, siteCover } from '../early-cover';
import { coverByManifest } from '../ui/live-cover';
import { SITES } from '../../sites/registry';
import { parseHtml } from '../../../scripts/lib/html';
import { corpusPages } from '../../../tests/lib/corpus';

describe('matchesPattern', () => {
  it.each([
    ['*://archiveofourown.org/*', 'https://archiveofourown.org/works/1', true],
    ['*://archiveofourown.org/*', 'http://archiveofourown.org/', true],
    ['*://archiveofourown.org/*', 'ftp://archiveofourown.org/x', false],
    ['*://archiveofourown.org/*', 'https://www.archiveofourown.org/works/1', false],
    ['*://*.archiveofourown.org/*', 'https://www.archiveofourown.org/works/1', true],
    ['*://*.archiveofourown.org/*', 'https://archiveofourown.org/works/1', true],
    ['*://*.archiveofourown.org/*', 'https://notarchiveofourown.org/works/1', false],
    ['*://spikeluver.com/SpuffyRealm/*', 'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=1', true],
    ['*://spikeluver.com/SpuffyRealm/*', 'https://spikeluver.com/other/viewstory.php?sid=1', false],
    ['https://example.org/a*b', 'https://example.org/a-x-b', true],
    ['https://example.org/a*b', 'http://example.org/a-x-b', false],
    ['not a pattern', 'https://example.org/', false],
  ])('%s on %s → %s', (pattern, url, expected) => {
    expect(matchesPattern(pattern, new URL(url))).toBe(expected);
  });
});

describe('coverSelectors', () => {
  it('names the story text and listing entries of the adapter whose hosts the address is on', () => {
    expect(coverSelectors(new URL('https://archiveofourown.org/works/1'), SITES)).toEqual(['#workskin', 'li.blurb']);
    expect(coverSelectors(new URL('https://www.fanfiction.net/s/1/1/'), SITES)).toEqual(['#storytext', '#storycontent', 'div.z-list']);
    expect(coverSelectors(new URL('https://spikeluver.com/SpuffyRealm/browse.php?type=recent'), SITES)).toEqual([
      '#story',
      'div.chapter',
      'div.listbox',
    ]);
    expect(coverSelectors(new URL('http://www.allaboutspike.com/fic.html?id=562'), SITES)).toEqual(['body']);
  });

  it('is empty where Slipcase does not run by itself', () => {
    expect(coverSelectors(new URL('http://members.tripod.com/velvet_dusk/fics/heatwave_story.html'), SITES)).toEqual([]);
    expect(coverSelectors(new URL('https://spikeluver.com/elsewhere/viewstory.php?sid=1'), SITES)).toEqual([]);
  });

  it('every adapter with hosts declares what to cover', () => {
    for (const site of SITES) if (site.hosts.length) expect(site.cover.length, site.id).toBeGreaterThan(0);
  });
});

describe('coverCss', () => {
  it('hides the elements and their subtree, outranking the site’s own rules, in the browser’s cascade', () => {
    const doc = parseHtml(
      `<html><head><style>#workskin p.shown { visibility: visible !important; opacity: 1 !important }</style></head>
       <body><p id="before">Site chrome</p><div id="workskin"><p class="shown">Story <em>text</em></p></div></body></html>`,
      'https://archiveofourown.org/works/1',
    );
    const style = doc.createElement('style');
    style.textContent = coverCss(['#workskin']);
    doc.documentElement.prepend(style);
    const win = doc.defaultView!;
    const seen = (sel: string) => win.getComputedStyle(doc.querySelector(sel)!);
    expect(seen('#workskin').visibility).toBe('hidden');
    expect(seen('#workskin').opacity).toBe('0');
    expect(seen('#workskin p.shown').visibility).toBe('hidden');
    expect(seen('#workskin em').visibility).toBe('hidden');
    expect(seen('#before').visibility).toBe('visible');
  });

  it('is nothing for nothing to cover', () => {
    expect(coverCss([])).toBe('');
  });
});

describe("a site's manifest cover", () => {
  const ao3 = SITES.find((s) => s.id === 'ao3')!;
  /** An AO3 work page under the manifest's style, the site's own rules trying to show the text. */
  function page() {
    const doc = parseHtml(
      `<html><head><style>#workskin p.shown { visibility: visible !important; opacity: 1 !important }</style></head>
       <body><p id="before">Site chrome</p><div id="workskin"><p class="shown">Story <em>text</em></p></div></body></html>`,
      'https://archiveofourown.org/works/1',
    );
    const style = doc.createElement('style');
    style.textContent = manifestCoverCss(ao3);
    doc.documentElement.prepend(style);
    const seen = (sel: string) => doc.defaultView!.getComputedStyle(doc.querySelector(sel)!).visibility;
    return { doc, seen };
  }

  it('covers the story text until the gate marks the root, and again when it is unmarked', () => {
    const { doc, seen } = page();
    const cover = coverByManifest(doc, siteCover(ao3));
    expect([seen('#workskin'), seen('#workskin em'), seen('#before')]).toEqual(['hidden', 'hidden', 'visible']);
    expect(cover.covering()).toBe(true);

    cover.lift();
    expect(doc.documentElement.hasAttribute(SHOWN_ATTRIBUTE)).toBe(true);
    expect([seen('#workskin'), seen('#workskin em')]).toEqual(['visible', 'visible']);
    expect(cover.covering()).toBe(false);

    cover.restore();
    expect(seen('#workskin em')).toBe('hidden');
    expect(cover.covering()).toBe(true);
  });

  it('pins the cover inline, where a page dropping the mark cannot show the text, and puts the page back on lifting', () => {
    const { doc, seen } = page();
    const cover = coverByManifest(doc, siteCover(ao3));
    cover.pin();
    doc.documentElement.setAttribute(SHOWN_ATTRIBUTE, '');
    expect(seen('#workskin')).toBe('hidden');

    cover.lift();
    expect(seen('#workskin')).toBe('visible');
    expect(doc.querySelector('#workskin')!.getAttribute('style') ?? '').toBe('');
  });

  it.each(SITES.filter((s) => s.hosts.length).map((s) => [s.id, s] as const))(
    "%s: every cover selector is a single one, so the manifest's scope reaches all of it",
    (_id, site) => {
      for (const selector of siteCover(site)) {
        // A comma outside parentheses and brackets would make it a list.
        expect(selector).not.toMatch(/,(?![^([]*[)\]])/);
      }
    },
  );
});

/** The corpus pages on hosts the content script runs on by itself. */
const onKnownHosts = corpusPages().filter((p) => coverSelectors(new URL(p.expected.url), SITES).length > 0);

/** Text without whitespace: textContent runs blocks together, so words are compared as runs of letters. */
const bare = (s: string) => s.replace(/\s+/g, '');

function covered(doc: Document, url: string): string {
  const els = coverSelectors(new URL(url), SITES).flatMap((s) => Array.from(doc.querySelectorAll(s)));
  return bare(els.map((e) => e.textContent ?? '').join(''));
}

describe('the cover over the corpus', () => {
  const withText = onKnownHosts.filter((p) => (p.expected as { storyText?: unknown }).storyText);

  it.each(withText.map((p) => [p.name, p] as const))('%s: the story text is inside the cover', (_n, page) => {
    const st = (page.expected as unknown as { storyText: { first: string; last: string } }).storyText;
    const doc = parseHtml(readFileSync(page.htmlPath, 'utf8'), page.expected.url);
    const text = covered(doc, page.expected.url);
    expect(text).toContain(bare(st.first));
    expect(text).toContain(bare(st.last));
  });

  it('covers story pages on every known archive in the corpus', () => {
    // Every site with hosts of its own has story pages among those checked above.
    expect(new Set(withText.map((p) => p.expected.site))).toEqual(new Set(SITES.filter((s) => s.hosts.length > 0).map((s) => s.id)));
  });
});
