/**
 * Every link a site reads (chapter lists, next and previous, the whole-work view) resolves against
 * the page's own address, even where the document's baseURI is not it: the save runner reads a
 * fetched page in a copy parsed in an extension page, and Chromium keeps that copy's baseURI at the
 * extension page's address (the extension pages' policy holds its <base>). AO3's chapter menu
 * resolved against it, so a save job saw one chapter where the work listed 42.
 */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { corpusPages } from '../../../tests/lib/corpus';
import { parseInert } from '../../reader/extract';
import { copyPage } from '../../library/jobs/page-copy';

const win = new JSDOM('').window as unknown as Window & typeof globalThis;
const EXTENSION_PAGE = 'chrome-extension://slipcase/offscreen.html';
const PAGES = corpusPages().filter((p) => ['story', 'chapter', 'index'].includes(p.expected.kind));

/** The page parsed as the save runner parses it, its baseURI then held at the extension page's. */
function inExtensionPage(html: string, url: string): Document {
  const doc = parseInert(win, html, url);
  Object.defineProperty(doc, 'baseURI', { value: EXTENSION_PAGE });
  for (const el of doc.querySelectorAll('*')) Object.defineProperty(el, 'baseURI', { value: EXTENSION_PAGE });
  return doc;
}

describe('links resolve against the page, not the document that holds its copy', () => {
  it.each(PAGES.map((p) => [p.expected.url, p] as const))('%s', (url, page) => {
    const html = readFileSync(page.htmlPath, 'utf8');
    const asParsed = copyPage(parseInert(win, html, url), url);
    const held = copyPage(inExtensionPage(html, url), url);
    const links = (c: typeof held) => [c.nav.prev, c.nav.next, ...c.nav.chapters.map((ch) => ch.url), ...c.chapters.map((ch) => ch.url)];
    expect(links(held)).toEqual(links(asParsed));
    expect(links(held).filter((u) => u !== null && !/^https?:/.test(u))).toEqual([]);
  });
});
