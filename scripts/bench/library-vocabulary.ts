/**
 * The library bench's vocabulary (library.ts): the words of the corpus's story texts, as the
 * reader extracts them, with their counts, commonest first.
 */
import { readFileSync } from 'node:fs';
import { corpusPages } from '../../tests/lib/corpus';
import { readFullPage } from '../../src/reader/view';
import { parseHtml } from '../lib/html';
import type { Vocabulary } from './library-stories';

/** The words of the corpus's story texts (as the reader extracts them) with their counts, commonest first. */
export function corpusVocabulary(): Vocabulary {
  const forms = new Map<string, Map<string, number>>();
  for (const page of corpusPages()) {
    if (!page.expected.storyText) continue;
    const doc = parseHtml(readFileSync(page.htmlPath, 'utf8'), page.expected.url);
    const text = readFullPage(doc, page.expected.url, { content: true }).content?.text ?? '';
    for (const w of text.match(/\p{L}+(?:['’]\p{L}+)*/gu) ?? []) {
      const seen = forms.get(w.toLowerCase()) ?? new Map<string, number>();
      seen.set(w, (seen.get(w) ?? 0) + 1);
      forms.set(w.toLowerCase(), seen);
    }
  }
  // Each word as it is most often written ("I", "Buffy", "the").
  const words = [...forms.values()]
    .map((seen) => {
      const [form] = [...seen].sort((a, b) => b[1] - a[1])[0]!;
      return { form, count: [...seen.values()].reduce((a, b) => a + b, 0) };
    })
    .sort((a, b) => b.count - a.count || (a.form < b.form ? -1 : 1));
  return { words: words.map((w) => w.form), counts: words.map((w) => w.count) };
}
