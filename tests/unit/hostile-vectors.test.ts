/**
 * Every hostile vector (tests/lib/hostile-vectors.ts: DOMPurify's fixture payloads and Slipcase's
 * own, over 400) through every way a story's HTML reaches a reader: read off an archive page by
 * the reader and the save job, stored by the library, shown by the offline reader and written to
 * the EPUB; and handed straight to the library, as an imported backup can. No output may hold
 * anything that runs script, opens a window, navigates, submits or calls another host.
 */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { readerView } from '../../src/reader/view';
import { copyPage } from '../../src/library/jobs/page-copy';
import { prepareChapter } from '../../src/library/db/build-records';
import { savedChapter } from '../../src/library/offline-view';
import { chapterXhtml } from '../../src/library/export/xhtml';
import { allVectors, type Vector } from '../lib/hostile-vectors';
import { dangers } from '../lib/dangers';
import { CORPUS_DIR } from '../lib/corpus';

const win = new JSDOM('').window as unknown as Window & typeof globalThis;
const VECTORS = allVectors();
/** Vectors per page: a page holds a run of them, each after a numbered paragraph. */
const PER_PAGE = 16;

/** The stored chapter, the offline reader's view of it and its EPUB page: the library's outputs for `html`. */
function libraryOutputs(html: string): Record<string, string> {
  const stored = prepareChapter({ title: null, url: 'https://archiveofourown.org/works/1', html }, win).html;
  const offline = savedChapter({ html: stored }, win);
  return {
    stored,
    offline: offline.content.html,
    'offline notes': offline.notes.map((n) => n.html).join(''),
    epub: chapterXhtml(stored, win),
  };
}

/**
 * Where a remote picture may stay: the live reader shows the page's pictures as the page did, and
 * the library stores them as the page had them; the offline reader and the EPUB, which must load
 * nothing, replace them (the 'offline' and 'epub' outputs).
 */
const remoteImagesShown = (output: string, live: boolean) => output === 'stored' || (live && output.startsWith('live'));

function expectClean(outputs: Record<string, string>, what: string, live = false): void {
  for (const [name, html] of Object.entries(outputs))
    expect(dangers(html, { allowRemoteImages: remoteImagesShown(name, live), xml: name === 'epub' }), `${what}: ${name}`).toEqual([]);
}

/** An archive page with `vectors` in its story text (AO3's; the adapter's extraction runs the sanitiser Readability's output goes through too). */
const HOSTS = [
  {
    name: 'AO3',
    file: 'ao3/pages/ao3js-works-23824891.html',
    url: 'https://archiveofourown.org/works/23824891',
    first: 'Flurries of snow fell',
  },
];

function pageWith(host: (typeof HOSTS)[number], vectors: readonly Vector[]): Document {
  const html = readFileSync(`${CORPUS_DIR}/${host.file}`, 'utf8');
  // After the story's first paragraph, so a vector that swallows what follows it (an unclosed
  // <textarea>, <plaintext>) still leaves a story to read.
  const at = html.indexOf('</p>', html.indexOf(host.first)) + '</p>'.length;
  if (at < '</p>'.length) throw new Error(`no story paragraph in ${host.file}`);
  const run = vectors.map((v, i) => `<p>Before vector ${i}, the story goes on as it was.</p>${v.payload}`).join('\n');
  return new JSDOM(`${html.slice(0, at)}${run}\n${html.slice(at)}`, { url: host.url }).window.document;
}

/** Whether the reader reads `host`'s page with `vectors` in it as a story, its first paragraph included. */
const readAsStory = (host: (typeof HOSTS)[number], vectors: readonly Vector[]): boolean =>
  readerView(pageWith(host, vectors), host.url)?.content.text.includes(host.first) ?? false;

const batches = Array.from({ length: Math.ceil(VECTORS.length / PER_PAGE) }, (_, i) => VECTORS.slice(i * PER_PAGE, (i + 1) * PER_PAGE));

describe('hostile vectors', () => {
  it('number over 300', () => {
    expect(VECTORS.length).toBeGreaterThan(300);
  });

  describe('handed straight to the library (an imported backup): stored, shown offline and in the EPUB, they run nothing', () => {
    it.each(VECTORS.map((v, i) => [i, v.title, v] as const))('%i %s', (_i, title, v) => {
      expectClean(libraryOutputs(v.payload), title);
    });
  });

  describe.each(HOSTS)('on $name’s page: read by the reader and the save job, then stored, shown offline and in the EPUB', (host) => {
    it.each(batches.map((b, i) => [i * PER_PAGE, b] as const))(
      'vectors from %i',
      (_from, batch) => {
        // Read as a page of vectors, or where that page is no longer a story (a <frameset>, a page of
        // form fields), one vector to a page: each goes through extraction, not round it.
        const pages = readAsStory(host, batch) ? [batch] : batch.map((v) => [v]);
        const unread = pages.filter((vs) => !readAsStory(host, vs)).flat();
        expect(unread.length, `not read as a story: ${unread.map((v) => v.title).join(' | ')}`).toBeLessThanOrEqual(2);
        for (const vectors of pages.filter((vs) => !unread.includes(vs[0]!))) {
          const doc = pageWith(host, vectors);
          const view = readerView(doc, host.url)!;
          const what = `${host.name}, ${vectors
            .map((v) => v.title)
            .join(' | ')
            .slice(0, 200)}`;
          expectClean({ 'live reader': view.content.html, 'live notes': view.notes.map((n) => n.html).join('') }, what, true);
          for (const chapter of copyPage(doc, host.url).chapters) expectClean(libraryOutputs(chapter.html), what);
        }
      },
      60_000,
    );
  });
});
