/**
 * Dreamwidth and LiveJournal journals (user.dreamwidth.org, user.livejournal.com): Dreamwidth is a
 * fork of LiveJournal's code, and both print an entry's text in `.entry-content` (DW's S2 core2
 * layer, LJ's S2 styles and its newer `b-singlepost` page alike), the poster as an `.ljuser` span,
 * and a cut as `<a name="cutidN">` on the entry's own page. A journal is not an archive: a post is
 * a fic only when its author opens it with a fic header ("Title:", "Fandom:", "Rating:", …), which
 * is where every metadata field comes from; a post without one is an ordinary journal post.
 */
import type { ExtractedNote, Extraction } from '../types';
import type { ChapterInfo, ChapterNav, PageInfo, RatingLevel } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, hostIs, parseCount, squash, textLines, textOrNull, texts, unique } from '../../core/dom';
import { mpaaLevel, siteRating } from '../../core/rating';
import { childNodesWithout, linkByText } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { lineValue } from '../kit/labels';
import { listItems } from '../kit/lists';

const DOMAINS = ['dreamwidth.org', 'livejournal.com'];
/** DW's S2 entry, LJ's S2 entry and LJ's newer single-post page. */
const ENTRY_TEXT = ['.entry .entry-content', '.b-singlepost-body', 'article .entry-content'];
/** An entry's own page: /12345.html, also under /community/ or /users/ on the old shared hosts. */
const ENTRY_PATH = /^\/(?:[\w-]+\/)?\d+\.html$/;
/** A journal's recent entries, tag pages, archive days and search: lists of posts. */
const LISTING_PATH = /^\/(?:$|tag\/|\d{4}\/|calendar|archive|search|\?skip=)/;
/** DW: "No such entry."; LJ: "the entry you are looking for has been deleted". */
const NOT_FOUND = /No such entry|entry (?:you are looking for )?(?:has been|was) deleted|entry (?:was )?not found/i;

/**
 * Fic header labels. A post is a fic when its header has two of them, one of which only a fic
 * header has (a diary post may well say "Summary:" or "Warning:" once).
 */
const LABEL =
  /^(?:Title|Author|Fandoms?|Rating|Rated|Pairings?|Characters?|Warnings?|Content Notes?|Summary|Word ?count|Words|Disclaimer|Chapter|Part|Notes?|A\/N|Beta|Prompt|Spoilers?)\s*:/i;
const FIC_LABEL = /^(?:Title|Fandoms?|Rating|Rated|Pairings?)\s*:/i;
/** The header is the post's opening lines; a fic never hides it further down. */
const HEADER_LINES = 20;

/**
 * Journal fic rates itself free-form: the film scale (G/PG → general, PG-13 → teen, R → mature,
 * NC-17 → explicit) or AO3's words, which the film scale's first-word reading also knows
 * (General → general, Teen → teen, Mature → mature, Explicit → explicit); anything else stays
 * unknown with the author's words.
 */
function journalLevel(label: string): RatingLevel {
  return mpaaLevel(label.replace(/^rated\s+/i, ''));
}

export const dreamwidthPages = definePages({
  id: 'dreamwidth',
  name: 'Dreamwidth / LiveJournal',
  domains: DOMAINS,
  storyBody: ENTRY_TEXT,
  read,
  extract,
});

export const dreamwidth = defineSite(dreamwidthPages, {
  nav,
});

function entryText(doc: Document): Element | null {
  return $(doc, ENTRY_TEXT.join(', '));
}

/** The cut's anchor on the entry page, where the story proper starts. */
function cutAnchor(text: Element): Element | null {
  return $(text, 'a[name^="cutid"]');
}

/** The lines a fic header could be in: before the cut where there is one, else the opening lines. */
function headerLines(text: Element): string[] {
  const cut = cutAnchor(text);
  if (!cut) return textLines(text).slice(0, HEADER_LINES);
  // Copied into a fragment so that inline runs (`<b>Title:</b> Name<br>`) read as whole lines.
  const before = text.ownerDocument.createDocumentFragment();
  for (const n of nodesBefore(text, cut)) before.append(n.cloneNode(true));
  return textLines(before).slice(0, HEADER_LINES);
}

/** The entry text's top-level nodes before the one that holds the cut. */
function nodesBefore(text: Element, cut: Element): Node[] {
  const nodes: Node[] = [];
  for (const n of Array.from(text.childNodes)) {
    if (n === cut || n.contains(cut)) break;
    nodes.push(n);
  }
  return nodes;
}

function isFicHeader(lines: string[]): boolean {
  const labels = unique(lines.filter((l) => LABEL.test(l)).map((l) => l.slice(0, l.indexOf(':')).toLowerCase()));
  return labels.length >= 2 && lines.some((l) => FIC_LABEL.test(l));
}

function read(doc: Document, url: URL): PageInfo {
  if ($(doc, 'input[name="adult_check"]')) return emptyInfo('gate');
  if (!ENTRY_PATH.test(url.pathname)) {
    if (LISTING_PATH.test(url.pathname + url.search) && $(doc, '.entry-content, .entry-title')) return emptyInfo('listing');
    return emptyInfo('none');
  }
  const text = entryText(doc);
  if (!text) return emptyInfo(NOT_FOUND.test(cleanText(doc.body)) ? 'error' : 'none');
  const lines = headerLines(text);
  if (isFicHeader(lines)) return readFic(doc, lines);
  if (isMasterlist(text)) {
    const info = emptyInfo('index');
    info.title = entryTitle(doc);
    info.author = poster(doc);
    return info;
  }
  return emptyInfo('none');
}

/** A masterlist: no header of its own, and links to several posts of these journals. */
function isMasterlist(text: Element): boolean {
  const posts = $$(text, 'a[href]').filter((a) => {
    try {
      const u = new URL(a.getAttribute('href') ?? '', 'https://invalid.example/');
      return hostIs(u, ...DOMAINS) && ENTRY_PATH.test(u.pathname);
    } catch {
      return false;
    }
  });
  return unique(posts.map((a) => a.getAttribute('href'))).length >= 3;
}

function entryTitle(doc: Document): string | null {
  return textOrNull($(doc, '.entry .entry-title, .b-singlepost-title, h1.entry-title, h3.entry-title'));
}

/** The account that posted the entry: the first user link of the entry's header. */
function poster(doc: Document): string | null {
  return textOrNull($(doc, '.entry-poster .ljuser, .b-singlepost-author .ljuser, .entry .ljuser'));
}

function readFic(doc: Document, lines: string[]): PageInfo {
  const value = (label: RegExp) => lineValue(lines, label);
  const info = emptyInfo('story');
  info.title = value(/^Title\s*:/i) ?? entryTitle(doc);
  info.author = value(/^Author\s*:/i) ?? poster(doc);
  info.fandoms = listItems(value(/^Fandoms?\s*:/i), /\s*[,;]\s*/);
  info.summary = value(/^Summary\s*:/i);
  info.rating = siteRating(value(/^Rat(?:ing|ed)\s*:/i), journalLevel);
  info.warnings = listItems(value(/^(?:Warnings?|Content Notes?)\s*:/i), /\s*[,;]\s*/);
  const pairings = listItems(value(/^(?:Pairings?|Characters?)\s*:/i), /\s*[,;]\s*/);
  info.tags = unique([...pairings, ...texts(doc, '.entry .tag li a, .b-singlepost-tags a, .ljtags a')]);
  info.words = parseCount(value(/^(?:Word ?count|Words)\s*:/i));
  info.chapter = chapterOf(value(/^(?:Chapter|Part)\s*:/i));
  // A fic of several parts posts each as its own entry; only its header says which part it is.
  if (info.chapter) info.kind = 'chapter';
  return info;
}

/** "Part: 2/3", "Chapter: 2 of 3", "Part: 2"; a one-part fic ("1/1") is a story. */
function chapterOf(value: string | null): ChapterInfo | null {
  const m = value?.match(/^(\d+)\s*(?:(?:\/|of)\s*(\d+|\?))?/i);
  if (!m) return null;
  const index = Number(m[1]);
  const count = m[2] && m[2] !== '?' ? Number(m[2]) : null;
  if (index < 1 || (count === 1 && index === 1)) return null;
  const title = value!
    .slice(m[0].length)
    .replace(/^[\s:.–—-]+/, '')
    .trim();
  return { index, count, title: title || null };
}

/** The story is the entry text after the cut, the header before it a note; without a cut, the lines after the header. */
function extract(doc: Document): Extraction | null {
  const text = entryText(doc);
  if (!text) return null;
  const cut = cutAnchor(text);
  const head = cut ? nodesBefore(text, cut) : openingHeader(text);
  const body: Node[] = [];
  for (const n of Array.from(text.childNodes).slice(head.length)) {
    if (n === cut) continue;
    body.push(...(cut && n.contains(cut) ? childNodesWithout(n as Element, cut) : [n]));
  }
  if (!body.some((b) => cleanText(b) !== '')) return { body: [text], notes: [] };
  const notes: ExtractedNote[] = head.some((h) => cleanText(h) !== '') ? [{ label: 'Story header', nodes: head, position: 'before' }] : [];
  return { body, notes };
}

const BLOCK = /^(?:P|DIV|UL|OL|DL|BLOCKQUOTE|H[1-6]|TABLE|CENTER|HR|PRE)$/;
const isBlock = (n: Node) => n.nodeType === 1 && BLOCK.test(n.nodeName);

/** One line of the entry text (a block, or inline nodes up to a `<br>`) is header when all its text is "Label: value". */
function lineIsHeader(nodes: Node[]): boolean {
  const lines = nodes.length === 1 && isBlock(nodes[0]!) ? textLines(nodes[0]!) : [squash(nodes.map((n) => n.textContent ?? '').join(''))];
  return lines.every((l) => l === '' || LABEL.test(l));
}

/** The entry text's opening header lines, as top-level nodes (`<b>Title:</b> Name<br>` runs or blocks). */
function openingHeader(text: Element): Node[] {
  const head: Node[] = [];
  let line: Node[] = [];
  const close = (nodes: Node[]) => {
    if (!lineIsHeader(nodes)) return false;
    head.push(...nodes);
    line = [];
    return true;
  };
  for (const n of Array.from(text.childNodes)) {
    if (isBlock(n)) {
      if ((line.length && !close(line)) || !close([n])) return head;
      continue;
    }
    line.push(n);
    if (n.nodeName === 'BR' && !close(line)) return head;
  }
  return head;
}

/** A post links its own neighbours ("Previous part", "Next chapter"); journal entry order is not fic order. */
function nav(doc: Document): ChapterNav {
  const links = $$(entryText(doc) ?? doc, 'a[href]');
  return {
    prev: linkByText(links, /^(?:«\s*|<+\s*)?(?:prev(?:ious)?|last)\s+(?:part|chapter)\b/i),
    next: linkByText(links, /^(?:next\s+(?:part|chapter))\b/i),
    chapters: [],
  };
}
