import { describe, expect, it } from 'vitest';
import { inkitt, inkittLevel } from './inkitt';
import { parseHtml } from '../../../scripts/lib/html';

const STORY = 'https://www.inkitt.com/stories/horror/555';
const CHAPTER = `${STORY}/chapters/2`;

function read(html: string, url = CHAPTER) {
  return inkitt.read(parseHtml(html, url), new URL(url));
}

function claims(url: string) {
  return inkitt.claims(parseHtml('<html><body></body></html>', url), new URL(url));
}

const LIST = `<ul class="chapters-list">
<li><a href="/stories/horror/555/chapters/1"><span class="chapter-nr">1</span> <span class="chapter-title">Dusk</span></a></li>
<li><a href="/stories/horror/555/chapters/2"><span class="chapter-nr">2</span> <span class="chapter-title">Night</span></a></li>
</ul>`;

function page(body: string, badge = '<span class="story-age-rating">Rated 18+</span>') {
  return `<html><body><header><h1 class="story-title">Hollow Pines</h1><span id="storyAuthor">Ana Ölund</span>${badge}</header>${body}</body></html>`;
}

describe('inkitt claims', () => {
  it.each([
    'https://www.inkitt.com/stories/fantasy/1192837',
    'https://www.inkitt.com/stories/1192837/chapters/4',
    'https://inkitt.com/genres/romance',
  ])('claims %s', (url) => expect(claims(url)).toBe(true));

  it.each(['https://notinkitt.com/stories/1', 'https://inkitt.com.example.org/stories/1', 'https://www.inkit.com/stories/1'])(
    'refuses %s',
    (url) => expect(claims(url)).toBe(false),
  );
});

describe('inkitt rating scale', () => {
  it.each([
    ['4+', 'general'],
    ['13+', 'teen'],
    ['16+', 'mature'],
    ['18+', 'explicit'],
    ['Rated 18+', 'explicit'],
    ['12+', 'unknown'],
    ['Everyone', 'unknown'],
  ])('%s → %s', (label, level) => expect(inkittLevel(label)).toBe(level));

  it('keeps an unmapped label as the site wrote it, and a missing badge is unknown', () => {
    expect(read(page('<div id="story-text-container"><p>x</p></div>', '<span class="story-age-rating">Rated 12+</span>')).rating).toEqual({
      level: 'unknown',
      label: '12+',
      source: 'site',
    });
    expect(read(page('<div id="story-text-container"><p>x</p></div>', '')).rating).toEqual({
      level: 'unknown',
      label: null,
      source: 'none',
    });
  });
});

describe('inkitt pages', () => {
  it('reads a chapter by its address, counts the list and keeps non-ASCII names', () => {
    const r = read(page(`${LIST}<div id="story-text-container"><p>Text</p></div>`));
    expect(r.kind).toBe('chapter');
    expect(r.author).toBe('Ana Ölund');
    expect(r.rating.level).toBe('explicit');
    expect(r.chapter).toEqual({ index: 2, count: 2, title: 'Night' });
  });

  it('reads the chapter number from a link without the genre, and knows no count without a list', () => {
    const r = read(page('<div id="story-text-container"><p>Text</p></div>'), 'https://www.inkitt.com/stories/555/chapters/7');
    expect(r.chapter).toEqual({ index: 7, count: null, title: null });
  });

  it('is a gate when a chapter page shows the header but no text (the sign-up wall)', () => {
    expect(read(page('<div class="signup-wall">Sign up to continue reading</div>')).kind).toBe('gate');
  });

  it('is an error without the story header, a listing on genre and search pages, none elsewhere', () => {
    expect(read('<html><body><h1>Page not found</h1></body></html>').kind).toBe('error');
    expect(read('<html><body></body></html>', 'https://www.inkitt.com/genres/horror').kind).toBe('listing');
    expect(read('<html><body></body></html>', 'https://www.inkitt.com/stories?q=pines').kind).toBe('listing');
    expect(read('<html><body></body></html>', 'https://www.inkitt.com/writers').kind).toBe('none');
  });

  it('lists the chapters, marks the current one and steps from it', () => {
    const first = `${STORY}/chapters/1`;
    const nav = inkitt.nav(parseHtml(page(LIST), first), new URL(first));
    expect(nav.chapters.map((c) => [c.title, c.url, c.current])).toEqual([
      ['Dusk', 'https://www.inkitt.com/stories/horror/555/chapters/1', true],
      ['Night', 'https://www.inkitt.com/stories/horror/555/chapters/2', false],
    ]);
    expect(nav.prev).toBeNull();
    expect(nav.next).toBe('https://www.inkitt.com/stories/horror/555/chapters/2');
  });
});
