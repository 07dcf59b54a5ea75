import { describe, expect, it } from 'vitest';
import { tumblr, tumblrLevel } from './tumblr';
import { parseHtml } from '../../../scripts/lib/html';

const POST = 'https://inkwell-tides.tumblr.com/post/745000000000000001/paper-boats';
const UNRATED = { level: 'unknown', label: null, source: 'none' };

function doc(html: string, url = POST) {
  return parseHtml(`<html><body>${html}</body></html>`, url);
}

function read(html: string, url = POST) {
  return tumblr.read(doc(html, url), new URL(url));
}

/** A theme's post (WebToEpub's `article div.post-content`) whose text is `content`, with its tags. */
function post(content: string, tags: string[] = [], title = 'Paper Boats') {
  const links = tags.map((t) => `<a href="https://inkwell-tides.tumblr.com/tagged/${encodeURIComponent(t)}">#${t}</a>`).join(' ');
  return `<main><article class="post"><div class="post-content"><h2 class="title">${title}</h2>
<div class="body-text">${content}</div></div><footer>${links} <a href="#notes">12 notes</a></footer></article>
<section id="notes"><ol><li>someone liked this</li></ol></section></main>`;
}

const prose = (n: number) => `<p>${Array.from({ length: n }, (_, i) => `word${i}`).join(' ')}</p>`;
const link = (id: number, text: string) => `<a href="https://inkwell-tides.tumblr.com/post/${id}/part">${text}</a>`;

function claims(url: string) {
  return tumblr.claims(doc('', url), new URL(url));
}

describe('tumblr claims', () => {
  it.each([
    POST,
    'https://www.tumblr.com/inkwell-tides/745000000000000001/paper-boats',
    'https://tumblr.com/inkwell-tides',
    'https://INKWELL-TIDES.tumblr.com/',
  ])('claims %s', (url) => expect(claims(url)).toBe(true));

  it.each([
    'https://nottumblr.com/post/1',
    'https://inkwell.tumblr.com.example.net/post/1',
    'https://tumblr.co/post/1',
    'https://inkwell-tides.blogspot.com/post/1',
    'https://archiveofourown.org/works/1',
  ])('refuses %s', (url) => expect(claims(url)).toBe(false));
});

describe('tumblr fic headers', () => {
  it('reads a chapter post: header, part line, numbered neighbours; the story between the link lines', () => {
    const nav = `<p>${link(744, 'Part 1')} | ${link(746, 'Part 3')} | ${link(700, 'Masterlist')}</p>`;
    const page = doc(
      post(
        `<p><b>Title:</b> Paper Boats</p><p><b>Rating:</b> NC-17</p><p><b>Pairing:</b> A x Reader</p><p>Part 2 of 5</p>${nav}<hr>` +
          `<p>The river ran high.</p><p>It rained.</p><hr>${nav}<p>Taglist: @someone</p>`,
        ['a x reader', 'my fic'],
      ),
    );
    const r = tumblr.read(page, new URL(POST));
    expect(r.kind).toBe('chapter');
    expect(r.title).toBe('Paper Boats');
    expect(r.author).toBe('inkwell-tides');
    expect(r.rating).toEqual({ level: 'explicit', label: 'NC-17', source: 'site' });
    expect(r.chapter).toEqual({ index: 2, count: 5, title: null });
    expect(r.tags).toEqual(['A x Reader', 'my fic']);
    const x = tumblr.extract(page, new URL(POST))!;
    expect(x.body.map((n) => n.textContent).join('')).toBe('The river ran high.It rained.');
    expect(x.notes[0]!.nodes.map((n) => n.textContent).join(' ')).toContain('Rating: NC-17');
    expect(tumblr.nav(page, new URL(POST))).toEqual({
      prev: 'https://inkwell-tides.tumblr.com/post/744/part',
      next: 'https://inkwell-tides.tumblr.com/post/746/part',
      chapters: [],
    });
  });

  it('reads "Chapter three: title" and named neighbours, and a one-part fic as a story', () => {
    const r = read(post('<p>Title: T<br>Rating: G<br>Chapter three: The Weir</p><p>Text.</p>'));
    expect(r.chapter).toEqual({ index: 3, count: null, title: 'The Weir' });
    expect(read(post('<p>Title: T<br>Rating: G<br>Part 1/1</p><p>Text.</p>')).kind).toBe('story');
    const page = doc(post(`<p>Title: T<br>Rating: G</p><p>Text.</p><p>${link(1, '« Previous')} ${link(3, 'Next part »')}</p>`));
    const nav = tumblr.nav(page, new URL(POST));
    expect([nav.prev, nav.next]).toEqual(['https://inkwell-tides.tumblr.com/post/1/part', 'https://inkwell-tides.tumblr.com/post/3/part']);
  });

  it('keeps an unrated fic unknown, never general', () => {
    const r = read(post('<p>Title: Paper Boats</p><p>Pairing: A/B</p><p>Text.</p>'));
    expect(r.kind).toBe('story');
    expect(r.rating).toEqual(UNRATED);
  });

  it.each([
    ['General', 'general'],
    ['G', 'general'],
    ['Teen', 'teen'],
    ['T', 'teen'],
    ['PG-13', 'teen'],
    ['Mature', 'mature'],
    ['M', 'mature'],
    ['R', 'mature'],
    ['Mature (minors DNI)', 'mature'],
    ['Explicit', 'explicit'],
    ['E', 'explicit'],
    ['NC-17', 'explicit'],
    ['18+', 'explicit'],
    ['Rated E', 'explicit'],
    ['NSFW', 'unknown'],
    ['Everyone', 'unknown'],
  ])('maps the rating %s to %s, keeping the words', (label, level) => {
    expect(tumblrLevel(label)).toBe(level);
    expect(read(post(`<p>Title: T</p><p>Rating: ${label}</p><p>Text.</p>`)).rating).toEqual({ level, label, source: 'site' });
  });

  it('does not take a diary line or two for a fic header', () => {
    expect(read(post('<p>Summary: a long day.</p><p>Warning: whining ahead.</p><p>The bus was late.</p>')).kind).toBe('none');
    expect(read(post('<p>Title: my week</p><p>The bus was late.</p>')).kind).toBe('none');
  });

  it('reads a titled post of long prose as a story only when it is tagged as fic', () => {
    expect(read(post(prose(1200), ['my fic'])).kind).toBe('story');
    expect(read(post(prose(1200), ['meta', 'long post'])).kind).toBe('none');
    expect(read(post(prose(400), ['ficlet'])).kind).toBe('none');
    expect(read(post(prose(1200), ['drabble'], '')).kind).toBe('none');
  });
});

describe('tumblr masterlists', () => {
  const parts = (n: number) => Array.from({ length: n }, (_, i) => `<p>${link(800 + i, `Part ${i + 1}`)}</p>`).join('');

  it('reads a header and a list of parts as the index, the parts as its chapters', () => {
    const page = doc(post(`<p>Title: Paper Boats</p><p>Rating: Teen</p><hr>${parts(3)}`));
    const r = tumblr.read(page, new URL(POST));
    expect(r).toMatchObject({ kind: 'index', title: 'Paper Boats', chapter: null, rating: { level: 'teen' } });
    expect(tumblr.nav(page, new URL(POST)).chapters.map((c) => c.url)).toEqual([
      'https://inkwell-tides.tumblr.com/post/800/part',
      'https://inkwell-tides.tumblr.com/post/801/part',
      'https://inkwell-tides.tumblr.com/post/802/part',
    ]);
  });

  it('needs three post links without a header, and little prose around them', () => {
    expect(read(post(parts(3), [], 'Masterlist')).kind).toBe('index');
    expect(read(post(parts(2), [], 'Masterlist')).kind).toBe('none');
    expect(read(post(parts(3).replace(/tumblr\.com/g, 'example.org'), [], 'Links')).kind).toBe('none');
    expect(read(post(parts(3) + prose(300), [], 'Rec list')).kind).toBe('none');
  });
});

describe('tumblr other pages', () => {
  it.each([
    ['https://inkwell-tides.tumblr.com/', 'listing'],
    ['https://inkwell-tides.tumblr.com/page/3', 'listing'],
    ['https://inkwell-tides.tumblr.com/tagged/my%20fic', 'listing'],
    ['https://www.tumblr.com/inkwell-tides', 'listing'],
    ['https://www.tumblr.com/inkwell-tides/tagged/my-fic', 'listing'],
    ['https://www.tumblr.com/tagged/fanfic', 'listing'],
    ['https://www.tumblr.com/search/lighthouse%20au', 'listing'],
    ['https://www.tumblr.com/dashboard', 'none'],
    ['https://www.tumblr.com/', 'none'],
    ['https://inkwell-tides.tumblr.com/ask', 'none'],
    ['https://64.media.tumblr.com/abc/s640x960/x.jpg', 'none'],
  ])('reads %s as %s', (url, kind) => {
    expect(read('<main><div class="post"><p>Hello.</p></div></main>', url).kind).toBe(kind);
  });

  it.each([
    'https://www.tumblr.com/inkwell-tides/745000000000000001/paper-boats',
    'https://www.tumblr.com/blog/view/inkwell-tides/745000000000000001',
  ])('reads the post %s by the same header', (url) => {
    const r = read(post('<p>Title: Paper Boats</p><p>Rating: Explicit</p><p>Part 2 of 3</p><p>Text.</p>'), url);
    expect(r).toMatchObject({ kind: 'chapter', author: 'inkwell-tides', rating: { level: 'explicit' } });
  });

  it('reads a missing post as an error, the sensitive-content wall and login wall as gates', () => {
    expect(read('<h1>Not found.</h1><p>The URL you requested could not be found.</p>').kind).toBe('error');
    expect(read('<h1>There’s nothing here.</h1>', 'https://www.tumblr.com/inkwell-tides/1').kind).toBe('error');
    expect(read('<p>This tumblr may contain sensitive media.</p><button>View this Tumblr</button>').kind).toBe('gate');
    expect(read('<p>Log in</p>', 'https://www.tumblr.com/login_required/inkwell-tides').kind).toBe('gate');
    expect(read('<p>Just a page.</p>').kind).toBe('none');
  });
});
