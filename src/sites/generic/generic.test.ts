import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../scripts/lib/html';
import { generic, judgeStoryShape, THRESHOLD } from './generic';
import { SITES } from '../registry';
import { CORPUS_DIR } from '../../../tests/lib/corpus';

const URL_ = 'http://www.example.net/fic/page.html';
const doc = (html: string, url = URL_) => parseHtml(html, url);
const read = (html: string, url = URL_) => generic.read(doc(html, url), new URL(url));
const fixture = (name: string) => readFileSync(join(CORPUS_DIR, name), 'utf8');

/** Placeholder story prose: narration and dialogue, about 260 words. */
const STORY = [
  'The ferry left at six, whether or not anyone was on it. Mara had learned that the hard way, standing on the pier with her bag and watching the lights slide out across the grey water.',
  '"You again," said the ticket man.',
  '"Me again."',
  'He punched her ticket without looking at it. The wind came off the harbour in long cold sheets, and she turned her collar up and found a seat near the rail where the spray could reach her.',
  '"Rough crossing tonight," someone said behind her.',
  'She did not turn around. She knew the voice, and she knew that if she turned around she would have to decide what to do about it, and she was tired of deciding things.',
  '"It\'s always rough," she said.',
  '"Not always." He sat down on the bench beside her, close enough that she could feel the warmth of him through two coats. "Remember the summer the water went flat for a week?"',
  'She remembered. She remembered all of it, which was the problem.',
  'The island came up out of the dark an hour later, a low black shape with one light burning at the end of the jetty. Neither of them moved until the engines cut and the boat bumped against the pilings.',
  '"Well," he said.',
  '"Well," she agreed, and picked up her bag, and went ashore.',
];

/** Placeholder essay prose: no dialogue, about 230 words. */
const ESSAY = [
  'Every few years somebody announces that fan fiction is finally going mainstream, and every few years the announcement turns out to be both true and beside the point.',
  'The archives have grown enormously since the mailing-list days. What has changed less is the way readers find things: through recommendations, through friends, and through long lists kept by people with strong opinions and a great deal of free time.',
  'That matters for anyone building tools for readers. A tool that assumes stories live in one place, on one kind of page, will miss most of what people actually read.',
  'It also matters for the archives themselves, which were mostly built by volunteers who never expected to be running infrastructure for years on end.',
  'None of this is new. It is worth repeating because each new platform seems to discover it again from scratch, usually after the first big outage.',
];

const paras = (ps: string[], times = 1) => Array.from({ length: times }, () => ps.map((p) => `<p>${p}</p>`).join('\n')).join('\n');

const page = (title: string, body: string, head = '') =>
  `<!DOCTYPE html><html><head><title>${title}</title>${head}</head><body>${body}</body></html>`;

describe('generic adapter: registry', () => {
  it('is the last adapter, claims every page and asks for no hosts', () => {
    expect(SITES[SITES.length - 1]).toBe(generic);
    expect(generic.id).toBe('generic');
    expect(generic.name).toBe('Web page');
    expect(generic.hosts).toEqual([]);
    for (const u of ['https://archiveofourown.org/works/1', 'http://www.geocities.com/x/', 'https://blog.example/']) {
      expect(generic.claims(doc('<p>x</p>', u), new URL(u))).toBe(true);
    }
  });
});

describe('generic adapter: measured signals on the corpus pages', () => {
  // Each row: the score, the gate that ruled the page out (or null) and the signals behind them.
  it.each([
    [
      'generic/pages/moonlit-crypt-lanterns.html',
      'story',
      6,
      null,
      {
        proseWords: 308,
        dialogueLines: 10,
        shortDialogue: 9,
        labels: ['disclaimer'],
        bracketRating: true,
        ending: true,
        comments: false,
      },
    ],
    [
      'generic/pages/velvet-dusk-heatwave-story.html',
      'story',
      7,
      null,
      {
        proseWords: 342,
        dialogueLines: 7,
        labels: ['title', 'author', 'rating', 'pairing', 'spoiler', 'summary', 'disclaimer', 'feedback'],
        ending: true,
      },
    ],
    [
      'generic/pages/fandom-news-article.html',
      'none',
      -1,
      'nothing marks it as fiction',
      { proseWords: 235, dialogueLines: 1, labels: [], comments: true, blogMeta: true },
    ],
    [
      'generic/pages/moonlit-crypt-home.html',
      'none',
      2,
      'lists several works',
      { proseWords: 68, ratingMentions: 5, ratingLevels: 4, bracketRating: true },
    ],
    ['generic/pages/velvet-dusk-heatwave-frameset.html', 'none', 0, 'frameset', { frameset: true, proseWords: 0 }],
    [
      'generic/pages/efictopub-wordpress_1.html',
      'none',
      -2,
      'too little text',
      { proseWords: 4, chapterMark: true, chapterNav: true, comments: true, blogMeta: true },
    ],
  ])('%s → %s (score %i, veto %s)', (name, kind, score, veto, signals) => {
    const j = judgeStoryShape(doc(fixture(name)));
    expect({ kind: j.kind, score: j.score, veto: j.veto }).toEqual({ kind, score, veto });
    expect(j.signals).toMatchObject(signals);
  });
});

describe('generic adapter: pages that are not stories', () => {
  it('search results with ratings are a listing, not a story', () => {
    const results = Array.from(
      { length: 6 },
      (_, i) => `<div class="result"><a href="/fic/${i}.html">Story number ${i}</a> by <a href="/a/${i}">writer${i}</a>
        <br>Rating: ${['PG', 'PG-13', 'R', 'NC-17', 'PG-13', 'R'][i]}<br>
        Summary: ${ESSAY[i % ESSAY.length]}</div>`,
    ).join('\n');
    const html = page(
      'Search results for "ferry" - Fic Archive',
      `<h1>Search results</h1><form action="/search"><input name="q" value="ferry"><select name="rating"><option>All</option></select><input type="text" name="author"><input type="submit"></form>${results}`,
    );
    const j = judgeStoryShape(doc(html));
    expect(j.kind).toBe('none');
    expect(j.veto).toBe('lists several works');
    expect(j.signals.ratingMentions).toBe(6);
    expect(read(html)).toMatchObject({
      kind: 'none',
      title: null,
      author: null,
      rating: { level: 'unknown', label: null, source: 'none' },
    });
  });

  it('search results without rating labels: summaries are no story', () => {
    const results = ESSAY.map(
      (s, i) => `<li><a href="/s/${i}">A title ${i}</a> by <a href="/u/${i}">someone</a> (${1000 + i} words)<br>${s}</li>`,
    ).join('');
    const j = judgeStoryShape(doc(page('Search - Archive', `<h2>42 results</h2><ol>${results}</ol>`)));
    expect(j.kind).toBe('none');
    expect(j.veto).toBe('nothing marks it as fiction');
  });

  it('an author profile with a long bio and a list of works is not a story', () => {
    const works = ['Lanterns [PG-13]', 'The Spare Key [PG]', 'Every Other Tuesday [R]']
      .map((w, i) => `<li><a href="/fic/${i}.htm">${w.replace(/ \[.*/, '')}</a> ${w.replace(/^[^[]*/, '')}</li>`)
      .join('');
    const html = page(
      'Moth - Author Profile',
      `<h1>Moth</h1><p>Author: Moth</p><p>Member since 2001</p>${paras(ESSAY)}<h2>Stories by Moth</h2><ul>${works}</ul>`,
    );
    const j = judgeStoryShape(doc(html));
    expect(j.kind).toBe('none');
    expect(j.veto).toBe('lists several works');
  });

  it('a forum index is not a story', () => {
    const rows = ['Buffy Fic', 'Angel Fic', 'Crossovers', 'Drabbles', 'Chatter']
      .map(
        (f, i) =>
          `<tr><td><a href="/f/${i}">${f}</a><br><span>Post your ${f.toLowerCase()} here. Please read the rules first.</span></td><td>${120 + i}</td><td>${3400 + i}</td><td>Last post by <a href="/u/${i}">member${i}</a><br>Today at 10:0${i}</td></tr>`,
      )
      .join('');
    const html = page(
      'Spuffy Forum - Index',
      `<nav><a href="/">Home</a> <a href="/search">Search</a></nav><table><tr><th>Forum</th><th>Topics</th><th>Posts</th><th>Last post</th></tr>${rows}</table>`,
    );
    expect(judgeStoryShape(doc(html))).toMatchObject({ kind: 'none', veto: 'too little text' });
  });

  it('a blog post with comments is not a story, even with a quotation in it', () => {
    const comments = ['Great post!', '"Strong opinions and free time" is my whole personality.', 'Agreed.']
      .map((c, i) => `<div class="comment"><p>${c}</p><p class="comment-footer">Posted by: reader${i}</p></div>`)
      .join('');
    const html = page(
      'On finding fic | Reader Notes',
      `<h1>Reader Notes</h1><div class="post"><h2>On finding fic</h2><p class="byline">Posted by Tess on March 3, 2009</p>
      ${paras(ESSAY, 2)}<p>"Recommendations are the real archive," as one friend put it.</p></div>
      <div id="comments"><h3>3 Comments</h3>${comments}</div>`,
    );
    const j = judgeStoryShape(doc(html));
    expect(j.kind).toBe('none');
    expect(j.signals).toMatchObject({ comments: true, blogMeta: true, dialogueLines: 1 });
    expect(j.score).toBeLessThan(THRESHOLD);
  });
});

describe('generic adapter: prose that is not fiction', () => {
  it('a long essay with no dialogue and no story header is not called a story', () => {
    const j = judgeStoryShape(doc(page('Essay', `<article>${paras(ESSAY, 4)}</article>`)));
    expect(j.signals.proseWords).toBeGreaterThan(500);
    expect(j).toMatchObject({ kind: 'none', veto: 'nothing marks it as fiction' });
  });

  it('a book review with a Title/Author/Rating header is not a story', () => {
    const html = page(
      'Review: The Long Way Round | Shelf Life',
      `<h1>Review: The Long Way Round</h1><p>Title: The Long Way Round<br>Author: Corvid Lane<br>Rating: 4 stars<br>Summary: A road novel.</p>${paras(ESSAY, 3)}`,
    );
    const j = judgeStoryShape(doc(html));
    expect(j.signals.labels).toEqual(['title', 'author', 'rating', 'summary']);
    // It scores like a story; only the gate (no dialogue, no fan-fiction label) keeps it out.
    expect(j.score).toBeGreaterThanOrEqual(THRESHOLD);
    expect(j).toMatchObject({ kind: 'none', veto: 'nothing marks it as fiction' });
  });

  it('a news feature full of long quotes has no story dialogue', () => {
    const quotes = [
      '"I have been reading fan fiction since the mailing-list days, and I still find most of it through friends," said Helen Rourke, who runs a recommendations site.',
      '"The archives are volunteers all the way down, and that is both the strength and the weakness of the whole thing," said Marisol Diaz, a long-time moderator.',
      '"Nobody planned for it to last this long, and nobody planned for it to get this big," said one archive founder, who asked not to be named.',
    ];
    const html = page('Feature', `<h1>Where the stories live</h1><p>By Tara Mills</p>${paras([...ESSAY, ...quotes], 2)}`);
    const j = judgeStoryShape(doc(html));
    expect(j.signals).toMatchObject({ byline: true, dialogueLines: 6, shortDialogue: 0 });
    expect(j).toMatchObject({ kind: 'none', veto: 'nothing marks it as fiction' });
  });

  it('a one-author home page with a welcome text and a fic list is not a story', () => {
    const list = ['[PG]', '[R]', '[NC-17]'].map((r, i) => `<li><a href="fic${i}.htm">Fic ${i}</a> ${r} - a summary.</li>`).join('');
    const html = page('My Fic', `${paras(STORY.slice(0, 4))}<p>Disclaimer: not mine.</p><ul>${list}</ul>`);
    expect(judgeStoryShape(doc(html))).toMatchObject({ kind: 'none', veto: 'lists several works' });
  });

  it('a frameset is not a story, whatever its title says', () => {
    const html = `<html><head><title>Heatwave by Sable</title></head><frameset cols="170,*"><frame src="nav.html"><frame src="story.html"></frameset></html>`;
    expect(read(html)).toMatchObject({ kind: 'none', title: null });
  });
});

describe('generic adapter: story pages', () => {
  it('a short story with a "By X" line and a "Rated:" line', () => {
    const html = page(
      'The Ferry',
      `<h1>The Ferry</h1><p>By Wren Halloway</p><p>Rated: PG-13</p><hr>${paras(STORY)}<p>~ The End ~</p>
      <p><a href="../index.html">Back to my fic</a></p>`,
    );
    const j = judgeStoryShape(doc(html));
    expect(j.signals).toMatchObject({ byline: true, labels: ['rating'], ending: true, dialogueLines: 7 });
    expect(read(html)).toMatchObject({
      kind: 'story',
      title: 'The Ferry',
      author: 'Wren Halloway',
      rating: { level: 'teen', label: 'PG-13', source: 'site' },
      chapter: null,
    });
  });

  it('a long story with no metadata at all is a story with no rating', () => {
    const html = page(
      'The Ferry | Harbour Lights',
      `<div id="text">${paras(STORY, 3)}</div>`,
      '<meta property="og:site_name" content="Harbour Lights">',
    );
    const j = judgeStoryShape(doc(html));
    expect(j.parts).toEqual({ prose: 2, dialogue: 2 });
    expect(read(html)).toMatchObject({
      kind: 'story',
      title: 'The Ferry',
      author: null,
      rating: { level: 'unknown', label: null, source: 'none' },
      warnings: [],
      chapter: null,
    });
  });

  it('reads a one-line header block and strips an e-mail from the author', () => {
    const html = page(
      'fic',
      `<p><b>Title:</b> Low Tide <b>Author:</b> Sable (sable@example.com) <b>Rating:</b> NC-17 <b>Summary:</b> A ferry, a storm.</p>${paras(STORY)}`,
    );
    expect(read(html)).toMatchObject({
      kind: 'story',
      title: 'Low Tide',
      author: 'Sable',
      summary: 'A ferry, a storm.',
      rating: { level: 'explicit', label: 'NC-17', source: 'site' },
    });
  });

  it('a sentence starting with "By" is not a byline', () => {
    const html = page(
      'Tide',
      `<h2>Tide</h2><p>Rated: PG</p><p>By the fourth day of the storm the ferry had stopped running.</p>${paras(STORY)}`,
    );
    expect(judgeStoryShape(doc(html)).signals.byline).toBe(false);
    expect(read(html)).toMatchObject({ kind: 'story', title: 'Tide', author: null, rating: { level: 'general', label: 'PG' } });
  });

  it('a "Rating:" that is a score, not an age rating, is no rating', () => {
    const html = page('Tide', `<h2>Tide</h2><p>Author: Sable</p><p>Rating: 5 stars</p>${paras(STORY)}`);
    expect(read(html).rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });

  it("keeps the site's own words as the label and maps them by the first token", () => {
    const html = page('Tide', `<p>Title: Tide</p><p>Rating: R for language</p>${paras(STORY)}`);
    expect(read(html).rating).toEqual({ level: 'mature', label: 'R for language', source: 'site' });
  });
});

describe('generic adapter: chapters', () => {
  const nav = '<p><a href="ch2.html">Previous Chapter</a> | <a href="index.html">Index</a> | <a href="ch4.html">Next Chapter</a></p>';

  it('a "Chapter N: title" heading with chapter links is a chapter', () => {
    const html = page(
      'Glass Harbor - Chapter 3: The Ferry',
      `<h1>Glass Harbor</h1><p>by Mara Quill</p><h2>Chapter 3: The Ferry</h2>${nav}${paras(STORY)}${nav}`,
    );
    expect(judgeStoryShape(doc(html)).signals).toMatchObject({ chapterMark: true, chapterNav: true });
    expect(read(html)).toMatchObject({
      kind: 'chapter',
      title: 'Glass Harbor',
      author: 'Mara Quill',
      chapter: { index: 3, count: null, title: 'The Ferry' },
    });
  });

  it('a stated total makes it a chapter even without links', () => {
    const html = page('Glass Harbor', `<h1>Glass Harbor</h1><h3>Chapter Two of 5</h3>${paras(STORY)}`);
    expect(read(html)).toMatchObject({ kind: 'chapter', chapter: { index: 2, count: 5, title: null } });
  });

  it('a lone "Chapter 1" heading without links or total stays a story', () => {
    const html = page('Glass Harbor', `<h1>Glass Harbor</h1><h3>Chapter 1</h3>${paras(STORY)}`);
    expect(read(html)).toMatchObject({ kind: 'story', chapter: null, title: 'Glass Harbor' });
  });

  it('several chapters on one page are the whole work', () => {
    const html = page('Glass Harbor', `<h1>Glass Harbor</h1><h3>Chapter 1</h3>${paras(STORY)}<h3>Chapter 2</h3>${paras(STORY)}${nav}`);
    expect(read(html)).toMatchObject({ kind: 'story', chapter: null });
  });

  it('the WordPress serial page with its text restored: a story despite the blog chrome', () => {
    // The corpus copy was anonymised to four words; put real prose back to see the chrome's weight.
    const html = fixture('generic/pages/efictopub-wordpress_1.html').replace('Chapter 1 content here', paras(STORY, 4));
    const j = judgeStoryShape(doc(html, 'https://blog-name.wordpress.com/2011/06/11/1-1/'));
    expect(j.parts).toEqual({ prose: 2, dialogue: 2, chapterMark: 1, chapterNav: 1, comments: -1, blogMeta: -1 });
    // "Chapter 1.1" is arc 1, chapter 1: no position in the work, so no chapter info.
    expect(read(html, 'https://blog-name.wordpress.com/2011/06/11/1-1/')).toMatchObject({
      kind: 'story',
      title: 'Blog-Name',
      author: 'author-name',
      chapter: null,
      rating: { level: 'unknown', label: null, source: 'none' },
    });
  });
});

describe('generic adapter: speed', () => {
  it('judges a 2,000-paragraph page in one linear pass', () => {
    const big = doc(page('Big', `<div>${paras(STORY, 170)}</div><ul>${'<li><a href="/x">a link</a></li>'.repeat(500)}</ul>`));
    const t = performance.now();
    expect(judgeStoryShape(big).kind).toBe('story');
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
