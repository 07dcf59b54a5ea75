/**
 * Golden test of the whole reader text: every corpus page with story text has the reader's full
 * text beside it (`NAME.expected.txt`), and the extraction gives exactly that text. The first/last
 * words and counts in expected.json say where the story is; this file pins every word between.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFullPage } from '../../reader/view';
import { parseHtml } from '../../../scripts/lib/html';
import { corpusPages } from '../../../tests/lib/corpus';

const pages = corpusPages();

describe('full reader text of the corpus', () => {
  it('has a full text exactly for the pages with story text', () => {
    const mismatched = pages.filter((p) => (p.textPath !== null) !== Boolean(p.expected.storyText)).map((p) => p.name);
    expect(mismatched).toEqual([]);
  });

  it.each(pages.filter((p) => p.textPath).map((p) => [p.name, p] as const))('%s', (_name, page) => {
    const doc = parseHtml(readFileSync(page.htmlPath, 'utf8'), page.expected.url);
    const text = readFullPage(doc, page.expected.url, { content: true }).content?.text;
    expect(text).toBe(readFileSync(page.textPath!, 'utf8'));
  });
});
