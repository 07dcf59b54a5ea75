/**
 * How the library fetches the rest of a work (src/library/jobs/fetch-plan.ts): nothing when the page holds
 * it all, the site's whole-work view where there is one, else the page's chapter list, else the
 * `next` links; and the way through an adult-content gate.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyPage } from '../jobs/page-copy';
import { adultGateUrl, planStory, type Plan } from '../jobs/fetch-plan';
import { holdsStory } from '../../core/model';
import { parseHtml } from '../../../scripts/lib/html';
import { corpusPages } from '../../../tests/lib/corpus';

const LIBRARY_DIR = join(import.meta.dirname, 'fixtures');
const ROUTES: { url: string; file: string }[] = JSON.parse(readFileSync(join(LIBRARY_DIR, 'routes.json'), 'utf8'));
const STORIES: { story: string; start: string; plan: string }[] = JSON.parse(readFileSync(join(LIBRARY_DIR, 'stories.json'), 'utf8'));

function corpusHtml(name: string): string {
  return readFileSync(corpusPages().find((p) => p.name === name)!.htmlPath, 'utf8');
}

/** A corpus page, loaded at its own URL or another (a query added, as the site would serve it). */
function corpusDoc(name: string, url?: string): { doc: Document; url: string } {
  const page = corpusPages().find((p) => p.name === name)!;
  const at = url ?? page.expected.url;
  return { doc: parseHtml(corpusHtml(name), at), url: at };
}

function plan(name: string, url?: string): Plan {
  const { doc, url: at } = corpusDoc(name, url);
  return planStory(copyPage(doc, at), doc, at);
}

describe('planStory', () => {
  it('AO3 chapter page: one fetch of the Entire Work view', () => {
    expect(plan('ao3/pages/ao3js-works-23824891.html')).toEqual({
      kind: 'whole',
      url: 'https://archiveofourown.org/works/23824891?view_full_work=true',
    });
    // A WIP whose total is unknown ("14/?"), from its second chapter.
    expect(plan('ao3/pages/ao3js-works-17793689-chapters-42035519.html')).toEqual({
      kind: 'whole',
      url: 'https://archiveofourown.org/works/17793689?view_full_work=true',
    });
  });

  it('AO3: the whole work keeps the adult consent the page was reached with, and no other query', () => {
    const url = 'https://archiveofourown.org/works/17793689/chapters/42035519?view_adult=true&show_comments=true#workskin';
    expect(plan('ao3/pages/ao3js-works-17793689-chapters-42035519.html', url)).toEqual({
      kind: 'whole',
      url: 'https://archiveofourown.org/works/17793689?view_full_work=true&view_adult=true',
    });
  });

  it('AO3 one-shot, and the Entire Work view itself: complete', () => {
    expect(plan('ao3/pages/ao3js-works-168768.html')).toEqual({ kind: 'complete' });
    expect(plan('ao3/pages/efictopub-ao3_single_chapter_story.html')).toEqual({ kind: 'complete' });
    const url = 'https://archiveofourown.org/works/23824891?view_full_work=true';
    const doc = parseHtml(readFileSync(join(LIBRARY_DIR, ROUTES.find((r) => r.url === url)!.file), 'utf8'), url);
    expect(planStory(copyPage(doc, url), doc, url)).toEqual({ kind: 'complete' });
  });

  it('AO3 chapter index (navigate): the Entire Work view', () => {
    expect(plan('ao3/pages/ao3js-works-43703871-navigate.html')).toEqual({
      kind: 'whole',
      url: 'https://archiveofourown.org/works/43703871?view_full_work=true',
    });
  });

  it('FanFiction.net chapter 1 of 5: the five chapter pages in order, its own among them', () => {
    expect(plan('ffn/pages/webtoepub-FanFiction.html')).toEqual({
      kind: 'chapters',
      urls: [1, 2, 3, 4, 5].map((n) => `https://www.fanfiction.net/s/1234567/${n}/WebToEpub`),
    });
    expect(plan('ffn/pages/webtoepub-FanFictionSinglePage.html')).toEqual({ kind: 'complete' });
  });

  it('eFiction chapter: the printable story, beside the story’s viewstory.php', () => {
    const mugglenet = plan('efiction/pages/webtoepub-muggleNet.html');
    expect(mugglenet).toEqual({
      kind: 'whole',
      url: 'http://fanfiction.mugglenet.com/viewstory.php?action=printable&textsize=0&sid=123456&chapter=all',
    });
    expect(ROUTES.map((r) => r.url)).toContain((mugglenet as { url: string }).url);
    expect(plan('efiction/pages/viewstory-sid3117-chapter2.html')).toEqual({
      kind: 'whole',
      url: 'https://spikeluver.com/SpuffyRealm/viewstory.php?action=printable&textsize=0&sid=3117&chapter=all',
    });
    expect(plan('efiction/pages/viewstory-sid3117-index.html')).toEqual({
      kind: 'whole',
      url: 'https://spikeluver.com/SpuffyRealm/viewstory.php?action=printable&textsize=0&sid=3117&chapter=all',
    });
  });

  it('eFiction: the printable story keeps the age consent the page was reached with', () => {
    const url = 'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3117&chapter=2&ageconsent=ok&warning=5';
    expect(plan('efiction/pages/viewstory-sid3117-chapter2.html', url)).toEqual({
      kind: 'whole',
      url: 'https://spikeluver.com/SpuffyRealm/viewstory.php?action=printable&textsize=0&sid=3117&chapter=all&ageconsent=ok&warning=5',
    });
  });

  it('eFiction printable story and one-chapter story: complete', () => {
    expect(plan('efiction/pages/viewstory-sid3117-printable-all.html')).toEqual({ kind: 'complete' });
    expect(plan('efiction/pages/webtoepub-muggleNetSinglePage.html')).toEqual({ kind: 'complete' });
  });

  it('Royal Road: walks from a chapter with no chapter list, takes the list from the fiction page or the embedded one', () => {
    expect(plan('royalroad/pages/efictopub-royalroad_chapter_1.html')).toEqual({
      kind: 'walk',
      next: 'https://www.royalroad.com/fiction/555/great-story/chapter/772/chapter-two',
    });
    const chapters = {
      kind: 'chapters',
      urls: [
        'https://www.royalroad.com/fiction/555/great-story/chapter/771/chapter-one',
        'https://www.royalroad.com/fiction/555/great-story/chapter/772/chapter-two',
      ],
    };
    expect(plan('royalroad/pages/efictopub-royalroad_index.html')).toEqual(chapters);

    const name = 'royalroad/pages/efictopub-royalroad_chapter_2.html';
    const listed = corpusHtml(name).replace(
      '</head>',
      `<script>window.chapters = [{"id":771,"title":"Chapter One","order":0,"url":"/fiction/555/great-story/chapter/771/chapter-one"},{"id":772,"title":"Chapter Two","order":1,"url":"/fiction/555/great-story/chapter/772/chapter-two"}];</script></head>`,
    );
    const url = corpusPages().find((p) => p.name === name)!.expected.url;
    const doc = parseHtml(listed, url);
    expect(planStory(copyPage(doc, url), doc, url)).toEqual(chapters);
  });

  it('a forum reader page: walks the reader pages of the threadmark categories the reader saves', () => {
    const base = 'https://forums.spacebattles.com/threads/my-great-story.555/';
    // The page offers Threadmarks (1), Informational (19) and Staff Post (7).
    expect(plan('xenforo/pages/efictopub-spacebattles_thread_reader_1.html')).toEqual({ kind: 'runs', starts: [`${base}reader/`] });
    const name = 'xenforo/pages/efictopub-spacebattles_thread_reader_1.html';
    const url = corpusPages().find((p) => p.name === name)!.expected.url;
    const doc = parseHtml(corpusHtml(name), url);
    expect(planStory(copyPage(doc, url), doc, url, ['informational', 'story', 'other'])).toEqual({
      kind: 'runs',
      starts: [`${base}reader/`, `${base}reader/page-1?threadmark_category=19`, `${base}reader/page-1?threadmark_category=7`],
    });
    // A board without threadmark categories: the plain walk.
    const bare = corpusHtml(name).replace(/menuTrigger/g, 'menu-trigger');
    const bareDoc = parseHtml(bare, url);
    expect(planStory(copyPage(bareDoc, url), bareDoc, url)).toEqual({ kind: 'runs', starts: [`${base}reader/`] });
  });

  it('a forum thread page: the threadmarked posts come from the reader pages, never the replies', () => {
    const base = 'https://forums.sufficientvelocity.com/threads/the-cartographers-apprentice.118204/';
    const name = 'xenforo/pages/sufficientvelocity-the-cartographers-apprentice-118204-thread-page-17.html';
    expect(plan(name)).toEqual({ kind: 'runs', starts: [`${base}reader/`, `${base}reader/page-1?threadmark_category=13`] });
    const url = corpusPages().find((p) => p.name === name)!.expected.url;
    const doc = parseHtml(corpusHtml(name), url);
    expect(planStory(copyPage(doc, url), doc, url, ['informational'])).toEqual({
      kind: 'runs',
      starts: [`${base}reader/page-1?threadmark_category=4`],
    });
  });

  it('gives each library story the plan its ground truth names', () => {
    for (const s of STORIES) {
      const page = corpusPages().find((p) => p.expected.url === s.start)!;
      expect(plan(page.name).kind, s.story).toBe(s.plan);
    }
  });

  it.each(
    corpusPages()
      .filter((p) => holdsStory(p.expected.kind))
      .map((p) => [p.name, p] as const),
  )(
    '%s: a plan that fetches what the page does not hold',
    (_name, page) => {
      const doc = parseHtml(readFileSync(page.htmlPath, 'utf8'), page.expected.url);
      const copy = copyPage(doc, page.expected.url);
      const p = planStory(copy, doc, page.expected.url);
      if (p.kind === 'chapters') {
        expect(p.urls, 'all of the work’s chapters, this one too').toContain(copy.chapters[0]!.url);
        expect(new Set(p.urls).size).toBe(p.urls.length);
      }
      if (p.kind === 'whole') expect(p.url).not.toBe(page.expected.url);
      if (p.kind === 'walk') expect(p.next).toBe(copy.nav.next);
      if (p.kind === 'complete') expect(copy.nav.next).toBeNull();
    },
    30_000,
  );
});

describe('adultGateUrl', () => {
  it.each(corpusPages().map((p) => [p.name, p] as const))(
    '%s',
    (_name, page) => {
      const doc = parseHtml(readFileSync(page.htmlPath, 'utf8'), page.expected.url);
      expect(adultGateUrl(doc, page.expected.url)).toBe(page.expected.gateContinue ?? null);
    },
    30_000,
  );

  it('AO3: the gate in front of the Entire Work view leads to the Entire Work view', () => {
    const { doc, url } = corpusDoc(
      'ao3/pages/works-41877321-adult-gate.html',
      'https://archiveofourown.org/works/41877321?view_full_work=true',
    );
    expect(adultGateUrl(doc, url)).toBe('https://archiveofourown.org/works/41877321?view_full_work=true&view_adult=true');
  });

  it('eFiction: the gate in front of the printable story leads to the printable story', () => {
    const printable = 'https://spikeluver.com/SpuffyRealm/viewstory.php?action=printable&textsize=0&sid=3117&chapter=all';
    const { doc, url } = corpusDoc('efiction/pages/viewstory-sid3117-gate.html', printable);
    expect(adultGateUrl(doc, url)).toBe(`${printable}&ageconsent=ok&warning=5`);
  });

  it('a login wall is not an adult gate', () => {
    const { doc, url } = corpusDoc('ao3/pages/ao3js-works-15461226-restricted.html');
    expect(copyPage(doc, url).report.kind).toBe('gate');
    expect(adultGateUrl(doc, url)).toBeNull();
  });
});
