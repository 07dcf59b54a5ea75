/**
 * Ficbook (ficbook.net): a Russian archive. /readfic/ID is a work's page (its part list, or the
 * text itself for a one-part work), /readfic/ID/PARTID one part. Selectors follow FanFicFare's
 * adapter_ficbooknet.py (a.creator-username, div[class*=ds-label-rating-], div[itemprop=description],
 * ul.list-of-fanfic-parts, div#content, "Размер:") and WebToEpub's FicbookParser.js (h1.heading,
 * a.part-link, #part_content h2[itemprop=headline]).
 */
import type { ChapterInfo, ChapterNav, PageInfo, RatingLevel } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, parseCount, textOrNull, texts, unique } from '../../core/dom';
import { siteRating } from '../../core/rating';
import { absoluteUrl, linkByText, linkUrl, listNav, menuChapters } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { menuChapter } from '../kit/chapter-menu';

/** /readfic/ID or /readfic/ID/PARTID; ids are numbers or, for newer works, uuid-like. */
const WORK_PATH = /^\/readfic\/([\w-]+)(?:\/(\d+))?\/?$/;
/** Fandom, tag, search, popular and author-works lists. */
const LISTING_PATH = /^\/(?:fanfiction|tags|find-fanfics[\w-]*|popular-fanfics[\w-]*|collections|authors\/\d+\/profile\/works)(?:\/|$)/;
const PART_MENU = 'select.js-part-select option';

export const ficbookPages = definePages({
  id: 'ficbook',
  name: 'Ficbook',
  domains: ['ficbook.net'],
  storyBody: ['div#content'],
  read,
  extract(doc) {
    const text = $(doc, 'div#content');
    return text ? { body: [withLineBreaks(text)], notes: [] } : null;
  },
});

export const ficbook = defineSite(ficbookPages, {
  nav,
});

/**
 * The part text is plain text that the site shows with `white-space: pre-line`: a detached copy
 * with each newline as a <br>, so its paragraphs survive in the reader, which drops that style.
 */
function withLineBreaks(el: Element): Element {
  const copy = el.cloneNode(true) as Element;
  const walker = el.ownerDocument.createTreeWalker(copy, 4 /* NodeFilter.SHOW_TEXT */);
  const lines: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.nodeValue?.includes('\n')) lines.push(n as Text);
  for (const t of lines) {
    const parts = t.nodeValue!.split('\n');
    t.replaceWith(...parts.flatMap((part, i) => (i ? [el.ownerDocument.createElement('br'), part] : [part])));
  }
  return copy;
}

/** Ficbook's film-style scale: G→general, PG-13→teen, R→mature, NC-17 and NC-21 (its adult tiers)→explicit. */
export function ficbookLevel(label: string): RatingLevel {
  const l = label.toUpperCase().replace(/\s+/g, '');
  if (l === 'G') return 'general';
  if (l === 'PG-13') return 'teen';
  if (l === 'R') return 'mature';
  if (l === 'NC-17' || l === 'NC-21') return 'explicit';
  return 'unknown';
}

function nav(doc: Document, url: URL): ChapterNav {
  const parts = $$(doc, 'a.part-link');
  if (parts.length) return listNav(parts.map((a) => ({ title: cleanText(a), url: linkUrl(a) ?? '', current: false })).filter((c) => c.url));
  const chapters = menuChapters($$(doc, PART_MENU), (v) => absoluteUrl(v, url.href));
  const links = $$(doc, '.part-navigation a');
  return listNav(chapters, linkByText(links, /предыдущая/i), linkByText(links, /следующая/i));
}

function read(doc: Document, url: URL): PageInfo {
  const m = WORK_PATH.exec(url.pathname);
  if (m) return readWork(doc, Boolean(m[2]));
  if (LISTING_PATH.test(url.pathname)) return emptyInfo('listing');
  return emptyInfo('none');
}

function readWork(doc: Document, isPart: boolean): PageInfo {
  const title = $(doc, 'h1.heading, section.chapter-info h1');
  if (!title) return emptyInfo('error');
  const hasText = Boolean($(doc, 'div#content'));
  // The adult cover hides the work until the reader confirms their age; the badges stay visible.
  const gated = Boolean($(doc, '#adultCoverWarning')) && !hasText;
  const info = emptyInfo(gated ? 'gate' : isPart ? 'chapter' : hasText ? 'story' : 'index');
  info.title = cleanText(withoutSup(title)) || null;
  info.author = unique(texts(doc, 'a.creator-username')).join(', ') || null;
  info.fandoms = unique(texts(doc, 'header a[href^="/fanfiction/"]'));
  info.summary = textOrNull($(doc, 'div[itemprop="description"]'));
  info.rating = siteRating(textOrNull($(doc, '[class*="ds-label-rating-"]')), ficbookLevel);
  info.warnings = valuesAfter(doc, 'Предупреждения:');
  info.tags = unique([...texts(doc, '.fanfic-badges .direction'), ...texts(doc, 'div.tags a[href*="/tags/"]')]);
  info.words = sizeWords(doc);
  if (info.kind === 'chapter') info.chapter = chapterOf(doc);
  return info;
}

/** The title without its <sup> marker (the "hot" or "new" badge FanFicFare strips too). */
function withoutSup(h: Element): Element {
  const copy = h.cloneNode(true) as Element;
  copy.querySelectorAll('sup').forEach((s) => s.remove());
  return copy;
}

/** The link texts of the block after a bold "Label:" in the work's description. */
function valuesAfter(doc: Document, label: string): string[] {
  const strong = $$(doc, 'div.description strong').find((s) => cleanText(s) === label);
  const block = strong?.nextElementSibling;
  return block ? unique(texts(block, 'a')) : [];
}

/** "Размер: 3 страницы, 1 024 слова, 3 части": the words figure (spaces group the thousands). */
function sizeWords(doc: Document): number | null {
  const strong = $$(doc, 'div.description strong').find((s) => cleanText(s) === 'Размер:');
  const m = /(\d[\d\s\u00a0]*)\s*слов/.exec(cleanText(strong?.nextElementSibling));
  return m ? parseCount(m[1]) : null;
}

/** The part's place in the part menu; its heading is the title. */
function chapterOf(doc: Document): ChapterInfo | null {
  const title = textOrNull($(doc, '#part_content h2[itemprop="headline"], div.title-area h2'));
  const menu = menuChapter($$(doc, PART_MENU));
  if (menu) return { ...menu, title: title ?? menu.title };
  return title ? { index: 1, count: null, title } : null;
}
