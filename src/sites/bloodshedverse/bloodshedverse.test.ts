import { describe, expect, it } from 'vitest';
import { bloodshedverse } from './bloodshedverse';
import { parseHtml } from '../../../scripts/lib/html';

const READ = 'https://bloodshedverse.com/stories.php?go=read&no=501';

function read(html: string, url = READ) {
  return bloodshedverse.read(parseHtml(html, url), new URL(url));
}

function claims(url: string) {
  return bloodshedverse.claims(parseHtml('<html><body></body></html>', url), new URL(url));
}

function readPage(options: string) {
  return `<html><head><title>Cold Iron by someone_else</title></head><body><div class="tl">
<a class="headline" href="authors.php?go=view&amp;who=7">someone_else</a>
<select name="chapter">${options}</select>
<div id="storytext">Text.<br><br>More text.</div></div></body></html>`;
}

describe('bloodshedverse claims', () => {
  it.each([
    'https://bloodshedverse.com/stories.php?go=read&no=13764',
    'http://www.bloodshedverse.com/stories.php?go=chapters&no=1234',
    'https://bloodshedverse.com/authors.php?go=view&who=2291',
  ])('claims %s', (url) => expect(claims(url)).toBe(true));

  it.each([
    'https://archiveofourown.org/works/1',
    'https://www.tthfanfic.org/Story-1-1/x.htm',
    'https://notbloodshedverse.com/stories.php?go=read&no=1',
    'https://bloodshedverse.com.example.org/stories.php?go=read&no=1',
  ])('refuses %s', (url) => expect(claims(url)).toBe(false));
});

describe('bloodshedverse read', () => {
  it('reads title and author from "<title> by <author>" and the chapter from the menu', () => {
    const r = read(
      readPage(
        '<option value="500">Chapter 1</option><option value="501" selected>Chapter 2</option><option value="502">Chapter 3</option>',
      ),
    );
    expect(r.kind).toBe('chapter');
    expect(r.title).toBe('Cold Iron');
    expect(r.author).toBe('someone_else');
    expect(r.chapter).toEqual({ index: 2, count: 3, title: 'Chapter 2' });
    // The read page carries no rating: unknown, never general.
    expect(r.rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });

  it("finds the chapter by the page's no when no option is selected", () => {
    const r = read(readPage('<option value="500">Chapter 1</option><option value="501">Chapter 2</option>'));
    expect(r.chapter).toEqual({ index: 2, count: 2, title: 'Chapter 2' });
  });

  it('reads a one-chapter story as a story', () => {
    const r = read(readPage('<option value="501" selected>Chapter 1</option>'));
    expect(r.kind).toBe('story');
    expect(r.chapter).toBeNull();
  });

  it('keeps " by " inside a title', () => {
    const html = readPage('').replace('Cold Iron by someone_else</title>', 'Stand by Me by someone_else</title>');
    expect(read(html).title).toBe('Stand by Me');
  });

  it('reads the empty "by" page as an error', () => {
    expect(read('<html><head><title> by </title></head><body></body></html>').kind).toBe('error');
  });

  it('reads rating and warnings rows on the contents page', () => {
    const r = read(
      `<html><head><title>Cold Iron by someone_else</title></head><body>
<div class="list_box"><a class="fictitle" href="stories.php?go=read&amp;no=500">Cold Iron</a> by <a class="headline" href="authors.php?go=view&amp;who=7">someone_else</a>
<div class="list_summary">A summary.</div>
<div class="list_info"><b>Rating:</b> NC-17 - <b>Warning:</b> , Violence, Language</div>
<div class="list_info"><b>Words:</b> 12,000</div></div></body></html>`,
      'https://bloodshedverse.com/stories.php?go=chapters&no=500',
    );
    expect(r.kind).toBe('index');
    expect(r.rating).toEqual({ level: 'explicit', label: 'NC-17', source: 'site' });
    expect(r.warnings).toEqual(['Violence', 'Language']);
    expect(r.words).toBe(12000);
    expect(r.summary).toBe('A summary.');
  });

  it.each([
    ['https://bloodshedverse.com/stories.php?go=recent', 'listing'],
    ['https://bloodshedverse.com/authors.php?go=view&who=2291', 'listing'],
    ['https://bloodshedverse.com/search.php?q=x', 'listing'],
    ['https://bloodshedverse.com/index.php', 'none'],
    ['https://bloodshedverse.com/faq.php', 'none'],
  ])('reads %s as %s', (url, kind) => {
    expect(read('<html><head><title>Bloodshed</title></head><body></body></html>', url).kind).toBe(kind);
  });
});
