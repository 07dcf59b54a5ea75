/**
 * Random HTML through every adapter, by the product's own entry points: the reader's full read
 * (readFullPage with content), the library's page copy and fetch plan, the adult-gate link and
 * the listing folds. Every page is hostile, so for documents built at random from a site's own
 * markup, and for its corpus pages mangled (subtrees deleted, duplicated, shuffled or emptied,
 * text swapped for huge or odd Unicode, markup cut short or left unclosed), each read must
 * finish in bounded time with a report that keeps the model's contract, or stop with the
 * documented ExtractionError. fast-check prints the seed and the shrunk document on a failure.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChapterNav, PageInfo, PageReport } from '../../core/model';
import { LEVEL_ORDER } from '../../core/rating';
import { parseHtml } from '../../../scripts/lib/html';
import { corpusPages, type CorpusPage } from '../../../tests/lib/corpus';
import { readFullPage } from '../../reader/view';
import { ExtractionError } from '../../reader/extract';
import { copyPage, type PageCopy } from '../../library/jobs/page-copy';
import { adultGateUrl, planStory } from '../../library/jobs/fetch-plan';
import { judgeBlurbs } from '../../warnings/judge-page';
import { DEFAULT_RATING_SETTINGS } from '../../warnings/policy';
import { SITES } from '../registry';
import type { SiteAdapter } from '../types';

/** Documents per adapter: half built at random from its markup, half its pages mangled. */
const RUNS = 8;
/**
 * Per call. A real page reads in well under a second, but CI's two cores run the whole suite at
 * once: the bound is set to catch a hang or a blow-up, not to time the parser.
 */
const MAX_CALL_MS = 8000;
const KINDS = ['story', 'chapter', 'index', 'gate', 'error', 'listing', 'none'];
const LEVELS = [...LEVEL_ORDER, 'unknown'];
const SITE_IDS = SITES.map((s) => s.id);

// ---- what a site's markup is made of ----

interface Shape {
  tag: string;
  attrs: [string, string][];
}

interface Vocabulary {
  pages: { html: string; url: string }[];
  urls: string[];
  shapes: Shape[];
  texts: string[];
}

const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'wbr', 'source', 'col', 'area', 'base', 'embed']);
/** Elements whose content is not markup, or that would load something: left out of built trees. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'html', 'head', 'body', 'svg', 'math', 'textarea', 'title']);
const ODD_TEXT = [
  '\u202eTXET LTR\u202c',
  'שלום עולם',
  'مرحبا بالعالم',
  '第一章 开始',
  '第3章／全5章',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂‍↔️ 👨‍👩‍👧',
  'e\u0301\u0301\u0301',
  '\u200b\u200d\ufeff',
  '\u0000\u0007\ufffd',
  'Chapter 0 of 0',
  'Chapter 99999999999999999999',
  'Words: 1,234,567,890,123,456',
  'Words: -12',
  'Rating: NC-17',
  'Rated: Fiction MA',
  'Not Rated',
  '3/?',
  '0/0',
  '</div>',
  '&amp;&lt;&#0;&#x110000;',
];

/** A simple selector ("div#id.a.b", ".a", "#id") as a shape, so a site's story-body selectors appear even where its pages lack them. */
function shapeOfSelector(selector: string): Shape | null {
  const m = selector.trim().match(/^([a-z][a-z0-9]*)?((?:[#.][\w-]+)*)$/i);
  if (!m || (!m[1] && !m[2])) return null;
  const ids = [...m[2]!.matchAll(/#([\w-]+)/g)].map((x) => x[1]!);
  const classes = [...m[2]!.matchAll(/\.([\w-]+)/g)].map((x) => x[1]!);
  const attrs: [string, string][] = [];
  if (ids[0]) attrs.push(['id', ids[0]]);
  if (classes.length) attrs.push(['class', classes.join(' ')]);
  return { tag: m[1]?.toLowerCase() ?? 'div', attrs };
}

function vocabulary(adapter: SiteAdapter, pages: CorpusPage[]): Vocabulary {
  const shapes = new Map<string, Shape>();
  const texts = new Set<string>();
  const read = pages.map((p) => ({ html: readFileSync(p.htmlPath, 'utf8'), url: p.expected.url }));
  for (const { html, url } of read) {
    const doc = parseHtml(html, url);
    for (const el of Array.from(doc.querySelectorAll('body *'))) {
      const tag = el.localName;
      if (SKIP.has(tag) || !/^[a-z][a-z0-9]*$/.test(tag)) continue;
      const attrs = Array.from(el.attributes, (a): [string, string] => [a.name, a.value.slice(0, 200)]).filter(
        ([n]) => !n.startsWith('on'),
      );
      shapes.set(JSON.stringify([tag, attrs]), { tag, attrs });
      for (const n of Array.from(el.childNodes))
        if (n.nodeType === 3 && n.textContent!.trim().length > 1) texts.add(n.textContent!.trim().slice(0, 300));
    }
    doc.defaultView?.close();
  }
  for (const sel of [...adapter.cover, ...(adapter.blurbs ? [adapter.blurbs.selector] : [])].flatMap((s) => s.split(','))) {
    const shape = shapeOfSelector(sel);
    if (shape) shapes.set(JSON.stringify([shape.tag, shape.attrs]), shape);
  }
  // Capped so each site's own markup, not its longest page, sets the mix.
  return { pages: read, urls: read.map((p) => p.url), shapes: [...shapes.values()].slice(0, 600), texts: [...texts].slice(0, 400) };
}

// ---- documents ----

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function textOf(v: Vocabulary): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...v.texts, ...ODD_TEXT) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    // Huge text, up to about 100 KB: a long chapter in one text node.
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...v.texts, 'word '), fc.integer({ min: 1000, max: 100_000 }))
        .map(([t, n]) => t.repeat(Math.ceil(n / t.length))),
    },
  );
}

type Tree = { text: string } | { shape: Shape; children: Tree[]; closed: boolean };

function serialize(t: Tree): string {
  if ('text' in t) return escape(t.text);
  const attrs = t.shape.attrs.map(([n, val]) => ` ${n}="${escape(val)}"`).join('');
  if (VOID.has(t.shape.tag)) return `<${t.shape.tag}${attrs}>`;
  return `<${t.shape.tag}${attrs}>${t.children.map(serialize).join('')}${t.closed ? `</${t.shape.tag}>` : ''}`;
}

/** A document of the site's own elements, nested at random, with its text and odd text. */
function randomDocument(v: Vocabulary): fc.Arbitrary<{ html: string; url: string }> {
  const text = textOf(v).map((t): Tree => ({ text: t }));
  const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      text,
      fc.record({
        shape: fc.constantFrom(...v.shapes),
        children: fc.array(tie('tree'), { maxLength: 6 }),
        closed: fc.nat(4).map((n) => n > 0),
      }),
    ),
  }));
  return fc.tuple(fc.array(tree, { minLength: 1, maxLength: 12 }), textOf(v), fc.constantFrom(...v.urls)).map(([body, title, url]) => ({
    html: `<!DOCTYPE html><html><head><title>${escape(title.slice(0, 500))}</title></head><body>${body.map(serialize).join('')}</body></html>`,
    url,
  }));
}

type Mutation =
  | { op: 'delete' | 'duplicate' | 'shuffle' | 'empty'; at: number }
  | { op: 'text'; at: number; text: string }
  | { op: 'unclose'; at: number };

function mutation(v: Vocabulary): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  return fc.oneof(
    fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const, 'shuffle' as const, 'empty' as const), at }),
    fc.record({ op: fc.constant('text' as const), at, text: textOf(v) }),
    fc.record({ op: fc.constant('unclose' as const), at }),
  );
}

/** One change to a page's tree; `unclose` is left to the markup. */
function apply(doc: Document, m: Mutation): void {
  const all = Array.from(doc.body?.querySelectorAll('*') ?? []);
  const el = all[m.at % Math.max(1, all.length)];
  if (!el) return;
  if (m.op === 'delete') el.remove();
  else if (m.op === 'duplicate') el.after(el.cloneNode(true), el.cloneNode(true));
  else if (m.op === 'empty') el.replaceChildren();
  else if (m.op === 'text') el.replaceChildren(m.text);
  else if (m.op === 'shuffle') {
    const kids = Array.from(el.children);
    for (let i = kids.length - 1; i > 0; i--) el.append(kids[(m.at + i * 7) % (i + 1)]!);
  }
}

/** The markup with one of its closing tags left out. */
function withoutClosingTag(html: string, at: number): string {
  const ends = [...html.matchAll(/<\/[a-z][a-z0-9]*>/g)];
  const end = ends[at % Math.max(1, ends.length)];
  return end ? html.slice(0, end.index) + html.slice(end.index + end[0].length) : html;
}

/** A corpus page of the site, mangled: tree changes, closing tags dropped, the markup cut short. */
function mangledPage(v: Vocabulary): fc.Arbitrary<{ html: string; url: string }> {
  return fc
    .tuple(
      fc.nat(v.pages.length - 1),
      fc.array(mutation(v), { minLength: 1, maxLength: 8 }),
      fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    )
    .map(([i, mutations, cut]) => {
      const page = v.pages[i]!;
      const doc = parseHtml(page.html, page.url);
      for (const m of mutations) apply(doc, m);
      let html = doc.documentElement.outerHTML;
      doc.defaultView?.close();
      for (const m of mutations) if (m.op === 'unclose') html = withoutClosingTag(html, m.at);
      return { html: cut === null ? html : html.slice(0, Math.floor(html.length * cut)), url: page.url };
    });
}

// ---- the contract ----

function checkInfo(info: PageInfo, where: string): void {
  expect(KINDS, where).toContain(info.kind);
  expect(LEVELS, where).toContain(info.rating.level);
  expect(['site', 'none'], where).toContain(info.rating.source);
  // No rating from the site is never a level, least of all general.
  if (info.rating.source === 'none') expect(info.rating, where).toEqual({ level: 'unknown', label: null, source: 'none' });
  for (const v of [info.title, info.author, info.summary, info.rating.label]) expect(v === null || typeof v === 'string', where).toBe(true);
  for (const list of [info.fandoms, info.warnings, info.tags]) expect(list.every((s) => typeof s === 'string')).toBe(true);
  expect(typeof info.warningsHidden).toBe('boolean');
  if (info.chapter) {
    expect(Number.isSafeInteger(info.chapter.index) && info.chapter.index >= 1, `${where}: chapter ${info.chapter.index}`).toBe(true);
    const count = info.chapter.count;
    expect(count === null || (Number.isSafeInteger(count) && count >= 1), `${where}: of ${count}`).toBe(true);
  }
  expect(info.words === null || (Number.isSafeInteger(info.words) && info.words >= 0), `${where}: words ${info.words}`).toBe(true);
}

function checkReport(r: PageReport): void {
  checkInfo(r, r.url);
  expect(SITE_IDS).toContain(r.site);
  // The estimate comes with the text it reads.
  expect(r.estimate === null).toBe(r.content === null);
  if (r.estimate) expect(LEVELS).toContain(r.estimate.level);
  if (r.content) expect(Number.isSafeInteger(r.content.words) && r.content.words >= 0).toBe(true);
}

function checkNav(nav: ChapterNav): void {
  for (const u of [nav.prev, nav.next, ...nav.chapters.map((c) => c.url)]) if (u !== null) expect(URL.canParse(u), u).toBe(true);
}

function checkCopy(copy: PageCopy): void {
  checkReport(copy.report);
  checkNav(copy.nav);
  for (const c of copy.chapters) {
    expect(typeof c.html).toBe('string');
    expect(c.number == null || (Number.isSafeInteger(c.number) && c.number >= 1), `chapter number ${c.number}`).toBe(true);
  }
}

/** One entry point, timed; the documented ExtractionError is an answer, anything else fails. */
function timed<T>(what: string, call: () => T): T | null {
  const started = performance.now();
  try {
    return call();
  } catch (e) {
    if (e instanceof ExtractionError) return null;
    throw e;
  } finally {
    expect(performance.now() - started, `${what} took too long`).toBeLessThan(MAX_CALL_MS);
  }
}

/** Every entry point the product calls on a page; the id of the adapter that read it. */
function readEverything({ html, url }: { html: string; url: string }): string {
  const doc = parseHtml(html, url);
  try {
    const report = timed('readFullPage', () => readFullPage(doc, url, { content: true }));
    if (report) checkReport(report);
    const copy = timed('copyPage', () => copyPage(doc, url));
    if (copy) {
      checkCopy(copy);
      const plan = timed('planStory', () => planStory(copy, doc, url));
      if (plan && 'url' in plan) expect(URL.canParse(plan.url)).toBe(true);
    }
    const gate = timed('adultGateUrl', () => adultGateUrl(doc, url));
    if (gate !== null) expect(URL.canParse(gate), gate).toBe(true);
    if (report?.kind === 'listing')
      for (const b of timed('judgeBlurbs', () => judgeBlurbs(doc, url, DEFAULT_RATING_SETTINGS)) ?? []) checkReport(b.report);
    return report?.site ?? '';
  } finally {
    doc.defaultView?.close();
  }
}

// ---- the runs ----

const bySite = new Map<string, CorpusPage[]>();
for (const p of corpusPages()) bySite.set(p.folder, [...(bySite.get(p.folder) ?? []), p]);

describe('random HTML through every adapter', () => {
  it('has pages to build documents from for every adapter in the registry', () => {
    expect(SITES.filter((s) => !bySite.get(s.id)?.length).map((s) => s.id)).toEqual([]);
  });

  describe.each(SITES.map((s) => [s.id, s] as const))('%s', (id, adapter) => {
    const v = vocabulary(adapter, bySite.get(id) ?? []);

    it('reads documents built from its own markup without throwing, in bounded time, keeping the contract', () => {
      fc.assert(
        fc.property(randomDocument(v), (doc) => {
          readEverything(doc);
        }),
        // A failing read can take seconds: report the first counterexample rather than shrink for minutes.
        { numRuns: RUNS, endOnFailure: true },
      );
    }, 60_000);

    it('reads its own pages mangled without throwing, in bounded time, keeping the contract', () => {
      const readers: string[] = [];
      fc.assert(
        fc.property(mangledPage(v), (doc) => {
          readers.push(readEverything(doc));
        }),
        // A failing read can take seconds: report the first counterexample rather than shrink for minutes.
        { numRuns: RUNS, endOnFailure: true },
      );
      // The fuzzing reached this adapter: most mangled pages of the site are still its own.
      expect(readers.filter((r) => r === id).length).toBeGreaterThan(0);
    }, 60_000);
  });
});
