/**
 * eFiction: the PHP archive software behind dozens of small archives on their own hosts
 * (viewstory.php?sid=N). Recognised on any host by its URL shape and markup, so it sits after
 * every host-specific adapter in the registry.
 */
import type { Blurb, ExtractedNote, Extraction, SiteAdapter, SplitChapter } from '../types';
import type { ChapterInfo, ChapterNav, PageInfo } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, docTitle, parseCount, squash, textOrNull, texts, unique } from '../../core/dom';
import { mpaaLevel, siteRating } from '../../core/rating';
import { absoluteUrl, heading, linkUrl, listNav, menuChapters, noNav, precedes } from '../../reader/extract-dom';

/** Archives known to run eFiction (FanFicFare's eFiction-based adapters), with their folder. */
const ARCHIVES: readonly { host: string; path: string }[] = [
  { host: 'spikeluver.com', path: '/SpuffyRealm/' },
  { host: 'www.sunnydaleafterdark.com', path: '/' },
  { host: 'dark-solace.org', path: '/elysian/' },
  { host: 'ninelivesarchive.com', path: '/' },
  { host: 'ncisfiction.com', path: '/' },
  { host: 'tgstorytime.com', path: '/' },
  { host: 'www.giantessworld.net', path: '/' },
  { host: 'www.libraryofmoria.com', path: '/a/' },
  { host: 'www.thedelphicexpanse.com', path: '/archive/' },
  { host: 'mtt.just-once.net', path: '/fanfiction/' },
  { host: 'www.mugglenetfanfiction.com', path: '/' },
  // MuggleNet's archive before it moved to its own domain; old links and saved pages point here.
  { host: 'fanfiction.mugglenet.com', path: '/' },
];

/** An archive's host and, for a bare domain, its www. twin. */
function archiveHosts(host: string): string[] {
  return host.split('.').length === 2 ? [host, 'www.' + host] : [host];
}

function knownArchive(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  const path = url.pathname.toLowerCase();
  return ARCHIVES.some((a) => archiveHosts(a.host).includes(host) && path.startsWith(a.path.toLowerCase()));
}

/** The PHP script a URL runs, lower-cased: "viewstory.php". */
function script(url: URL): string {
  return (url.pathname.split('/').pop() ?? '').toLowerCase();
}

function poweredByEfiction(doc: Document): boolean {
  return !!$(doc, 'a[href*="efiction.org"]') || /Powered by\s+eFiction/i.test(cleanText(doc.body));
}

/**
 * The software's markup without help from the URL: the story title line (div#pagetitle linking
 * to viewstory.php) with a part of a story page, or the eFiction footer with a page title or
 * story blocks.
 */
function efictionMarkup(doc: Document): boolean {
  if ($(doc, '#pagetitle a[href*="viewstory.php"]') && $(doc, '#story, div.jumpmenu, div.infobox, span.label')) return true;
  return poweredByEfiction(doc) && !!$(doc, '#pagetitle, div.listbox');
}

/** eFiction's URL shape (story, printable view, browse page) backed by any of its markup. */
function efictionUrl(doc: Document, url: URL): boolean {
  const s = script(url);
  const shaped = (s === 'viewstory.php' && url.searchParams.has('sid')) || s === 'browse.php';
  return shaped && (!!$(doc, '#pagetitle, div.listbox, div.errortext') || poweredByEfiction(doc));
}

// ---- span.label pairs: `<span class="label">Rated:</span> NC-17<br />` ----

const RATED = /^(Rated|Rating)\s*:?$/i;
const WARNINGS = /^Warnings?\s*:?$/i;
const SUMMARY = /^Summary\s*:?$/i;

function findLabel(root: ParentNode, name: RegExp): Element | null {
  return $$(root, 'span.label').find((l) => name.test(cleanText(l))) ?? null;
}

function sidOf(href: string | null | undefined): string | null {
  return href?.match(/viewstory\.php\?(?:[^#]*&)?sid=(\d+)/)?.[1] ?? null;
}

/** The story the page is about: the URL's sid, else the title line's link. */
function pageSid(doc: Document, url: URL): string | null {
  return url.searchParams.get('sid') ?? sidOf($(doc, '#pagetitle a[href*="viewstory.php"]')?.getAttribute('href'));
}

/**
 * The story's own info box: the block holding a "Summary:" label. Skins may show blocks on every
 * page (site statistics with "Word count:", featured stories with "Rated:"), so labels are read
 * only here, and a box linking to another story is someone else's blurb.
 */
function infoBox(doc: Document, sid: string | null): Element | null {
  for (const label of $$(doc, 'span.label')) {
    if (!SUMMARY.test(cleanText(label))) continue;
    const box = label.closest('div.listbox, div.infobox') ?? label.parentElement;
    if (!box) continue;
    const others = $$(box, 'a[href*="viewstory.php"]').some((a) => {
      const linked = sidOf(a.getAttribute('href'));
      return sid !== null && linked !== null && linked !== sid;
    });
    if (!others) return box;
  }
  return null;
}

/** The text and elements after a label, up to the next label or line break (skins add comments). */
function labelValueNodes(label: Element): Node[] {
  const nodes: Node[] = [];
  for (let n = label.nextSibling; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n.nodeName === 'BR' || (n as Element).matches('span.label'))) break;
    if (n.nodeType === 1 || n.nodeType === 3) nodes.push(n);
  }
  return nodes;
}

function labelText(box: Element, name: RegExp): string | null {
  const label = findLabel(box, name);
  return label ? orNull(labelValueNodes(label).map((n) => n.textContent ?? '').join('')) : null;
}

/**
 * A label's list value: the link texts when the values are links (story pages), else the text
 * split on commas (printable view). eFiction writes "None" for an empty list.
 */
function labelList(box: Element, name: RegExp): string[] {
  const label = findLabel(box, name);
  if (!label) return [];
  const nodes = labelValueNodes(label);
  const links = nodes.flatMap((n) => (n.nodeType !== 1 ? [] : n.nodeName === 'A' ? [n as Element] : $$(n as Element, 'a')));
  const items = links.length
    ? links.map(cleanText)
    : squash(nodes.map((n) => n.textContent ?? '').join('')).split(/\s*,\s*/);
  return unique(items.filter((t) => t !== '' && t.toLowerCase() !== 'none'));
}

function orNull(s: string): string | null {
  const t = squash(s);
  return t === '' ? null : t;
}

// ---- title line ----

function storyTitle(doc: Document): string | null {
  const line = $(doc, '#pagetitle');
  return textOrNull($(doc, '#pagetitle a[href*="viewstory.php"]')) ?? (line && !$(line, 'a') ? textOrNull(line) : null);
}

/** Author links in the title line; else the "Title by Author" <title> eFiction writes on story pages. */
function storyAuthor(doc: Document, title: string | null): string | null {
  const names = texts(doc, '#pagetitle a[href*="viewuser.php"]');
  if (names.length) return names.join(', ');
  const head = docTitle(doc);
  return title && head.startsWith(title + ' by ') ? orNull(head.slice(title.length + 4)) : null;
}

// ---- page kinds ----

/** Age consent, members-only and warning click-through walls all come as div.errortext with a way on. */
function isGate(err: Element): boolean {
  const text = cleanText(err);
  if (/Age Consent Required|Registered Users Only/i.test(text)) return true;
  return $$(err, 'a').some((a) => /[?&](ageconsent|warning)=/.test(a.getAttribute('href') ?? ''));
}

/** The chapter the jump menu shows, when the story has more than one. */
function jumpMenuChapter(doc: Document, url: URL): ChapterInfo | null {
  const select = $(doc, 'div.jumpmenu select[name="chapter"], form[name="jump"] select[name="chapter"]');
  if (!select) return null;
  const options = $$(select, 'option');
  const wanted = url.searchParams.get('chapter');
  const current =
    options.find((o) => o.hasAttribute('selected')) ?? options.find((o) => o.getAttribute('value') === wanted) ?? options[0];
  if (!current || options.length < 2) return null;
  const value = current.getAttribute('value') ?? '';
  const label = cleanText(current);
  return {
    index: /^\d+$/.test(value) ? Number(value) : options.indexOf(current) + 1,
    count: options.length,
    title: orNull(label.replace(/^\d+\.\s*/, '')),
  };
}

/**
 * The printable view: chapter=all is the whole story; chapter=N of a longer story is one chapter,
 * titled in div.chaptertitle as "Title by Author".
 */
function printableChapter(doc: Document, url: URL, box: Element | null, author: string | null): ChapterInfo | null {
  const wanted = url.searchParams.get('chapter');
  const count = box ? parseCount(labelText(box, /^Chapters\s*:?$/i)) : null;
  if (!wanted || !/^\d+$/.test(wanted) || count === null || count < 2 || $$(doc, 'div.chapter').length !== 1) return null;
  const heading = cleanText($(doc, 'div.chaptertitle'));
  const byline = author ? ' by ' + author : null;
  const title = byline && heading.endsWith(byline) ? heading.slice(0, -byline.length) : heading;
  return { index: Number(wanted), count, title: orNull(title) };
}

function isPrintable(doc: Document, url: URL): boolean {
  return url.searchParams.get('action') === 'printable' || (!!$(doc, 'div.infobox') && !!$(doc, 'div.chapter') && !$(doc, '#story'));
}

/** Rating, warnings, words, summary and tags from the info box's label pairs. */
function readLabels(box: Element, info: PageInfo): void {
  // Story blocks run the review count on after the rating: "NC-17 [Reviews - 22] New!".
  info.rating = siteRating(labelText(box, RATED)?.replace(/\s*\[.*$/, ''), mpaaLevel);
  info.warnings = labelList(box, WARNINGS);
  info.words = parseCount(labelText(box, /^Word count\s*:?$/i));
  info.summary = labelText(box, SUMMARY);
  info.tags = unique(
    [/^Categories\s*:?$/i, /^Characters\s*:?$/i, /^Genres?\s*:?$/i, /^Pairings?\s*:?$/i].flatMap((re) => labelList(box, re)),
  );
}

function readStoryPage(doc: Document, url: URL): PageInfo {
  const err = $(doc, 'div.errortext, div.errormsg');
  if (err && !$(doc, '#story')) {
    if (!isGate(err)) return emptyInfo('error');
    const gate = emptyInfo('gate');
    gate.title = storyTitle(doc);
    gate.author = storyAuthor(doc, gate.title);
    return gate;
  }
  const info = emptyInfo();
  info.title = storyTitle(doc);
  info.author = storyAuthor(doc, info.title);
  const box = infoBox(doc, pageSid(doc, url));
  if (box) readLabels(box, info);
  if (isPrintable(doc, url)) {
    info.chapter = printableChapter(doc, url, box, info.author);
    info.kind = info.chapter ? 'chapter' : 'story';
  } else if ($(doc, '#story')) {
    info.chapter = jumpMenuChapter(doc, url);
    info.kind = info.chapter ? 'chapter' : 'story';
  } else {
    // The story index (&index=1, or the default view on archives set to show it): info, no text.
    info.kind = box || url.searchParams.has('index') ? 'index' : 'none';
  }
  return info;
}

/** Browse, search and top-ten pages, and any page of story blocks linking to stories. */
function isListing(doc: Document, url: URL): boolean {
  if (['browse.php', 'search.php', 'toplists.php'].includes(script(url))) return true;
  return $$(doc, 'div.listbox').some((b) => !!$(b, 'a[href*="viewstory.php"]'));
}

export const efiction: SiteAdapter = {
  id: 'efiction',
  name: 'eFiction archive',
  hosts: ARCHIVES.flatMap((a) => archiveHosts(a.host).map((h) => `*://${h}${a.path}*`)),
  claims: (doc, url) => knownArchive(url) || efictionUrl(doc, url) || efictionMarkup(doc),
  read(doc, url) {
    const err = $(doc, 'div.errortext, div.errormsg');
    const storyPage =
      script(url) === 'viewstory.php' || !!$(doc, '#pagetitle a[href*="viewstory.php"], #story, div.infobox') || (!!err && isGate(err));
    if (storyPage) return readStoryPage(doc, url);
    return emptyInfo(isListing(doc, url) ? 'listing' : 'none');
  },
  extract,
  nav,
  cover: ['#story', 'div.chapter'],
  blurbs: { selector: 'div.listbox', read: readBlurb },
  wholeWork,
  splitChapters,
  adultGate,
};

/**
 * A story block on browse, search and author pages: the title line (the story link, "by" the
 * author links, "Rated:") and the label pairs below it. Adult stories link through a
 * `javascript:if(confirm(…)) location = 'viewstory.php?sid=N&ageconsent=ok'` age check; the
 * story's own address is rebuilt from its sid. Series blocks link no story and are left out.
 */
function readBlurb(box: Element): Blurb | null {
  const link = $(box, 'a[href*="viewstory.php"]');
  const sid = sidOf(link?.getAttribute('href'));
  if (!link || !sid) return null;
  const info = emptyInfo('index');
  info.title = textOrNull(link);
  info.author = orNull(texts(box, 'a[href*="viewuser.php"]').join(', '));
  readLabels(box, info);
  return { url: absoluteUrl(`viewstory.php?sid=${sid}`, box.ownerDocument.baseURI), info };
}

// ---- reader: story text, notes and chapter navigation ----

/** A notes block: `<div class='notes'><div class='title'><span class='label'>End Notes:</span></div><div class='noteinfo'>…</div></div>`. */
function noteOf(block: Element, position: ExtractedNote['position']): ExtractedNote[] {
  const text = $(block, '.noteinfo');
  const label = cleanText($(block, '.label') ?? $(block, '.title')).replace(/\s*:$/, '') || 'Notes';
  return text ? [{ label, nodes: [text], position }] : [];
}

/**
 * The chapter page: div#story, with the notes blocks before and after it as notes. The printable
 * view: every div.chapter under its title line, the notes between chapters kept where they are
 * and the story notes above the first chapter as a note; the table of contents and "Back to
 * index" links left out.
 */
function extract(doc: Document, url: URL): Extraction | null {
  const story = $(doc, '#story');
  if (story && !isPrintable(doc, url)) {
    const notes = $$(doc, 'div.notes').flatMap((n) => noteOf(n, precedes(n, story) ? 'before' : 'after'));
    return { body: [story], notes };
  }
  const chapters = $$(doc, 'div.chapter');
  if (!chapters.length) return null;
  const first = $(doc, 'div.chaptertitle') ?? chapters[0]!;
  const notes: ExtractedNote[] = [];
  const body: Node[] = [];
  for (const el of $$(doc, 'div.chaptertitle, div.notes, div.chapter')) {
    if (el.matches('div.chaptertitle')) {
      const title = cleanText(el);
      if (title) body.push(heading(doc, title));
    } else if (el.matches('div.notes') && precedes(el, first)) notes.push(...noteOf(el, 'before'));
    else body.push(el);
  }
  return { body, notes };
}

/**
 * The jump menu (option values are chapter numbers: viewstory.php?sid=N&chapter=k) and the
 * Previous / Next links. The printable view shows neither.
 */
function nav(doc: Document, url: URL): ChapterNav {
  const sid = pageSid(doc, url);
  if (!sid || isPrintable(doc, url)) return noNav();
  const select = $(doc, 'div.jumpmenu select[name="chapter"], form[name="jump"] select[name="chapter"]');
  const here = url.searchParams.get('chapter') ?? '1';
  const chapters = menuChapters(
    select ? $$(select, 'option') : [],
    (k) => (/^\d+$/.test(k) ? absoluteUrl(`viewstory.php?sid=${sid}&chapter=${k}`, url.href) : null),
    (k) => k === here,
  );
  return listNav(chapters, linkUrl($(doc, '#prev a, a.prev')), linkUrl($(doc, '#next a, a.next')));
}

// ---- the library: the whole story on one page, and the age-consent gate ----

/** The consent answers eFiction reads from the address: `ageconsent=ok` and `warning=<rating id>`. */
const CONSENT_PARAMS = ['ageconsent', 'warning'] as const;

/**
 * Where the archive's viewstory.php is: the page itself when it is one, else the story link in
 * the title line. Story addresses are built beside it.
 */
function storyBase(doc: Document, url: URL): string | null {
  return script(url) === 'viewstory.php' ? url.href : linkUrl($(doc, '#pagetitle a[href*="viewstory.php"]'));
}

/**
 * The printable story with every chapter (viewstory.php?action=printable&textsize=0&sid=N&chapter=all)
 * beside the story's own viewstory.php, keeping any consent the page's address already carries.
 */
function wholeWork(doc: Document, url: URL): string | null {
  const sid = pageSid(doc, url);
  const base = storyBase(doc, url);
  if (!sid || !base) return null;
  const whole = new URL(`viewstory.php?action=printable&textsize=0&sid=${sid}&chapter=all`, base);
  for (const name of CONSENT_PARAMS) {
    const value = url.searchParams.get(name);
    if (value !== null) whole.searchParams.set(name, value);
  }
  return whole.href;
}

/** "Cold Open by Wren Halloway" → "Cold Open": the printable view's chapter line names the author too. */
function printedTitle(line: Element, author: string | null): string | null {
  const text = cleanText(line);
  const byline = author ? ' by ' + author : null;
  return orNull(byline && text.endsWith(byline) ? text.slice(0, -byline.length) : text);
}

/**
 * The printable view cut into its chapters: each div.chapter under the title line above it, with
 * the notes blocks between title lines as that chapter's notes (before or after its text, as
 * printed), and the story notes above the first chapter as the first chapter's. A chapter's number
 * is the one the address asks for (chapter=3), else its title line's anchor (`<a name='2'>`),
 * else its place.
 */
function splitChapters(doc: Document, url: URL): SplitChapter[] | null {
  if (!isPrintable(doc, url) || !$(doc, 'div.chapter')) return null;
  const sid = pageSid(doc, url);
  const author = storyAuthor(doc, storyTitle(doc));
  const wanted = url.searchParams.get('chapter');
  const single = wanted && /^\d+$/.test(wanted) ? Number(wanted) : null;
  const split: SplitChapter[] = [];
  const lead: ExtractedNote[] = [];
  const open = (line: Element | null): SplitChapter => {
    const anchor = line ? ($(line, 'a[name]')?.getAttribute('name') ?? '') : '';
    const number = single ?? (/^\d+$/.test(anchor) ? Number(anchor) : split.length + 1);
    const chapter: SplitChapter = {
      number,
      title: line ? printedTitle(line, author) : null,
      url: sid ? absoluteUrl(`viewstory.php?sid=${sid}&chapter=${number}`, storyBase(doc, url) ?? url.href) : null,
      extraction: { body: [], notes: [] },
    };
    split.push(chapter);
    return chapter;
  };
  for (const el of $$(doc, 'div.chaptertitle, div.notes, div.chapter')) {
    const current = split[split.length - 1];
    if (el.matches('div.chaptertitle')) open(el);
    else if (el.matches('div.notes')) {
      if (current) current.extraction.notes.push(...noteOf(el, current.extraction.body.length ? 'after' : 'before'));
      else lead.push(...noteOf(el, 'before'));
    } else {
      // A chapter without a title line of its own starts the next chapter, unless the one open has no text yet.
      (current && !current.extraction.body.length ? current : open(null)).extraction.body.push(el);
    }
  }
  split[0]?.extraction.notes.unshift(...lead);
  return split;
}

/**
 * The gate's way on (`viewstory.php?sid=N&ageconsent=ok&warning=5`) as answers to the page asked
 * for, so a gated printable view comes back as the printable view.
 */
function adultGate(doc: Document, url: URL): string | null {
  const err = $(doc, 'div.errortext, div.errormsg');
  if (!err || $(doc, '#story')) return null;
  for (const a of $$(err, 'a[href]')) {
    const target = linkUrl(a);
    if (!target) continue;
    const answers = new URL(target).searchParams;
    if (!CONSENT_PARAMS.some((name) => answers.has(name))) continue;
    const next = new URL(url.href);
    next.hash = '';
    for (const name of CONSENT_PARAMS) {
      const value = answers.get(name);
      if (value !== null) next.searchParams.set(name, value);
    }
    return next.href;
  }
  return null;
}
