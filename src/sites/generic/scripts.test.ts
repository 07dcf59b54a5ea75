/**
 * Pages in other scripts: a Chinese or Japanese story on an unknown site is judged as the same page
 * in English is, its words are counted per character (not per paragraph), and the reader keeps the
 * page's direction and language (Arabic and Hebrew read right to left).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../scripts/lib/html';
import { countWords } from '../../core/dom';
import { readerView } from '../../reader/view';
import { judgeStoryShape } from './generic';

const here = (name: string) => readFileSync(join(__dirname, 'pages', name), 'utf8');
const page = (name: string, url: string) => parseHtml(here(name), url);
const ZH = ['lanting-ferry-zh.html', 'http://lanting.example.cn/fic/ferry.html'] as const;
const JA = ['tsukiakari-ferry-ja.html', 'http://tsukiakari.example.jp/novel/ferry.html'] as const;

describe('countWords in Chinese and Japanese', () => {
  it('counts each Han, Hiragana or Katakana character as a word, never spaces or punctuation', () => {
    expect(countWords('渡船六点开，不管船上有没有人。')).toBe(13);
    expect(countWords('“又是你。” 检票的人说。')).toBe(8);
    expect(countWords('「また君か」と切符係の男が言った。')).toBe(14);
    // A long-vowel mark belongs to the katakana before it; a Latin word or number inside is one word.
    expect(countWords('コーヒーを飲む')).toBe(5);
    expect(countWords('我用iPhone打了3次电话')).toBe(9);
    expect(countWords('（完）')).toBe(1);
    expect(countWords('。」 （）')).toBe(0);
  });

  it('counts Korean, Arabic, Hebrew and English by spaces, as before', () => {
    expect(countWords('또 너구나. 매표원이 말했다.')).toBe(4);
    expect(countWords('«مرحبا مرة أخرى.» قالت')).toBe(4);
    expect(countWords('"Me again." -- she said')).toBe(5);
  });
});

/** The English placeholder story's layout, as in generic.test.ts, with its text and labels in another language. */
function layout(lang: string, dir: string, head: string, paras: string[], end: string): string {
  return `<!DOCTYPE html><html lang="${lang}" dir="${dir}"><head><title>Story</title></head><body>${head}<hr>${paras
    .map((p) => `<p>${p}</p>`)
    .join('')}<p>${end}</p></body></html>`;
}

describe('the generic judge on Chinese and Japanese stories', () => {
  it.each([ZH, JA])('%s is a story with its title, author and rating', (name, url) => {
    const j = judgeStoryShape(page(name, url));
    expect(j.veto).toBeNull();
    expect(j.kind).toBe('story');
    expect(j.parts).toMatchObject({ prose: 1, dialogue: 2, label: 2, ending: 1 });
    expect(j.signals.proseWords).toBeGreaterThan(300);
    const view = readerView(page(name, url), url)!;
    expect(view.report).toMatchObject({ kind: 'story', site: 'generic', rating: { level: 'teen', label: 'PG-13' } });
    expect(view.content.words).toBeGreaterThan(300);
  });

  it('scores the Chinese page as the English page of the same layout', () => {
    const en = layout(
      'en',
      'ltr',
      '<h1>The Ferry</h1><p>Author: Wren</p><p>Rating: PG-13</p>',
      [
        ...Array.from({ length: 8 }, () => 'The ferry left at six, whether or not anyone was on it, and the wind came off the harbour.'),
        '"You again," said the ticket man.',
        '"Me again."',
        '"Well," he said.',
      ],
      '~ The End ~',
    );
    const zh = layout(
      'zh',
      'ltr',
      '<h1>渡船</h1><p>作者：林雾</p><p>分级：PG-13</p>',
      [
        ...Array.from({ length: 8 }, () => '渡船六点开，不管船上有没有人，海风从港口那边一阵阵地刮过来。'),
        '“又是你。”检票的人说。',
        '“又是我。”',
        '“好吧。”他说。',
      ],
      '（完）',
    );
    const je = judgeStoryShape(parseHtml(en, 'http://a.example/en.html'));
    const jz = judgeStoryShape(parseHtml(zh, 'http://a.example/zh.html'));
    expect(je.kind).toBe('story');
    expect(jz.kind).toBe('story');
    expect(jz.parts).toEqual(je.parts);
  });
});

describe('the reader view keeps the page direction and language', () => {
  const rtl = (lang: string, narration: string, line: string) =>
    layout(
      lang,
      'rtl',
      '<h1>—</h1>',
      Array.from({ length: 12 }, (_, i) => (i % 2 ? line : narration.repeat(6))),
      '',
    );

  it.each([
    ['ar', 'كانت الريح باردة فوق الميناء والماء رمادي تحت السماء الواطئة وهي تمشي ببطء نحو الرصيف ', '«مرحبا مرة أخرى.»'],
    ['he', 'הרוח הייתה קרה מעל הנמל והמים היו אפורים מתחת לשמיים הנמוכים והיא הלכה לאט אל המזח ', '"שוב אני."'],
  ])('%s: a story read right to left', (lang, narration, line) => {
    const view = readerView(parseHtml(rtl(lang, narration, line), `http://a.example/${lang}.html`), `http://a.example/${lang}.html`)!;
    expect(view.report.kind).toBe('story');
    const box = parseHtml(`<body>${view.content.html}</body>`, 'http://a.example/').body.firstElementChild!;
    expect(box.getAttribute('dir')).toBe('rtl');
    expect(box.getAttribute('lang')).toBe(lang);
    expect(box.textContent).toContain(line);
  });

  it('the Japanese page keeps lang="ja" for its glyphs', () => {
    const view = readerView(page(...JA), JA[1])!;
    expect(view.content.html).toMatch(/^<div lang="ja">/);
  });
});
