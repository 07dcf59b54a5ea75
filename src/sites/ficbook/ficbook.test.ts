import { describe, expect, it } from 'vitest';
import { ficbook, ficbookLevel } from './ficbook';
import { parseHtml } from '../../../scripts/lib/html';

const WORK = 'https://ficbook.net/readfic/555';

function read(html: string, url = WORK) {
  return ficbook.read(parseHtml(html, url), new URL(url));
}

function claims(url: string) {
  return ficbook.claims(parseHtml('<html><body></body></html>', url), new URL(url));
}

function page(body: string, badges = '<div class="ds-label-rating-nc-17">NC-17</div>') {
  return `<html><body><header><h1 class="heading">Тёмный лес<sup>🔥</sup></h1>
<a class="creator-username" href="/authors/1">Ёжик</a><section class="fanfic-badges">${badges}</section>
<div><a href="/fanfiction/books/les">Лес</a></div>
<div class="description"><strong>Размер:</strong><div>12 страниц, 3 456 слов, 1 часть</div></div></header>${body}</body></html>`;
}

describe('ficbook claims', () => {
  it.each([
    'https://ficbook.net/readfic/13579246',
    'https://ficbook.net/readfic/13579246/38271651#part_content',
    'https://ficbook.net/readfic/578de1cd-a8b4-7ff1-aa49-750426508b82',
    'https://www.ficbook.net/fanfiction/anime_and_manga',
  ])('claims %s', (url) => expect(claims(url)).toBe(true));

  it.each(['https://notficbook.net/readfic/1', 'https://ficbook.net.example.com/readfic/1', 'https://fic.fan/readfic/1'])(
    'refuses %s',
    (url) => expect(claims(url)).toBe(false),
  );
});

describe('ficbook rating scale', () => {
  it.each([
    ['G', 'general'],
    ['PG-13', 'teen'],
    ['R', 'mature'],
    ['NC-17', 'explicit'],
    ['NC-21', 'explicit'],
    ['PG', 'unknown'],
  ])('%s → %s', (label, level) => expect(ficbookLevel(label)).toBe(level));

  it('keeps an unmapped label as the site wrote it, and a missing badge is unknown', () => {
    expect(read(page('<div id="content">Текст</div>', '<div class="ds-label-rating-x">Особый</div>')).rating).toEqual({
      level: 'unknown',
      label: 'Особый',
      source: 'site',
    });
    expect(read(page('<div id="content">Текст</div>', '')).rating.level).toBe('unknown');
  });
});

describe('ficbook work pages', () => {
  it('reads a one-part work with its text as a story, in Cyrillic, without the title badge', () => {
    const r = read(page('<article id="part_content"><div id="content">Текст</div></article>'));
    expect(r.kind).toBe('story');
    expect(r.title).toBe('Тёмный лес');
    expect(r.author).toBe('Ёжик');
    expect(r.fandoms).toEqual(['Лес']);
    expect(r.rating).toEqual({ level: 'explicit', label: 'NC-17', source: 'site' });
    expect(r.words).toBe(3456);
  });

  it('is a gate while the adult cover hides the text, and keeps the badge', () => {
    const r = read(page('<div id="adultCoverWarning">Вам есть 18 лет?</div>'));
    expect(r.kind).toBe('gate');
    expect(r.rating.level).toBe('explicit');
  });

  it('is an error when the work is gone (no heading), and a listing on fandom and tag lists', () => {
    expect(read('<html><body><h1>Страница не найдена</h1></body></html>').kind).toBe('error');
    expect(read('<html><body></body></html>', 'https://ficbook.net/tags/210').kind).toBe('listing');
    expect(read('<html><body></body></html>', 'https://ficbook.net/home').kind).toBe('none');
  });

  it('keeps the paragraphs of the plain-text part as line breaks, without touching the page', () => {
    const url = 'https://ficbook.net/readfic/555/777';
    const doc = parseHtml(page('<div id="content">Первый абзац.\n\nВторой <i>абзац</i>.</div>'), url);
    const body = ficbook.extract(doc, new URL(url))!.body[0] as Element;
    expect(body.querySelectorAll('br')).toHaveLength(2);
    expect(body.textContent).toBe('Первый абзац.Второй абзац.');
    expect(doc.querySelectorAll('#content br')).toHaveLength(0);
  });

  it('gives a part without a part menu its heading as chapter title, with no known count', () => {
    const r = read(
      page('<article id="part_content"><div class="title-area"><h2>Пролог</h2></div><div id="content">Т</div></article>'),
      'https://ficbook.net/readfic/555/777',
    );
    expect(r.kind).toBe('chapter');
    expect(r.chapter).toEqual({ index: 1, count: null, title: 'Пролог' });
  });

  it('lists the parts of a work page as navigation', () => {
    const doc = parseHtml(
      page(
        '<ul class="list-of-fanfic-parts"><li class="part"><a class="part-link" href="/readfic/555/1">Один</a></li><li class="part"><a class="part-link" href="/readfic/555/2">Два</a></li></ul>',
      ),
      WORK,
    );
    expect(ficbook.nav(doc, new URL(WORK)).chapters.map((c) => [c.title, c.url])).toEqual([
      ['Один', 'https://ficbook.net/readfic/555/1'],
      ['Два', 'https://ficbook.net/readfic/555/2'],
    ]);
  });
});
