import { describe, expect, it } from 'vitest';
import { fanfiktion, fanfiktionLevel } from './fanfiktion';
import { parseHtml } from '../../../scripts/lib/html';

const ID = '5e37603200025f05230e6a25';
const CHAPTER = `https://www.fanfiktion.de/s/${ID}/2/Sein-Leben`;

function doc(html: string, url = CHAPTER) {
  return parseHtml(html, url);
}

function read(html: string, url = CHAPTER) {
  return fanfiktion.read(doc(html, url), new URL(url));
}

function claims(url: string) {
  return fanfiktion.claims(doc('<html><body></body></html>', url), new URL(url));
}

/** A story page: breadcrumb, header with the genre and rating line, chapter menu, text. */
function page(opts: { line?: string; options?: string; body?: string } = {}) {
  const line = opts.line ?? 'Romanze, Humor / P12 / Het';
  const options = opts.options ?? '<option value="1">1. Prolog</option><option value="2" selected>2. Kapitel 1: Straße</option>';
  const body = opts.body ?? '<div id="storytext"><p>Text</p></div>';
  return `<html><body><span id="ffcbox-story-topic-1"><a href="/Fanfiction/c/100000000">Fanfiction</a>
<a href="/Serien/c/104000000">Serien</a><a href="/Tatort/c/104000123">Tatort</a><a href="/s/${ID}/1/Sein-Leben">Sein Leben, Größer</a></span>
<div class="story-left"><h4 class="huge-font">Sein Leben, Größer</h4><div class="center small-font">von <a href="/u/Oeko-Baer">Öko_Bär</a></div>
<div class="small-font center block">Geschichte<span class="fas fa-angle-right"></span>${line}</div>
<span><span class="fas fa-keyboard" title="Wörter"></span> <span class="semibold">1.234</span></span></div>
<div class="story-right"><select id="kA">${options}</select>${body}</div></body></html>`;
}

describe('fanfiktion claims', () => {
  it.each([
    `https://www.fanfiktion.de/s/${ID}/1/Sein-Leben`,
    `https://www.fanfiktion.de/s/${ID}`,
    'https://fanfiktion.de/Harry-Potter/c/102000001/1/updatedate',
  ])('claims %s', (url) => expect(claims(url)).toBe(true));

  it.each([
    `https://www.fanfiction.de/s/${ID}/1`,
    `https://notfanfiktion.de/s/${ID}/1`,
    `https://fanfiktion.de.example.com/s/${ID}/1`,
    `https://www.fanfiction.net/s/${ID}/1`,
  ])('refuses %s', (url) => expect(claims(url)).toBe(false));
});

describe('fanfiktion rating scale', () => {
  it.each([
    ['P6', 'general'],
    ['P12', 'teen'],
    ['P16', 'mature'],
    ['P18', 'explicit'],
    ['P18-AVL', 'explicit'],
    ['p18-avl', 'explicit'],
    ['P14', 'unknown'],
  ])('%s → %s', (label, level) => expect(fanfiktionLevel(label)).toBe(level));

  it('reads the rating after the genres, and keeps an unmapped label as the site wrote it', () => {
    expect(read(page()).rating).toEqual({ level: 'teen', label: 'P12', source: 'site' });
    expect(read(page({ line: 'Drama / P18-AVL / Slash' })).rating).toEqual({ level: 'explicit', label: 'P18-AVL', source: 'site' });
    expect(read(page({ line: 'Drama / Ab 14 / Gen' })).rating).toEqual({ level: 'unknown', label: 'Ab 14', source: 'site' });
  });

  it('is unknown, not general, on a page without a rating line', () => {
    expect(read(page({ line: '' })).rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });
});

describe('fanfiktion story pages', () => {
  it('reads a chapter in German, with the slashed genre kept whole and the dotted word count', () => {
    const r = read(page({ line: 'Schmerz/Trost, Humor / P6 / Gen' }));
    expect(r).toMatchObject({ kind: 'chapter', title: 'Sein Leben, Größer', author: 'Öko_Bär', fandoms: ['Tatort'], words: 1234 });
    expect(r.tags).toEqual(['Schmerz/Trost', 'Humor']);
    expect(r.chapter).toEqual({ index: 2, count: 2, title: 'Kapitel 1: Straße' });
  });

  it('reads a one-chapter story as a whole story', () => {
    const r = read(page({ options: '<option value="1" selected>1. Einzig</option>' }));
    expect(r.kind).toBe('story');
    expect(r.chapter).toBeNull();
  });

  it('is a gate behind the login wall for age-verified readers, explicit without a label', () => {
    const wall = `<html><body><div id="content"><div class="pageviewframe"><h2>Meldung</h2>
<p>Diese Geschichte wurde als entwicklungsbeeinträchtigend für Kinder und Jugendliche eingestuft.</p></div></div></body></html>`;
    expect(read(wall)).toMatchObject({ kind: 'gate', rating: { level: 'explicit', label: null } });
    expect(fanfiktion.adultGate).toBeUndefined();
  });

  it('keeps the rating a gate page shows', () => {
    const r = read(
      page({
        line: 'Drama / P18-AVL / Gen',
        body: '<p>Außerhalb der Zeit von 23:00 Uhr bis 04:00 Uhr ist diese Geschichte nur nach einer erfolgreichen Altersverifikation zugänglich.</p>',
      }),
    );
    expect(r).toMatchObject({ kind: 'gate', rating: { level: 'explicit', label: 'P18-AVL' } });
  });

  it('is an error when a story page has neither text nor age check, a listing on category lists', () => {
    const gone = '<html><body><div class="pageviewframe"><h2>Meldung</h2><p>Die Geschichte existiert nicht.</p></div></body></html>';
    expect(read(gone).kind).toBe('error');
    expect(read('<html><body></body></html>', 'https://www.fanfiktion.de/Tatort/c/104000123/1/updatedate').kind).toBe('listing');
    expect(read('<html><body></body></html>', 'https://www.fanfiktion.de/u/Oeko-Baer').kind).toBe('none');
  });
});

describe('fanfiktion navigation', () => {
  it('lists the chapters from the menu with the story slug, even from an address without one', () => {
    const url = `https://www.fanfiktion.de/s/${ID}/2`;
    const nav = fanfiktion.nav(doc(page(), url), new URL(url));
    expect(nav.chapters).toEqual([
      { title: '1. Prolog', url: `https://www.fanfiktion.de/s/${ID}/1/Sein-Leben`, current: false },
      { title: '2. Kapitel 1: Straße', url: `https://www.fanfiktion.de/s/${ID}/2/Sein-Leben`, current: true },
    ]);
    expect(nav.prev).toBe(`https://www.fanfiktion.de/s/${ID}/1/Sein-Leben`);
    expect(nav.next).toBeNull();
  });

  it('follows the page’s own previous and next links', () => {
    const links = `<a href="/s/${ID}/1/x" title="vorheriges Kapitel">‹</a><a href="/s/${ID}/3/x" title="nächstes Kapitel">›</a>`;
    const page2 = doc(page({ body: links + '<div id="storytext">T</div>' }).replace('<span id=', links + '<span id='));
    const nav = fanfiktion.nav(page2, new URL(CHAPTER));
    expect([nav.prev, nav.next]).toEqual([`https://www.fanfiktion.de/s/${ID}/1/x`, `https://www.fanfiktion.de/s/${ID}/3/x`]);
    // The buttons come before the breadcrumb here: the title is still the story's named link.
    expect(fanfiktion.read(page2, new URL(CHAPTER)).title).toBe('Sein Leben, Größer');
  });
});
