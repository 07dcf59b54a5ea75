/**
 * The reader's extraction beyond the corpus golden test: hidden anti-piracy lines, URL
 * resolution, formatting kept, whole AO3 works, the Readability fallback, notes and the chapter
 * navigation each adapter reads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readerView } from '../view';
import { extractStory } from '../extract';
import { styleHiddenClasses } from '../extract-dom';
import { ffn } from '../../sites/ffn/ffn';
import { parseHtml } from '../../../scripts/lib/html';
import { CORPUS_DIR, corpusPages } from '../../../tests/lib/corpus';
import type { ReaderView } from '../../core/model';

function view(html: string, url: string): ReaderView {
  const v = readerView(parseHtml(html, url), url);
  if (!v) throw new Error('no reader view');
  return v;
}

function corpusView(name: string): ReaderView {
  const page = corpusPages().find((p) => p.name === name);
  if (!page) throw new Error(`no corpus page ${name}`);
  return view(readFileSync(join(CORPUS_DIR, name), 'utf8'), page.expected.url);
}

const RR_CHAPTER = 'https://www.royalroad.com/fiction/555/great-story/chapter/772/chapter-two';

function royalRoad(style: string, text: string): string {
  return `<html><head><style>${style}</style></head><body>
    <div class="fic-header"><a href="/fiction/555/great-story"><h2>Great Story</h2></a>
      <h3><a href="/profile/888">Great Author</a></h3><h1>Chapter Two</h1></div>
    <div class="portlet light chapter"><div class="row nav-buttons">
      <a class="btn" href="/fiction/555/great-story/chapter/771/chapter-one">Previous <br>Chapter</a>
      <a class="btn" href="/fiction/555/great-story/chapter/773/chapter-three">Next <br>Chapter</a></div>
    <div class="chapter-inner chapter-content">${text}</div></div></body></html>`;
}

describe('Royal Road: lines the page hides from readers', () => {
  const style = `.cjMzMjk1 { display: none; speak: never; }
    .shown { color: red }
    /* .cjMzMjk1x { display: none } */
    @media (max-width: 600px) { .narrow { display: none } }
    .wrap .inner { display: none }
    .a1, .b2 {display:none}`;

  it('reads single-class display:none rules from the page stylesheet, not media queries or descendant rules', () => {
    const doc = parseHtml(`<html><head><style>${style}</style></head><body></body></html>`, RR_CHAPTER);
    expect(styleHiddenClasses(doc).sort()).toEqual(['a1', 'b2', 'cjMzMjk1']);
  });

  it('drops the hidden sentences and keeps everything else', () => {
    const v = view(
      royalRoad(
        style,
        `<p>She opened the door.</p>
         <p class="cjMzMjk1">Stolen from Royal Road: report this if you see it on another site.</p>
         <p class="narrow">The hall was dark.</p><p class="shown"><em>Too</em> dark.</p><span class="b2">Unauthorized copy</span>`,
      ),
      RR_CHAPTER,
    );
    expect(v.content.text).toBe('She opened the door.\nThe hall was dark.\nToo dark.');
    expect(v.content.html).toContain('<em>Too</em>');
    expect(v.nav).toEqual({
      prev: 'https://www.royalroad.com/fiction/555/great-story/chapter/771/chapter-one',
      next: 'https://www.royalroad.com/fiction/555/great-story/chapter/773/chapter-three',
      chapters: [],
    });
  });

  it('lists chapters from the embedded chapter list', () => {
    const list = `<script>window.chapters = [{"id":771,"title":"Chapter One","order":0,"url":"/fiction/555/great-story/chapter/771/chapter-one"},{"id":772,"title":"Chapter Two","order":1,"url":"/fiction/555/great-story/chapter/772/chapter-two"}];</script>`;
    const v = view(royalRoad('', '<p>Text.</p>').replace('</body>', `${list}</body>`), RR_CHAPTER);
    expect(v.nav.chapters).toEqual([
      { title: 'Chapter One', url: 'https://www.royalroad.com/fiction/555/great-story/chapter/771/chapter-one', current: false },
      { title: 'Chapter Two', url: 'https://www.royalroad.com/fiction/555/great-story/chapter/772/chapter-two', current: true },
    ]);
  });
});

describe('the story body', () => {
  const FFN = 'https://www.fanfiction.net/s/77/2/Lamps';
  const ffnPage = (story: string) => `<html><head><title>Lamps</title></head><body>
    <div id="profile_top"><b class="xcontrast_txt">Lamps</b> <a href="/u/9/Wick">Wick</a></div>
    <select id="chap_select" name="chapter"><option value="1">1. One</option><option value="2" selected>2. Two</option></select>
    ${story}</body></html>`;

  it('resolves the author’s links and images against the page and drops script links', () => {
    const v = view(
      ffnPage(`<div id="storytext"><p>See <a href="/s/77/1/Lamps">chapter one</a>, <a href="javascript:alert(1)">this</a>.</p>
        <p><img src="../img/map.png" alt="Map" onerror="alert(1)"></p><p>The end.</p></div>`),
      FFN,
    );
    expect(v.content.html).toContain(
      '<a href="https://www.fanfiction.net/s/77/1/Lamps" target="_blank" rel="noopener noreferrer nofollow">chapter one</a>',
    );
    expect(v.content.html).toContain('<a>this</a>');
    expect(v.content.html).toContain('<img src="https://www.fanfiction.net/s/77/img/map.png" alt="Map">');
  });

  it('ignores a <base> inside the story: its relative images and links stay on the archive', () => {
    const v = view(
      ffnPage(`<div id="storytext"><base href="https://tracker.example/"><p>A <a href="/s/77/1/Lamps">link</a>.</p>
        <p><img src="img/map.png" alt="Map"></p><p>The end.</p></div>`),
      FFN,
    );
    expect(v.content.html).toContain('href="https://www.fanfiction.net/s/77/1/Lamps"');
    expect(v.content.html).toContain('<img src="https://www.fanfiction.net/s/77/2/img/map.png" alt="Map">');
    expect(v.content.html).not.toContain('tracker.example');
  });

  it('ignores a <base> inside the body on pages Readability reads, too', () => {
    const page = corpusPages().find((p) => p.htmlPath.endsWith('moonlit-crypt-lanterns.html'))!;
    const line = 'Spike noticed because she stopped walking.';
    const source = readFileSync(page.htmlPath, 'utf8');
    expect(source).toContain(line);
    const html = source.replace(line, `${line}<base href="https://tracker.example/"><img src="pics/harbour.jpg" alt="The harbour">`);
    const v = view(html, page.expected.url);
    expect(v.content.html).toContain(`src="${new URL('pics/harbour.jpg', page.expected.url).href}"`);
    expect(v.content.html).not.toContain('tracker.example');
  });

  it('keeps italics, bold, centred scene breaks, rules and poetry line breaks; drops hidden text', () => {
    const v = view(
      ffnPage(`<div id="storytext"><p><em>Once</em>, <strong>twice</strong>.</p><p style="text-align:center;">* * *</p><hr>
        <p>Roses are red,<br>violets are blue</p><p style="display:none">Read this on ffn-mirror.example</p><p hidden>Hidden.</p></div>`),
      FFN,
    );
    expect(v.content.html).toBe(
      '<div><p><em>Once</em>, <strong>twice</strong>.</p><p style="text-align:center">* * *</p><hr>\n        <p>Roses are red,<br>violets are blue</p></div>',
    );
    expect(v.content.text).toBe('Once, twice.\n* * *\nRoses are red,\nviolets are blue');
    expect(v.content.words).toBe(11);
    expect(v.nav).toEqual({
      prev: 'https://www.fanfiction.net/s/77/1/Lamps',
      next: null,
      chapters: [
        { title: '1. One', url: 'https://www.fanfiction.net/s/77/1/Lamps', current: false },
        { title: '2. Two', url: 'https://www.fanfiction.net/s/77/2/Lamps', current: true },
      ],
    });
  });

  it('reads the mobile edition: its text block and its Prev / Next links', () => {
    const url = 'https://m.fanfiction.net/s/77/2/';
    const v = view(
      `<html><body><div id="content"><b>Lamps</b> By: <a href="/u/9/Wick">Wick</a></div>
        <div id="storycontent"><p>Middle chapter.</p></div>
        <div><a href="/s/77/1/">« Prev</a> Ch 2 of 3 <a href="/s/77/3/">Next »</a></div></body></html>`,
      url,
    );
    expect(v.content.text).toBe('Middle chapter.');
    expect(v.nav).toEqual({ prev: 'https://m.fanfiction.net/s/77/1/', next: 'https://m.fanfiction.net/s/77/3/', chapters: [] });
  });

  it('keeps a story told in pictures', () => {
    const v = view(ffnPage('<div id="storytext"><p><img src="/comic/1.png" alt=""></p></div>'), FFN);
    expect(v.content).toEqual({ html: '<div><p><img src="https://www.fanfiction.net/comic/1.png" alt=""></p></div>', text: '', words: 0 });
  });

  it('falls back to Readability when the adapter does not find its markup', () => {
    const prose = Array.from(
      { length: 12 },
      (_, i) => `<p>Paragraph ${i + 1} of a story that goes on long enough for Readability to take it as the article, with words.</p>`,
    ).join('');
    const doc = parseHtml(ffnPage(`<div id="storytext-v2">${prose}</div>`), FFN);
    expect(ffn.extract(doc, new URL(FFN))).toBeNull();
    const story = extractStory(doc, new URL(FFN), ffn, 'Lamps');
    expect(story?.by).toBe('readability');
    expect(story?.content.text.split('\n')[0]).toBe(
      'Paragraph 1 of a story that goes on long enough for Readability to take it as the article, with words.',
    );
    expect(story?.content.text).toContain('Paragraph 12 of');
  });
});

describe('AO3 whole work (view_full_work)', () => {
  const URL_FULL = 'https://archiveofourown.org/works/9?view_full_work=true';
  const chapter = (n: number, title: string, notes: string, text: string) => `
    <div class="chapter" id="chapter-${n}">
      <div class="chapter preface group"><h3 class="title"><a href="/works/9/chapters/${100 + n}">Chapter ${n}</a>: ${title}</h3>${notes}</div>
      <div class="userstuff module" role="article"><h3 class="landmark heading" id="work">Chapter Text</h3>${text}</div>
    </div>`;
  const page = `<html><body><div id="main"><dl class="work meta group"><dt>Rating:</dt><dd class="rating tags"><a class="tag">Teen And Up Audiences</a></dd></dl>
    <div id="workskin"><div class="preface group"><h2 class="title heading">Nine</h2><h3 class="byline heading"><a rel="author" href="/users/a">a</a></h3>
      <div class="summary module"><h3 class="heading">Summary:</h3><blockquote class="userstuff"><p>A work.</p></blockquote></div></div>
    <div id="chapters">
      ${chapter(1, 'Start', '<div id="notes" class="notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>Hello.</p></blockquote></div>', '<p>First text.</p>')}
      ${chapter(2, 'End', '', '<p>Second text.</p>')}
    </div></div></div></body></html>`;

  it('is one body with a heading per chapter and the chapter notes inline', () => {
    const v = view(page, URL_FULL);
    expect(v.report.kind).toBe('story');
    expect(v.content.text).toBe('Chapter 1: Start\nChapter Notes\nHello.\nFirst text.\nChapter 2: End\nSecond text.');
    expect(v.content.html).toContain('<h2>Chapter 1: Start</h2>');
    expect(v.notes).toEqual([{ label: 'Summary', html: '<p>A work.</p>', position: 'before' }]);
    expect(v.nav.chapters).toEqual([
      { title: 'Chapter 1: Start', url: 'https://archiveofourown.org/works/9/chapters/101', current: false },
      { title: 'Chapter 2: End', url: 'https://archiveofourown.org/works/9/chapters/102', current: false },
    ]);
  });
});

describe('XenForo thread page', () => {
  const URL_POST = 'https://forums.spacebattles.com/threads/salt.42/page-3#post-12';
  const post = (
    id: number,
    label: string | null,
  ) => `<article class="message message--post${label ? ' hasThreadmark' : ''}" data-content="post-${id}">
    ${label ? `<span class="threadmarkLabel">${label}</span><a class="threadmark-control threadmark-control--previous" href="/threads/salt.42/page-2#post-9">Prev</a><a class="threadmark-control threadmark-control--next" href="/threads/salt.42/page-4#post-15">Next</a>` : ''}
    <article class="message-body"><div class="bbWrapper">Post ${id} text.</div></article></article>`;

  it('reads every threadmarked post on the page under its label, no reply, and the threadmarks around them', () => {
    const html = `<html id="XF" data-app="public" data-template="thread_view"><body>${post(11, 'Part 3')}${post(13, null)}${post(12, 'Part 4')}${post(14, null)}</body></html>`;
    const v = view(html, URL_POST);
    expect(v.content.text).toBe('Part 3\nPost 11 text.\nPart 4\nPost 12 text.');
    expect(v.nav).toEqual({
      prev: 'https://forums.spacebattles.com/threads/salt.42/page-2#post-9',
      next: 'https://forums.spacebattles.com/threads/salt.42/page-4#post-15',
      chapters: [],
    });
  });
});

describe('notes and navigation on the corpus pages', () => {
  it('AO3 chapter: summary and notes around the text, menu and neighbours', () => {
    const v = corpusView('ao3/pages/ao3js-works-17793689.html');
    expect(v.notes.map((n) => [n.position, n.label])).toEqual([
      ['before', 'Summary'],
      ['before', 'Chapter Summary'],
      ['before', 'Chapter Notes'],
      ['after', 'Chapter End Notes'],
    ]);
    expect(v.notes[2]!.html).not.toContain('See the end of the chapter');
    expect(v.notes[3]!.html).toBe("<p><i>Fen'Harel shal em</i> - Fen'Harel save me<br><i>da'fen</i> - little wolf</p>");
    expect(v.nav.prev).toBeNull();
    expect(v.nav.next).toBe('https://archiveofourown.org/works/17793689/chapters/42035519#workskin');
    expect(v.nav.chapters).toHaveLength(14);
    expect(v.nav.chapters[0]).toEqual({
      title: '1. The Guild',
      url: 'https://archiveofourown.org/works/17793689/chapters/41980418',
      current: true,
    });
  });

  it('eFiction chapter: author notes as notes, jump menu and Previous / Next', () => {
    const v = corpusView('efiction/pages/viewstory-sid3117-chapter2.html');
    expect(v.notes).toEqual([
      {
        label: "Author's Chapter Notes",
        html: '<div>Thank you all for the reviews on chapter one! This one is a little angsty.</div>',
        position: 'before',
      },
      { label: 'Chapter End Notes', html: '<div>Next time: coffee, and consequences.</div>', position: 'after' },
    ]);
    expect(v.nav.prev).toBe('https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3117&chapter=1');
    expect(v.nav.next).toBe('https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3117&textsize=0&chapter=3');
    expect(v.nav.chapters.map((c) => [c.url, c.current])).toEqual([
      ['https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3117&chapter=1', false],
      ['https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3117&chapter=2', true],
      ['https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3117&chapter=3', false],
    ]);
  });

  it('eFiction printable story: every chapter under its title, the summary and the story notes as notes', () => {
    const v = corpusView('efiction/pages/viewstory-sid3117-printable-all.html');
    // The page states the summary in its header, which the reader leaves out: it comes back as a note.
    expect(v.notes.map((n) => n.label)).toEqual(['Summary', 'Story Notes']);
    expect(v.content.html.match(/<h2>[^<]*<\/h2>/g)).toEqual([
      '<h2>Cold Open by Wren Halloway</h2>',
      '<h2>The Long Hallway by Wren Halloway</h2>',
      '<h2>Morning, Eventually by Wren Halloway</h2>',
    ]);
    expect(v.content.text).not.toContain('Back to index');
  });

  it('All About Spike: the author header as a note, no chapter rows, the chapter links as navigation', () => {
    const v = corpusView('allaboutspike/pages/fic-96.html');
    expect(v.notes.map((n) => [n.position, n.label])).toEqual([['before', 'Story header']]);
    expect(v.notes[0]!.html).toContain('<b>Rating:</b> R');
    expect(v.content.text).not.toMatch(/Chapter:|Next Chapter/);
    expect(v.content.html).toContain('<p align="center">TBC</p>');
    expect(v.nav.next).toBe('http://www.allaboutspike.com/fic.html?id=96&chapter=2');
    expect(v.nav.chapters).toHaveLength(10);
    expect(v.nav.chapters[0]).toEqual({ title: 'Chapter 1', url: 'http://www.allaboutspike.com/fic.html?id=96', current: true });
  });

  it('Royal Road: the notes above and below, the unclosed one without the chapter text', () => {
    const v = corpusView('royalroad/pages/efictopub-royalroad_chapter_1.html');
    expect(v.notes).toEqual([
      { label: 'A note from Great Author', html: '<p>Author note top</p>', position: 'before' },
      { label: 'A note from Great Author', html: '<p>Author note bottom</p>', position: 'after' },
    ]);
    expect(v.nav).toEqual({ prev: null, next: 'https://www.royalroad.com/fiction/555/great-story/chapter/772/chapter-two', chapters: [] });
  });

  it('XenForo reader page: threadmark labels as headings, reader pages as neighbours', () => {
    const v = corpusView('xenforo/pages/efictopub-spacebattles_thread_reader_2.html');
    expect(v.content.html.match(/<h2>[^<]*<\/h2>/g)).toEqual([
      '<h2>10 Doing Good</h2>',
      '<h2>11 Threadmark 33</h2>',
      '<h2>12 Threadmark 44</h2>',
    ]);
    expect(v.nav).toEqual({
      prev: 'https://forums.spacebattles.com/threads/my-great-story.555/reader/',
      next: 'https://forums.spacebattles.com/threads/my-great-story.555/reader/page-3',
      chapters: [],
      unit: 'page',
    });
  });

  it('Bloodshedverse: the ad links go, their words stay', () => {
    const v = corpusView('bloodshedverse/pages/stories-read-13764.html');
    expect(v.content.html).not.toMatch(/<a\b|<nobr/);
    expect(v.content.text).toContain('two mugs of coffee and looking entirely too pleased with himself.');
    expect(v.nav.prev).toBe('https://bloodshedverse.com/stories.php?go=read&no=13763');
    expect(v.nav.chapters.find((c) => c.current)?.url).toBe('https://bloodshedverse.com/stories.php?go=read&no=13764');
  });

  it('Fimfiction: the author’s note as a note', () => {
    const v = corpusView('fimfiction/pages/story-482913-2.html');
    expect(v.notes).toEqual([
      {
        label: "Author's Note",
        html: '<div><p>Sorry this one took so long! Thank you for the comments on chapter one — every one of them made my week.</p></div>',
        position: 'before',
      },
    ]);
    expect(v.nav.next).toBe('https://www.fimfiction.net/story/482913/3/the-lamplighters-apprentice/storm-glass');
  });

  it.each([
    [
      'tth/pages/story-31415-2.html',
      'https://www.tthfanfic.org/Story-31415-1/Corvid+Lane+The+Long+Way+Round.htm',
      'https://www.tthfanfic.org/Story-31415-3/Corvid+Lane+The+Long+Way+Round.htm',
      4,
    ],
    [
      'wattpad/pages/part-1187654321.html',
      'https://www.wattpad.com/1187654075-glass-harbor-chapter-two-aunt-bea',
      'https://www.wattpad.com/1187654149-glass-harbor-chapter-four-salt',
      12,
    ],
    [
      'aff/pages/story-600098765-chapter-2.html',
      'https://buffy.adult-fanfiction.org/story.php?no=600098765&chapter=1',
      'https://buffy.adult-fanfiction.org/story.php?no=600098765&chapter=3',
      3,
    ],
    ['ffn/pages/webtoepub-FanFiction.html', null, 'https://www.fanfiction.net/s/1234567/2/WebToEpub', 5],
  ])('%s: previous, next and the chapter list', (name, prev, next, count) => {
    const v = corpusView(name);
    expect([v.nav.prev, v.nav.next, v.nav.chapters.length]).toEqual([prev, next, count]);
    expect(v.nav.chapters.filter((c) => c.current)).toHaveLength(1);
  });
});

describe('the story’s language', () => {
  const lang = (v: ReaderView) => parseHtml(v.content.html, 'https://example.org/').body.firstElementChild?.getAttribute('lang');

  it('is the work’s own where its site states one (an AO3 work in Chinese under the English interface)', () => {
    expect(lang(corpusView('ao3/pages/works-61234567-chapters-156789012-zh.html'))).toBe('zh');
  });

  it('is the page’s otherwise', () => {
    expect(lang(corpusView('ao3/pages/works-52266019-chapters-132544871-warnings-hidden.html'))).toBe('en');
    expect(lang(corpusView('generic/pages/tsukiakari-ferry-ja.html'))).toBe('ja');
  });
});

describe('the estimate in the reader view', () => {
  const name = 'ao3/pages/ao3js-works-23824891.html';
  const page = corpusPages().find((p) => p.name === name)!;
  const read = (opts?: { estimate?: boolean }) =>
    readerView(parseHtml(readFileSync(join(CORPUS_DIR, name), 'utf8'), page.expected.url), page.expected.url, opts)!;

  it('comes with the text unless the caller, the page the reader opens on, was judged already', () => {
    const full = read();
    const opened = read({ estimate: false });
    expect(full.report.estimate?.level).toBe('explicit');
    expect(opened.report.estimate).toBeNull();
    expect(opened.content).toEqual(full.content);
  });
});
