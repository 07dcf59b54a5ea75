import { describe, expect, it } from 'vitest';
import { aff } from './aff';
import { parseHtml } from '../../../scripts/lib/html';

const STORY = 'https://hp.adult-fanfiction.org/story.php?no=600000001';
const EXPLICIT = { level: 'explicit', label: null, source: 'site' };
const UNRATED = { level: 'unknown', label: null, source: 'none' };

function read(html: string, url = STORY) {
  return aff.read(parseHtml(html, url), new URL(url));
}

function claims(url: string) {
  return aff.claims(parseHtml('<html><body></body></html>', url), new URL(url));
}

function storyPage(options: string) {
  return `<html><body><h1>Quiet Hours</h1><div class="story-byline">by <a href="https://members.adult-fanfiction.org/profile.php?id=9">pen</a></div>
<select class="chapter-select" name="chapter">${options}</select><div class="chapter-body"><p>Text.</p></div>
<footer>You must be 18 or older to use this site.</footer></body></html>`;
}

describe('aff claims', () => {
  it.each([
    'https://buffy.adult-fanfiction.org/story.php?no=600098765&chapter=2',
    'http://anime.adult-fanfiction.org/story.php?no=123456789',
    'https://www.adult-fanfiction.org/',
    'https://members.adult-fanfiction.org/profile.php?id=1',
  ])('claims %s', (url) => expect(claims(url)).toBe(true));

  it.each([
    'https://archiveofourown.org/works/1',
    'https://www.literotica.com/s/x',
    'https://notadult-fanfiction.org/story.php?no=1',
    'https://adult-fanfiction.org.example.com/story.php?no=1',
  ])('refuses %s', (url) => expect(claims(url)).toBe(false));
});

describe('aff read', () => {
  it('reads a chapter: explicit by site default, chapter from the menu', () => {
    const r = read(
      storyPage('<option value="1">1. One</option><option value="2" selected>2. Two</option><option value="3">3. Three</option>'),
      STORY + '&chapter=2',
    );
    expect(r.kind).toBe('chapter');
    expect(r.title).toBe('Quiet Hours');
    expect(r.author).toBe('pen');
    expect(r.rating).toEqual(EXPLICIT);
    expect(r.chapter).toEqual({ index: 2, count: 3, title: 'Two' });
  });

  it('takes the chapter from the URL when no option is selected', () => {
    const r = read(
      storyPage('<option value="1">1. One</option><option value="2">2. Two</option><option value="3">3. Three</option>'),
      STORY + '&chapter=3',
    );
    expect(r.chapter).toEqual({ index: 3, count: 3, title: 'Three' });
  });

  it('reads a one-chapter story as a story', () => {
    const r = read(storyPage('<option value="1" selected>1. One</option>'));
    expect(r.kind).toBe('story');
    expect(r.chapter).toBeNull();
    expect(r.rating).toEqual(EXPLICIT);
  });

  it('reads the older layout', () => {
    const r = read(
      `<html><body><h4>Old Story</h4><a href="http://members.adult-fanfiction.org/profile.php?no=5">oldpen</a>
<a class="dropdown-trigger">Chapters</a><ul id="dropdown1"><li><a href="#">1. A</a></li><li><a href="#">2. B</a></li></ul>
<div id="contentdata"><p>Text.</p></div></body></html>`,
      STORY + '&chapter=2',
    );
    expect(r.kind).toBe('chapter');
    expect(r.title).toBe('Old Story');
    expect(r.author).toBe('oldpen');
    expect(r.chapter).toEqual({ index: 2, count: 2, title: 'B' });
  });

  it('reads the age check as an explicit gate', () => {
    const r = read(
      '<html><body><h1>Age Verification</h1><form action="/globals/ajax/age-verify.php" method="post"><p>You must be 18 or older to enter.</p><button>I am 18 or older</button></form></body></html>',
    );
    expect(r.kind).toBe('gate');
    expect(r.title).toBeNull();
    expect(r.rating).toEqual(EXPLICIT);
  });

  it("reads the site's not-found message as an error", () => {
    const r = read(
      '<html><body><p>The dragons running the back end of the site can not seem to find the story you are looking for.</p></body></html>',
    );
    expect(r.kind).toBe('error');
    expect(r.rating).toEqual(UNRATED);
  });

  it.each([
    ['https://buffy.adult-fanfiction.org/search.php?cat=101', 'listing'],
    ['https://members.adult-fanfiction.org/profile.php?no=5&view=story&zone=buffy', 'listing'],
    ['https://www.adult-fanfiction.org/', 'none'],
    ['https://buffy.adult-fanfiction.org/', 'none'],
  ])('reads %s as %s, without a work rating', (url, kind) => {
    const r = read('<html><body><h1>AdultFanFiction.org</h1></body></html>', url);
    expect(r.kind).toBe(kind);
    expect(r.rating).toEqual(UNRATED);
  });
});

describe('aff story URL without a story', () => {
  it('reads a page with neither text nor age check as none, unrated', () => {
    const r = read('<html><body><h1>Maintenance</h1><p>Back soon.</p></body></html>');
    expect(r.kind).toBe('none');
    expect(r.rating).toEqual(UNRATED);
  });
});
