/**
 * Listing entries: the AO3, FanFiction.net and eFiction blurb readers, and which entries the
 * gate folds with the default settings.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RATING_SETTINGS, storyKey } from '../policy';
import { detectPage } from '../../core/page';
import { judgeBlurbs } from '../judge-page';
import { countFolds, describeFolds } from '../fold-count';
import { ao3 } from '../../sites/ao3/ao3';
import { ffn } from '../../sites/ffn/ffn';
import { efiction } from '../../sites/efiction/efiction';
import type { SiteAdapter } from '../../sites/types';
import { parseHtml } from '../../../scripts/lib/html';
import { corpusPages } from '../../../tests/lib/corpus';

function fixture(name: string) {
  const page = corpusPages().find((p) => p.name === name)!;
  return { doc: parseHtml(readFileSync(page.htmlPath, 'utf8'), page.expected.url), url: page.expected.url };
}

function readAll(adapter: SiteAdapter, doc: Document, url: string) {
  const reader = adapter.blurbs!;
  return Array.from(doc.querySelectorAll(reader.selector)).flatMap((el) => {
    const b = reader.read(el, new URL(url));
    return b ? [b] : [];
  });
}

describe('AO3 blurbs', () => {
  const { doc, url } = fixture('ao3/pages/tags-buffy-summers-spike-works-page1071.html');
  const blurbs = readAll(ao3, doc, url);

  it('reads every work on a tag listing', () => {
    expect(blurbs.map((b) => [b.info.title, b.info.rating.level, b.url])).toEqual([
      ['Ledger of Small Mercies', 'mature', 'https://archiveofourown.org/works/52266019'],
      ['Sunrise, Eventually', 'general', 'https://archiveofourown.org/works/52101177'],
      ['The Weight of a Soul', 'teen', 'https://archiveofourown.org/works/51877340'],
      ['Velvet and Ash', 'explicit', 'https://archiveofourown.org/works/51733902'],
      ['Small Hours', 'unknown', 'https://archiveofourown.org/works/51699514'],
      ['Ash Wednesday', 'mature', 'https://archiveofourown.org/works/51540028'],
      ['Paper Moon', 'teen', 'https://archiveofourown.org/works/51402211'],
      ['Debts', 'explicit', 'https://archiveofourown.org/works/51299960'],
    ]);
  });

  it('reads an entry as the adult-content notice reads the same blurb', () => {
    const first = blurbs[0]!.info;
    expect(first).toMatchObject({
      kind: 'index',
      author: 'quietcartographer',
      fandoms: ['Buffy the Vampire Slayer (TV)'],
      rating: { level: 'mature', label: 'Mature', source: 'site' },
      warnings: ['Creator Chose Not To Use Archive Warnings'],
      words: 9873,
    });
    expect(first.tags).toEqual(['Buffy Summers/Spike', 'Buffy Summers', 'Spike (Buffyverse)', 'Rupert Giles', 'Slow Burn', 'Magic Box']);
    expect(first.summary).toMatch(/^Buffy counts things when she can't sleep/);
    const gate = fixture('ao3/pages/works-41877321-adult-gate.html');
    const [own] = readAll(ao3, gate.doc, gate.url);
    expect({ ...own!.info, kind: 'gate' }).toEqual(ao3.read(gate.doc, new URL(gate.url)));
  });

  it('folds no "Not Rated" work by default: a blurb is too short to estimate; the reader may choose to', () => {
    const folded = (s = DEFAULT_RATING_SETTINGS) => judgeBlurbs(doc, url, s).filter((j) => j.decision.gate);
    expect(folded().map((j) => j.report.title)).toEqual(['Velvet and Ash', 'Debts']);
    const chosen = folded({ ...DEFAULT_RATING_SETTINGS, foldUnrated: true });
    expect(chosen.map((j) => j.report.title)).toEqual(['Velvet and Ash', 'Small Hours', 'Debts']);
    expect(chosen[1]!.decision.reasons.map((r) => r.text)).toEqual(['Unrated (site: Not Rated), with no text to estimate']);
    // A warning the reader chose still folds an unrated entry.
    const warned = judgeBlurbs(doc, url, { ...DEFAULT_RATING_SETTINGS, warnings: ['unwarned'] }).find(
      (j) => j.report.title === 'Small Hours',
    )!;
    expect(warned.decision.reasons.map((r) => r.kind)).toEqual(['warning']);
  });

  it('counts the folded entries and why, for the popup', () => {
    const decisions = judgeBlurbs(doc, url, { ...DEFAULT_RATING_SETTINGS, warnings: ['death'] }).map((j) => j.decision);
    expect(countFolds(decisions)).toEqual({
      works: 8,
      folded: 3,
      reasons: [
        { label: 'past your rating limit', count: 2 },
        { label: 'Major Character Death', count: 1 },
      ],
    });
    expect(describeFolds(countFolds(decisions))).toBe('3 of 8 works folded: 2 past your rating limit, 1 Major Character Death');
    expect(describeFolds(countFolds(decisions.slice(1, 3)))).toBe('0 of 2 works folded');
  });

  it('leaves out entries that are not a work', () => {
    const d = parseHtml(
      `<html><body><div id="main"><ol class="series index group"><li class="series blurb group">
        <div class="header module"><h4 class="heading"><a href="/series/1">A Series</a></h4>
        <ul class="required-tags"><li><span class="rating-explicit rating" title="Explicit"></span></li></ul></div>
      </li></ol></div></body></html>`,
      'https://archiveofourown.org/users/x/series',
    );
    expect(readAll(ao3, d, 'https://archiveofourown.org/users/x/series')).toEqual([]);
  });
});

/** A FanFiction.net browse page as it renders (markup of the live site's div.z-list entries). */
const FFN_BROWSE = `<html><body><div id="content_wrapper_inner">
<div class="z-list zhover zpointer " style="min-height:77px;border-bottom:1px #cdcdcd solid;"><a class="stitle" href="/s/13321573/1/Doing-Hermione-a-Favour"><img class="lazy cimage" width="50" height="66">Doing Hermione a Favour</a>  by <a href="/u/12441042/RagingHero">RagingHero</a>  <a class="reviews" href="/r/13321573/">reviews</a>
<div class="z-indent z-padtop">Hermione needs to go back home quickly at the start of 'Order of the Phoenix', and asks Tonks to take her place that day.<div class="z-padtop2 xgray">Rated: T - English - Adventure/Romance - Chapters: 1 - Words: 4,270 - Reviews: 4 - Favs: 5 - Follows: 5 - Published: <span data-xutime="1561545884">4h</span> - Harry P., Hermione G., N. Tonks, Daphne G. - Complete</div></div></div>
<div class="z-list zhover zpointer " style="min-height:77px;border-bottom:1px #cdcdcd solid;"><a class="stitle" href="/s/7654321/1/Night-Shift">Night Shift</a>  by <a href="/u/1/tester">tester</a>
<div class="z-indent z-padtop">Two nurses, one ward, no sleep.<div class="z-padtop2 xgray">Crossover - Harry Potter &amp; Bleach - Rated: M - English - Romance/Angst - Chapters: 12 - Words: 48,010 - Reviews: 90 - Updated: <span data-xutime="1561545884">Jun 1</span> - Published: <span data-xutime="1461545884">Apr 25, 2016</span></div></div></div>
</div></body></html>`;

describe('FanFiction.net blurbs', () => {
  const url = 'https://www.fanfiction.net/book/Harry-Potter/';
  const doc = parseHtml(FFN_BROWSE, url);

  it('reads title, author, rating, words, genres, characters and summary', () => {
    const [first, second] = readAll(ffn, doc, url);
    expect(first).toEqual({
      url: 'https://www.fanfiction.net/s/13321573/1/Doing-Hermione-a-Favour',
      posted: 1,
      info: expect.objectContaining({
        kind: 'index',
        title: 'Doing Hermione a Favour',
        author: 'RagingHero',
        rating: { level: 'teen', label: 'T', source: 'site' },
        words: 4270,
        tags: ['Adventure', 'Romance', 'Harry P.', 'Hermione G.', 'N. Tonks', 'Daphne G.'],
        summary:
          "Hermione needs to go back home quickly at the start of 'Order of the Phoenix', and asks Tonks to take her place that day.",
      }),
    });
    // Crossovers name their fandoms before the rating.
    expect(second!.info).toMatchObject({
      title: 'Night Shift',
      rating: { level: 'mature', label: 'M' },
      tags: ['Romance', 'Angst'],
      words: 48010,
    });
  });

  it('is judged on the listing; nothing there crosses the default limit', () => {
    const judged = judgeBlurbs(doc, url, DEFAULT_RATING_SETTINGS);
    expect(judged.map((j) => j.decision.gate)).toEqual([false, false]);
    const strict = judgeBlurbs(doc, url, { ...DEFAULT_RATING_SETTINGS, limit: 'teen', tags: ['tonks'] });
    expect(strict.map((j) => j.decision.reasons.map((r) => r.text))).toEqual([
      ['Tag: N. Tonks (matches your “tonks”)', 'Summary: “Tonks”'],
      ['Rated Mature (site: M) — above your limit of Teen'],
    ]);
  });
});

describe('eFiction blurbs', () => {
  const { doc, url } = fixture('efiction/pages/browse-recent.html');
  const blurbs = readAll(efiction, doc, url);

  it('reads each story block, the age-consent links back to the story', () => {
    expect(blurbs.map((b) => [b.info.title, b.info.author, b.info.rating.label, b.url])).toEqual([
      ['Salt and Vinegar', 'kitkat_lantern', 'PG-13', 'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3121'],
      ["The Cartographer's Daughter", 'Ysolde', 'R', 'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3120'],
      ['Tuesdays', 'Wren Halloway', 'NC-17', 'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3119'],
      ['Ghosts of Crawford Street', 'penny_dreadful', 'PG', 'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3118'],
      ['Borrowed Light', 'Wren Halloway', 'NC-17', 'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3117'],
      ['A Field Guide to Minor Demons', 'hobnail', 'G', 'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3116'],
      ['Bloodlines', "Morrigan's Crow", 'NC-17', 'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3115'],
      ['Quiet Hours', 'kitkat_lantern', 'PG-13', 'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3114'],
    ]);
    expect(blurbs[4]!.info).toMatchObject({
      warnings: ['Adult Language', 'Sexual Situations', 'Violence'],
      summary: 'The summer after Grave, Buffy works nights and Spike keeps turning up on Tuesdays. Nobody is calling it anything.',
      words: 765,
    });
  });

  it('folds the NC-17 stories with the default settings, and only those', () => {
    const gated = judgeBlurbs(doc, url, DEFAULT_RATING_SETTINGS).filter((j) => j.decision.gate);
    expect(gated.map((j) => j.report.title)).toEqual(['Tuesdays', 'Borrowed Light', 'Bloodlines']);
    expect(gated[0]!.decision.reasons.map((r) => r.text)).toEqual(['Rated Explicit (site: NC-17) — above your limit of Mature']);
    // The blurb's key is the story's: an exception made on the story page lets its entry through.
    const chapter = fixture('efiction/pages/viewstory-sid3117-chapter2.html');
    const key = storyKey(detectPage(chapter.doc, chapter.url));
    const allowed = judgeBlurbs(doc, url, { ...DEFAULT_RATING_SETTINGS, exceptions: { stories: [key], authors: [], sites: [] } }).find(
      (j) => j.report.title === 'Borrowed Light',
    )!;
    expect(allowed.decision).toMatchObject({ gate: false, allowedBy: 'story' });
  });
});
