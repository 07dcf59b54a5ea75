import { describe, expect, it } from 'vitest';
import { wattpad } from './wattpad';
import { parseHtml } from '../../../scripts/lib/html';

const PART = 'https://www.wattpad.com/222-tide-chapter-two';

function read(html: string, url = PART) {
  return wattpad.read(parseHtml(html, url), new URL(url));
}

function claims(url: string) {
  return wattpad.claims(parseHtml('<html><body></body></html>', url), new URL(url));
}

const toc = (ids: number[]) =>
  `<ul class="table-of-contents">${ids.map((id) => `<li><a href="https://www.wattpad.com/${id}-tide-part">Part ${id}</a></li>`).join('')}</ul>`;

function partPage(group: Record<string, unknown> | null, ids = [111, 222, 333]) {
  const json = group
    ? `<script>window.prefetched = {"part.222.metadata":{"data":{"id":222,"title":"Chapter Two; {braces} \\"quoted\\"","group":${JSON.stringify(group)}}}};</script>`
    : '';
  return `<html><body><div class="story-info"><span class="sr-only">Tide (DOM)</span><div class="af6dp">by <a href="/user/dom">dom</a></div></div>
${toc(ids)}<h1 class="h2">Chapter Two (DOM)</h1><div data-page-number="1"><pre><p data-p-id="a">Text.</p></pre></div>${json}</body></html>`;
}

describe('wattpad claims', () => {
  it.each([
    'https://www.wattpad.com/1187654321-glass-harbor-chapter-three-the-ferry',
    'https://www.wattpad.com/story/345678901-glass-harbor',
    'https://m.wattpad.com/story/1',
    'https://wattpad.com/stories/romance',
  ])('claims %s', (url) => expect(claims(url)).toBe(true));

  it.each([
    'https://archiveofourown.org/works/1',
    'https://www.fimfiction.net/story/1/x',
    'https://notwattpad.com/123-x',
    'https://wattpad.com.example.net/123-x',
  ])('refuses %s', (url) => expect(claims(url)).toBe(false));
});

describe('wattpad read', () => {
  it('reads the inline JSON first: mature flag, title, author, part', () => {
    const r = read(
      partPage({ title: 'Tide', mature: true, numParts: 3, user: { name: 'sea' }, tags: ['salt', 'sea'], description: 'Waves.' }),
    );
    expect(r.kind).toBe('chapter');
    expect(r.title).toBe('Tide');
    expect(r.author).toBe('sea');
    expect(r.rating).toEqual({ level: 'mature', label: null, source: 'site' });
    expect(r.chapter).toEqual({ index: 2, count: 3, title: 'Chapter Two; {braces} "quoted"' });
    expect(r.tags).toEqual(['salt', 'sea']);
    expect(r.summary).toBe('Waves.');
  });

  it('treats a false mature flag as unrated, not general', () => {
    expect(read(partPage({ title: 'Tide', mature: false })).rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });

  it('falls back to the page markup without JSON, and stays unrated', () => {
    const r = read(partPage(null));
    expect(r.title).toBe('Tide (DOM)');
    expect(r.author).toBe('dom');
    expect(r.chapter).toEqual({ index: 2, count: 3, title: 'Chapter Two (DOM)' });
    expect(r.rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });

  it('reads a one-part story as a story', () => {
    const r = read(partPage({ title: 'Tide', mature: true, numParts: 1 }, [222]));
    expect(r.kind).toBe('story');
    expect(r.chapter).toBeNull();
    expect(r.rating.level).toBe('mature');
  });

  it('reads a story page as an index with its mature flag', () => {
    const r = read(
      '<html><body><script>window.prefetched = {"story.345.metadata":{"data":{"title":"Tide","mature":true,"user":{"name":"sea"}}}};</script></body></html>',
      'https://www.wattpad.com/story/345-tide',
    );
    expect(r.kind).toBe('index');
    expect(r.title).toBe('Tide');
    expect(r.author).toBe('sea');
    expect(r.rating).toEqual({ level: 'mature', label: null, source: 'site' });
  });

  it.each([
    ['https://www.wattpad.com/stories/romance', 'listing'],
    ['https://www.wattpad.com/search/harbor', 'listing'],
    ['https://www.wattpad.com/list/123-reading-list', 'listing'],
    ['https://www.wattpad.com/user/juniperlune', 'none'],
    ['https://www.wattpad.com/home', 'none'],
  ])('reads %s as %s', (url, kind) => {
    expect(read('<html><body><h1>Wattpad</h1></body></html>', url).kind).toBe(kind);
  });

  it('reads a missing part as an error', () => {
    expect(read('<html><head><title>Page Not Found - Wattpad</title></head><body><h1>Page Not Found</h1></body></html>').kind).toBe(
      'error',
    );
  });
});
