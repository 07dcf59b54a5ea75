/**
 * Golden test: every corpus page, read through the same entry point as the content script, gives
 * the ground truth's kind, site, title, author, rating, warnings and chapter.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectPage } from '../../core/page';
import { parseHtml } from '../../../scripts/lib/html';
import { corpusHtmlFiles, corpusPages } from '../../../tests/lib/corpus';

const pages = corpusPages();

describe('corpus', () => {
  it('has ground truth for every page', () => {
    const covered = new Set(pages.map((p) => p.htmlPath));
    expect(corpusHtmlFiles().filter((f) => !covered.has(f))).toEqual([]);
  });

  it('gives every page its own URL, as the browser tests serve them by URL', () => {
    const urls = pages.map((p) => p.expected.url);
    expect(urls.filter((u, i) => urls.indexOf(u) !== i)).toEqual([]);
  });

  it.each(pages.map((p) => [p.name, p] as const))('%s', (_name, page) => {
    const exp = page.expected;
    const doc = parseHtml(readFileSync(page.htmlPath, 'utf8'), exp.url);
    const r = detectPage(doc, exp.url);
    expect({ kind: r.kind, site: r.site }).toEqual({ kind: exp.kind, site: exp.site });
    // null title/author on listing and none pages means "do not assert".
    if (exp.title !== null || (exp.kind !== 'listing' && exp.kind !== 'none')) expect(r.title).toBe(exp.title);
    if (exp.author !== null || (exp.kind !== 'listing' && exp.kind !== 'none')) expect(r.author).toBe(exp.author);
    expect(r.rating.level).toBe(exp.rating.level);
    const labels = [exp.rating.label, ...(exp.labelAlternatives ?? [])];
    expect(labels).toContain(r.rating.label);
    expect(r.rating.source).toBe(exp.rating.label === null && exp.rating.level === 'unknown' ? 'none' : 'site');
    expect(r.warnings).toEqual(exp.warnings);
    expect(r.warningsHidden).toBe(exp.warningsHidden ?? false);
    expect(r.chapter).toEqual(exp.chapter);
    if (exp.statedWords !== undefined) expect(r.words).toBe(exp.statedWords);
  });
});
