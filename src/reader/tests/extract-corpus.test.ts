/**
 * Golden test of the reader text: on every corpus page with ground truth, the story body starts
 * and ends where the ground truth says (optional header and closing blocks aside), has its word
 * count, and holds none of the page's chrome. Pages without story text get no content.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFullPage, readerView } from '../view';
import { countWords, squash } from '../../core/dom';
import { parseHtml } from '../../../scripts/lib/html';
import { corpusPages } from '../../../tests/lib/corpus';

interface StoryText {
  first: string;
  last: string;
  words: number;
  optionalLead?: string[];
  optionalTail?: string[];
  interior?: string[];
}

/** Words the extracted body may differ from the ground truth by (whitespace inside odd markup). */
const TOLERANCE = 2;

const pages = corpusPages().map((p) => ({ ...p, story: (p.expected as { storyText?: StoryText | null }).storyText ?? null }));

function load(page: (typeof pages)[number]): Document {
  return parseHtml(readFileSync(page.htmlPath, 'utf8'), page.expected.url);
}

/** The headings, notes and links between chapters that the ground truth allows, removed in page order. */
function withoutInterior(text: string, interior: string[]): string {
  let out = text;
  let from = 0;
  for (const block of interior) {
    const at = out.indexOf(block, from);
    if (at < 0) continue;
    out = out.slice(0, at) + out.slice(at + block.length);
    from = at;
  }
  return squash(out);
}

/** Peel optional blocks off one end until the story's own first (or last) words show. */
function peel(text: string, blocks: string[], story: string, end: 'start' | 'end'): string {
  let out = text;
  const at = (s: string) => (end === 'start' ? out.startsWith(s) : out.endsWith(s));
  while (!at(story)) {
    const block = blocks.filter(at).sort((a, b) => b.length - a.length)[0];
    if (!block) break;
    out = squash(end === 'start' ? out.slice(block.length) : out.slice(0, -block.length));
  }
  return out;
}

describe('reader text of the corpus', () => {
  it.each(pages.filter((p) => p.story).map((p) => [p.name, p] as const))('%s', (_name, page) => {
    const st = page.story!;
    const doc = load(page);
    const before = doc.documentElement.outerHTML;
    const view = readerView(doc, page.expected.url);
    expect(doc.documentElement.outerHTML, 'the page itself is never changed').toBe(before);
    expect(view).not.toBeNull();
    const text = view!.content.text;

    const inner = withoutInterior(squash(text), st.interior ?? []);
    const body = peel(peel(inner, st.optionalLead ?? [], st.first, 'start'), st.optionalTail ?? [], st.last, 'end');
    expect(body.slice(0, st.first.length)).toBe(st.first);
    expect(body.slice(-st.last.length)).toBe(st.last);
    expect(Math.abs(countWords(body) - st.words)).toBeLessThanOrEqual(TOLERANCE);
    expect(view!.content.words).toBe(countWords(text));
    for (const chrome of page.expected.mustNotContain ?? []) expect(squash(text)).not.toContain(chrome);
  });

  it.each(pages.map((p) => [p.name, p] as const))('%s: inspect content', (_name, page) => {
    const report = readFullPage(load(page), page.expected.url, { content: true });
    if (page.story) expect(report.content?.text).toBe(readerView(load(page), page.expected.url)?.content.text);
    else expect(report.content).toBeNull();
  });
});
