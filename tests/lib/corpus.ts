/** The fixture corpus: every saved page with its ground truth (`NAME.expected.json` beside `NAME.html`). */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { PageKind, RatingLevel } from '../../src/core/model';

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

/**
 * Where a ground-truth value cannot be read from the page itself, ERRATA.json records the value
 * the test accepts instead, and why. Keyed by page name, then by dotted field path.
 */
const ERRATA: Record<string, Record<string, { expected: unknown; accepted: unknown; why: string }>> = JSON.parse(
  readFileSync(join(CORPUS_DIR, 'ERRATA.json'), 'utf8'),
);

function applyErrata(name: string, expected: Expected): Expected {
  for (const [path, e] of Object.entries(ERRATA[name] ?? {})) {
    const keys = path.split('.');
    let obj = expected as unknown as Record<string, unknown>;
    for (const k of keys.slice(0, -1)) obj = obj[k] as Record<string, unknown>;
    const last = keys[keys.length - 1]!;
    if (obj[last] !== e.expected) throw new Error(`ERRATA for ${name} ${path} no longer matches the ground truth`);
    obj[last] = e.accepted;
  }
  return expected;
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
      const name = relative(CORPUS_DIR, htmlPath);
      return { name, htmlPath, expected: applyErrata(name, JSON.parse(readFileSync(f, 'utf8')) as Expected) };
    });
}

/** Every HTML page in the corpus, with or without ground truth. */
export function corpusHtmlFiles(): string[] {
  return walk(CORPUS_DIR).filter((f) => f.endsWith('.html')).sort();
}
