/**
 * The pages the reader benchmarks open: the seed page as saved; AO3 chapter pages of about 1,000
 * and 10,000 words (one real AO3 chapter page with its text replaced by real AO3 chapter texts'
 * paragraphs, taken in turn until it holds that many); and AO3 "Entire Work" pages
 * (`?view_full_work=true`) of about 20,000 and 200,000 words, the same chapter page with its
 * single chapter replaced by many, each a real chapter's text, the way AO3 lays out a whole work.
 */
import { readFileSync } from 'node:fs';
import { corpusPages, type CorpusPage } from '../../tests/lib/corpus';
import { $, $$, countWords } from '../../src/core/dom';
import { parseHtml } from '../lib/html';

export interface BenchPage {
  /** Short and stable, to pick a page out. */
  id: string;
  label: string;
  url: string;
  html: string;
  /** Words of story text on the page (chapter texts only, no notes or headings). */
  words: number;
}

/** The chapter page a whole work is built on: its header, metadata and chapter markup. */
const AO3_BASE = 'ao3/pages/ao3js-works-23824891.html';
const AO3_BASE_WORK = '23824891';

interface ChapterSource {
  title: string;
  html: string;
  words: number;
}

function corpusPage(name: string): CorpusPage {
  const page = corpusPages().find((p) => p.name === name);
  if (!page) throw new Error(`no corpus page ${name}`);
  return page;
}

function fromCorpus(id: string, label: string, name: string): BenchPage {
  const page = corpusPage(name);
  const words = page.expected.storyText?.words;
  if (!words) throw new Error(`${name} has no story text ground truth`);
  return { id, label: `${label} (${name})`, url: page.expected.url, html: readFileSync(page.htmlPath, 'utf8'), words };
}

/** The text of every chapter (or one-shot) on the real AO3 pages, without AO3's hidden "Chapter Text" heading. */
function ao3Chapters(): ChapterSource[] {
  const sources: ChapterSource[] = [];
  for (const page of corpusPages()) {
    if (!page.name.startsWith('ao3/pages/') || page.expected.origin !== 'real' || !page.expected.storyText) continue;
    const doc = parseHtml(readFileSync(page.htmlPath, 'utf8'), page.expected.url);
    const texts = $$(doc, '#chapters > div.chapter > div.userstuff');
    const oneShot = $(doc, '#chapters > .userstuff');
    for (const text of texts.length ? texts : oneShot ? [oneShot] : []) {
      for (const landmark of $$(text, ':scope > h3.landmark')) landmark.remove();
      const words = countWords(text.textContent ?? '');
      // The corpus's stub works (a few words) would only add headings.
      if (words >= 400)
        sources.push({ title: page.expected.chapter?.title ?? page.expected.title ?? 'Untitled', html: text.innerHTML, words });
    }
  }
  if (!sources.length) throw new Error('no AO3 chapter texts in the corpus');
  return sources;
}

/** The chapter page the built pages start from, as work `workId`. */
function ao3Base(workId: number, url: string): Document {
  return parseHtml(readFileSync(corpusPage(AO3_BASE).htmlPath, 'utf8').replaceAll(`/works/${AO3_BASE_WORK}`, `/works/${workId}`), url);
}

/** An AO3 chapter page whose text is real chapters' paragraphs, taken in turn until it holds `targetWords`. */
function ao3Chapter(id: string, label: string, workId: number, targetWords: number, sources: ChapterSource[]): BenchPage {
  const url = `https://archiveofourown.org/works/${workId}/chapters/${workId + 1}`;
  const doc = ao3Base(workId, url);
  const text = $(doc, '#chapters > div.chapter > div.userstuff')!;
  const paragraphs = sources.flatMap((s) => {
    const holder = doc.createElement('div');
    holder.innerHTML = s.html;
    return [...holder.children];
  });
  text.replaceChildren($(text, ':scope > h3.landmark') ?? '');
  let words = 0;
  for (let i = 0; words < targetWords; i++) {
    const p = paragraphs[i % paragraphs.length]!.cloneNode(true) as Element;
    text.append(p, doc.createTextNode('\n'));
    words += countWords(p.textContent ?? '');
  }
  $(doc, 'dl.work.meta dd.words')!.textContent = words.toLocaleString('en-US');
  const built = `<!DOCTYPE html>\n${doc.documentElement.outerHTML}`;
  return { id, label: `${label}: AO3 chapter (built)`, url, html: built, words };
}

/** An AO3 whole-work page of real chapter texts, taken in turn until the work holds `targetWords`. */
function ao3FullWork(id: string, label: string, workId: number, targetWords: number, sources: ChapterSource[]): BenchPage {
  const url = `https://archiveofourown.org/works/${workId}?view_full_work=true`;
  const doc = ao3Base(workId, url);
  const main = $(doc, '#main')!;
  main.className = 'works-show region';
  // The whole-work view has no chapter menu and no previous/next links.
  for (const el of $$(main, 'li.chapter.next, li.chapter.previous')) el.remove();
  $(main, '#chapter_index')?.closest('li')?.remove();
  const entire = $(main, 'li.chapter.entire a');
  if (entire) {
    entire.textContent = 'Chapter by Chapter';
    entire.setAttribute('href', `/works/${workId}?view_full_work=false`);
  }

  const holder = $(main, '#chapters')!;
  const template = $(holder, ':scope > div.chapter')!;
  holder.replaceChildren();
  let words = 0;
  let n = 0;
  while (words < targetWords) {
    const source = sources[n % sources.length]!;
    n++;
    const chapter = template.cloneNode(true) as Element;
    chapter.id = `chapter-${n}`;
    $(chapter, 'h3.title')!.innerHTML = `<a href="/works/${workId}/chapters/${1000 + n}">Chapter ${n}</a>: ${escapeHtml(source.title)}`;
    const text = $(chapter, ':scope > div.userstuff')!;
    text.innerHTML = `<h3 class="landmark heading" id="work">Chapter Text</h3>${source.html}`;
    holder.append(chapter, doc.createTextNode('\n'));
    words += source.words;
  }
  const meta = $(main, 'dl.work.meta')!;
  $(meta, 'dd.chapters')!.textContent = `${n}/${n}`;
  $(meta, 'dd.words')!.textContent = words.toLocaleString('en-US');
  const built = `<!DOCTYPE html>\n${doc.documentElement.outerHTML}`;
  return { id, label: `${label}: AO3 whole work, ${n} chapters (built)`, url, html: built, words };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The bench pages, smallest first: ids `ao3-1k` (the baseline), `seed`, `ao3-10k`, `ao3-20k`, `ao3-200k`. */
export function benchPages(): BenchPage[] {
  const sources = ao3Chapters();
  return [
    ao3Chapter('ao3-1k', '1k words', 900001, 1_000, sources),
    fromCorpus('seed', 'seed: All About Spike story', 'allaboutspike/pages/fic-562.html'),
    ao3Chapter('ao3-10k', '10k words', 900010, 10_000, sources),
    ao3FullWork('ao3-20k', '20k words', 900020, 20_000, sources),
    ao3FullWork('ao3-200k', '200k words', 900200, 200_000, sources),
  ];
}
