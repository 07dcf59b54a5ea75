/**
 * What a page says about itself in structured data: JSON-LD for a work of fiction (Book, Chapter,
 * ShortStory, CreativeWork), or Open Graph's og:type "book". A news or blog article's markup says
 * nothing about a story, so only these types count as evidence; its article:author still names the
 * writer of a story the text itself shows.
 */
import { $$, squash } from '../../core/dom';

export interface Structured {
  /** The work's name: a Chapter's isPartOf, else the item's own name. */
  title: string | null;
  author: string | null;
  /** The page declares a work of fiction. */
  fiction: boolean;
}

const WORK = /^(?:Book|Chapter|ShortStory|CreativeWork|CreativeWorkSeries)$/;

type Json = Record<string, unknown>;

function asObject(v: unknown): Json | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
}

function text(v: unknown): string | null {
  if (typeof v === 'string') return squash(v) || null;
  const first = Array.isArray(v) ? v[0] : v;
  const o = asObject(first);
  return o ? text(o.name) : typeof first === 'string' ? text(first) : null;
}

/** The JSON-LD items on the page, @graph arrays flattened; malformed blocks are skipped. */
function items(doc: Document): Json[] {
  const out: Json[] = [];
  for (const s of $$(doc, 'script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(s.textContent ?? '');
    } catch {
      continue;
    }
    const list: unknown[] = Array.isArray(data) ? data : [data];
    for (const d of list) {
      const o = asObject(d);
      const graph: unknown[] = o && Array.isArray(o['@graph']) ? o['@graph'] : [];
      for (const g of [o, ...graph.map(asObject)]) if (g) out.push(g);
    }
  }
  return out;
}

function isWork(o: Json): boolean {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t]).some((x) => typeof x === 'string' && WORK.test(x));
}

function meta(doc: Document, property: string): string | null {
  return squash(doc.querySelector(`meta[property="${property}"]`)?.getAttribute('content') ?? '') || null;
}

/** An author meta value, unless it is a profile address (Facebook's article:author often is). */
function metaAuthor(doc: Document): string | null {
  const name = meta(doc, 'book:author') ?? meta(doc, 'article:author');
  return name && !/^https?:/i.test(name) ? name : null;
}

export function readStructured(doc: Document): Structured {
  const work = items(doc).find(isWork);
  const book = /^books?(?:\.book)?$/i.test(meta(doc, 'og:type') ?? '');
  if (!work) return { title: book ? meta(doc, 'og:title') : null, author: metaAuthor(doc), fiction: book };
  const whole = work['@type'] === 'Chapter' ? asObject(work.isPartOf) : null;
  return {
    title: text(whole?.name) ?? (whole ? null : text(work.name)),
    author: text(work.author) ?? text(whole?.author) ?? metaAuthor(doc),
    fiction: true,
  };
}
