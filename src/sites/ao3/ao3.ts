/**
 * Archive of Our Own and the other archives that run the OTW's software (otwarchive). Markup as
 * otwarchive renders it: `dl.work.meta` tags and stats, the `#workskin` preface (h2.title,
 * h3.byline) and `#chapters`, `ol.chapter.index` on /navigate, and work blurbs (`li.blurb` with
 * `ul.required-tags`) on listings and below the adult-content notice.
 */
import type { Blurb, ExtractedNote, Extraction, SplitChapter } from '../types';
import type { ChapterInfo, ChapterNav, PageInfo } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, hostIs, parseCount, textLines, textOrNull, texts } from '../../core/dom';
import { absoluteUrl, documentBase, heading, linkUrl, listNav, menuChapters, noNav } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { ao3Scale, ratingOn } from '../kit/rating-scale';

/**
 * AO3 under all its domains (the aliases are other addresses of archiveofourown.org, one archive),
 * then the other public otwarchive installs (the sites FanFicFare's BaseOTWAdapter subclasses
 * serve). Unknown installs are recognised by their markup instead.
 */
const AO3_ALIASES = ['archiveofourown.com', 'archiveofourown.net', 'archiveofourown.gay', 'ao3.org', 'archive.transformativeworks.org'];
const OTW_HOSTS = [
  'archiveofourown.org',
  ...AO3_ALIASES,
  'squidgeworld.org',
  'adastrafanfic.com',
  'cfaarchive.org',
  'superlove.sayitditto.net',
];

/** Work lists that may be empty (no blurbs to recognise): browse, search, tag, user (History too), collection, series. */
const LISTING_PATH =
  /^\/(?:(?:tags|collections|users)\/[^/]+\/(?:pseuds\/[^/]+\/)?(?:works|bookmarks|series|gifts|readings)|works|works\/search|bookmarks|bookmarks\/search|series\/\d+)\/?$/;

/** The interstitial's "This work could have adult content" (earlier "potentially has adult content"). */
const ADULT_NOTICE = /\badult content\b/i;
const LOGIN_WALL = /only available to registered users/i;

export const ao3Pages = definePages({
  id: 'ao3',
  name: 'Archive of Our Own',
  domains: OTW_HOSTS,
  family: true,
  aliases: Object.fromEntries(AO3_ALIASES.map((alias) => [alias, 'archiveofourown.org'])),
  claims: (doc, url) => hostIs(url, ...OTW_HOSTS) || looksLikeOtw(doc),
  read,
  extract,
  storyBody: ['#workskin'],
  blurbs: { selector: 'li.blurb', read: readListedBlurb },
});

export const ao3 = defineSite(ao3Pages, {
  nav,
  wholeWork,
  splitChapters,
  adultGate,
  /** The work's "Language:" (`dd.language[lang]`): AO3's interface is English whatever the work's language. */
  language: (doc) => $(doc, 'dd.language[lang]')?.getAttribute('lang') ?? null,
});

/** otwarchive markup on any host: its footer version link, a work page, or work blurbs. */
function looksLikeOtw(doc: Document): boolean {
  if ($(doc, '#footer a[href*="github.com/otwcode/otwarchive"]')) return true;
  const main = $(doc, '#main');
  if (!main) return false;
  return Boolean(($(main, 'dl.work.meta') && $(main, '#workskin')) || $(main, '.index .blurb ul.required-tags'));
}

function read(doc: Document, url: URL): PageInfo {
  const main: ParentNode = $(doc, '#main') ?? doc;
  // A work page first: its story text must never be taken for a notice below.
  if ($(main, '#workskin')) return readWork(main);
  if (isErrorPage(main)) return emptyInfo('error');
  if (LOGIN_WALL.test(cleanText($(main, '#signin') ?? $(main, '.flash')))) return emptyInfo('gate');
  if (isAdultNotice(main)) return readAdultGate(main);
  if ($(main, 'ol.chapter.index')) return readNavigate(main);
  if ($(main, '.index .blurb') || LISTING_PATH.test(url.pathname)) return emptyInfo('listing');
  return emptyInfo('none');
}

function isErrorPage(main: ParentNode): boolean {
  return Boolean($(main, '.error-404')) || texts(main, 'h2').some((t) => /^Error \d{3}\b/.test(t));
}

function isAdultNotice(main: ParentNode): boolean {
  const notice = $$(main, 'p').some((p) => !p.closest('.blurb') && ADULT_NOTICE.test(cleanText(p)));
  return notice && Boolean($(main, 'a[href*="view_adult=true"]'));
}

/** A work page: one chapter of a chaptered work, or the whole work (one-shot or "Entire Work"). */
function readWork(main: ParentNode): PageInfo {
  const meta = $(main, 'dl.work.meta');
  const preface = $(main, '#workskin > .preface');
  const shown = $$(main, '#chapters > div.chapter');
  // One-shots have no chapter wrapper; "Entire Work" has one per chapter.
  const single = shown.length === 1 ? shown[0] : undefined;
  const info = emptyInfo(single ? 'chapter' : 'story');
  info.title = textOrNull($(preface ?? main, 'h2.title'));
  info.author = byline($(preface ?? main, 'h3.byline'));
  info.summary = summaryOf($(preface ?? main, '.summary blockquote.userstuff'));
  if (meta) {
    info.rating = ratingOn(ao3Scale, texts(meta, 'dd.rating a.tag')[0]);
    info.warnings = texts(meta, 'dd.warning a.tag');
    info.warningsHidden = Boolean($(meta, 'dd.warning a[href*="show_hidden"]'));
    info.fandoms = texts(meta, 'dd.fandom a.tag');
    info.tags = texts(meta, 'dd.relationship a.tag, dd.character a.tag, dd.freeform a.tag');
    info.words = parseCount(cleanText($(meta, 'dd.words')));
  }
  if (single) info.chapter = chapterOf(main, single, cleanText($(meta ?? main, 'dd.chapters')));
  return info;
}

function chapterOf(main: ParentNode, chapter: Element, stat: string): ChapterInfo {
  const total = stat.match(/\/\s*(\d[\d,]*)/);
  return {
    index: chapterIndex(main, chapter),
    count: total ? parseCount(total[1]) : null, // "3/?" has no total
    title: chapterTitle($(chapter, 'h3.title')),
  };
}

function chapterIndex(main: ParentNode, chapter: Element): number {
  const id = chapter.id.match(/^chapter-(\d+)$/);
  if (id) return Number(id[1]);
  const options = $$(main, '#selected_id option');
  const selected = options.findIndex((o) => o.hasAttribute('selected'));
  // AO3 leaves the chapter menu out while only one chapter is posted.
  return selected >= 0 ? selected + 1 : 1;
}

/**
 * "Chapter 2: Inventory" → "Inventory"; a bare "Chapter 1" → null. The "Chapter N" part is the
 * heading's link; whatever the author named the chapter follows it, kept as shown ("2. Tim",
 * "No Title"). The chapter menu is no help: it shows "1. Chapter 1" for untitled chapters.
 */
function chapterTitle(h3: Element | null): string | null {
  if (!h3) return null;
  const full = cleanText(h3);
  const label = cleanText($(h3, 'a')) || (full.match(/^Chapter \d+/i)?.[0] ?? '');
  const rest = full.startsWith(label) ? full.slice(label.length) : full;
  return rest.replace(/^\s*:\s*/, '').trim() || null;
}

/** Co-creators as linked ("Anonymous (orphan_account), Butterfly_Dream"); anonymous works have no link. */
function byline(el: Element | null): string | null {
  if (!el) return null;
  const names = texts(el, 'a[rel="author"]');
  return names.length ? names.join(', ') : textOrNull(el);
}

function summaryOf(el: Element | null): string | null {
  return el ? textLines(el).join('\n') || null : null;
}

/** Below the adult-content notice, the work's blurb: the only metadata on that page. */
function readAdultGate(main: ParentNode): PageInfo {
  const blurb = $(main, 'li.work.blurb');
  return blurb ? readBlurb(blurb, 'gate') : emptyInfo('gate');
}

/**
 * A work's blurb (listings, the adult-content notice): heading, fandoms, required-tags symbols,
 * tags, summary, stats. Bookmark blurbs show the bookmarked work the same way.
 */
function readBlurb(blurb: Element, kind: PageInfo['kind']): PageInfo {
  const info = emptyInfo(kind);
  const heading = $(blurb, '.header h4.heading');
  info.title = textOrNull($(heading ?? blurb, 'a'));
  info.author = heading ? headingCreators(heading, info.title) : null;
  info.fandoms = texts(blurb, 'h5.fandoms a.tag');
  info.rating = ratingOn(ao3Scale, $(blurb, 'ul.required-tags span.rating')?.getAttribute('title'));
  info.warnings = texts(blurb, 'ul.tags li.warnings a.tag');
  info.warningsHidden = Boolean($(blurb, 'ul.tags li.warnings a[href*="show_hidden"]'));
  info.tags = texts(blurb, 'ul.tags li.relationships a.tag, ul.tags li.characters a.tag, ul.tags li.freeforms a.tag');
  info.summary = summaryOf($(blurb, 'blockquote.summary'));
  info.words = parseCount(cleanText($(blurb, 'dl.stats dd.words')));
  return info;
}

/**
 * A listed work: a blurb with the required-tags symbols and a link to the work (series and
 * collection blurbs rate nothing). External-work bookmarks link elsewhere and count too.
 */
function readListedBlurb(blurb: Element): Blurb | null {
  if (!$(blurb, 'ul.required-tags span.rating')) return null;
  const link = $(blurb, '.header h4.heading a[href*="/works/"], .header h4.heading a[href*="/external_works/"]');
  if (!link) return null;
  const posted = parseCount(cleanText($(blurb, 'dl.stats dd.chapters')).split('/')[0] ?? '');
  return { url: linkUrl(link), info: readBlurb(blurb, 'index'), posted };
}

/**
 * The creators in a "<title> by A, B" heading (blurbs, the chapter index). Anonymous works name
 * no linked creator, just "by Anonymous"; a gift's trailing "for X" is not a creator.
 */
function headingCreators(heading: Element, title: string | null): string | null {
  const names = texts(heading, 'a[rel="author"]');
  if (names.length) return names.join(', ');
  const full = cleanText(heading);
  const rest = title && full.includes(title) ? full.slice(full.indexOf(title) + title.length) : full;
  return rest.match(/^\s*by\s+(.+?)(?:\s+for\s+.+)?$/)?.[1] ?? null;
}

/** /works/N/navigate: "Chapter Index for <title> by <creator>" over the dated chapter list. */
function readNavigate(main: ParentNode): PageInfo {
  const info = emptyInfo('index');
  const heading = $(main, 'h2.heading');
  if (!heading) return info;
  info.title = textOrNull($(heading, 'a[href*="/works/"]'));
  info.author = headingCreators(heading, info.title);
  return info;
}

// ---- reader: story text, notes and chapter navigation ----

/** The chapter's own text: the div.userstuff that is a direct child (notes hold userstuff too). */
function chapterText(chapter: Element): Element | null {
  return $(chapter, ':scope > div.userstuff') ?? $(chapter, ':scope > .userstuff');
}

/**
 * A note's text: the blockquote.userstuff inside a notes module, without the "(See the end of
 * the chapter for more notes.)" jump line that an unclosed blockquote can swallow.
 */
function noteNodes(module: Element | null): Node[] {
  const quote = module ? $(module, 'blockquote.userstuff') : null;
  if (!quote) return [];
  return Array.from(quote.childNodes).filter(
    (n) => !(n.nodeType === 1 && ((n as Element).matches('p.jump') || $(n as Element, 'a[href*="endnotes"]'))),
  );
}

function note(label: string, module: Element | null, position: ExtractedNote['position']): ExtractedNote[] {
  const nodes = noteNodes(module);
  return nodes.length ? [{ label, nodes, position }] : [];
}

/** The work's summary and notes above the first chapter, and its end notes below the last. */
function workNotes(skin: Element): { before: ExtractedNote[]; after: ExtractedNote[] } {
  const preface = $(skin, ':scope > .preface');
  return {
    before: [
      ...note('Summary', preface ? $(preface, '.summary') : null, 'before'),
      ...note('Notes', preface ? $(preface, '.notes') : null, 'before'),
    ],
    after: note('End Notes', $(skin, '#work_endnotes'), 'after'),
  };
}

/** Landmark headings ("Chapter Text") are for screen readers, not part of the story. */
const DROP = ['h3.landmark'];

/** One div.chapter: its text, with its summary and notes around it inside the work's notes. */
function chapterExtraction(chapter: Element, before: ExtractedNote[], after: ExtractedNote[]): Extraction {
  const text = chapterText(chapter);
  const head = $(chapter, ':scope > .chapter.preface');
  return {
    body: text ? [text] : [],
    notes: [
      ...before,
      ...note('Chapter Summary', head ? $(head, '.summary') : null, 'before'),
      ...note('Chapter Notes', head ? $(head, '.notes:not(.end)') : null, 'before'),
      ...note('Chapter End Notes', $(chapter, '.end.notes'), 'after'),
      ...after,
    ],
    drop: DROP,
  };
}

/**
 * One chapter (chapter page, or a work's first chapter): its text, with the chapter summary and
 * notes around it. A one-shot: the work text straight in #chapters. The whole work
 * (view_full_work): every chapter under its heading, chapter notes inline.
 */
function extract(doc: Document): Extraction | null {
  const main: ParentNode = $(doc, '#main') ?? doc;
  const skin = $(main, '#workskin');
  if (!skin) return null;
  const work = workNotes(skin);
  const chapters = $$(skin, '#chapters > div.chapter');

  if (chapters.length === 0) {
    const text = $(skin, '#chapters > .userstuff') ?? $(skin, '#chapters');
    return text ? { body: [text], notes: [...work.before, ...work.after], drop: DROP } : null;
  }
  if (chapters.length === 1) {
    const found = chapterExtraction(chapters[0]!, work.before, work.after);
    return found.body.length ? found : null;
  }
  const body: Node[] = [];
  for (const chapter of chapters) {
    const head = $(chapter, ':scope > .chapter.preface');
    const title = cleanText($(chapter, 'h3.title'));
    if (title) body.push(heading(doc, title));
    for (const [label, module] of [
      ['Chapter Summary', head ? $(head, '.summary') : null],
      ['Chapter Notes', head ? $(head, '.notes:not(.end)') : null],
    ] as const) {
      const nodes = noteNodes(module);
      if (nodes.length) body.push(heading(doc, label, 4), ...nodes);
    }
    const text = chapterText(chapter);
    if (text) body.push(text);
    const endNodes = noteNodes($(chapter, '.end.notes'));
    if (endNodes.length) body.push(heading(doc, 'Chapter End Notes', 4), ...endNodes);
  }
  return { body, notes: [...work.before, ...work.after], drop: DROP };
}

/**
 * The whole work ("Entire Work", view_full_work) cut into its chapters: each as its chapter page
 * shows it, the work's notes with the first chapter and its end notes with the last, as AO3 puts
 * them on those chapters' pages.
 */
function splitChapters(doc: Document): SplitChapter[] | null {
  const skin = $($(doc, '#main') ?? doc, '#workskin');
  const chapters = skin ? $$(skin, '#chapters > div.chapter') : [];
  if (!skin || chapters.length < 2) return null;
  const work = workNotes(skin);
  const last = chapters.length - 1;
  return chapters.map((chapter, i) => ({
    number: Number(chapter.id.match(/^chapter-(\d+)$/)?.[1] ?? i + 1),
    title: chapterTitle($(chapter, 'h3.title')),
    url: linkUrl($(chapter, 'h3.title a')),
    extraction: chapterExtraction(chapter, i === 0 ? work.before : [], i === last ? work.after : []),
  }));
}

/** The work's number in a work, chapter or navigate address. */
function workId(url: URL): string | null {
  return url.pathname.match(/^\/works\/(\d+)(?:\/|$)/)?.[1] ?? null;
}

/** /works/N?view_full_work=true on the page's own archive, keeping the page's view_adult=true. */
function wholeWork(_doc: Document, url: URL): string | null {
  const work = workId(url);
  if (!work) return null;
  const whole = new URL(`/works/${work}`, url.origin);
  whole.searchParams.set('view_full_work', 'true');
  if (url.searchParams.get('view_adult') === 'true') whole.searchParams.set('view_adult', 'true');
  return whole.href;
}

/**
 * The adult-content notice's "Yes, Continue": the page asked for, with view_adult=true (as the
 * notice's own link has it), so a whole-work address stays the whole work.
 */
function adultGate(doc: Document, url: URL): string | null {
  const main: ParentNode = $(doc, '#main') ?? doc;
  if ($(main, '#workskin') || !isAdultNotice(main)) return null;
  const next = new URL(url.href);
  next.hash = '';
  next.searchParams.set('view_adult', 'true');
  return next.href;
}

/**
 * The chapter menu (`#selected_id`, whose option values are chapter ids) and the Previous /
 * Next Chapter links. The whole-work view has no menu: its chapter headings link each chapter.
 */
function nav(doc: Document, url: URL): ChapterNav {
  const work = url.pathname.match(/\/works\/(\d+)/)?.[1];
  if (!work) return noNav();
  const here = url.pathname.match(/\/chapters\/(\d+)/)?.[1];
  const base = documentBase(doc);
  let chapters = menuChapters(
    $$(doc, '#selected_id option'),
    (id) => (/^\d+$/.test(id) ? absoluteUrl(`/works/${work}/chapters/${id}`, base) : null),
    (id) => id === here,
  );
  if (!chapters.length) {
    chapters = $$(doc, '#chapters > div.chapter h3.title a').flatMap((a) => {
      const target = linkUrl(a);
      return target ? [{ title: cleanText(a.parentElement), url: target, current: false }] : [];
    });
  }
  return listNav(chapters, linkUrl($(doc, 'li.chapter.previous a')), linkUrl($(doc, 'li.chapter.next a')));
}
