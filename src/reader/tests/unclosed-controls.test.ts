/**
 * A form control or fallback-holding element left unclosed in a story (issue #18): the parser puts
 * every later paragraph inside it, a browser still shows them, and the reader kept only the
 * words before it (72 of 449 on this AO3 work with `<form><button>`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { readFullPage } from '../view';
import { CORPUS_DIR } from '../../../tests/lib/corpus';

const AO3 = join(CORPUS_DIR, 'ao3', 'pages', 'ao3js-works-168768');
const AO3_URL = 'https://archiveofourown.org/works/168768?view_adult=true';
const GENERIC = join(CORPUS_DIR, 'generic', 'pages', 'moonlit-crypt-lanterns');
const GENERIC_URL = 'http://www.geocities.com/moonlit_crypt/fic/lanterns.htm';

const words = (path: string) => (readFileSync(`${path}.expected.txt`, 'utf8').match(/\S+/g) ?? []).length;

/** The page with `markup` put before its paragraph starting `at`. */
function read(path: string, url: string, at: string, markup: string) {
  const html = readFileSync(`${path}.html`, 'utf8');
  expect(html).toContain(at);
  const dom = new JSDOM(html.replace(at, markup + at), { url });
  return readFullPage(dom.window.document, url, { content: true }).content;
}

const UNCLOSED = ['<form>', '<form><button>', '<form><input><button type="submit">', '<form><option>', '<canvas>', '<form><datalist>'];

describe('an unclosed control in an AO3 story body', () => {
  it.each(UNCLOSED)('%s: every word of the story is read', (markup) => {
    const content = read(AO3, AO3_URL, '<p>His whole life', markup);
    expect(content?.words).toBe(words(AO3));
    expect(content?.text).toContain('He extinguished his worst enemy');
    expect(content?.html).not.toMatch(/<(?:form|button|option|object|canvas|datalist)\b/);
  });

  it('<object>: the story is read, and the page after it (a browser shows that too: no </div> closes an object)', () => {
    const content = read(AO3, AO3_URL, '<p>His whole life', '<object>');
    expect(content?.text).toContain('He extinguished his worst enemy');
    expect(content?.words).toBeGreaterThan(words(AO3));
  });

  it('a button that is only a label still goes with its label', () => {
    const content = read(AO3, AO3_URL, '<p>His whole life', '<form><button>Kudos now</button></form>');
    expect(content?.words).toBe(words(AO3));
    expect(content?.text).not.toContain('Kudos now');
  });
});

describe('an unclosed control in a story Readability reads', () => {
  it.each(['<form><button>', '<object>'])('%s: the text after it is read', (markup) => {
    const expected = readFileSync(`${GENERIC}.expected.txt`, 'utf8').trim().split('\n');
    const last = expected[expected.length - 1]!;
    const middle = expected[Math.floor(expected.length / 2)]!;
    const html = readFileSync(`${GENERIC}.html`, 'utf8');
    // Before the paragraph holding the middle line.
    const at = html.indexOf(middle.slice(0, 30));
    expect(at).toBeGreaterThan(0);
    const p = html.lastIndexOf('<p', at);
    const dom = new JSDOM(html.slice(0, p) + markup + html.slice(p), { url: GENERIC_URL });
    const content = readFullPage(dom.window.document, GENERIC_URL, { content: true }).content;
    expect(content?.text).toContain(last);
    expect(content?.words).toBeGreaterThanOrEqual(words(GENERIC) - 5);
  });
});
