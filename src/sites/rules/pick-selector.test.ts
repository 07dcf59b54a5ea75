import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../scripts/lib/html';
import { cleanText } from '../../core/dom';
import { selectorFor, storyBlock } from './pick-selector';
import { ruleAdapter } from './rule-adapter';

const URL_ = 'http://www.quillcorner.net/fics/story.php?sid=88&chapter=2';
const page = (body: string) => parseHtml(`<!DOCTYPE html><html><head><title>t</title></head><body>${body}</body></html>`, URL_);
const el = (doc: Document, selector: string) => doc.querySelector(selector)!;

/** The selector finds the element first (and, for `only`, alone). */
function expectPicks(doc: Document, target: Element, selector: string, only = false) {
  const found = Array.from(doc.querySelectorAll(selector));
  expect(found[0]).toBe(target);
  if (only) expect(found).toHaveLength(1);
}

describe('selectorFor', () => {
  it('uses a unique id, but not a generated or repeated one', () => {
    const doc = page('<div id="story"><p>a</p></div><div id="post-1234567" class="entry">b</div><b id="x">1</b><b id="x">2</b>');
    expect(selectorFor(el(doc, '#story'))).toBe('#story');
    expect(selectorFor(el(doc, '.entry'))).toBe('div.entry');
    const second = doc.querySelectorAll('b')[1]!;
    expect(selectorFor(second)).not.toContain('#x');
    expectPicks(doc, second, selectorFor(second));
  });

  it('uses the tag and stable classes, climbing to parents until the element is found first or alone', () => {
    const doc = page(
      '<div class="side"><span class="name css-1x9fz2">Side</span></div><div class="main"><span class="name">Title</span></div>',
    );
    const title = el(doc, '.main .name');
    expect(selectorFor(el(doc, '.side .name'))).toBe('span.name');
    expect(selectorFor(title)).toBe('div.main > span.name');
    expectPicks(doc, title, selectorFor(title), true);
  });

  it('anchors on an ancestor’s id', () => {
    const doc = page('<p class="t">x</p><div id="chapter"><p class="t">y</p></div>');
    expect(selectorFor(el(doc, '#chapter p'))).toBe('#chapter > p.t');
  });

  it('counts positions only when nothing else tells the element apart', () => {
    const doc = page('<ul><li>a</li><li>b</li><li>c</li></ul>');
    const second = doc.querySelectorAll('li')[1]!;
    const selector = selectorFor(second, { only: true });
    expect(selector).toBe('body > ul > li:nth-of-type(2)');
    expectPicks(doc, second, selector, true);
  });

  it('finds the first match for a title, and only the element for the story text', () => {
    const doc = page('<h2 class="t">One</h2><h2 class="t">Two</h2><div class="c"><h2 class="t">Three</h2></div>');
    const first = el(doc, 'h2');
    expect(selectorFor(first)).toBe('h2.t');
    expect(selectorFor(first, { only: true })).not.toBe('h2.t');
    expectPicks(doc, first, selectorFor(first, { only: true }), true);
  });

  it('escapes what CSS would read otherwise', () => {
    const doc = page('<div class="2col">a</div><div id="ch:1.a">b</div><i class="a/b">c</i>');
    for (const target of [el(doc, 'div'), doc.getElementById('ch:1.a')!, el(doc, 'i')]) {
      const selector = selectorFor(target, { only: true });
      expectPicks(doc, target, selector, true);
    }
    expect(selectorFor(el(doc, 'div'))).toBe('div.\\32 col');
    expect(selectorFor(doc.getElementById('ch:1.a')!)).toBe('#ch\\:1\\.a');
  });
});

describe('storyBlock', () => {
  const story = Array.from({ length: 8 }, (_, i) => `<p>Paragraph ${i} of the story, which goes on for a good while.</p>`).join('');

  it('takes a clicked paragraph (or a word in it) as the block holding the story', () => {
    const doc = page(
      `<div id="nav"><a href="/">Home</a></div><div class="chapter"><h2>One</h2><div class="text">${story.replace('good', '<em>good</em>')}</div></div>` +
        '<div class="comments"><p>Nice.</p></div>',
    );
    const text = el(doc, '.text');
    expect(storyBlock(doc.querySelectorAll('.text p')[3]!)).toBe(text);
    expect(storyBlock(el(doc, '.text em'))).toBe(text);
    expect(selectorFor(storyBlock(el(doc, '.text em')), { only: true })).toBe('div.text');
  });

  it('climbs to the block around parts of the story, not into the page around it', () => {
    const doc = page(
      `<div class="page"><div class="menu">Home Browse Search Log in Authors Tags Help About Contact</div>` +
        `<div class="story"><div class="part">${story}</div><div class="part">${story}</div></div></div>`,
    );
    expect(storyBlock(el(doc, '.part p'))).toBe(el(doc, '.story'));
  });

  it('leaves an element that is not in a paragraph as it is', () => {
    const doc = page('<div class="ficbody">Text<br><br>more text</div><p>x</p>');
    expect(storyBlock(el(doc, '.ficbody'))).toBe(el(doc, '.ficbody'));
  });

  it('on the misread page, picks a selector that reads the story, not the reviews', () => {
    const html = readFileSync(join(import.meta.dirname, 'fixtures', 'quill-corner-salt-road.html'), 'utf8');
    const doc = parseHtml(html, URL_);
    const content = selectorFor(storyBlock(el(doc, '.ficbody')), { only: true });
    const extraction = ruleAdapter({ host: 'www.quillcorner.net', content }).extract(doc, new URL(URL_));
    const text = extraction!.body.map(cleanText).join(' ');
    expect(text).toMatch(/^The salt road ran along the cliff/);
    expect(text).toMatch(/white and then nothing and then white again\.$/);
    expect(text).not.toContain('Review by');
  });
});
