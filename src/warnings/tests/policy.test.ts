import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Estimate, PageReport, RatingLevel } from '../../core/model';
import { emptyInfo } from '../../core/model';
import {
  DEFAULT_RATING_SETTINGS,
  authorKeys,
  decide,
  siteKey,
  storyKey,
  warningCategories,
  type RatingLimit,
  type RatingSettings,
  type WarningCategory,
} from '../policy';
import { detectPage } from '../../core/page';
import { readFullPage } from '../../reader/view';
import { estimateText } from '../estimate/estimate';
import { parseHtml } from '../../../scripts/lib/html';
import { corpusPages } from '../../../tests/lib/corpus';

function report(over: Partial<PageReport> = {}): PageReport {
  return {
    ...emptyInfo('chapter'),
    url: 'https://archiveofourown.org/works/123/chapters/456',
    site: 'ao3',
    title: 'A Work',
    author: 'someone',
    estimate: null,
    content: null,
    ...over,
  };
}

const settings = (over: Partial<RatingSettings> = {}): RatingSettings => ({ ...DEFAULT_RATING_SETTINGS, warnings: [], ...over });

const LABELS: Record<Exclude<RatingLevel, 'unknown'>, string> = {
  general: 'General Audiences',
  teen: 'Teen And Up Audiences',
  mature: 'Mature',
  explicit: 'Explicit',
};
const LEVELS = Object.keys(LABELS) as RatingLimit[];

describe('rating against the limit', () => {
  const table = LEVELS.flatMap((level) => LEVELS.map((limit) => [level, limit, LEVELS.indexOf(level) > LEVELS.indexOf(limit)] as const));

  it.each(table)('rated %s with limit %s → gate %s', (level, limit, gate) => {
    const r = report({ rating: { level, label: LABELS[level], source: 'site' } });
    const d = decide(r, settings({ limit }));
    expect(d.gate).toBe(gate);
    expect(d.reasons.map((x) => x.kind)).toEqual(gate ? ['rating'] : []);
  });

  it('names the site’s own label when it differs from the level', () => {
    const r = report({
      site: 'efiction',
      url: 'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=1',
      rating: { level: 'explicit', label: 'NC-17', source: 'site' },
    });
    expect(decide(r, settings()).reasons).toEqual([
      { kind: 'rating', text: 'Rated Explicit (site: NC-17) — above your limit of Mature', short: 'past your Mature limit', why: [] },
    ]);
    const ao3 = report({ rating: { level: 'explicit', label: 'Explicit', source: 'site' } });
    expect(decide(ao3, settings()).reasons[0]!.text).toBe('Rated Explicit — above your limit of Mature');
    const teen = report({ rating: { level: 'teen', label: 'Teen And Up Audiences', source: 'site' } });
    expect(decide(teen, settings({ limit: 'general' })).reasons[0]!.text).toBe(
      'Rated Teen (site: Teen And Up Audiences) — above your limit of General',
    );
  });

  it('warns on Explicit only by default', () => {
    expect(DEFAULT_RATING_SETTINGS.limit).toBe('mature');
    expect(decide(report({ rating: { level: 'mature', label: 'Mature', source: 'site' } }), DEFAULT_RATING_SETTINGS).gate).toBe(false);
    expect(decide(report({ rating: { level: 'explicit', label: 'Explicit', source: 'site' } }), DEFAULT_RATING_SETTINGS).gate).toBe(true);
  });

  it('never judges pages that show no work', () => {
    for (const kind of ['listing', 'none', 'error'] as const) {
      const r = report({ kind, rating: { level: 'explicit', label: 'Explicit', source: 'site' }, warnings: ['Rape/Non-Con'] });
      expect(decide(r, DEFAULT_RATING_SETTINGS)).toEqual({ gate: false, reasons: [] });
    }
  });
});

describe('warnings', () => {
  it.each([
    ['Graphic Depictions Of Violence', ['violence']],
    ['Major Character Death', ['death']],
    ['Rape/Non-Con', ['noncon']],
    ['Underage', ['underage']],
    ['Underage Sex', ['underage']],
    ['Creator Chose Not To Use Archive Warnings', ['unwarned']],
    ['No Archive Warnings Apply', []],
    ['Violence', ['violence']],
    ['Graphic Violence', ['violence']],
    ['Mild Violence', []],
    ['Torture', ['violence']],
    ['Character Death', ['death']],
    ['Minor Character Death', []],
    ['Non-Con', ['noncon']],
    ['Noncon', ['noncon']],
    ['Dub-Con', ['noncon']],
    ['Dubious Consent', ['noncon']],
    ['Author Chose Not To Warn', ['unwarned']],
    ['Choose Not To Warn', ['unwarned']],
    ['Violence/Character Death', ['violence', 'death']],
    ['Adult Language', []],
    ['Sexual Situations', []],
    ['Deathly Hallows Spoilers', []],
  ])('%s → %j', (warning, categories) => expect(warningCategories(warning)).toEqual(categories));

  const CASES: [WarningCategory, string][] = [
    ['violence', 'Graphic Depictions Of Violence'],
    ['death', 'Major Character Death'],
    ['noncon', 'Rape/Non-Con'],
    ['underage', 'Underage Sex'],
    ['unwarned', 'Creator Chose Not To Use Archive Warnings'],
  ];
  const general = { level: 'general', label: 'General Audiences', source: 'site' } as const;

  it.each(CASES)('warns on %s when chosen, not otherwise', (category, warning) => {
    const r = report({ rating: general, warnings: [warning, 'Something Else'] });
    expect(decide(r, settings({ warnings: [category] }))).toEqual({
      gate: true,
      reasons: [{ kind: 'warning', text: `Archive warning: ${warning}`, short: warning, why: [] }],
    });
    const others = CASES.map(([c]) => c).filter((c) => c !== category);
    expect(decide(r, settings({ warnings: others })).gate).toBe(false);
  });

  it('says "Warning:" for other archives’ free-form warnings', () => {
    const r = report({
      site: 'efiction',
      url: 'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=7',
      rating: general,
      warnings: ['Adult Language', 'Violence'],
    });
    expect(decide(r, settings({ warnings: ['violence'] })).reasons).toEqual([
      { kind: 'warning', text: 'Warning: Violence', short: 'Violence', why: [] },
    ]);
  });

  it('warns when the site hides its warnings, with the "unwarned" category', () => {
    const r = report({ rating: general, warningsHidden: true });
    expect(decide(r, settings({ warnings: ['unwarned'] }))).toEqual({
      gate: true,
      reasons: [{ kind: 'warning', text: 'Warnings hidden by the site', short: 'warnings hidden', why: [] }],
    });
    expect(decide(r, settings({ warnings: ['violence', 'death', 'noncon', 'underage'] })).gate).toBe(false);
  });

  it('leaves archive warnings to the reader by default, so General and Teen works stay ungated', () => {
    expect(DEFAULT_RATING_SETTINGS.warnings).toEqual([]);
    const teenUnwarned = report({
      rating: { level: 'teen', label: 'Teen And Up Audiences', source: 'site' },
      warnings: ['Creator Chose Not To Use Archive Warnings'],
    });
    expect(decide(teenUnwarned, DEFAULT_RATING_SETTINGS).gate).toBe(false);
    expect(decide(teenUnwarned, settings({ warnings: ['unwarned'] })).gate).toBe(true);
  });
});

describe('unrated pages', () => {
  const explicitEstimate: Estimate = { level: 'explicit', reasons: ['explicit sexual language: 14 passages in 9,800 words'] };
  const teenEstimate: Estimate = { level: 'teen', reasons: ['strong language: 2 uses in 900 words'] };
  const tooShort: Estimate = { level: 'unknown', reasons: ['only 3 words of text, too few to judge'] };

  it('follows the estimate by default', () => {
    expect(decide(report({ estimate: explicitEstimate }), DEFAULT_RATING_SETTINGS)).toEqual({
      gate: true,
      reasons: [
        {
          kind: 'unrated',
          text: 'Estimated Explicit, past your Mature limit',
          short: 'estimated Explicit',
          why: ['explicit sexual language: 14 passages in 9,800 words'],
        },
      ],
    });
    expect(decide(report({ estimate: teenEstimate }), DEFAULT_RATING_SETTINGS)).toEqual({ gate: false, reasons: [] });
    expect(decide(report({ estimate: teenEstimate }), settings({ limit: 'general' })).reasons[0]).toMatchObject({
      text: 'Estimated Teen, past your General limit',
      why: ['strong language: 2 uses in 900 words'],
    });
  });

  it('warns when there is no estimate, or the text was too short to estimate', () => {
    expect(decide(report(), DEFAULT_RATING_SETTINGS)).toEqual({
      gate: true,
      reasons: [{ kind: 'unrated', text: 'Unrated, with no text to estimate', short: 'unrated', why: [] }],
    });
    expect(decide(report({ estimate: tooShort }), DEFAULT_RATING_SETTINGS).reasons[0]).toMatchObject({
      text: 'Unrated, and its text could not be estimated',
      why: ['only 3 words of text, too few to judge'],
    });
  });

  it('always warns in "warn" mode, with or without an estimate', () => {
    const warn = settings({ unrated: 'warn' });
    expect(decide(report(), warn)).toEqual({
      gate: true,
      reasons: [{ kind: 'unrated', text: 'Unrated — you are warned about every unrated page', short: 'unrated', why: [] }],
    });
    expect(decide(report({ estimate: teenEstimate }), warn).reasons[0]).toMatchObject({
      text: 'Unrated — you are warned about every unrated page',
      why: ['Its text is estimated Teen', 'strong language: 2 uses in 900 words'],
    });
    expect(decide(report({ estimate: teenEstimate }), settings({ unrated: 'warn', limit: 'explicit' })).gate).toBe(true);
  });

  it('treats a site’s "Not Rated" as unrated, naming it, and never as General', () => {
    const r = report({ rating: { level: 'unknown', label: 'Not Rated', source: 'site' } });
    expect(decide(r, settings({ limit: 'explicit' })).reasons).toEqual([
      { kind: 'unrated', text: 'Unrated (site: Not Rated), with no text to estimate', short: 'unrated', why: [] },
    ]);
  });

  it('gates the unrated seed page (fic-562) on the estimate of its text', () => {
    const p = corpusPages().find((x) => x.name === 'allaboutspike/pages/fic-562.html')!;
    const r = readFullPage(parseHtml(readFileSync(p.htmlPath, 'utf8'), p.expected.url), p.expected.url, { content: true });
    expect(r.rating.level).toBe('unknown');
    const d = decide({ ...r, estimate: estimateText(r.content!.text) }, DEFAULT_RATING_SETTINGS);
    expect(d.gate).toBe(true);
    // The finding that crossed the limit is the reason; violence and language, which an
    // Explicit-only limit does not concern, are evidence behind "Why?", said to be within it.
    expect(d.reasons[0]!.text).toBe('Estimated Explicit, past your Mature limit');
    expect(d.reasons[0]!.why[0]).toMatch(/^explicit sexual language: \d+ passages? in 8,\d{3} words$/);
    expect(d.reasons[0]!.why.slice(1).length).toBeGreaterThan(0);
    for (const line of d.reasons[0]!.why.slice(1)) expect(line).toMatch(/^Also found, within your Mature limit: /);
  });

  it('lets the site rating rule over an estimate that reads lower, or when the reader does not check rated works', () => {
    const r = report({ rating: { level: 'explicit', label: 'Explicit', source: 'site' }, estimate: { level: 'general', reasons: [] } });
    expect(decide(r, settings({ limit: 'explicit' })).gate).toBe(false);
    expect(decide(r, DEFAULT_RATING_SETTINGS).reasons.map((x) => x.kind)).toEqual(['rating']);
    const mature = report({ rating: { level: 'mature', label: 'Mature', source: 'site' }, estimate: explicitEstimate });
    expect(decide(mature, settings({ checkRated: false })).gate).toBe(false);
  });

  it('covers a rated work whose text reads past its rating and the limit, and says so', () => {
    const general = report({ rating: { level: 'general', label: 'General Audiences', source: 'site' }, estimate: explicitEstimate });
    const d = decide(general, DEFAULT_RATING_SETTINGS);
    expect(d.gate).toBe(true);
    expect(d.reasons[0]).toMatchObject({
      kind: 'rating',
      text: 'The site rates it General Audiences, but this chapter reads as Explicit, past your Mature limit',
      short: 'reads as Explicit',
    });
    expect(d.reasons[0]!.why.length).toBeGreaterThan(0);
    expect(decide({ ...general, kind: 'chapter' }, DEFAULT_RATING_SETTINGS).reasons[0]!.text).toMatch(
      /^The site rates it General Audiences, but this chapter reads as Explicit/,
    );
    // Within the limit, or no higher than the rating: nothing to say.
    expect(decide(general, settings({ limit: 'explicit' })).gate).toBe(false);
    expect(decide({ ...general, estimate: { level: 'teen', reasons: [] } }, settings({ limit: 'general' })).gate).toBe(true);
    expect(decide({ ...general, estimate: { level: 'general', reasons: [] } }, settings({ limit: 'general' })).gate).toBe(false);
  });
});

describe('tags', () => {
  it('explains which pattern matched which tag, warning or summary', () => {
    const r = report({
      rating: { level: 'teen', label: 'Teen And Up Audiences', source: 'site' },
      warnings: ['Rape/Non-Con'],
      tags: ['Angst', 'Dub-Con'],
      summary: 'Buffy finds a knife.',
    });
    expect(decide(r, settings({ tags: ['non*con', 'dub*con', 'KNIFE', 'fluff'] })).reasons).toEqual([
      { kind: 'tag', text: 'Warning: Rape/Non-Con (matches your “non*con”)', short: 'Rape/Non-Con', why: [] },
      { kind: 'tag', text: 'Tag: Dub-Con (matches your “dub*con”)', short: 'Dub-Con', why: [] },
      { kind: 'tag', text: 'Summary: “knife”', short: '“knife”', why: [] },
    ]);
  });

  it('names a warning once, without repeating the pattern that is the warning itself', () => {
    const r = report({ rating: { level: 'teen', label: 'Teen And Up Audiences', source: 'site' }, warnings: ['Major Character Death'] });
    expect(decide(r, settings({ tags: ['Major Character Death'] })).reasons.map((x) => x.text)).toEqual(['Warning: Major Character Death']);
    // Chosen as a category and listed as a tag: one reason.
    expect(decide(r, settings({ warnings: ['death'], tags: ['major character death'] })).reasons.map((x) => x.text)).toEqual([
      'Archive warning: Major Character Death',
    ]);
  });

  it('gives reasons in order: rating, warnings, tags', () => {
    const r = report({
      rating: { level: 'explicit', label: 'Explicit', source: 'site' },
      warnings: ['Major Character Death'],
      tags: ['Angst'],
    });
    const d = decide(r, settings({ warnings: ['death'], tags: ['angst'] }));
    expect(d.reasons.map((x) => x.kind)).toEqual(['rating', 'warning', 'tag']);
  });
});

describe('exceptions', () => {
  const explicit = report({
    url: 'https://archiveofourown.org/works/123/chapters/456',
    author: 'Anonymous (orphan_account), Butterfly_Dream',
    rating: { level: 'explicit', label: 'Explicit', source: 'site' },
  });
  const reasons = [{ kind: 'rating', text: 'Rated Explicit — above your limit of Mature', short: 'past your Mature limit', why: [] }];
  const allow = (exceptions: Partial<RatingSettings['exceptions']>) =>
    settings({ exceptions: { stories: [], authors: [], sites: [], ...exceptions } });

  it('allows a story by its key, across its chapters, keeping the reasons', () => {
    const key = storyKey(explicit);
    expect(key).toBe(storyKey({ ...explicit, url: 'https://archiveofourown.org/works/123' }));
    expect(decide(explicit, allow({ stories: [key] }))).toEqual({ gate: false, reasons, allowedBy: 'story' });
    expect(decide(explicit, allow({ stories: ['ao3:archiveofourown.org:124'] })).gate).toBe(true);
  });

  it('takes the story key from the caller when given', () => {
    expect(decide(explicit, allow({ stories: ['mine'] }), 'mine').allowedBy).toBe('story');
  });

  it('allows an author on that site, any of a work’s co-creators', () => {
    expect(authorKeys(explicit)).toEqual(['archiveofourown.org:anonymous (orphan_account)', 'archiveofourown.org:butterfly_dream']);
    expect(decide(explicit, allow({ authors: ['archiveofourown.org:butterfly_dream'] }))).toEqual({
      gate: false,
      reasons,
      allowedBy: 'author',
    });
    expect(decide(explicit, allow({ authors: ['fanfiction.net:butterfly_dream'] })).gate).toBe(true);
  });

  it('allows a site with its subdomains and aliases', () => {
    expect(decide(explicit, allow({ sites: ['archiveofourown.org'] })).allowedBy).toBe('site');
    const alias = { ...explicit, url: 'https://www.archiveofourown.gay/works/123' };
    expect(decide(alias, allow({ sites: ['archiveofourown.org'] })).allowedBy).toBe('site');
    const aff = report({ site: 'aff', url: 'https://buffy.adult-fanfiction.org/story.php?no=6&chapter=2', rating: explicit.rating });
    expect(siteKey(aff)).toBe('buffy.adult-fanfiction.org');
    expect(decide(aff, allow({ sites: ['adult-fanfiction.org'] })).allowedBy).toBe('site');
    expect(decide(aff, allow({ sites: ['fanfiction.org'] })).gate).toBe(true);
  });

  it('reports no exception when nothing would gate', () => {
    const teen = report({ rating: { level: 'teen', label: 'Teen', source: 'site' } });
    expect(decide(teen, allow({ sites: ['archiveofourown.org'] }))).toEqual({ gate: false, reasons: [] });
  });
});

describe('story keys', () => {
  const key = (site: string, url: string, title: string | null = 'T', author: string | null = 'A') =>
    storyKey({ site, url, title, author });

  it.each([
    ['ao3', 'https://archiveofourown.org/works/5/chapters/9', 'https://archiveofourown.org/collections/x/works/5'],
    ['ao3', 'https://archiveofourown.com/works/5', 'https://archiveofourown.org/works/5?view_adult=true'],
    ['ffn', 'https://www.fanfiction.net/s/555/1/My-Story', 'https://m.fanfiction.net/s/555/7/'],
    [
      'efiction',
      'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3117&chapter=2',
      'https://spikeluver.com/SpuffyRealm/viewstory.php?action=printable&sid=3117&chapter=all',
    ],
    ['allaboutspike', 'http://www.allaboutspike.com/fic.html?id=96&chapter=3', 'http://allaboutspike.com/print.html?id=96'],
    ['tth', 'https://www.tthfanfic.org/Story-31415-2/Corvid+Lane.htm', 'https://www.tthfanfic.org/Story-31415/Corvid+Lane.htm'],
    ['fimfiction', 'https://www.fimfiction.net/story/482913/2/x/y', 'https://www.fimfiction.net/story/482913/x'],
    ['literotica', 'https://www.literotica.com/s/late-trains-ch-02', 'https://www.literotica.com/s/late-trains'],
    ['aff', 'https://buffy.adult-fanfiction.org/story.php?no=6&chapter=2', 'https://buffy.adult-fanfiction.org/story.php?no=6'],
    [
      'xenforo',
      'https://forums.spacebattles.com/threads/my-story.555/reader/page-2',
      'https://forums.spacebattles.com/threads/555/threadmarks',
    ],
    ['wattpad', 'https://www.wattpad.com/111-part-one', 'https://www.wattpad.com/222-part-two'],
  ])('%s: %s and %s are one story', (site, a, b) => expect(key(site, a)).toBe(key(site, b)));

  it.each([
    ['ao3', 'https://archiveofourown.org/works/5', 'https://archiveofourown.org/works/6'],
    ['efiction', 'https://a.example/archive/viewstory.php?sid=1', 'https://a.example/other/viewstory.php?sid=1'],
    ['efiction', 'https://a.example/viewstory.php?sid=1', 'https://b.example/viewstory.php?sid=1'],
    ['ffn', 'https://www.fanfiction.net/s/5/1/', 'https://www.fictionpress.com/s/5/1/'],
    ['generic', 'http://example.com/fic/a.html', 'http://example.com/fic/b.html'],
  ])('%s: %s and %s are different stories', (site, a, b) => expect(key(site, a)).not.toBe(key(site, b)));

  it('keys a chapter URL without a work id by title and author, else by address', () => {
    expect(key('wattpad', 'https://www.wattpad.com/111-x', 'Glass Harbor', 'Nell')).toBe('wattpad:wattpad.com:nell/glass harbor');
    expect(key('wattpad', 'https://www.wattpad.com/111-x', 'Glass Harbor', null)).toBe('wattpad:wattpad.com:/111-x');
    expect(key('generic', 'http://example.com/fic/a.html?x=1#top', 'A', 'B')).toBe('generic:example.com:/fic/a.html?x=1');
  });

  const pages = corpusPages();
  const readKey = (name: string) => {
    const p = pages.find((x) => x.name === name)!;
    return storyKey(detectPage(parseHtml(readFileSync(p.htmlPath, 'utf8'), p.expected.url), p.expected.url));
  };

  it.each([
    [['ao3/pages/ao3js-works-17793689.html', 'ao3/pages/ao3js-works-17793689-chapters-42035519.html']],
    [
      [
        'efiction/pages/viewstory-sid3117-chapter2.html',
        'efiction/pages/viewstory-sid3117-index.html',
        'efiction/pages/viewstory-sid3117-gate.html',
        'efiction/pages/viewstory-sid3117-printable-all.html',
      ],
    ],
    [
      [
        'royalroad/pages/efictopub-royalroad_chapter_1.html',
        'royalroad/pages/efictopub-royalroad_chapter_2.html',
        'royalroad/pages/efictopub-royalroad_index.html',
      ],
    ],
    [
      [
        'xenforo/pages/efictopub-spacebattles_thread_reader_1.html',
        'xenforo/pages/efictopub-spacebattles_thread_reader_2.html',
        'xenforo/pages/efictopub-spacebattles_threadmarks_index.html',
      ],
    ],
    [['fimfiction/pages/story-482913.html', 'fimfiction/pages/story-482913-2.html']],
  ])('corpus pages of one story share a key: %j', (names) => {
    const keys = names.map(readKey);
    expect(new Set(keys).size).toBe(1);
  });
});
