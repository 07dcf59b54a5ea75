/**
 * The page corpus: every saved page with its ground truth, kept beside the adapter that reads it
 * (`src/sites/<id>/pages/NAME.html` with `NAME.expected.json`, and `NAME.expected.txt` where the
 * page holds story text).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PageKind, RatingLevel } from '../../src/core/model';

/** The adapters' folder; each `<id>/pages/` below it holds that site's pages. */
export const CORPUS_DIR = join(import.meta.dirname, '..', '..', 'src', 'sites');

export interface Expected {
  url: string;
  /** `real`: saved from a site (SOURCES.md beside it says where from); `reconstructed`: built to match the site's markup. */
  origin: 'real' | 'reconstructed';
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
  /** Path relative to src/sites, e.g. "ao3/pages/ao3js-works-168768.html". */
  name: string;
  /** The adapter folder the page sits in. */
  folder: string;
  htmlPath: string;
  /** The reader's full expected text (`NAME.expected.txt`), where the page holds story text. */
  textPath: string | null;
  expected: Expected;
}

type Errata = Record<string, Record<string, { expected: unknown; accepted: unknown; why: string }>>;

/** The folders under src/sites that hold pages, sorted. */
export function pageFolders(): string[] {
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(CORPUS_DIR, e.name, 'pages')))
    .map((e) => e.name)
    .sort();
}

/**
 * Where a ground-truth value cannot be read from the page itself, the folder's ERRATA.json records
 * the value the test accepts instead, and why. Keyed by file name, then by dotted field path.
 */
function errataOf(folder: string): Errata {
  const file = join(CORPUS_DIR, folder, 'pages', 'ERRATA.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Errata) : {};
}

function applyErrata(errata: Errata, file: string, name: string, expected: Expected): Expected {
  for (const [path, e] of Object.entries(errata[file] ?? {})) {
    const keys = path.split('.');
    let obj = expected as unknown as Record<string, unknown>;
    for (const k of keys.slice(0, -1)) obj = obj[k] as Record<string, unknown>;
    const last = keys[keys.length - 1]!;
    if (obj[last] !== e.expected) throw new Error(`ERRATA for ${name} ${path} no longer matches the ground truth`);
    obj[last] = e.accepted;
  }
  return expected;
}

function folderPages(folder: string): CorpusPage[] {
  const dir = join(CORPUS_DIR, folder, 'pages');
  const errata = errataOf(folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .map((f) => {
      const file = f.replace(/\.expected\.json$/, '.html');
      const name = `${folder}/pages/${file}`;
      const textPath = join(dir, f.replace(/\.json$/, '.txt'));
      const expected = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Expected;
      return {
        name,
        folder,
        htmlPath: join(dir, file),
        textPath: existsSync(textPath) ? textPath : null,
        expected: applyErrata(errata, file, name, expected),
      };
    });
}

export function corpusPages(): CorpusPage[] {
  return pageFolders().flatMap(folderPages);
}

/** Every HTML page in the corpus, with or without ground truth. */
export function corpusHtmlFiles(): string[] {
  return pageFolders()
    .flatMap((folder) => readdirSync(join(CORPUS_DIR, folder, 'pages')).map((f) => join(CORPUS_DIR, folder, 'pages', f)))
    .filter((f) => f.endsWith('.html'))
    .sort();
}
