/**
 * The generic adapter's multilingual reading: header labels, chapter headings and chapter links in
 * English, French, German, Spanish and Japanese, index pages, error pages and structured data.
 */
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../scripts/lib/html';
import { generic, judgeStoryShape } from './generic';
import { labelPairs, statedTotal } from './labels';
import { chapterMark, CHAPTER_LINK } from './lines';

const URL_ = 'https://archive.example/works/12';
const doc = (html: string, url = URL_) => parseHtml(html, url);
const read = (html: string, url = URL_) => generic.read(doc(html, url), new URL(url));
const page = (title: string, body: string, head = '') => `<html><head><title>${title}</title>${head}</head><body>${body}</body></html>`;

/** Short dialogue-rich prose, about 130 words, so the story shape holds in any language test. */
const PROSE = [
  'The tide had gone out in the night and left the causeway bare, a grey spine of stones running from the village to the island, and Tamsin stood at the top of the slipway counting the hours she had left.',
  '"You\'re early," said the ferryman.',
  '"You\'re late."',
  'He laughed at that, a short dry sound, and went on coiling rope as if she had not spoken. His boat was drawn up on the shingle, tarred black, with a lantern hung from the stern post even in daylight.',
  '"Tonight, then," he said.',
  'She nodded, and the gulls wheeled over the flats behind him while the wind brought the smell of salt and weed and something colder underneath it all.',
]
  .map((p) => `<p>${p}</p>`)
  .join('');

describe('header labels in five languages', () => {
  it.each([
    ['Auteur : Camille Roussel', [['author', 'Camille Roussel']]],
    ['Autorin: Mira Lang', [['author', 'Mira Lang']]],
    ['Autora: Lucía Ferrer', [['author', 'Lucía Ferrer']]],
    ['作者：水野アキ', [['author', '水野アキ']]],
    [
      'Classement : PG-13 | Statut : En cours | Chapitres : 3/10',
      [
        ['rating', 'PG-13'],
        ['status', 'En cours'],
        ['chapters', '3/10'],
      ],
    ],
    [
      'Bewertung: P12 · Kapitel: 4/6 · Wörter: 15.230 · Aktualisiert: 03.10.2026',
      [
        ['rating', 'P12'],
        ['chapters', '4/6'],
        ['word count', '15.230'],
        ['updated', '03.10.2026'],
      ],
    ],
    [
      'Clasificación: T | Estado: En curso | Resumen: Inés vuelve al faro.',
      [
        ['rating', 'T'],
        ['status', 'En curso'],
        ['summary', 'Inés vuelve al faro.'],
      ],
    ],
    [
      'レーティング：R 状態：連載中 話数：3話',
      [
        ['rating', 'R'],
        ['status', '連載中'],
        ['chapters', '3話'],
      ],
    ],
    ['Rated: T - English - Adventure', [['rating', 'T - English - Adventure']]],
  ])('%s', (line, pairs) => {
    expect(labelPairs(line)).toEqual(pairs);
  });

  it('reads a stated chapter total, and no total from "3/?"', () => {
    expect([statedTotal('3/7'), statedTotal('全5話'), statedTotal('6'), statedTotal('3/?'), statedTotal(undefined)]).toEqual([
      7,
      5,
      6,
      null,
      null,
    ]);
  });
});

describe('chapter headings and links', () => {
  it.each([
    ['Chapter 12: The Ferry', { index: 12, count: null, title: 'The Ferry' }],
    ['Chapitre 3 : Le pont', { index: 3, count: null, title: 'Le pont' }],
    ['Kapitel 4 – Die Brücke', { index: 4, count: null, title: 'Die Brücke' }],
    ['Capítulo 2: El farero', { index: 2, count: null, title: 'El farero' }],
    ['Part 2 of 5: Ashes', { index: 2, count: 5, title: 'Ashes' }],
    ['第3話 灯台守', { index: 3, count: null, title: '灯台守' }],
    ['第12章', { index: 12, count: null, title: null }],
  ])('%s', (text, mark) => {
    expect(chapterMark(text)).toEqual(mark);
  });

  it('is not fooled by prose that starts like a heading', () => {
    expect(chapterMark('Parte de la historia que nadie quiso contarle a su hermana aquella noche de verano junto al mar')).toBeNull();
    expect(chapterMark('Kapitelübersicht')).toBeNull();
  });

  it.each([
    'Chapitre suivant »',
    '« Chapitre précédent',
    'Nächstes Kapitel »',
    'Siguiente capítulo',
    'Capítulo anterior',
    '次へ ＞',
    '＜ 前の話',
    'Next Part →',
  ])('%s is a chapter link', (t) => {
    expect(CHAPTER_LINK.test(t)).toBe(true);
  });

  it.each(['Next page »', 'Page suivante', 'Nächste Seite', '次のページ'])('%s is not a chapter link', (t) => {
    expect(CHAPTER_LINK.test(t)).toBe(false);
  });
});

describe('stories and chapters in other languages', () => {
  it('reads a French chapter: labels, chapter heading, stated total', () => {
    const html = page(
      'Les Lanternes - Plume',
      `<h1>Les Lanternes</h1><p>Auteur : Camille Roussel</p><p>Classement : PG-13 | Chapitres : 3/10</p><h2>Chapitre 3 : Le pont</h2>${PROSE}<p><a href="/c/4">Chapitre suivant »</a></p>`,
    );
    expect(read(html)).toMatchObject({
      kind: 'chapter',
      title: 'Les Lanternes',
      author: 'Camille Roussel',
      rating: { level: 'teen', label: 'PG-13' },
      chapter: { index: 3, count: 10, title: 'Le pont' },
    });
  });

  it('keeps an unmapped rating label as the site words, at level unknown; a score stays no rating', () => {
    const html = (r: string) => page('Marée', `<h1>Marée</h1><p>par Léa Martin</p><p>Classement : ${r}</p>${PROSE}`);
    expect(read(html('Tout public')).rating).toEqual({ level: 'unknown', label: 'Tout public', source: 'site' });
    expect(read(html('4/5')).rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });

  it.each([
    ['by Wren Halloway', 'Wren Halloway'],
    ['par Léa Martin', 'Léa Martin'],
    ['Écrit par Manon Delorme', 'Manon Delorme'],
    ['von Anna Krüger', 'Anna Krüger'],
    ['escrito por Tomás Aguirre', 'Tomás Aguirre'],
  ])('reads the byline "%s"', (byline, author) => {
    expect(read(page('Tide', `<h1>Tide</h1><p>${byline}</p>${PROSE}`)).author).toBe(author);
  });

  it('takes title and author from JSON-LD, and counts it as evidence', () => {
    const ld =
      '<script type="application/ld+json">{"@type":"Chapter","name":"Ashes","isPartOf":{"@type":"Book","name":"The Letters","author":{"name":"Imogen Pryce"}}}</script>';
    const body = `<h1>Part 2 of 5: Ashes</h1>${PROSE}<a href="/p/3">Next Part →</a>`;
    const j = judgeStoryShape(doc(page('Ashes', body, ld)));
    expect(j.parts.structured).toBe(1);
    expect(read(page('Ashes', body, ld))).toMatchObject({ kind: 'chapter', title: 'The Letters', author: 'Imogen Pryce' });
    expect(judgeStoryShape(doc(page('Ashes', body))).parts.structured).toBeUndefined();
  });

  it('reads og:type book as evidence and its og:title, and article:author unless it is an address', () => {
    const og = (type: string, author: string) =>
      `<meta property="og:type" content="${type}"><meta property="og:title" content="Low Tide"><meta property="article:author" content="${author}">`;
    const body = `<h2>Chapter 1</h2>${PROSE}`;
    expect(read(page('Site', body, og('book', 'Wren Halloway')))).toMatchObject({ title: 'Low Tide', author: 'Wren Halloway' });
    expect(judgeStoryShape(doc(page('Site', body, og('book', 'x')))).parts.structured).toBe(1);
    expect(judgeStoryShape(doc(page('Site', body, og('article', 'x')))).parts.structured).toBeUndefined();
    expect(read(page('Site', body, og('book', 'https://social.example/wren'))).author).toBeNull();
  });
});

describe('index pages', () => {
  const chapters = (hrefs: string[], names: string[]) =>
    `<ol>${hrefs.map((h, i) => `<li><a href="${h}">${names[i]}</a></li>`).join('')}</ol>`;

  it('reads a work index whose chapter links sit below its address', () => {
    const html = page(
      'Cinder | Archive',
      `<h1>Cinder</h1><p>Author: Asha Morrow</p><p>Rated: M · Status: Complete</p><h2>Contents</h2>${chapters(['/works/12/chapters/1', '/works/12/chapters/2'], ['The Loom', 'Warp'])}`,
    );
    expect(read(html)).toMatchObject({
      kind: 'index',
      title: 'Cinder',
      author: 'Asha Morrow',
      rating: { level: 'mature', label: 'M' },
      chapter: null,
    });
  });

  it('reads a Japanese 目次 with 第N話 links elsewhere', () => {
    const html = page(
      '灯台の島',
      `<h1>灯台の島</h1><p>作者：水野アキ</p><p>状態：連載中</p><h2>目次</h2>${chapters(['/a', '/b'], ['第1話 嵐', '第2話 手紙'])}`,
    );
    expect(read(html)).toMatchObject({ kind: 'index', title: '灯台の島', author: '水野アキ' });
  });

  it('needs an author and a work label', () => {
    const list = chapters(['/works/12/chapters/1', '/works/12/chapters/2'], ['One', 'Two']);
    expect(read(page('Cinder', `<h1>Cinder</h1><p>Rated: M</p>${list}`)).kind).toBe('none');
    expect(read(page('Cinder', `<h1>Cinder</h1><p>by Asha Morrow</p>${list}`)).kind).toBe('none');
  });

  it('is not a profile listing other works, nor a listing repeating work headers', () => {
    const works = chapters(['/works/30', '/works/31'], ['Tidewrack', 'The Causeway Year']);
    expect(
      read(page('Wren', `<h1>Wren</h1><p>by Wren</p><p>Status: active</p>${works}`, ''), 'https://archive.example/users/wren').kind,
    ).toBe('none');
    const blurb = (n: number) => `<li><a href="/works/12/chapters/${n}">Chapter ${n}</a><p>by A${n}</p><p>Rated: T</p></li>`;
    expect(read(page('Recent', `<h1>Recent</h1><p>by Someone</p><p>Status: x</p><ol>${[1, 2, 3].map(blurb).join('')}</ol>`)).kind).toBe(
      'none',
    );
  });
});

describe('error pages', () => {
  it.each([
    'Story not found',
    'Histoire introuvable',
    'Geschichte nicht gefunden',
    'Historia no encontrada',
    '作品が見つかりません',
    'El capítulo que buscas no existe.',
  ])('%s', (msg) => {
    expect(read(page('Error', `<h1>${msg}</h1><p><a href="/">Home</a></p>`)).kind).toBe('error');
  });

  it('is not a bare "Page not found", nor a long page that mentions a deleted story', () => {
    expect(read(page('404', `<h1>Oops! That page can't be found.</h1>`)).kind).toBe('none');
    const essay = `<h1>Story not found</h1><p>${'Archives lose stories every year when servers close and nobody kept a copy. '.repeat(12)}</p>`;
    expect(read(page('Essay', essay)).kind).toBe('none');
  });
});
