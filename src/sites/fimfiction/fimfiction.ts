/**
 * Fimfiction (www.fimfiction.net): the My Little Pony archive. Story pages (/story/ID/slug) hold
 * the story box FanFicFare's adapter_fimfictionnet.py and WebToEpub's FimfictionParser.js read
 * (`div.story_content_box`, `a.content-rating-*`, `ul.story-tags`, `ul.chapters`); chapter pages
 * (/story/ID/N/slug/chapter-slug) hold `div#chapter` and show no rating badge.
 */
import type { Extraction } from '../types';
import type { ChapterInfo, PageInfo } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, docTitle, parseCount, squash, textLines, textOrNull, texts } from '../../core/dom';
import { linkUrl, precedes } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { fimfictionScale, ratingOn, siteDefault } from '../kit/rating-scale';

const STORY_PATH = /^\/story\/(\d+)(?:\/(\d+))?(?:\/|$)/;
const LISTING_PATH = /^\/(?:stories|tag|tags|bookshelf|group\/\d+\/[^/]+\/folder|user\/\d+\/[^/]+\/stories)(?:\/|$)/;
const ADULT_GATE = /This story has been marked as having adult content/i;

export const fimfictionPages = definePages({
  id: 'fimfiction',
  name: 'Fimfiction',
  domains: ['fimfiction.net'],
  read,
  extract,
  storyBody: ['#chapter-body'],
});

export const fimfiction = defineSite(fimfictionPages, {
  nav: (doc) => ({
    prev: linkUrl($(doc, '.chapter-navigation a.previous')),
    next: linkUrl($(doc, '.chapter-navigation a.next')),
    chapters: [],
  }),
});

/** div#chapter-body, with the author's notes (div.authors-note, "Author's Note:") above or below it as notes. */
function extract(doc: Document): Extraction | null {
  const text = $(doc, '#chapter-body');
  if (!text) return null;
  const notes = $$(doc, 'div.authors-note').map((n) => {
    const label = $(n, ':scope > b');
    return {
      label: cleanText(label).replace(/\s*:$/, '') || "Author's Note",
      nodes: Array.from(n.childNodes).filter((c) => c !== label),
      position: precedes(n, text) ? ('before' as const) : ('after' as const),
    };
  });
  return { body: [text], notes };
}

function read(doc: Document, url: URL): PageInfo {
  const m = url.pathname.match(STORY_PATH);
  if (m) {
    if (ADULT_GATE.test(cleanText(doc.body))) return adultGate(doc);
    if ($(doc, 'form#password_form')) return emptyInfo('gate');
    if ($(doc, '#chapter-body, div#chapter')) return readChapter(doc, url, Number(m[2] ?? 1));
    if ($(doc, '.story_content_box')) return readStoryBox(doc);
    if (/not found|does not exist|deleted/i.test(docTitle(doc) + ' ' + cleanText($(doc, 'h1')))) return emptyInfo('error');
    return emptyInfo('none');
  }
  if (LISTING_PATH.test(url.pathname)) return emptyInfo('listing');
  return emptyInfo('none');
}

/** Only Mature stories sit behind the adult check, so the gate itself says "explicit". */
function adultGate(doc: Document): PageInfo {
  const info = emptyInfo('gate');
  info.title = textOrNull($(doc, 'a.story_name'));
  info.rating = siteDefault('explicit');
  return info;
}

/** The story page: metadata and the chapter list, no text. */
function readStoryBox(doc: Document): PageInfo {
  const info = emptyInfo('index');
  const box = $(doc, '.story_content_box') ?? doc;
  info.title = textOrNull($(box, 'a.story_name'));
  info.author = textOrNull($(doc, '.info-container a[href^="/user/"]') ?? $(box, '.author a'));
  const badge = $(box, '[class*="content-rating-"]');
  const label = textOrNull(badge);
  if (label) info.rating = ratingOn(fimfictionScale, label);
  info.fandoms = texts(box, 'ul.story-tags a.tag-series');
  info.warnings = texts(box, 'ul.story-tags a.tag-warning');
  info.tags = texts(box, 'ul.story-tags a:not(.tag-series):not(.tag-warning)');
  const description = $(box, '.description-text');
  // Paragraphs, not textContent, so "…a start.</p><p>Every…" keeps its space.
  info.summary = description ? textLines(description).join(' ') || null : null;
  info.words = parseCount(textOrNull($(box, '.chapters-footer .word_count')));
  return info;
}

function readChapter(doc: Document, url: URL, index: number): PageInfo {
  const info = emptyInfo('chapter');
  const storyId = url.pathname.match(STORY_PATH)?.[1] ?? '';
  const header = $(doc, '.story-title, .story-header') ?? doc;
  info.title = textOrNull($(header, `a[href^="/story/${storyId}/"]`)) ?? titleFromDocTitle(doc);
  info.author = textOrNull($(header, 'a[href^="/user/"]'));
  info.summary = textOrNull($(doc, '.story-header .short-description'));
  info.chapter = chapterOf(doc, storyId, index);
  if (!info.chapter) info.kind = 'story';
  return info;
}

/** "Chapter - Story | Fimfiction" → "Story". */
function titleFromDocTitle(doc: Document): string | null {
  const t = docTitle(doc).replace(/\s*\|\s*Fimfiction$/i, '');
  const cut = t.indexOf(' - ');
  return (cut >= 0 ? t.slice(cut + 3) : t).trim() || null;
}

/**
 * Chapter N of the story. The chapter page only links its neighbours, so the total is known when
 * the page lists every chapter (a list that includes this one) or when there is no next chapter;
 * otherwise it is null. A first chapter with no neighbours is a one-shot: no chapter at all.
 */
function chapterOf(doc: Document, storyId: string, index: number): ChapterInfo | null {
  const h1 = $(doc, 'h1.chapter-title');
  const title = h1 ? ownText(h1) : null;
  const numbers = $$(doc, `a[href^="/story/${storyId}/"]`)
    .map((a) => (a.getAttribute('href') ?? '').match(/^\/story\/\d+\/(\d+)(?:\/|$)/)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
  const hasNext = numbers.includes(index + 1) || $(doc, '.chapter-navigation a.next') !== null;
  const hasPrev = numbers.includes(index - 1) || $(doc, '.chapter-navigation a.previous') !== null;
  if (index === 1 && !hasNext && !hasPrev) return null;
  let count: number | null = null;
  if (numbers.includes(index)) count = Math.max(index, ...numbers);
  else if (!hasNext) count = index;
  return { index, count, title };
}

/** The heading's own text, without the read-marker widget nested in it. */
function ownText(el: Element): string | null {
  const t = squash(
    Array.from(el.childNodes)
      .filter((n) => n.nodeType === 3)
      .map((n) => n.textContent ?? '')
      .join(' '),
  );
  return t || textOrNull(el);
}
