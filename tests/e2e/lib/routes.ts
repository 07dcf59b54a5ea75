/**
 * The browsers in the end-to-end tests see no network: every request is answered from the fixture
 * corpus under the archive's real URL, or refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusPages } from '../../lib/corpus';

export interface Fixture {
  status: number;
  contentType: string;
  body: string;
  /** Answer this long after the request (a slow server). */
  delayMs?: number;
  /** More response headers, e.g. a Content-Security-Policy. */
  headers?: Record<string, string>;
}

/** The library tests' multi-chapter pages (src/library/tests/fixtures/SOURCES.md), beside the corpus. */
const LIBRARY_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../src/library/tests/fixtures');

function libraryPages(): [string, string][] {
  const index = join(LIBRARY_FIXTURES, 'routes.json');
  if (!existsSync(index)) return [];
  return (JSON.parse(readFileSync(index, 'utf8')) as { url: string; file: string }[]).map((r) => [r.url, join(LIBRARY_FIXTURES, r.file)]);
}

const byUrl = new Map<string, string>([...corpusPages().map((p): [string, string] => [p.expected.url, p.htmlPath]), ...libraryPages()]);
const added = new Map<string, Fixture>();
let offline = false;

/** Refuse every request from now on (true), or serve the fixtures again (false). */
export function setOffline(value: boolean): void {
  offline = value;
}

/** The fixture served at `url`, or null to refuse the request (as if offline). */
export function fixtureFor(url: string): Fixture | null {
  if (offline) return null;
  const key = url.split('#')[0]!;
  const extra = added.get(key);
  if (extra) return extra;
  const path = byUrl.get(key);
  if (!path) return null;
  return { status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(path, 'utf8') };
}

/** The corpus page at `url` as served. */
export function corpusBody(url: string): string {
  const path = byUrl.get(url);
  if (!path) throw new Error(`no corpus page at ${url}`);
  return readFileSync(path, 'utf8');
}

/** Serve `fixture` at `url` (over the corpus page there, if any) until the returned function is called. */
export function serve(url: string, fixture: Fixture): () => void {
  added.set(url, fixture);
  return () => void added.delete(url);
}
