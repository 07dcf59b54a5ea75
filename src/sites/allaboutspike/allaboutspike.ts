/**
 * All About Spike (allaboutspike.com): a hand-built early-2000s archive. Story pages are
 * fic.html?id=N (&chapter=N), with print.html?id=N and plain/fic.html?id=N variants. The layout is
 * tables and <font> runs: the title, a "By Author" line, an optional author header block
 * ("Summary:", "Rating: R", …), "Chapter: 1 2 3" links on multi-chapter fics, then the text.
 * The site itself prints no rating: the only one there is comes from the author's header.
 */
import type { ExtractedNote, Extraction } from '../types';
import type { ChapterInfo, ChapterNav, PageInfo } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $$, cleanText, docTitle, hasText, intParam, textLines } from '../../core/dom';
import { lineValue } from '../kit/labels';
import { splitByline, type Byline } from '../kit/byline';
import { linkByText, linkUrl, listNav, noNav } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { filmScale, ratingOn } from '../kit/rating-scale';
import { listItems, saysNone } from '../kit/lists';

/** The author header sits right under the byline; looking further would read story text. */
const HEADER_LINES = 15;

/** fic.html, print.html and plain/fic.html all carry one fic, named by ?id=N. */
function isFicPath(url: URL): boolean {
  return /(?:^|\/)(?:fic|print)\.html$/i.test(url.pathname) && intParam(url, 'id') !== null;
}

/** The ids of the fics a page links to. */
function linkedFicIds(doc: Document): Set<string> {
  const ids = new Set<string>();
  for (const a of $$(doc, 'a[href*="fic.html"]')) {
    const m = (a.getAttribute('href') ?? '').match(/fic\.html\?(?:[^#]*&)?id=(\d+)/i);
    if (m?.[1]) ids.add(m[1]);
  }
  return ids;
}

/**
 * "All About Spike - Title by Author": the fallback when the page body has no byline. The author
 * follows the last " by ", so a title such as "Stand by Me" stays whole.
 */
function titleFromDocTitle(doc: Document): Byline {
  const m = docTitle(doc).match(/^All About Spike\s*[-–:|]\s*(.+)$/i);
  return m?.[1] ? splitByline(m[1]) : { title: null, author: null };
}

/** Values of an author header line such as "Warnings: violence, language"; "None" means none. */
function listValue(value: string | null): string[] {
  return value && !saysNone(value) ? listItems(value, /\s*[,;]\s*/) : [];
}

/**
 * "Chapter: 1 2 3 … 10": the current chapter is printed bold and unlinked, the rest are links.
 * Returns null for a one-part fic.
 */
function readChapter(doc: Document, lines: string[], url: URL): ChapterInfo | null {
  const list = lineValue(lines, /^Chapters?\s*:/i);
  if (!list || !/^[\d\s]+$/.test(list)) return null;
  const count = Math.max(...list.split(/\s+/).map(Number));
  if (count < 2) return null;
  const bold = $$(doc, 'b, strong').find((b) => /^\d+$/.test(cleanText(b)) && /^Chapters?\s*:/i.test(cleanText(b.parentElement)));
  const index = intParam(url, 'chapter') ?? (bold ? Number(cleanText(bold)) : 1);
  return { index, count, title: null };
}

function readFic(doc: Document, url: URL): PageInfo {
  const lines = textLines(doc.body ?? doc);
  const authorLink = $$(doc, 'a[href*="author.html"]').find((a) => cleanText(a) !== '');
  const author = authorLink ? cleanText(authorLink) : null;
  const byIdx = author ? lines.findIndex((l) => l === `By ${author}`) : -1;
  const fallback = titleFromDocTitle(doc);
  if (byIdx < 0 && !fallback.title) return emptyInfo('error');

  const info = emptyInfo('story');
  info.title = (byIdx > 0 ? lines[byIdx - 1] : null) ?? fallback.title;
  info.author = author ?? fallback.author;
  const header = byIdx >= 0 ? lines.slice(byIdx + 1, byIdx + 1 + HEADER_LINES) : [];
  info.rating = ratingOn(filmScale, lineValue(header, /^Rat(?:ing|ed)\s*:/i));
  info.summary = lineValue(header, /^Summary\s*:/i);
  info.warnings = listValue(lineValue(header, /^Warnings?\s*:/i));
  info.chapter = readChapter(doc, header, url);
  if (info.chapter) info.kind = 'chapter';
  return info;
}

export const allaboutspikePages = definePages({
  id: 'allaboutspike',
  name: 'All About Spike',
  domains: ['allaboutspike.com'],
  read(doc, url) {
    if (isFicPath(url)) return readFic(doc, url);
    // Home, site map, contact, store: no fic. Author pages, search and category results list fics.
    return emptyInfo(linkedFicIds(doc).size >= 2 ? 'listing' : 'none');
  },
  extract,
  // Tables and <font> runs with no element of the story's own: the whole page waits for the gate.
  storyBody: ['body'],
});

export const allaboutspike = defineSite(allaboutspikePages, {
  nav,
});

// ---- reader: story text and chapter navigation ----

/**
 * The "Chapter: 1 2 3" row: the label, then only numbers. Tested on the raw text (\s takes in the
 * NBSPs cleanText folds), which fails at once on the containers around the whole story.
 */
function isChapterRow(n: Node): boolean {
  return n.nodeType === 1 && /^\s*Chapters?\s*:\s*[\d\s]+$/i.test(n.textContent ?? '');
}

/** Site links between and after chapters: "Next Chapter", "Previous Chapter". */
function isChapterLink(n: Node): boolean {
  if (n.nodeType !== 1) return false;
  const el = n as Element;
  return /^\s*(?:Next|Previous|Prev)\s+Chapter\s*$/i.test(el.textContent ?? '') && (el.matches('a') || $$(el, 'a').length > 0);
}

/** Where the story ends and the site resumes: reviews, feedback and print links (on a node's raw text, as isChapterRow). */
const CHROME_START = /^\s*(?:Read\s+Reviews|Post\s+a\s+Review|Send\s+feedback\s+to|Print\s+Version|Plain\s+Version)\b/i;

/** The author's header block: every line a "Label: value" pair. */
const HEADER_LABEL =
  /^(?:Summary|Spoilers?|Rating|Rated|Disclaimer|A\/N|Author'?s Notes?|Warnings?|Pairings?|Characters?|Feedback|Archive|Distribution|Dedication|Beta)\s*:/i;

function isHeaderBlock(n: Node): boolean {
  if (n.nodeType !== 1) return false;
  const lines = textLines(n);
  return lines.length > 0 && lines.every((l) => HEADER_LABEL.test(l));
}

/**
 * The story is the run of nodes after the title-and-byline block, up to the reviews and
 * feedback links. Chapter rows and "Next Chapter" links in that run are left out; the author's
 * header block ("Summary:", "Rating:", "A/N:") becomes a note.
 */
function extract(doc: Document): Extraction | null {
  const byline = $$(doc, 'a[href*="author.html"]')
    .map((a) => a.closest('p, div, td, center'))
    .find((b) => b !== null && /(?:^|\s)By\s/.test(cleanText(b)));
  if (!byline) return null;
  const body: Node[] = [];
  const notes: ExtractedNote[] = [];
  // Whether the body holds any text yet: kept as it grows, as asking its nodes again at every node cost a long story its length squared.
  let started = false;
  for (let n = byline.nextSibling; n; n = n.nextSibling) {
    if (n.nodeType === 1 && CHROME_START.test(n.textContent ?? '')) break;
    if (isChapterRow(n) || isChapterLink(n) || n.nodeType === 8) continue;
    if (!started && isHeaderBlock(n)) notes.push({ label: 'Story header', nodes: [n], position: 'before' });
    else {
      body.push(n);
      started ||= hasText(n);
    }
  }
  return started ? { body, notes } : null;
}

/** The chapter row's links (the current chapter is bold, unlinked) and the Next / Previous Chapter links. */
function nav(doc: Document, url: URL): ChapterNav {
  const row = $$(doc, 'p, div, td, center').find(isChapterRow);
  if (!row) return noNav();
  const chapters = $$(row, 'a, b, strong').flatMap((e) => {
    const n = cleanText(e);
    if (!/^\d+$/.test(n)) return [];
    const target = e.matches('a') ? linkUrl(e) : url.href;
    return target ? [{ title: `Chapter ${n}`, url: target, current: !e.matches('a') }] : [];
  });
  const links = $$(doc, 'a');
  return listNav(chapters, linkByText(links, /^(?:Previous|Prev)\s+Chapter$/i), linkByText(links, /^Next\s+Chapter$/i));
}
