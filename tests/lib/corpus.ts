/** The fixture corpus: every saved page with its ground truth (`NAME.expected.json` beside `NAME.html`). */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { PageKind, RatingLevel } from '../../utils/model';

export const CORPUS_DIR = join(import.meta.dirname, '..', 'fixtures', 'corpus');

export interface Expected {
  url: string;
  kind: PageKind;
  site: string;
  title: string | null;
  author: string | null;
  rating: { level: RatingLevel; label: string | null };
  warnings: string[];
  warningsHidden?: boolean;
  chapter: { index: number; count: number | null; title: string | null } | null;
  labelAlternatives?: string[];
  statedWords?: number;
  gateContinue?: string;
  storyText?: { first: string; last: string; words: number } | null;
  mustNotContain?: string[];
}

export interface CorpusPage {
  /** Path relative to the corpus folder, e.g. "real/ao3/ao3js-works-168768.html". */
  name: string;
  htmlPath: string;
  expected: Expected;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

export function corpusPages(): CorpusPage[] {
  return walk(CORPUS_DIR)
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .map((f) => {
      const htmlPath = f.replace(/\.expected\.json$/, '.html');
      return {
        name: relative(CORPUS_DIR, htmlPath),
        htmlPath,
        expected: JSON.parse(readFileSync(f, 'utf8')) as Expected,
      };
    });
}

/** Every HTML page in the corpus, with or without ground truth. */
export function corpusHtmlFiles(): string[] {
  return walk(CORPUS_DIR).filter((f) => f.endsWith('.html')).sort();
}
