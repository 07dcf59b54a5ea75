/** readablePage: on a frameset, the same-origin frame that holds the story is the page to read. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../scripts/lib/html';
import { detectPage, readablePage, type FrameOpener } from '../page';
import { CORPUS_DIR } from '../../../tests/lib/corpus';

const TOP = 'http://members.tripod.com/velvet_dusk/heatwave.html';
const STORY = 'http://members.tripod.com/velvet_dusk/fics/heatwave_story.html';
const pageFile = (name: string) => readFileSync(join(CORPUS_DIR, 'generic', 'pages', name), 'utf8');
const frameset = () => parseHtml(pageFile('velvet-dusk-heatwave-frameset.html'), TOP);
const story = (url = STORY) => parseHtml(pageFile('velvet-dusk-heatwave-story.html'), url);
const menu = (url: string) => parseHtml('<p><a href="fics/heatwave_story.html">Heatwave</a> | <a href="links.html">Links</a></p>', url);

/** Frames as a browser holds them: documents by address, as contentDocument would give. */
const served =
  (pages: Record<string, (url: string) => Document>, asked: string[] = []): FrameOpener =>
  (_frame, url) => {
    asked.push(url.href);
    return pages[url.href]?.(url.href) ?? null;
  };

describe('readablePage', () => {
  it('reads the frame holding the story, at its own address (the frameset alone is none)', () => {
    expect(detectPage(frameset(), TOP).kind).toBe('none');
    const asked: string[] = [];
    const page = readablePage(frameset(), TOP, served({ 'http://members.tripod.com/velvet_dusk/nav.html': menu, [STORY]: story }, asked));
    expect(page.url.href).toBe(STORY);
    expect(asked).toEqual(['http://members.tripod.com/velvet_dusk/nav.html', STORY]);
    expect(detectPage(page.doc, page.url)).toMatchObject({
      kind: 'story',
      site: 'generic',
      title: 'Heatwave',
      author: 'Sable',
      rating: { label: 'NC-17' },
    });
  });

  it('never opens a frame on another origin', () => {
    const top = parseHtml('<html><frameset cols="*,*"><frame src="https://elsewhere.example/story.html"></frameset></html>', TOP);
    const asked: string[] = [];
    const page = readablePage(top, TOP, served({ 'https://elsewhere.example/story.html': story }, asked));
    expect(asked).toEqual([]);
    expect(page.doc).toBe(top);
  });

  it('leaves the page itself when no frame can be read or none holds a story', () => {
    const top = frameset();
    expect(readablePage(top, TOP, () => null).doc).toBe(top);
    expect(readablePage(top, TOP, served({ 'http://members.tripod.com/velvet_dusk/nav.html': menu })).doc).toBe(top);
  });

  it('follows a frameset inside a frame, and a page without frames is itself', () => {
    const outer = parseHtml('<html><frameset rows="*"><frame src="inner.html"></frameset></html>', TOP);
    const inner = (url: string) => parseHtml('<html><frameset cols="*"><frame src="fics/heatwave_story.html"></frameset></html>', url);
    const page = readablePage(outer, TOP, served({ 'http://members.tripod.com/velvet_dusk/inner.html': inner, [STORY]: story }));
    expect(page.url.href).toBe(STORY);
    const plain = story();
    expect(readablePage(plain, STORY, () => null).doc).toBe(plain);
  });

  it('stops at a frameset that frames itself', () => {
    const loop = (url: string) => parseHtml('<html><frameset rows="*"><frame src="heatwave.html"></frameset></html>', url);
    let opened = 0;
    const page = readablePage(loop(TOP), TOP, (_f, url) => (opened++, loop(url.href)));
    expect(page.url.href).toBe(TOP);
    expect(opened).toBeLessThanOrEqual(3);
  });
});
