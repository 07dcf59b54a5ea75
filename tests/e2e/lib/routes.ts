/**
 * The browsers in the end-to-end tests see no network: every request is answered from the fixture
 * corpus under the archive's real URL, or refused.
 */
import { readFileSync } from 'node:fs';
import { corpusPages } from '../../lib/corpus';

export interface Fixture {
  status: number;
  contentType: string;
  body: string;
}

const byUrl = new Map<string, string>(corpusPages().map((p) => [p.expected.url, p.htmlPath]));

/** The fixture served at `url`, or null to refuse the request (as if offline). */
export function fixtureFor(url: string): Fixture | null {
  const path = byUrl.get(url.split('#')[0]!);
  if (!path) return null;
  return { status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(path, 'utf8') };
}
