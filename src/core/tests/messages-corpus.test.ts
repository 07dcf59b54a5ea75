/**
 * The page-report message of every corpus page, as the detect content script sends it, passes the
 * validation point: as Firefox delivers it (structured clone) and as Chrome does (JSON).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMessage, type Message } from '../messages';
import { DEFAULT_RATING_SETTINGS } from '../../warnings/policy';
import { judgePage } from '../../warnings/judge-page';
import { parseHtml } from '../../../scripts/lib/html';
import { corpusPages } from '../../../tests/lib/corpus';

describe('page-report messages of the corpus', () => {
  it.each(corpusPages().map((p) => [p.name, p] as const))('%s', (_name, page) => {
    const { report, decision } = judgePage(
      parseHtml(readFileSync(page.htmlPath, 'utf8'), page.expected.url),
      page.expected.url,
      DEFAULT_RATING_SETTINGS,
    );
    const message: Message<'page-report'> = { type: 'page-report', report, decision };
    expect(parseMessage(structuredClone(message))).not.toBeNull();
    expect(parseMessage(JSON.parse(JSON.stringify(message)))).not.toBeNull();
  });
});
