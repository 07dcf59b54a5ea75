import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { coverByManifest, coverEarly } from '../../warnings/ui/live-cover';
import { pageSnapshot } from '../page-snapshot';
import { readFullPage } from '../view';
import { corpusPages } from '../../../tests/lib/corpus';
import { readFileSync } from 'node:fs';

const FFN = corpusPages().find((p) => p.name === 'ffn/pages/webtoepub-FanFiction.html')!;

describe('pageSnapshot', () => {
  it('gives the page back as the site sent it, whatever the gate and the reader added', () => {
    const html = readFileSync(FFN.htmlPath, 'utf8');
    const clean = new JSDOM(html, { url: FFN.expected.url }).window.document;
    const dom = new JSDOM(html, { url: FFN.expected.url });
    const doc = dom.window.document;
    doc.querySelector('#storytext')!.setAttribute('style', 'opacity: 0.9');
    const cover = coverEarly(doc, ['#storytext']);
    cover.pin();
    doc.body.append(doc.createElement('slipcase-gate'), doc.createElement('slipcase-reader'));

    const snapshot = pageSnapshot(doc);
    expect(snapshot.url).toBe(FFN.expected.url);
    const copy = new JSDOM(snapshot.html, { url: snapshot.url }).window.document;
    expect(copy.querySelector('[data-slipcase], slipcase-gate, slipcase-reader, [data-slipcase-pinned]')).toBeNull();
    expect(copy.querySelector('#storytext')!.getAttribute('style')).toBe('opacity: 0.9;');
    const text = (d: Document) => readFullPage(d, FFN.expected.url, { content: true }).content?.text;
    expect(text(copy)).toBe(text(clean));
    expect(text(copy)?.length).toBeGreaterThan(0);
    // The live page still wears its cover.
    expect(doc.querySelector<HTMLElement>('#storytext')!.style.getPropertyValue('visibility')).toBe('hidden');
  });

  it("keeps no mark of the site's manifest cover lifted", () => {
    const doc = new JSDOM('<html lang="en"><body><div id="storytext">Text</div></body></html>', { url: FFN.expected.url }).window.document;
    coverByManifest(doc, ['#storytext']).lift();
    expect(doc.documentElement.attributes.length).toBe(2);

    expect(pageSnapshot(doc).html).toMatch(/^<html lang="en"><head><\/head><body>/);
  });

  it('keeps no style attribute the cover added to an element that had none', () => {
    const dom = new JSDOM('<!doctype html><body><div id="story"><p>Once.</p></div></body>', { url: 'https://example.org/s/1' });
    const cover = coverEarly(dom.window.document, ['#story']);
    cover.pin();
    const html = pageSnapshot(dom.window.document).html;
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<div id="story"><p>Once.</p></div>');
  });
});
