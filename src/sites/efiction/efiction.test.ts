import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { efiction } from './efiction';
import { parseHtml } from '../../../scripts/lib/html';
import { CORPUS_DIR, corpusPages } from '../../../tests/lib/corpus';
import { $$ } from '../../core/dom';

const BASE = 'https://fics.example.org/archive/';

function read(html: string, url: string) {
  return efiction.read(parseHtml(html, url), new URL(url));
}

function claims(url: string, html = '<html><body></body></html>') {
  return efiction.claims(parseHtml(html, url), new URL(url));
}

const FOOTER = '<div id="footer">Powered by <a href="http://efiction.org">eFiction 3.5</a></div>';
const TITLE_LINE = '<div id="pagetitle"><a href="viewstory.php?sid=12">A Title</a> by <a href="viewuser.php?uid=3">Some Author</a></div>';

function page(main: string, { title = 'A Title by Some Author', footer = FOOTER } = {}) {
  return `<html><head><title>${title}</title></head><body><div id="mainpage">${main}</div>${footer}</body></html>`;
}

/** The story index (storyindex.tpl): label pairs in div.listbox > div.content. */
function indexPage(rated: string | null, warnings = `<a href='browse.php?type=class&amp;type_id=2&amp;classid=21'>Violence</a>`) {
  const rating = rated === null ? '' : `<span class="label">Rated:</span> ${rated}<br />`;
  return page(`${TITLE_LINE}<div class="listbox"><div class="content"><span class="label">Summary: </span>Things happen.<br />
${rating}<span class="label">Categories:</span> <a href='browse.php?type=categories&amp;catid=7'>Season 6</a><br />
<span class='label'>Genres: </span> <a href='browse.php?type=class&amp;type_id=1&amp;classid=3'>Angst</a><br /><span class='label'>Warnings: </span> ${warnings}<br />
<span class="label">Chapters: </span> 3 <span class="label">Completed:</span> Yes <br />
<span class="label">Word count:</span> <!-- WORDCOUNT START -->1,234<!-- WORDCOUNT END --> <span class="label">Read:</span> 99<br /></div></div>
<p><b>1. <a href="viewstory.php?sid=12&amp;chapter=1">One</a></b> by <a href='viewuser.php?uid=3'>Some Author</a></p>`);
}

/** A chapter page (viewstory.tpl) with its jump menu and the review form's score select. */
function chapterPage({ selected = true, extra = '' } = {}) {
  const sel = selected ? ' selected' : '';
  return page(`${TITLE_LINE}
<div class="jumpmenu"><form name="jump" action=""><select class="textbox" name="chapter"><option value='1'>1. One</option><option value='2'${sel}>2. Two Roads</option><option value='3'>3. Three</option></select></form></div>
<div id="story"><span style="font-size: 100%;">Text.<br /><br />More text.</span></div>
<form method="POST" id="reviewform"><label for="rating">Rating:</label> <select name="rating"><option value="10">10</option><option value="-1" selected>None</option></select></form>${extra}`);
}

function gatePage(message: string) {
  return page(`<div id='pagetitle'>A Title</div><div style='text-align: center; margin: 1em;' class='errortext'>${message}</div>`);
}

describe('efiction claims', () => {
  it.each([
    'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3117',
    'https://www.spikeluver.com/SpuffyRealm/index.php',
    'http://www.sunnydaleafterdark.com/viewstory.php?sid=5',
    'http://www.libraryofmoria.com/a/browse.php?type=recent',
  ])('claims the known archive %s on its URL alone', (url) => {
    expect(claims(url)).toBe(true);
  });

  it('does not claim a known host outside the archive folder', () => {
    expect(claims('https://spikeluver.com/blog/index.php')).toBe(false);
  });

  it('claims a story URL on any host when the page has eFiction markup', () => {
    expect(claims(`${BASE}viewstory.php?sid=12&chapter=2`, chapterPage())).toBe(true);
    expect(claims(`${BASE}viewstory.php?sid=12`, gatePage('Age Consent Required'))).toBe(true);
    expect(claims(`${BASE}browse.php?type=recent`, page('<div id="pagetitle">Most Recent</div>'))).toBe(true);
  });

  it('claims eFiction markup under any URL', () => {
    expect(claims('https://fics.example.org/saved/story.html', chapterPage())).toBe(true);
    expect(claims('https://fics.example.org/saved/gate.html', gatePage('Age Consent Required'))).toBe(true);
  });

  it('never claims a random PHP page', () => {
    const plain = '<html><body><h1>Story</h1><p>Some text.</p><span class="label label-default">New</span></body></html>';
    expect(claims('https://shop.example.com/viewstory.php?sid=4', plain)).toBe(false);
    expect(claims('https://shop.example.com/browse.php?type=recent', plain)).toBe(false);
    expect(
      claims(
        'https://shop.example.com/index.php',
        '<html><body><div id="pagetitle">Shop</div><span class="label">Price:</span> 4</body></html>',
      ),
    ).toBe(false);
    expect(claims('https://blog.example.com/post.php?id=3', '<html><body><div id="story">A news story.</div></body></html>')).toBe(false);
  });

  it("refuses other archives' corpus pages", () => {
    const cases: [string, string][] = [
      ['ao3/pages/ao3js-works-168768.html', 'https://archiveofourown.org/works/168768'],
      ['ffn/pages/efictopub-www.fanfiction.net_1.html', 'https://www.fanfiction.net/s/555/1/My-Great-Story'],
      ['generic/pages/efictopub-wordpress_1.html', 'https://blog.example.com/2019/01/chapter-1/'],
      ['allaboutspike/pages/fic-96.html', 'http://www.allaboutspike.com/fic.html?id=96'],
      ['bloodshedverse/pages/stories-read-13764.html', 'https://bloodshedverse.com/stories.php?go=read&no=13764'],
      ['generic/pages/moonlit-crypt-home.html', 'http://www.geocities.com/moonlit_crypt/'],
      ['generic/pages/velvet-dusk-heatwave-story.html', 'http://members.tripod.com/velvet_dusk/fics/heatwave_story.html'],
    ];
    for (const [file, url] of cases) {
      expect(claims(url, readFileSync(join(CORPUS_DIR, file), 'utf8')), file).toBe(false);
    }
  });

  it('lists host patterns with the archive folder', () => {
    expect(efiction.hosts).toContain('*://spikeluver.com/SpuffyRealm/*');
    expect(efiction.hosts).toContain('*://www.spikeluver.com/SpuffyRealm/*');
    for (const h of efiction.hosts) expect(h).toMatch(/^\*:\/\/[a-z0-9.-]+\.[a-z]+\/([A-Za-z]+\/)?\*$/);
  });
});

describe('efiction story index', () => {
  const url = `${BASE}viewstory.php?sid=12&index=1`;

  it('reads rating, warnings, words and tags from the label pairs', () => {
    const r = read(indexPage('NC-17'), url);
    expect(r.kind).toBe('index');
    expect(r.title).toBe('A Title');
    expect(r.author).toBe('Some Author');
    expect(r.rating).toEqual({ level: 'explicit', label: 'NC-17', source: 'site' });
    expect(r.warnings).toEqual(['Violence']);
    expect(r.words).toBe(1234);
    expect(r.summary).toBe('Things happen.');
    expect(r.tags).toEqual(['Season 6', 'Angst']);
    expect(r.chapter).toBeNull();
  });

  it.each([
    ['NC-17 - No One 17 and Under Admitted', 'explicit'],
    ['R - Restricted', 'mature'],
    ['PG-13', 'teen'],
    ['PG', 'general'],
    ['G', 'general'],
    ['Adult', 'explicit'],
    ['Frodo-approved', 'unknown'],
  ])('keeps the label "%s" as shown and maps it to %s', (label, level) => {
    expect(read(indexPage(label), url).rating).toEqual({ level, label, source: 'site' });
  });

  it('leaves a story without a Rated label unrated, never general', () => {
    expect(read(indexPage(null), url).rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });

  it('reads "Warnings: None" as no warnings', () => {
    expect(read(indexPage('PG', 'None'), url).warnings).toEqual([]);
  });

  it('reads the index shown at the bare story URL (archives set to display it)', () => {
    expect(read(indexPage('R'), `${BASE}viewstory.php?sid=12`).kind).toBe('index');
  });
});

describe('efiction chapter pages', () => {
  const url = `${BASE}viewstory.php?sid=12&chapter=2`;

  it('reads the jump menu; the review score select is not a rating', () => {
    const r = read(chapterPage(), url);
    expect(r.kind).toBe('chapter');
    expect(r.title).toBe('A Title');
    expect(r.author).toBe('Some Author');
    expect(r.chapter).toEqual({ index: 2, count: 3, title: 'Two Roads' });
    expect(r.rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });

  it('takes the chapter from the URL when no option is marked selected', () => {
    const r = read(chapterPage({ selected: false }), `${BASE}viewstory.php?sid=12&chapter=3`);
    expect(r.chapter).toEqual({ index: 3, count: 3, title: 'Three' });
  });

  it("ignores another story's blurb and the site statistics in a sidebar", () => {
    const sidebar = `<div class="block"><div class="content"><div class="listbox"><div class="title"><a href="viewstory.php?sid=99">Other Story</a> <span class="label">Rated:</span> NC-17</div>
<div class="content"><span class="label">Summary: </span>Other things.<br /><span class='label'>Warnings: </span> Violence<br /></div></div></div></div>
<div class="block"><div><span class='label'>Word count: </span>9876543</div><div><span class='label'>Chapters: </span>40000</div></div>`;
    const r = read(chapterPage({ extra: sidebar }), url);
    expect(r.rating).toEqual({ level: 'unknown', label: null, source: 'none' });
    expect(r.warnings).toEqual([]);
    expect(r.words).toBeNull();
  });

  it('reads a one-chapter story (no jump menu) as a whole story', () => {
    const html = page(`${TITLE_LINE}<div class="jumpmenu"></div><div id="story">Text.</div>`);
    const r = read(html, `${BASE}viewstory.php?sid=12`);
    expect(r.kind).toBe('story');
    expect(r.chapter).toBeNull();
  });
});

describe('efiction printable view', () => {
  function printable(chapters: number, bodies: number) {
    const body = Array.from(
      { length: bodies },
      (_, i) => `<div class='chaptertitle'>Part ${i + 2} by Some Author</div><div class='chapter'>Text.</div>`,
    ).join('');
    return `<html><head><title>A Title by Some Author</title></head>${TITLE_LINE}<div class="infobox"><div class="content"><span class="label">Summary: </span>Things happen.<br />
<span class='label'>Warnings: </span> Adult Language, Violence<br /><span class="label">Chapters: </span> ${chapters} <span class="label">Completed:</span> Yes
<span class="label">Word count:</span> 765 </div></div>${body}`;
  }

  it('reads one printed chapter of a longer story as that chapter', () => {
    const r = read(printable(3, 1), `${BASE}viewstory.php?action=printable&textsize=0&sid=12&chapter=2`);
    expect(r.kind).toBe('chapter');
    expect(r.chapter).toEqual({ index: 2, count: 3, title: 'Part 2' });
    expect(r.warnings).toEqual(['Adult Language', 'Violence']);
    expect(r.words).toBe(765);
  });

  it('reads the printed whole story, and a printed one-chapter story, as the story', () => {
    expect(read(printable(3, 3), `${BASE}viewstory.php?action=printable&textsize=0&sid=12&chapter=all`).kind).toBe('story');
    const single = read(printable(1, 1), `${BASE}viewstory.php?action=printable&textsize=0&sid=12&chapter=1`);
    expect(single.kind).toBe('story');
    expect(single.chapter).toBeNull();
  });
});

describe('efiction gates and errors', () => {
  const url = `${BASE}viewstory.php?sid=12`;

  it.each([
    ["Age Consent Required<br /><a href='viewstory.php?sid=12&amp;ageconsent=ok&amp;warning=5'>I am over 18.</a>"],
    ['Registered Users Only<br />'],
    ["This story contains violence.<br /><a href='viewstory.php?sid=12&amp;warning=3'>Continue</a>"],
  ])('reads %s as a gate, with the title and the author from <title>', (message) => {
    const r = read(gatePage(message), url);
    expect(r.kind).toBe('gate');
    expect(r.title).toBe('A Title');
    expect(r.author).toBe('Some Author');
    expect(r.rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });

  it.each([
    ['Access denied. This story has not been validated by the adminstrators of this site.'],
    [
      "That story does not exist on this archive.  You may <a href='search.php'>search</a> for it or return to <a href='index.php'>the home page.</a>",
    ],
  ])('reads %s as an error', (message) => {
    const r = read(gatePage(message), url);
    expect(r.kind).toBe('error');
    expect(r.title).toBeNull();
  });
});

describe('efiction other pages', () => {
  const blurb = `<div class="listbox even"><div class="title"><a href="viewstory.php?sid=3">Salt</a> by <a href="viewuser.php?uid=9">kit</a> <span class="label">Rated:</span> NC-17</div>
<div class="content"><span class="label">Summary: </span>Driving.<br /></div></div>`;

  it.each([
    `${BASE}browse.php?type=recent`,
    `${BASE}search.php?action=advanced`,
    `${BASE}toplists.php?list=1`,
    `${BASE}viewuser.php?uid=9`,
  ])('reads %s with story blurbs as a listing, not a story', (url) => {
    const r = read(page(`<div id="pagetitle">Stories</div>${blurb}`), url);
    expect(r.kind).toBe('listing');
    expect(r.rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });

  it('reads pages with neither story nor blurbs as none', () => {
    expect(read(page('<div id="pagetitle">Authors</div><p>kit</p>'), `${BASE}authors.php?list=authors`).kind).toBe('none');
  });
});

describe('efiction bold labels (Library of Moria story index)', () => {
  const url = 'http://www.libraryofmoria.com/a/viewstory.php?sid=12&index=1';
  // The skin writes labels as <b>Name:</b> and runs the review count on after the rating.
  const moriaIndex = (rated: string) =>
    page(`${TITLE_LINE}<div class="listbox"><div class="title"><a href="viewstory.php?sid=12">A Title</a> by <a href="viewuser.php?uid=3">Some Author</a> <b>Rated:</b> ${rated} [<a href="reviews.php?type=ST&amp;item=12">Reviews</a> - <a href="reviews.php?type=ST&amp;item=12">3</a>]</div>
<div class="content"><b>Summary: </b>Things <b>really</b> happen.<br />
<b>Categories:</b> <a href='browse.php?type=categories&amp;catid=7'>Third Age</a><br />
<b>Warnings: </b> <a href='browse.php?type=class&amp;type_id=2&amp;classid=21'>Violence</a><br />
<b>Word count:</b> 695 <b>Read:</b> 742<br /></div></div>
<p><b>1. <a href="viewstory.php?sid=12&amp;chapter=1">One:</a></b> by <a href='viewuser.php?uid=3'>Some Author</a></p>`);

  it('reads the rating, warnings, words and summary from <b> labels in the story block', () => {
    const r = read(moriaIndex('PG-13'), url);
    expect(r.kind).toBe('index');
    expect(r.rating).toEqual({ level: 'teen', label: 'PG-13', source: 'site' });
    expect(r.warnings).toEqual(['Violence']);
    expect(r.words).toBe(695);
    expect(r.tags).toEqual(['Third Age']);
  });

  it('takes only "Name:" bold text as a label, so bold words in a summary stay in it', () => {
    expect(read(moriaIndex('R'), url).summary).toBe('Things really happen.');
  });
});

describe('efiction archives with their own skins', () => {
  it.each([
    ['https://whofic.com/viewstory.php?sid=61234&chapter=2', true],
    ['https://www.whofic.com/browse.php?type=recent', true],
    ['https://notwhofic.com/viewstory.php?sid=1', false],
    ['https://whofic.com.example.net/viewstory.php?sid=1', false],
    ['http://potionsandsnitches.org/fanfiction/viewstory.php?sid=4412', true],
    ['http://www.potionsandsnitches.org/fanfiction/browse.php?type=recent', true],
    ['http://potionsandsnitches.org/forum/index.php', false],
  ])('claims %s on its URL alone: %s', (url, claimed) => {
    expect(claims(url)).toBe(claimed);
  });

  // Whofic's chapter pages have no title line: "A Teaspoon and an Open Mind :: Title by Author".
  const whofic = (title: string) =>
    `<html><head><title>${title}</title></head><body><a href="viewuser.php?uid=3">Ann Other</a><div id="story"><span style="font-size: 100%;">Text.</span></div></body></html>`;

  it('reads title and author from a site-prefixed <title>, splitting on the last " by "', () => {
    const r = read(whofic('A Teaspoon and an Open Mind :: Stand by Me by Ann Other'), 'https://whofic.com/viewstory.php?sid=5');
    expect(r.kind).toBe('story');
    expect(r.title).toBe('Stand by Me');
    expect(r.author).toBe('Ann Other');
  });

  it('takes no title from a <title> without the site prefix or without a byline', () => {
    expect(read(whofic('Stand by Me by Ann Other'), 'https://whofic.com/viewstory.php?sid=5').title).toBeNull();
    expect(read(whofic('A Teaspoon and an Open Mind :: Home'), 'https://whofic.com/viewstory.php?sid=5').title).toBeNull();
  });
});

describe('efiction rating in the title line (Sunnydale After Dark)', () => {
  const url = 'https://www.sunnydaleafterdark.com/viewstory.php?sid=12&chapter=2';
  const line = (tail: string) =>
    page(
      `<div id="pagetitle"><a href="viewstory.php?sid=12">A Title</a> by <a href="viewuser.php?uid=3">Some Author</a> ${tail}</div><div id="story">Text.</div>`,
    );

  it.each([
    ['[NC-17]', 'explicit'],
    ['[R]', 'mature'],
    ['[PG-13]', 'teen'],
    ['[G]', 'general'],
  ])('reads %s after the author as %s', (tail, level) => {
    expect(read(line(tail), url).rating).toMatchObject({ level, label: tail.slice(1, -1) });
  });

  it('leaves other brackets, and a line without one, unrated', () => {
    expect(read(line('[Complete]'), url).rating).toEqual({ level: 'unknown', label: null, source: 'none' });
    expect(read(line(''), url).rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });
});

describe('efiction title-line rating and values inside labels (Sunnydale After Dark, Dark Solace)', () => {
  const url = 'https://www.sunnydaleafterdark.com/viewstory.php?sid=12&chapter=1';
  const titled = (rated: string) =>
    `<div id="pagetitle"><a href="viewstory.php?sid=12">A Title</a> by <a href="viewuser.php?uid=3">Some Author</a> [${rated}]</div>`;
  const chapter = (line: string) => page(`${line}<div id="story"><span>Some text here.</span></div>`);

  it('reads the rating in brackets after the byline, as FanFicFare reads div#pagetitle', () => {
    const r = read(chapter(titled('NC-17')), url);
    expect(r.title).toBe('A Title');
    expect(r.rating).toEqual({ level: 'explicit', label: 'NC-17', source: 'site' });
  });

  it('leaves a title line without brackets unrated', () => {
    expect(read(chapter(TITLE_LINE), url).rating.level).toBe('unknown');
  });

  it('reads genres and click-to-reveal warnings written inside the label span', () => {
    const html = page(`${titled('R')}<div class="listbox"><div class="content"><span class="label">Summary: </span>Things happen.<br />
<span class="label">Genres: Drama, Humor</span><br />
<span class="label">Warnings: <span class="revealSpoiler" onclick="this.getElementsByClassName('spoiler')[0].classList.remove('spoiler');">(Click Here To Reveal) <span class="spoiler">Violence, Character Death</span></span></span><br />
<span class="label">Word count:</span> 1200</div></div>`);
    const r = read(html, 'https://www.sunnydaleafterdark.com/viewstory.php?sid=12&index=1');
    expect(r.warnings).toEqual(['Violence', 'Character Death']);
    expect(r.tags).toEqual(['Drama', 'Humor']);
    expect(r.words).toBe(1200);
    expect(r.rating).toEqual({ level: 'mature', label: 'R', source: 'site' });
  });
});

describe('efiction listing entries', () => {
  it('say how many chapters each story has, for the reading memory’s marks', () => {
    const page = corpusPages().find((p) => p.name === 'efiction/pages/browse-recent.html')!;
    const doc = parseHtml(readFileSync(page.htmlPath, 'utf8'), page.expected.url);
    const posted = $$(doc, efiction.blurbs!.selector).map((el) => efiction.blurbs!.read(el, new URL(page.expected.url))?.posted);
    expect(posted.slice(0, 5)).toEqual([1, 7, 1, 3, 3]);
  });
});
