/**
 * An AO3 work whose chapters hold the hostile vectors (tests/lib/hostile-vectors.ts), built on a
 * real AO3 chapter page from the corpus: its menu lists every chapter, and each chapter's text is a
 * run of vectors, each after a paragraph naming it. The vectors go into the page as raw bytes, so
 * the browser's own parser meets them as it would on the archive. A run that leaves no story to
 * read whole (a <frameset>, a page of form fields, a stray </div>; checked with the reader's own
 * code in jsdom, as it reads a fetched chapter) is split into one chapter per vector, and a vector that still leaves none is set aside: the unit suite
 * (tests/unit/hostile-vectors.test.ts) checks it alone.
 */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { parseInert } from '../../../src/reader/extract';
import { readerView } from '../../../src/reader/view';
import { CORPUS_DIR } from '../../lib/corpus';
import type { Vector } from '../../lib/hostile-vectors';

const TEMPLATE = readFileSync(`${CORPUS_DIR}/ao3/pages/ao3js-works-17793689.html`, 'utf8');
const TEMPLATE_WORK = '17793689';
const HOLE = 'slipcase-vector-run-goes-here';

export interface VectorChapter {
  url: string;
  title: string;
  vectors: readonly Vector[];
  html: string;
}

export interface VectorWork {
  url: string;
  chapters: VectorChapter[];
  /** Vectors no chapter holds: alone on a page they leave no story. */
  setAside: Vector[];
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A chapter's box in the work's text, its text `body` (raw HTML). */
const chapterBox = (n: number, href: string, title: string, body: string) =>
  `<div class="chapter" id="chapter-${n}"><div class="chapter preface group"><h3 class="title"><a href="${href}">Chapter ${n}</a>: ${escape(title)}</h3></div>` +
  `<div class="userstuff module" role="article"><h3 class="landmark heading" id="work">Chapter Text</h3>${body}</div></div>`;

/** Chapter `n` (from 1) of `titles`, as the HTML before and after its text (raw HTML, put in as bytes). */
function workPage(work: string, ids: number[], titles: string[], n: number): [string, string] {
  const { window } = new JSDOM(TEMPLATE);
  const doc = window.document;
  const chapterUrl = (i: number) => `/works/${TEMPLATE_WORK}/chapters/${ids[i]}`;
  // The page's scripts (refused by the test proxy anyway), notes and comments: nothing the reader needs.
  for (const s of doc.querySelectorAll('script, .chapter .preface .summary, .chapter .preface .notes, .end.notes, #feedback')) s.remove();
  doc.querySelector('h2.title')!.textContent = 'Hostile Vectors';
  doc.querySelector('dd.chapters')!.textContent = `${titles.length}/${titles.length}`;
  for (const li of doc.querySelectorAll('ul.work.navigation li.chapter')) li.remove();
  const actions = doc.querySelector('ul.work.navigation.actions')!;
  {
    const menu = titles.map(
      (t, i) => `<option value="${ids[i]}"${i === n - 1 ? ' selected="selected"' : ''}>${i + 1}. ${escape(t)}</option>`,
    );
    actions.insertAdjacentHTML(
      'afterbegin',
      `<li class="chapter"><select name="selected_id" id="selected_id">${menu.join('')}</select></li>`,
    );
    if (n < titles.length)
      actions.insertAdjacentHTML('afterbegin', `<li class="chapter next"><a href="${chapterUrl(n)}">Next Chapter →</a></li>`);
    if (n > 1)
      actions.insertAdjacentHTML('afterbegin', `<li class="chapter previous"><a href="${chapterUrl(n - 2)}">← Previous Chapter</a></li>`);
    doc.querySelector('#chapters')!.innerHTML = chapterBox(n, chapterUrl(n - 1), titles[n - 1]!, HOLE);
  }
  // The work's own box alone (the AO3 reader needs no more), so that probing hundreds of runs stays quick.
  const page = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(doc.title)}</title></head><body><div id="outer"><div id="inner">${doc.querySelector('#main')!.outerHTML}</div></div></body></html>`;
  const [before, after] = page.replaceAll(TEMPLATE_WORK, work).split(HOLE) as [string, string];
  window.close();
  return [before, after];
}

/** The first paragraph of chapter `n`'s text. */
export const opening = (n: number) => `Chapter ${n} of the hostile vectors begins here, and each vector follows the paragraph naming it.`;
const marker = (n: number, i: number) => `Vector ${i + 1} of chapter ${n}.`;
const CLOSING = 'The run of vectors ends here.';
const run = (n: number, vectors: readonly Vector[]) =>
  [`<p>${opening(n)}</p>`, ...vectors.map((v, i) => `<p>${marker(n, i)}</p>${v.payload}`), `<p>${CLOSING}</p>`].join('\n');

/**
 * How the reader reads chapter `n`'s page, holding `count` vectors: 'whole' with its opening, every
 * vector's paragraph and the closing one; 'cut' when the last vector swallows or shuts out what
 * follows it (a stray </div> can close the story's box early); 'broken' when a paragraph before it is lost.
 */
const win = new JSDOM('').window as unknown as Window & typeof globalThis;

function readAs(html: string, url: string, n: number, count: number): 'whole' | 'cut' | 'broken' {
  const text = readerView(parseInert(win, html, url), url)?.content.text ?? '';
  if (![opening(n), ...Array.from({ length: count }, (_, i) => marker(n, i))].every((p) => text.includes(p))) return 'broken';
  return text.includes(CLOSING) ? 'whole' : 'cut';
}

/**
 * The work at https://archiveofourown.org/works/`work`: a first chapter of plain story holding
 * `word`, then `vectors` in order, up to `perChapter` to a chapter. A chapter ends early after a
 * vector that cuts off what follows it, and a vector that loses what came before it starts a chapter.
 */
export function vectorWork(work: string, vectors: readonly Vector[], perChapter: number, word: string): VectorWork {
  const runs: Vector[][] = [];
  const setAside: Vector[] = [];
  const [before, after] = workPage(work, [1, 2], ['probe', 'probe'], 2);
  const probe = (vs: Vector[]) => readAs(before + run(2, vs) + after, `https://archiveofourown.org/works/${work}/chapters/2`, 2, vs.length);
  let current: Vector[] = [];
  const close = () => {
    if (current.length) runs.push(current);
    current = [];
  };
  for (let i = 0; i < vectors.length; i++) {
    // A whole chapter's worth that reads whole is taken at once: one probe instead of one per vector.
    const ahead = vectors.slice(i, i + perChapter);
    if (!current.length && ahead.length === perChapter && probe(ahead) === 'whole') {
      runs.push(ahead);
      i += perChapter - 1;
      continue;
    }
    const v = vectors[i]!;
    let read = probe([...current, v]);
    if (read === 'broken') {
      close();
      read = probe([v]);
    }
    if (read === 'broken') setAside.push(v);
    else current.push(v);
    if (read === 'cut' || current.length === perChapter) close();
  }
  close();
  const titles = ['A plain beginning', ...runs.map((r, i) => `Vectors, run ${i + 1} (${r.length})`)];
  const ids = titles.map((_, i) => 880_001 + i);
  const url = (i: number) => `https://archiveofourown.org/works/${work}/chapters/${ids[i]}`;
  const bodies = [
    `<p>${opening(1)}</p><p>The ${word} keeps its watch over a quiet first chapter.</p>`,
    ...runs.map((r, i) => run(i + 2, r)),
  ];
  return {
    url: url(0),
    setAside,
    chapters: titles.map((title, i) => ({
      url: url(i),
      title,
      vectors: i === 0 ? [] : runs[i - 1]!,
      html: workPage(work, ids, titles, i + 1).join(bodies[i]!),
    })),
  };
}
