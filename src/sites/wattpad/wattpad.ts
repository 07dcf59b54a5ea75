/**
 * Wattpad (www.wattpad.com). Part pages (/123-story-part-slug) carry the text, the table of
 * contents and an inline `window.prefetched = {…}` JSON blob whose "part.N.metadata" entry holds
 * the story (`group`) with its `mature` flag; story pages (/story/123-slug) carry the same story
 * object. Class names are obfuscated and change, so the JSON comes first and the selectors that
 * WebToEpub's WattpadParser.js uses are the fallback.
 */
import type { ChapterInfo, ChapterNav, PageInfo, PageKind } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, docTitle, textOrNull, texts, unique } from '../../core/dom';
import { linkUrl, listNav } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { siteDefault } from '../kit/rating-scale';

const PART_PATH = /^\/(\d+)(?:-[^/]*)?\/?$/;
const STORY_PATH = /^\/story\/(\d+)(?:-[^/]*)?\/?$/;
const LISTING_PATH = /^\/(?:stories|search|list|tags?|featured|catalog)(?:\/|$)/;
const NOT_FOUND = /page not found|story (?:is )?(?:not|no longer) available/i;

type Json = Record<string, unknown>;

/** The story as the inline JSON describes it (only the fields read here). */
interface StoryJson {
  title?: unknown;
  mature?: unknown;
  description?: unknown;
  tags?: unknown;
  numParts?: unknown;
  user?: { name?: unknown };
}

export const wattpadPages = definePages({
  id: 'wattpad',
  name: 'Wattpad',
  domains: ['wattpad.com'],
  read,
  /**
   * The paragraphs of every loaded page of the part (`div[data-page-number]`), taken out of the
   * <pre> Wattpad wraps them in, which would keep the markup's indentation as visible space.
   */
  extract(doc) {
    const body = $$(doc, 'div[data-page-number] .panel-reading').flatMap((panel) => {
      const pre = $(panel, ':scope > pre');
      return pre ? $$(pre, ':scope > *') : [panel];
    });
    return body.length ? { body, notes: [] } : null;
  },
  storyBody: ['div[data-page-number]'],
});

export const wattpad = defineSite(wattpadPages, {
  nav,
});

/** The table of contents (this part is the entry linking its id) and the "Continue to next part" link. */
function nav(doc: Document, url: URL): ChapterNav {
  const part = url.pathname.match(PART_PATH)?.[1];
  const partOf = (href: string) => new URL(href).pathname.match(PART_PATH)?.[1];
  const chapters = $$(doc, 'ul.table-of-contents li a').flatMap((a) => {
    const target = linkUrl(a);
    return target ? [{ title: cleanText(a), url: target, current: partOf(target) === part }] : [];
  });
  return listNav(chapters, null, linkUrl($(doc, 'a.next-part-link')));
}

function read(doc: Document, url: URL): PageInfo {
  const part = url.pathname.match(PART_PATH)?.[1];
  const story = url.pathname.match(STORY_PATH)?.[1];
  if ((part || story) && NOT_FOUND.test(docTitle(doc) + ' ' + cleanText($(doc, 'h1')))) return emptyInfo('error');
  if (part) return readPart(doc, part);
  if (story) return readWork(doc, 'index', storyJson(doc, `story.${story}`));
  if (LISTING_PATH.test(url.pathname)) return emptyInfo('listing');
  return emptyInfo('none');
}

function readPart(doc: Document, partId: string): PageInfo {
  const meta = prefetched(doc)[`part.${partId}.metadata`];
  const part = isObject(meta) && isObject(meta.data) ? meta.data : null;
  const group = part && isObject(part.group) ? (part.group as StoryJson) : null;
  const info = readWork(doc, 'story', group);
  info.chapter = chapterOf(doc, partId, part, group);
  if (info.chapter) info.kind = 'chapter';
  return info;
}

function readWork(doc: Document, kind: PageKind, story: StoryJson | null): PageInfo {
  const info = emptyInfo(kind);
  info.title = str(story?.title) ?? textOrNull($(doc, 'div.story-info span.sr-only, div.story-info .title'));
  info.author = str(story?.user?.name) ?? textOrNull($(doc, 'div.af6dp a, a[href^="/user/"].on-navigate'));
  info.summary = str(story?.description) ?? textOrNull($(doc, 'div.glL-c'));
  const tags = Array.isArray(story?.tags) ? story.tags.filter((t): t is string => typeof t === 'string') : [];
  info.tags = tags.length ? unique(tags) : texts(doc, 'div._9c7jH a').map((t) => t.replace(/^#/, ''));
  // Wattpad's only content label is the mature flag; a story without it is unrated, not general.
  if (story?.mature === true) info.rating = siteDefault('mature');
  return info;
}

/** The part's place in the table of contents; null for a story of one part. */
function chapterOf(doc: Document, partId: string, part: Json | null, group: StoryJson | null): ChapterInfo | null {
  const items = $$(doc, 'ul.table-of-contents li');
  const partOf = (li: Element) => ($(li, 'a')?.getAttribute('href') ?? '').match(/\/(\d+)(?:-[^/]*)?\/?$/)?.[1];
  let i = items.findIndex((li) => partOf(li) === partId);
  if (i < 0) i = items.findIndex((li) => li.classList.contains('active'));
  const count = typeof group?.numParts === 'number' ? group.numParts : items.length || null;
  if (i < 0 || count === null || count < 2) return null;
  const title = str(part?.title) ?? textOrNull($(doc, 'h1.h2')) ?? textOrNull(items[i]);
  return { index: i + 1, count, title };
}

/** The story object on a story page: the JSON entry whose key starts with "story.ID". */
function storyJson(doc: Document, keyPrefix: string): StoryJson | null {
  for (const [key, value] of Object.entries(prefetched(doc))) {
    if (key.startsWith(keyPrefix) && isObject(value) && isObject(value.data)) return value.data as StoryJson;
  }
  return null;
}

/** The `window.prefetched = {…};` object from the page's inline scripts, or {} when absent. */
function prefetched(doc: Document): Json {
  for (const script of $$(doc, 'script:not([src])')) {
    const src = script.textContent ?? '';
    const at = src.search(/window\.prefetched\s*=\s*\{/);
    if (at < 0) continue;
    const json = balancedObject(src, src.indexOf('{', at));
    if (!json) continue;
    try {
      const v: unknown = JSON.parse(json);
      if (isObject(v)) return v;
    } catch {
      // Not plain JSON (a script expression): nothing to read.
    }
  }
  return {};
}

/** The `{…}` starting at `start`, matching braces outside string literals. */
function balancedObject(src: string, start: number): string | null {
  let depth = 0;
  let inString = false;
  for (let i = start; i < src.length; i++) {
    const c = src[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return src.slice(start, i + 1);
  }
  return null;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}
