/**
 * MediaMiner (www.mediaminer.org): a story's index is /fanfic/s/CATEGORY/SLUG/ID, a chapter
 * /fanfic/c/CATEGORY/SLUG/ID/CHAPTERID (older addresses: view_st.php/ID, view_ch.php/ID/CID).
 * Selectors follow FanFicFare's adapter_mediaminerorg.py: h1#post-title ("Category Fan Fiction ❯
 * Title"), div#post-rating ("[ A - All Readers ]"), a[href*="/user_info.php/"], the chapter links
 * of p[style="margin-left:10px;"], a[href^="/fanfic/a/"] categories, a[href^="/fanfic/src.php/g/"]
 * genres, the div.post-meta line ("| Words: 4.2K |", "Status: Completed") and div#fanfic-text;
 * its earlier versions read the select[name="cid"] chapter menu.
 *
 * Rating: the bracketed label is read by its first word on the film scale: G and PG → general,
 * PG-13 → teen, R → mature, NC-17 → explicit. Any other label (the site's own letters, as
 * "A - All Readers") stays unknown with its words kept; a page without one is unknown.
 */
import type { ChapterNav, PageInfo, RatingLevel } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, squash, textOrNull, texts, unique } from '../../core/dom';
import { siteRating } from '../../core/rating';
import { absoluteUrl, listNav, menuChapters } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { menuChapter } from '../kit/chapter-menu';

const INDEX_PATH = /^\/fanfic\/(?:s\/[^/]+\/(?:[^/]+\/)?\d+|view_st\.php(?:\/\d+)?)\/?$/;
const CHAPTER_PATH = /^\/fanfic\/(?:c\/[^/]+\/[^/]+|view_ch\.php)\/\d+\/\d+\/?$/;
/** Category and genre browsing, search results. */
const LISTING_PATH = /^\/fanfic\/(?:a\/|src\.php\/|search)/;
const CHAPTER_MENU = 'select[name="cid"] option';
/** The "❯" (U+276F) that separates the category, the title and the chapter in the heading. */
const SEPARATOR = /\s*\u276f\s*/;

export const mediaminerPages = definePages({
  id: 'mediaminer',
  name: 'MediaMiner',
  domains: ['mediaminer.org'],
  storyBody: ['div#fanfic-text'],
  read,
});

export const mediaminer = defineSite(mediaminerPages, {
  nav,
});

/**
 * MediaMiner writes "[ A - All Readers ]", "[ P - Pre-Teen ]" (FanFicFare's adapter quotes both):
 * a letter and the audience in words. The words decide: All Readers and Pre-Teen (its PG) →
 * general, Teen → teen, Mature → mature, Adult → explicit. Older stories carry film labels
 * (G, PG → general; PG-13 → teen; R → mature; NC-17 → explicit). Anything else stays unknown.
 */
const AUDIENCE: Record<string, RatingLevel> = {
  'all readers': 'general',
  'pre-teen': 'general',
  teen: 'teen',
  mature: 'mature',
  adult: 'explicit',
};

export function mediaminerLevel(label: string): RatingLevel {
  const [code = '', words = ''] = label.trim().split(/\s+-\s+/);
  const audience = AUDIENCE[words.toLowerCase()];
  if (audience) return audience;
  const film = code.split(/\s+/)[0]!.toUpperCase();
  if (film === 'G' || film === 'PG') return 'general';
  if (film === 'PG-13') return 'teen';
  if (film === 'R') return 'mature';
  if (film === 'NC-17') return 'explicit';
  return 'unknown';
}

/** "Words: 4.2K" / "1.0M" / "812": the site rounds to a tenth of a thousand or million. */
export function statedWords(meta: string): number | null {
  const m = /\bWords:\s*([\d.,]+)\s*([KM]?)(?![\w])/i.exec(meta);
  if (!m) return null;
  const factor = { K: 1_000, M: 1_000_000 }[m[2]!.toUpperCase()] ?? 1;
  const n = Math.round(Number(m[1]!.replace(/,/g, '')) * factor);
  return Number.isFinite(n) ? n : null;
}

/** The chapter menu's options are chapter ids: a chapter's address swaps the last path segment. */
function nav(doc: Document, url: URL): ChapterNav {
  const here = url.pathname.replace(/\/$/, '').split('/').pop() ?? '';
  const base = url.pathname.replace(/\/$/, '').replace(/\/[^/]*$/, '/');
  const chapters = menuChapters(
    CHAPTER_PATH.test(url.pathname) ? $$(doc, CHAPTER_MENU) : [],
    (cid) => (/^\d+$/.test(cid) ? absoluteUrl(base + cid, url.href) : null),
    (cid) => cid === here,
  );
  if (chapters.length) return listNav(chapters);
  // The index lists the chapters as links in one indented paragraph.
  return listNav(
    $$(doc, 'p[style*="margin-left"] a[href]').flatMap((a) => {
      const href = absoluteUrl(a.getAttribute('href'), url.href);
      return href ? [{ title: cleanText(a), url: href, current: false }] : [];
    }),
  );
}

function read(doc: Document, url: URL): PageInfo {
  const chapter = CHAPTER_PATH.test(url.pathname);
  if (chapter || INDEX_PATH.test(url.pathname)) return readStory(doc, url, chapter);
  if (LISTING_PATH.test(url.pathname)) return emptyInfo('listing');
  return emptyInfo('none');
}

function readStory(doc: Document, url: URL, isChapter: boolean): PageInfo {
  const heading = $(doc, 'h1#post-title');
  if (!heading || (isChapter && !$(doc, 'div#fanfic-text'))) return emptyInfo('error');
  const info = emptyInfo(isChapter ? 'chapter' : 'index');
  const parts = cleanText(heading).split(SEPARATOR);
  info.title = (parts.length > 1 ? parts[1] : parts[0]) || null;
  const meta = $(doc, 'div.post-meta');
  info.author = textOrNull($(meta ?? doc, 'a[href*="/user_info.php/"]'));
  info.rating = siteRating(cleanText($(doc, 'div#post-rating')).replace(/^\[\s*|\s*\]$/g, ''), mediaminerLevel);
  info.fandoms = unique(texts(doc, 'a[href^="/fanfic/a/"]'));
  info.tags = texts(doc, 'a[href^="/fanfic/src.php/g/"]');
  if (!isChapter) {
    // Only the index states the story's words; a chapter's header is the chapter's own.
    info.words = statedWords(cleanText(meta));
    info.summary = meta ? summaryOf(meta) : null;
    return info;
  }
  const menu = menuChapter($$(doc, CHAPTER_MENU), { current: (cid) => url.pathname.replace(/\/$/, '').endsWith('/' + cid) });
  // The heading's third part is the chapter's full title; the menu gives its place.
  info.chapter = menu ? { ...menu, title: parts[2] ?? menu.title } : null;
  return info;
}

/** The summary is the line between the author link's break and the next one (FanFicFare cuts it so). */
function summaryOf(meta: Element): string | null {
  const breaks = $$(meta, 'br');
  if (breaks.length < 2) return null;
  const range = meta.ownerDocument.createRange();
  range.setStartAfter(breaks[0]!);
  range.setEndBefore(breaks[1]!);
  return squash(range.toString()) || null;
}
