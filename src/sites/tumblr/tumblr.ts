/**
 * Tumblr fic posts (blog.tumblr.com/post/ID/slug and www.tumblr.com/blog/ID/slug). Tumblr is not an
 * archive: a blog's theme prints each post, and WebToEpub's TumblrParser.js finds the post's text
 * in `main div.post`, `main div.post-main` or `article div.post-content`, without `footer`, `#notes`
 * and `#disqus_thread`. A post is a fic only when its author opens it with a fic header
 * ("Title:", "Pairing:", "Rating:", …) as on Dreamwidth, or when a titled post of long prose is
 * tagged as fic; a chapter post says "Part 2 of 5" and links its neighbours ("Part 1 | Part 3 |
 * Masterlist"); a masterlist post, a list of links to the parts, is the work's index.
 */
import type { Extraction } from '../types';
import type { ChapterInfo, ChapterNav, PageInfo, RatingLevel } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, countWords, hostIs, parseCount, textLines, textOrNull, unique } from '../../core/dom';
import { mpaaLevel, siteRating } from '../../core/rating';
import { linkByText, linkUrl, noNav } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { lineValue } from '../kit/labels';
import { listItems } from '../kit/lists';
import { NUMBER_WORD_PATTERN, chapterNumber } from '../kit/number-words';

/** WebToEpub's three theme shapes, the most specific first (`div.post` may wrap `div.post-main`). */
const POST_TEXT = ['main div.post-main', 'article div.post-content', 'main div.post'];
/** Theme parts inside the post that are not its text (WebToEpub drops the same). */
const CHROME = ['footer', '#notes', '#disqus_thread'];
/** Hosts of tumblr.com that are not blogs. */
const NOT_BLOGS = new Set(['api', 'assets', 'static', 'media', 'help', 'embed', 'px']);
/** www.tumblr.com paths whose first segment is the site's own, not a blog's name. */
const SITE_PATHS = new Set([
  'dashboard',
  'explore',
  'settings',
  'login',
  'register',
  'likes',
  'following',
  'inbox',
  'new',
  'blog',
  'policy',
  'docs',
  'about',
  'help',
  'communities',
  'tagged',
  'search',
]);
/** A blog's own pages of posts: its home, later pages, tags, search, archive. */
const LISTING = /^\/(?:$|page\/\d+|tagged\/|search\/|archive|day\/|chrono)/;
/** www.tumblr.com's results across blogs. */
const SITE_LISTING = /^\/(?:tagged|search)\/./;
/** Tumblr's not-found text on themes ("Not found.") and on www ("There's nothing here."). */
const NOT_FOUND = /There['’]s nothing here|^Not found\.?$|post (?:you['’]re looking for )?(?:is gone|doesn['’]t exist)/im;
/** The sensitive-content interstitial and the login wall of dashboard-only blogs. */
const GATE = /may contain (?:sensitive|mature|explicit) (?:media|content)|log in to (?:see|view) this/i;

/** Fic header labels (as Dreamwidth's): two of them, one only a fic header has, make a fic. */
const LABEL =
  /^(?:Title|Author|Fandoms?|Rating|Rated|Pairings?|Characters?|Warnings?|Content Warnings?|TWs?|CWs?|Summary|Word ?count|Words|Tags|Notes?|A\/N|Prompt|Series|Chapter|Part)\s*:/i;
const FIC_LABEL = /^(?:Title|Fandoms?|Rating|Rated|Pairings?)\s*:/i;
const HEADER_LINES = 20;
const N = `\\d+|${NUMBER_WORD_PATTERN}`;
/** "Part 2 of 5", "Chapter 3", "Part: 2/5", "Chapter 3: The Harbour". */
const CHAPTER_LINE = new RegExp(
  `^(?:Part|Chapter|Ch\\.?|Pt\\.?)\\s*:?\\s*(${N})(?:\\s*(?:/|of)\\s*(${N}|\\?))?(?:\\s*[:.–—-]\\s*(.*))?$`,
  'i',
);
/** A link to a part: "Part 1", "Chapter 3: The Harbour", "Pt. 2". */
const PART_LINK = new RegExp(`^(?:Part|Chapter|Ch\\.?|Pt\\.?)\\s*(${N})\\b`, 'i');
/** One item of a line of chapter links: "« Previous", "Part 3", "Masterlist". */
const NAV_ITEM = new RegExp(
  `^(?:[«<←]\\s*)?(?:(?:prev(?:ious)?|next|first|last)(?:\\s+(?:part|chapter))?|(?:part|chapter|ch\\.?|pt\\.?)\\s*(?:${N})|(?:series\\s+)?master\\s?list|index)(?:\\s*[»>→])?$`,
  'i',
);
/** "Taglist: @a @b", the readers an author pings, under the story. */
const TAGLIST = /^(?:perma)?tag ?list\b/i;
/** Tags a blogger marks fic with; only with them does a titled post of long prose read as a story. */
const FIC_TAG = /\b(?:fic|fanfic|fanfiction|ficlet|drabble|one[- ]?shot|imagine|x reader|my writing)\b/i;
const LONG_PROSE = 1000;
/** A masterlist's own words around its links stay short; a chapter is long prose. */
const MASTERLIST_PROSE = 150;

/**
 * Tumblr fic rates itself free-form, in AO3's words or letters or on the film scale: General/G →
 * general, Teen/T/PG-13 → teen, Mature/M/R → mature, Explicit/E/NC-17/18+ → explicit (the film
 * scale's first-word reading knows all but "E", and PG → general). Anything else ("NSFW", "minors
 * DNI") stays unknown with the author's words.
 */
export function tumblrLevel(label: string): RatingLevel {
  const l = label.replace(/^rated\s+/i, '');
  if (/^E\b/i.test(l)) return 'explicit';
  return mpaaLevel(l);
}

export const tumblrPages = definePages({
  id: 'tumblr',
  name: 'Tumblr',
  domains: ['tumblr.com'],
  storyBody: POST_TEXT,
  read,
  extract,
});

export const tumblr = defineSite(tumblrPages, {
  nav,
});

interface Where {
  /** The blog's name; null on the site's own pages and non-blog hosts. */
  blog: string | null;
  /** The path below the blog. */
  path: string;
  /** Whether the blog is a subdomain (blog.tumblr.com) rather than a path of www.tumblr.com. */
  subdomain: boolean;
}

function whereOf(url: URL): Where {
  const host = url.hostname.toLowerCase();
  const sub = host.endsWith('.tumblr.com') ? host.slice(0, -'.tumblr.com'.length) : '';
  if (sub && sub !== 'www') return { blog: NOT_BLOGS.has(sub) || sub.includes('.') ? null : sub, path: url.pathname, subdomain: true };
  const m = url.pathname.match(/^\/(?:blog\/view\/)?([\w-]+)(\/.*)?$/);
  if (!m || SITE_PATHS.has(m[1]!.toLowerCase())) return { blog: null, path: url.pathname, subdomain: false };
  return { blog: m[1]!, path: m[2] ?? '/', subdomain: false };
}

/** A post's id: /post/ID/slug on a blog's host, /blog/ID/slug on www.tumblr.com. */
function postId(url: URL): string | null {
  const { blog, path, subdomain } = whereOf(url);
  const m = path.match(subdomain ? /^\/post\/(\d+)(?:\/[^/]*)?\/?$/ : /^\/(\d+)(?:\/[^/]*)?\/?$/);
  return blog && m ? m[1]! : null;
}

function isPostLink(a: Element): boolean {
  const href = linkUrl(a);
  if (!href) return false;
  const u = new URL(href);
  return hostIs(u, 'tumblr.com') && postId(u) !== null;
}

function postText(doc: Document): Element | null {
  return $(doc, POST_TEXT.join(', '));
}

/** The element that holds the post's paragraphs: the theme's title and footer sit outside it. */
function textRoot(post: Element): Element {
  const p = $$(post, 'p').find((x) => !x.closest(CHROME.join(', ') + ', header'));
  return p?.parentElement ?? post;
}

const navLine = (l: string) => {
  const items = l.split(/\s*[|•·]\s*|\s+[-–—/]\s+/).filter((s) => s !== '');
  return items.length > 0 && items.every((s) => NAV_ITEM.test(s));
};
/** A header line; "Part 1: The Map Room" is a chapter line only when it is not a link to that part. */
const headerLine = (l: string, linked: boolean) => LABEL.test(l) || (!linked && CHAPTER_LINE.test(l)) || navLine(l);
const hasLink = (n: Node) => n.nodeType === 1 && $(n as Element, 'a[href]') !== null;

function isFicHeader(lines: string[]): boolean {
  const labels = unique(lines.filter((l) => LABEL.test(l)).map((l) => l.slice(0, l.indexOf(':')).toLowerCase()));
  return labels.length >= 2 && lines.some((l) => FIC_LABEL.test(l));
}

/** The root's blocks: its opening header lines, and the text between them and its closing link lines. */
function split(root: Element): { head: Node[]; body: Node[] } {
  const nodes = Array.from(root.childNodes);
  const blank = (n: Node) => n.nodeType !== 1 && cleanText(n) === '';
  const isHr = (n: Node) => n.nodeName === 'HR';
  const lines = (n: Node) => (n.nodeType === 1 ? textLines(n) : [cleanText(n)]);
  // An NPF post's title is its opening heading, inside the text.
  const isHead = (n: Node) =>
    blank(n) || isHr(n) || /^H[1-6]$/.test(n.nodeName) || (n.nodeType === 1 && lines(n).every((l) => headerLine(l, hasLink(n))));
  const isTail = (n: Node) => blank(n) || isHr(n) || (n.nodeType === 1 && lines(n).every((l) => navLine(l) || TAGLIST.test(l)));
  let start = 0;
  while (start < nodes.length && isHead(nodes[start]!)) start++;
  let end = nodes.length;
  while (end > start && isTail(nodes[end - 1]!)) end--;
  return { head: nodes.slice(0, start), body: nodes.slice(start, end) };
}

function read(doc: Document, url: URL): PageInfo {
  const { blog, path, subdomain } = whereOf(url);
  if (/^\/login_required\//.test(url.pathname)) return emptyInfo('gate');
  if (!postId(url)) return emptyInfo((blog && LISTING.test(path)) || (!subdomain && !blog && SITE_LISTING.test(path)) ? 'listing' : 'none');
  const post = postText(doc);
  if (!post) {
    if (GATE.test(cleanText(doc.body))) return emptyInfo('gate');
    return emptyInfo(NOT_FOUND.test(textLines(doc.body).join('\n')) ? 'error' : 'none');
  }
  const root = textRoot(post);
  const lines = textLines(root).slice(0, HEADER_LINES);
  if (isFicHeader(lines)) {
    const info = readHeader(post, lines, blog);
    info.chapter = chapterOf(headLines(root));
    // Each part is a post of its own; only its header says which part it is.
    if (info.chapter) return { ...info, kind: 'chapter' };
    if (partLinks(root).length >= 2 && proseWords(root) < MASTERLIST_PROSE) return { ...info, kind: 'index' };
    return info;
  }
  const title = postTitle(post);
  if (unique($$(root, 'a[href]').filter(isPostLink).map(linkUrl)).length >= 3 && proseWords(root) < MASTERLIST_PROSE)
    return { ...emptyInfo('index'), title, author: blog };
  const tags = postTags(post);
  if (title && countWords(cleanText(root)) >= LONG_PROSE && tags.some((t) => FIC_TAG.test(t)))
    return { ...emptyInfo('story'), title, author: blog, tags };
  return emptyInfo('none');
}

/** The words of the post's blocks between its header and its closing links that hold no link to a part. */
function proseWords(root: Element): number {
  const { body } = split(root);
  const prose = body.filter((n) => n.nodeType !== 1 || !$$(n as Element, 'a[href]').some((a) => isPostLink(a)));
  return prose.reduce((sum, n) => sum + countWords(n.textContent ?? ''), 0);
}

/** The theme's post title (`{Title}`), or the post's opening heading. */
function postTitle(post: Element): string | null {
  return textOrNull($(post, '.title, .post-title, h1, h2, h3'));
}

/** The post's tags as the theme lists them (links to /tagged/…), without their "#". */
function postTags(post: Element): string[] {
  const scope = post.closest('article') ?? post.parentElement ?? post;
  return unique($$(scope, 'a[href*="/tagged/"]').map((a) => cleanText(a).replace(/^#\s*/, ''))).filter((t) => t !== '');
}

/** Items once each, the first spelling kept: tags repeat the header's pairing in lower case. */
function uniqueFolded(items: string[]): string[] {
  const byKey = new Map<string, string>();
  for (const t of items) if (!byKey.has(t.toLowerCase())) byKey.set(t.toLowerCase(), t);
  return Array.from(byKey.values());
}

function readHeader(post: Element, lines: string[], blog: string | null): PageInfo {
  const value = (label: RegExp) => lineValue(lines, label);
  const info = emptyInfo('story');
  info.title = value(/^Title\s*:/i) ?? postTitle(post);
  info.author = value(/^Author\s*:/i) ?? blog;
  info.fandoms = listItems(value(/^Fandoms?\s*:/i), /\s*[,;]\s*/);
  info.summary = value(/^Summary\s*:/i);
  info.rating = siteRating(value(/^Rat(?:ing|ed)\s*:/i), tumblrLevel);
  info.warnings = listItems(value(/^(?:Content )?(?:Warnings?|TWs?|CWs?)\s*:/i), /\s*[,;]\s*/);
  const pairings = listItems(value(/^(?:Pairings?|Characters?)\s*:/i), /\s*[,;]\s*/);
  info.tags = uniqueFolded([...pairings, ...postTags(post)]);
  info.words = parseCount(value(/^(?:Word ?count|Words)\s*:/i));
  return info;
}

/** The lines of the post's opening header blocks. */
function headLines(root: Element): string[] {
  return split(root).head.flatMap((n) => (n.nodeType === 1 ? textLines(n) : []));
}

/** The header's "Part 2 of 5" line; a one-part fic ("1/1") is a story. */
function chapterOf(lines: string[]): ChapterInfo | null {
  const m = lines
    .filter((l) => !navLine(l))
    .map((l) => l.match(CHAPTER_LINE))
    .find((x) => x !== null);
  if (!m) return null;
  const index = chapterNumber(m[1]!);
  const count = m[2] && m[2] !== '?' ? chapterNumber(m[2]) : null;
  if (!index || (count === 1 && index === 1)) return null;
  return { index, count, title: m[3]?.trim() || null };
}

/** The header (and the links under the story) are the author's notes; the story is what is between. */
function extract(doc: Document): Extraction | null {
  const post = postText(doc);
  if (!post) return null;
  const root = textRoot(post);
  const { head, body } = split(root);
  if (!body.some((n) => cleanText(n) !== '')) return { body: [root], notes: [], drop: CHROME };
  const notes = head.some((n) => cleanText(n) !== '') ? [{ label: 'Story header', nodes: head, position: 'before' as const }] : [];
  return { body, notes, drop: CHROME };
}

/** Links to the parts, in page order, as a chapter list. */
function partLinks(root: Element) {
  const links = $$(root, 'a[href]').filter((a) => PART_LINK.test(cleanText(a)) && isPostLink(a));
  return unique(links.map(linkUrl)).map((url) => ({ title: cleanText(links.find((a) => linkUrl(a) === url)!), url: url!, current: false }));
}

/**
 * A post links its neighbours by name ("Previous", "Next part") or by number ("Part 1 | Part 3");
 * a masterlist lists every part, which is the work's chapter list.
 */
function nav(doc: Document, url: URL): ChapterNav {
  const post = postText(doc);
  if (!post) return noNav();
  const root = textRoot(post);
  const info = read(doc, url);
  if (info.kind === 'index') {
    const chapters = partLinks(root);
    return { prev: null, next: null, chapters: chapters.length >= 2 ? chapters : [] };
  }
  const links = $$(root, 'a[href]');
  const at = info.chapter?.index ?? null;
  const numbered = (n: number) => links.find((a) => chapterNumber(cleanText(a).match(PART_LINK)?.[1] ?? '') === n);
  return {
    prev: linkByText(links, /^(?:[«<←]\s*)?prev(?:ious)?\b/i) ?? (at ? linkUrl(numbered(at - 1)) : null),
    next: linkByText(links, /^next\b/i) ?? (at ? linkUrl(numbered(at + 1)) : null),
    chapters: [],
  };
}
