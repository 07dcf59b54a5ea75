import { describe, expect, it } from 'vitest';
import { dreamwidth } from './dreamwidth';
import { parseHtml } from '../../../scripts/lib/html';

const POST = 'https://ink-and-ash.dreamwidth.org/1234.html';
const UNRATED = { level: 'unknown', label: null, source: 'none' };

function doc(html: string, url = POST) {
  return parseHtml(`<html><body>${html}</body></html>`, url);
}

function read(html: string, url = POST) {
  return dreamwidth.read(doc(html, url), new URL(url));
}

/** A core2 entry whose text is `content`. */
function entry(content: string, title = 'Fic: Paper Boats') {
  return `<div class="entry"><h3 class="entry-title"><a href="${POST}">${title}</a></h3>
<span class="poster entry-poster"><span lj:user="ink_and_ash" class="ljuser"><a href="https://ink-and-ash.dreamwidth.org/"><b>ink_and_ash</b></a></span></span>
<div class="entry-content">${content}</div></div>`;
}

function claims(url: string) {
  return dreamwidth.claims(doc('', url), new URL(url));
}

describe('dreamwidth claims', () => {
  it.each([
    'https://ink-and-ash.dreamwidth.org/1234.html',
    'https://www.dreamwidth.org/',
    'https://quiet-harbour.livejournal.com/91544.html',
    'https://users.livejournal.com/_ink_/1234.html',
  ])('claims %s', (url) => expect(claims(url)).toBe(true));

  it.each([
    'https://notdreamwidth.org/1.html',
    'https://dreamwidth.org.example.net/1.html',
    'https://fakelivejournal.com/1.html',
    'https://www.insanejournal.com/1.html',
    'https://archiveofourown.org/works/1',
  ])('refuses %s', (url) => expect(claims(url)).toBe(false));
});

describe('dreamwidth fic headers', () => {
  it('reads a header of "Label: value" lines without a cut, the story after it', () => {
    const page = doc(
      entry('Title: Paper Boats<br>Fandom: Original Work<br>Rating: NC-17<br>Part: 3 of 5<br><br>The river ran high that spring.'),
    );
    const r = dreamwidth.read(page, new URL(POST));
    expect(r.kind).toBe('chapter');
    expect(r.title).toBe('Paper Boats');
    expect(r.author).toBe('ink_and_ash');
    expect(r.rating).toEqual({ level: 'explicit', label: 'NC-17', source: 'site' });
    expect(r.chapter).toEqual({ index: 3, count: 5, title: null });
    const x = dreamwidth.extract(page, new URL(POST))!;
    expect(x.body.map((n) => n.textContent).join('')).toBe('The river ran high that spring.');
    expect(x.notes[0]!.nodes.map((n) => n.textContent).join(' ')).toContain('Rating: NC-17');
  });

  it('reads a header in <b> labels and a block of its own', () => {
    const r = read(entry('<p><b>Fandom:</b> Original Work<br><b>Pairing:</b> A/B</p><p>Story.</p>'));
    expect(r.kind).toBe('story');
    expect(r.fandoms).toEqual(['Original Work']);
    expect(r.tags).toEqual(['A/B']);
    expect(r.title).toBe('Fic: Paper Boats');
  });

  it('keeps an unrated fic unknown, never general', () => {
    const r = read(entry('Title: Paper Boats<br>Fandom: Original Work<br><a name="cutid1"></a>Text.'));
    expect(r.kind).toBe('story');
    expect(r.rating).toEqual(UNRATED);
  });

  it.each([
    ['G', 'general'],
    ['PG', 'general'],
    ['PG-13', 'teen'],
    ['PG13', 'teen'],
    ['R', 'mature'],
    ['NC-17', 'explicit'],
    ['General Audiences', 'general'],
    ['Teen And Up Audiences', 'teen'],
    ['Mature', 'mature'],
    ['Explicit', 'explicit'],
    ['Rated R', 'mature'],
    ['R for language', 'mature'],
    ['Not Rated', 'unknown'],
    ['gen-ish', 'unknown'],
  ])('maps the rating %s to %s, keeping the words', (label, level) => {
    const r = read(entry(`Title: T<br>Rating: ${label}<br><a name="cutid1"></a>Text.`));
    expect(r.rating).toEqual({ level, label, source: 'site' });
  });

  it('reads "None" warnings as none and a one-part fic as a story', () => {
    const r = read(entry('Title: T<br>Warnings: None<br>Part: 1/1<br><a name="cutid1"></a>Text.'));
    expect(r.warnings).toEqual([]);
    expect(r.kind).toBe('story');
    expect(r.chapter).toBeNull();
  });

  it('does not take a diary line or two for a fic header', () => {
    expect(read(entry('Summary: a long day.<br>Warning: whining ahead.<br><a name="cutid1"></a>The bus was late.')).kind).toBe('none');
    expect(read(entry('Title: my week<br><a name="cutid1"></a>The bus was late.')).kind).toBe('none');
  });

  it('does not look for a header below the cut', () => {
    expect(read(entry('Went out today.<a name="cutid1"></a>Title: X<br>Rating: R<br>Fandom: Y')).kind).toBe('none');
  });
});

describe('dreamwidth other pages', () => {
  it('reads the adult-content interstitial as a gate', () => {
    const r = read(
      '<h1>Discretion Advised: 18+ Content</h1><form method="POST"><input type="submit" name="adult_check" value="Yes, I am at least 18 years old"></form>',
    );
    expect(r.kind).toBe('gate');
    expect(r.rating).toEqual(UNRATED);
  });

  it('reads a missing entry as an error', () => {
    expect(read('<h1>Error</h1><p>No such entry.</p>').kind).toBe('error');
  });

  it('needs three post links for a masterlist', () => {
    const links = (n: number) =>
      Array.from({ length: n }, (_, i) => `<a href="https://ink-and-ash.dreamwidth.org/${100 + i}.html">Fic ${i}</a>`).join('<br>');
    expect(read(entry(links(3), 'Masterlist')).kind).toBe('index');
    expect(read(entry(links(2), 'Masterlist')).kind).toBe('none');
    expect(read(entry(links(3).replace(/dreamwidth\.org/g, 'example.org'), 'Links')).kind).toBe('none');
  });

  it.each([
    ['https://ink-and-ash.dreamwidth.org/', 'listing'],
    ['https://ink-and-ash.dreamwidth.org/tag/fic', 'listing'],
    ['https://ink-and-ash.dreamwidth.org/2026/03/14/', 'listing'],
    ['https://ink-and-ash.dreamwidth.org/profile', 'none'],
  ])('reads %s as %s', (url, kind) => {
    expect(read(entry('Went out.'), url).kind).toBe(kind);
  });

  it('finds the neighbouring parts the post links, not the journal entry order', () => {
    const page = doc(
      entry(
        'Title: T<br>Rating: G<br><a href="/1200.html">Previous part</a><a name="cutid1"></a>Text.<p><a href="/1300.html">Next part</a></p>',
      ) + '<a href="/1233.html">Previous Entry</a>',
    );
    expect(dreamwidth.nav(page, new URL(POST))).toEqual({
      prev: 'https://ink-and-ash.dreamwidth.org/1200.html',
      next: 'https://ink-and-ash.dreamwidth.org/1300.html',
      chapters: [],
    });
  });
});
