/**
 * Remote images of saved chapters: the offline reader shows each as a link to open it, never the
 * image itself, so reading offline tells no image host anything; embedded pictures stay.
 */
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterContent, savedChapterView } from '../offline-view';
import { loadStory, type StoryBundle } from '../db/reading';
import { saveStory } from '../db/save';
import type { LibraryDb } from '../db/db';
import { sanitizeHtml } from '../../reader/sanitize';
import { freshLibrary, makeStory, seeded, testWindow } from './library-fixtures';

const win = testWindow();
const PIXEL = 'https://tracker.example/pixel.gif';
const DATA = 'data:image/png;base64,iVBORw0KGgo=';

const shown = (html: string) => JSDOM.fragment(`<div>${chapterContent({ html }, win).html}</div>`).firstElementChild!;

describe('remote images in the offline reader', () => {
  it('become a link that opens the image in a new tab, named by its file name', () => {
    const out = shown(`<p>Before <img src="${PIXEL}"> after</p>`);
    expect(out.querySelector('img')).toBeNull();
    const link = out.querySelector('a')!;
    expect(link.getAttribute('href')).toBe(PIXEL);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(link.getAttribute('title')).toBe('Image not loaded: opens tracker.example in a new tab');
    expect(link.textContent).toBe('Image: pixel.gif — open');
    expect(out.textContent).toBe('Before Image: pixel.gif — open after');
  });

  it('are named by their alt text, or their host when the address names no file', () => {
    const out = shown('<img src="https://x.example/art/My%20map.png" alt=" the map "><img src="https://img.example/">');
    expect(Array.from(out.querySelectorAll('a'), (a) => a.textContent)).toEqual(['Image: the map — open', 'Image: img.example — open']);
    expect(shown('<img src="https://x.example/art/My%20map.png">').textContent).toBe('Image: My map.png — open');
  });

  it('keep embedded pictures, which cost no request', () => {
    const out = shown(`<img src="${DATA}" alt="inline">`);
    expect(out.querySelector('img')!.getAttribute('src')).toBe(DATA);
    expect(out.querySelector('a')).toBeNull();
  });

  it('inside a link become text, the link itself being the way to open them', () => {
    const out = shown(`<a href="https://x.example/full.jpg"><img src="https://x.example/thumb.jpg" alt="cover"></a>`);
    expect(out.querySelectorAll('a')).toHaveLength(1);
    expect(out.querySelector('a')!.getAttribute('href')).toBe('https://x.example/full.jpg');
    expect(out.querySelector('a > span[title="Image not loaded"]')!.textContent).toBe('Image: cover');
  });

  it('leave nothing that loads from the web, and survive the sanitiser unchanged', () => {
    const html = [
      `<p><img src="${PIXEL}" width="1" height="1"><img src="http://old.example/a.jpg" alt="old"></p>`,
      `<center><img src="${DATA}"><img src="https://x.example/b.webp" title="b"></center>`,
      '<img src="javascript:alert(1)" alt="bad"><img alt="no source">',
    ].join('');
    const out = chapterContent({ html }, win).html;
    const root = shown(html);
    for (const el of Array.from(root.querySelectorAll('[src], [srcset], [style], [background]'))) {
      expect(el.getAttribute('src') ?? 'data:').toMatch(/^data:/);
      expect(el.hasAttribute('srcset') || /url\(/i.test(el.getAttribute('style') ?? '')).toBe(false);
    }
    expect(root.querySelectorAll('img')).toHaveLength(1);
    expect(root.querySelectorAll('a[href]')).toHaveLength(3);
    expect(Array.from(root.querySelectorAll('span'), (s) => s.textContent)).toEqual(['Image: bad', 'Image: no source']);
    const again = JSDOM.fragment(`<div>${sanitizeHtml(out, win)}</div>`).firstElementChild!;
    expect(again.isEqualNode(root)).toBe(true);
  });

  it("keep the chapter's text and word count the story's own", () => {
    const content = chapterContent({ html: `<p>Three small words</p><p><img src="${PIXEL}" alt="a tracking pixel"></p>` }, win);
    expect(content.text).toBe('Three small words');
    expect(content.words).toBe(3);
  });
});

describe('savedChapterView', () => {
  let db: LibraryDb;
  let bundle: StoryBundle;

  beforeAll(async () => {
    db = await freshLibrary();
    const story = makeStory(seeded(18), 18, { chapters: [2, 2], words: [50, 60] });
    story.chapters[1]!.html += `<p><img src="${PIXEL}" alt=""><img src="${DATA}"></p>`;
    bundle = (await loadStory(db, (await saveStory(db, story, win)).id))!;
  });
  afterAll(() => db.close());

  it("shows a saved chapter's remote image as a placeholder, its embedded one as it is", () => {
    expect(bundle.chapters[1]!.html).toContain(PIXEL);
    const view = savedChapterView(bundle.story, bundle.chapters, 1, (i) => `read.html?chapter=${i}`, win);
    const out = JSDOM.fragment(`<div>${view.content.html}</div>`).firstElementChild!;
    expect(Array.from(out.querySelectorAll('img'), (i) => i.getAttribute('src'))).toEqual([DATA]);
    expect(out.querySelector(`a[href="${PIXEL}"]`)!.textContent).toBe('Image: pixel.gif — open');
    expect(view.content.html).not.toContain('<img src="https');
  });
});
