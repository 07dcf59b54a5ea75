/**
 * Pages built to break the reader (issue #18, "No hang, ever"): markup that clobbers the DOM
 * properties extraction walks, and pages too large to read. A hang cannot be stopped from inside
 * the thread that hangs, so whatever might hang runs in a child process killed at a deadline.
 *
 * jsdom does not implement named properties that override built-in ones (browsers do, on forms
 * and on the document: `<input name="parentNode">` makes `form.parentNode` that input), so
 * `emulateClobbering` installs them on a window's prototypes, reaching every form and document
 * of that window, the extraction's copies too.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFullPage, readerView } from '../view';
import { ExtractionError, MAX_ELEMENTS, MAX_READABILITY_ELEMENTS, MAX_READ_MS, inertCopy } from '../extract';
import { CORPUS_DIR } from '../../../tests/lib/corpus';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const VIEW = pathToFileURL(join(import.meta.dirname, '..', 'view.ts')).href;

// An unknown site's one-shot, read by Readability, with the form of the report after its last line.
const PAGE = join(CORPUS_DIR, 'generic', 'pages', 'moonlit-crypt-lanterns');
const URL_ = 'http://www.geocities.com/moonlit_crypt/fic/lanterns.htm';
const hostile = (markup: string) => readFileSync(`${PAGE}.html`, 'utf8').replace('</body>', `${markup}</body>`);
/**
 * The report's form. Readability's walk goes from the last input up to the form, whose "parent" is
 * the first input, whose next sibling is the last input, and so on for ever.
 */
const FORM = '<form><input name="parentNode"><input name="nodeName"></form>';
/** The same loop, past the generic adapter (which a clobbered nodeName stops); and Readability's own score property. */
const LOOP = '<form><input name="parentNode"><input name="q"><input name="readability"></form>';
/** document.body is this image: the page seems to have no text. */
const IMAGE = '<img name="body" alt="">';
const EXPECTED = readFileSync(`${PAGE}.expected.txt`, 'utf8');
/** Not the names the copy itself reads through the prototypes: the emulation sits there, where browsers have none. */
const NAMES = ['parentNode', 'nodeName', 'readability', 'body'];

/** Forms' controls and the document's named images, forms, embeds, objects and iframes over the built-in properties, as in browsers. */
function emulateClobbering(win: Window & typeof globalThis, names: string[]): void {
  const find = (proto: object, name: string) => {
    for (let p: object | null = proto; p; p = Object.getPrototypeOf(p) as object | null) {
      const d = Object.getOwnPropertyDescriptor(p, name);
      if (d) return d;
    }
    return undefined;
  };
  const elements = find(win.HTMLFormElement.prototype, 'elements')!.get!;
  const query = find(win.Document.prototype, 'querySelector')!.value as Document['querySelector'];
  const attr = find(win.Element.prototype, 'getAttribute')!.value as Element['getAttribute'];
  const named = (name: string) => (e: Element) => attr.call(e, 'id') === name || attr.call(e, 'name') === name;
  const tags = ['img', 'form', 'embed', 'object', 'iframe'];
  for (const name of names) {
    const items: [object, (self: object) => unknown][] = [
      [win.HTMLFormElement.prototype, (f) => Array.from(elements.call(f) as ArrayLike<Element>).find(named(name))],
      [win.Document.prototype, (d) => query.call(d, tags.map((t) => `${t}[name="${name}"]`).join(', '))],
    ];
    for (const [proto, item] of items) {
      const builtin = find(proto, name);
      Object.defineProperty(proto, name, {
        configurable: true,
        get(this: object) {
          return item(this) ?? (builtin?.get ? builtin.get.call(this) : builtin?.value);
        },
      });
    }
  }
}

/** Runs `body` in a child Node on the page `html` (clobbering emulated), killed past `deadlineMs`. */
function inChild(html: string, body: string, deadlineMs: number): Promise<{ out: string; killed: boolean }> {
  const code = `
    const { JSDOM } = await import('jsdom');
    const { Readability } = await import('@mozilla/readability');
    const { readFullPage } = await import(${JSON.stringify(VIEW)});
    const win = new JSDOM(${JSON.stringify(html)}, { url: ${JSON.stringify(URL_)} }).window;
    (${emulateClobbering.toString()})(win, ${JSON.stringify(NAMES)});
    const doc = win.document;
    ${body}`;
  const args = ['--import', 'tsx', '--input-type=module', '-e', code];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, timeout: deadlineMs, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      if (error?.killed) resolve({ out: stdout, killed: true });
      else if (error) reject(new Error(stderr || error.message));
      else resolve({ out: stdout, killed: false });
    });
  });
}

function hostileDoc(): Document {
  const win = new JSDOM(hostile(LOOP + IMAGE), { url: URL_ }).window as unknown as Window & typeof globalThis;
  emulateClobbering(win, NAMES);
  return win.document;
}

describe('a page whose markup clobbers what extraction walks', () => {
  it('is clobbered under the emulation as in a browser', () => {
    const doc = hostileDoc();
    expect(doc.querySelector('form')!.parentNode).toBe(doc.querySelector('input[name="parentNode"]'));
    expect(doc.body).toBe(doc.querySelector('img[name="body"]'));
  });

  it('sends Readability alone round for ever (the hang, reproduced)', { timeout: 60_000 }, async () => {
    const run = await inChild(hostile(FORM), `new Readability(doc.cloneNode(true)).parse(); console.log('returned');`, 8_000);
    expect(run).toEqual({ out: '', killed: true });
  });

  it.each([
    ['the form of the report', FORM],
    ['a form that loops', LOOP],
    ['a named image', IMAGE],
    ['all of them', LOOP + FORM + IMAGE],
  ])('with %s, is read in time, with the story text it has', { timeout: 60_000 }, async (_, markup) => {
    const read = `readFullPage(doc, ${JSON.stringify(URL_)}, { content: true })`;
    const run = await inChild(hostile(markup), `console.log(JSON.stringify(${read}));`, 30_000);
    expect(run.killed).toBe(false);
    const report = JSON.parse(run.out) as ReturnType<typeof readFullPage>;
    expect(report.kind).toBe('story');
    expect(report.content?.text).toBe(EXPECTED);
  });

  it('is read from a copy without the clobbering names, keeping every other', () => {
    const doc = hostileDoc();
    doc.querySelector('form')!.insertAdjacentHTML('beforeend', '<select name="chapter" id="chap_select"></select>');
    const copy = inertCopy(doc);
    const form = copy.querySelector('form')!;
    expect(form.parentNode).toBe(copy.querySelector('body'));
    expect(copy.body.localName).toBe('body');
    expect(copy.querySelectorAll('[name="parentNode"], [name="nodeName"], [name="readability"], [name="body"]')).toHaveLength(0);
    expect(copy.querySelector('select#chap_select[name="chapter"]')).not.toBeNull();
    expect(inertCopy(copy)).toBe(copy);
  });

  it('is left as it was: the reader reads a copy', () => {
    const doc = hostileDoc();
    const before = doc.documentElement.outerHTML;
    readerView(doc, URL_);
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});

describe('a page too large to read', () => {
  const huge = () => new JSDOM(`<title>Huge</title>${'<p>Word.</p>'.repeat(MAX_ELEMENTS)}`, { url: URL_ }).window.document;

  it('gives up at once with a clear message', { timeout: 60_000 }, () => {
    const doc = huge();
    const count = doc.getElementsByTagName('*').length;
    expect(count).toBeGreaterThan(MAX_ELEMENTS);
    const message = `This page is too large to read: ${count.toLocaleString('en')} elements.`;
    expect(() => readFullPage(doc, URL_, { content: true })).toThrow(new ExtractionError(message));
    expect(() => readerView(doc, URL_)).toThrow(ExtractionError);
  });

  it('for Readability (an unknown site) gives up at a lower bound, with the same message', { timeout: 60_000 }, () => {
    const filler = `<div>${'<i></i>'.repeat(MAX_READABILITY_ELEMENTS)}</div>`;
    const doc = new JSDOM(hostile(filler), { url: URL_ }).window.document;
    const count = doc.getElementsByTagName('*').length;
    expect(count).toBeLessThan(MAX_ELEMENTS);
    const message = `This page is too large to read: ${count.toLocaleString('en')} elements.`;
    expect(() => readFullPage(doc, URL_, { content: true })).toThrow(new ExtractionError(message));
  });
});

describe('a read that runs too long', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('gives up before sanitising, saying so', () => {
    const doc = new JSDOM(hostile(''), { url: URL_ }).window.document;
    let now = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => (now += MAX_READ_MS + 5_000));
    const message = `This page took too long to read: ${Math.round((MAX_READ_MS + 5_000) / 1000)} s.`;
    expect(() => readFullPage(doc, URL_, { content: true })).toThrow(new ExtractionError(message));
  });
});
