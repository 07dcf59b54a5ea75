/**
 * StoriesOnline (storiesonline.net): an adult story site of the World Literature Publishing
 * family. A story is /s/ID/slug (an index of chapters, or the whole text of a one-chapter story),
 * its chapters /s/ID:N/slug; /n/ is the same for some works. Selectors follow FanFicFare's
 * adapter_storiesonlinenet.py (h1, `article`, `header`, `div#index-list`, `footer a[rel=author]`,
 * the dates, pager, vote form and `h3.end` it strips) and WebToEpub's WLPublishingParser.js (h2
 * chapter title, the same chrome). The site rates by story codes, not a scale: every work is
 * explicit by site default unless its "Sex Contents" says there is none.
 */
import type { ChapterNav, PageInfo, Rating } from '../../core/model';
import { emptyInfo, UNRATED } from '../../core/model';
import { $, $$, cleanText, textOrNull } from '../../core/dom';
import { linkByText, linkUrl } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { boldPairs } from '../kit/labels';
import { listItems } from '../kit/lists';
import { siteDefault } from '../kit/rating-scale';

/** /s/ID/slug or /s/ID:N/slug (also /n/): the id, and the chapter number when there is one. */
const WORK_PATH = /^\/[sn]\/(\d+)(?::(\d+))?(?:\/|$)/;
/** Author pages, universes, series and the library's browse, new and search lists. */
const LISTING_PATH = /^\/(?:a\/|universe\/|series\/|library\/|tags?\/|search)/;
/** FanFicFare logs in when a page says one of these: the page is the login wall. */
const LOGIN_WALL = /Access to unlinked chapters requires|Log in to Storiesonline|Free Registration/i;
/** The site's own refusal when a reader's content filter hides the story. */
const FILTERED = /being filtered by your choice of contents filtering/i;
/** FanFicFare's 'Access denied' for a story the site's administrators have not validated (the site's own spelling). */
const NOT_VALIDATED = /This story has not been validated by the adminstrators/i;
/** Chrome inside the article (FanFicFare's cleanPage and WLPublishingParser's removals): the vote form and "Next Chapter" end the text. */
const CHROME = ['header', 'h2', 'div.date', 'span.conTag', 'div.pager', 'div.end-note', 'div.sale-link', 'div.reco', 'h4.c'].concat(
  ['div.vform', 'h3.end'].flatMap((end) => [end, `${end} ~ *`]),
);

export const storiesonlinePages = definePages({
  id: 'storiesonline',
  name: 'StoriesOnline',
  domains: ['storiesonline.net'],
  storyBody: ['article'],
  read,
  extract(doc) {
    const article = $(doc, 'article');
    if (!article || $(article, '#index-list')) return null;
    return { body: [article], notes: [], drop: CHROME };
  },
});

export const storiesonline = defineSite(storiesonlinePages, {
  nav,
});

/**
 * "Sex Contents: No Sex" is the one statement that overrides the adult default, and it only says
 * what a work lacks, so the level is unknown (for the estimator) with the site's words kept; any
 * other amount ("Low Sex", "High Sex") is explicit.
 */
function solRating(sexContents: string | null | undefined): Rating {
  const label = sexContents?.trim();
  if (!label) return siteDefault('explicit');
  if (/^no\b/i.test(label)) return { ...UNRATED, label, source: 'site' };
  return { level: 'explicit', label, source: 'site' };
}

function read(doc: Document, url: URL): PageInfo {
  const m = url.pathname.match(WORK_PATH);
  if (!m) return emptyInfo(LISTING_PATH.test(url.pathname) ? 'listing' : 'none');
  const bodyText = cleanText(doc.body);
  const article = $(doc, 'article');
  if (NOT_VALIDATED.test(bodyText)) return emptyInfo('error');
  if (!article || !$(article, 'h1')) {
    if (LOGIN_WALL.test(bodyText) || FILTERED.test(bodyText)) return { ...emptyInfo('gate'), rating: siteDefault('explicit') };
    return emptyInfo('error');
  }
  const chapter = m[2] ? Number(m[2]) : null;
  const info = emptyInfo(chapter ? 'chapter' : $(article, '#index-list') ? 'index' : 'story');
  info.title = textOrNull($(article, 'h1'));
  info.author = authorOf(doc);
  const details = boldPairs($$(article, 'header b, #s-details b'));
  info.rating = solRating(details.get('sex contents'));
  info.tags = listItems(details.get('codes') ?? details.get('tags'));
  info.summary = details.get('synopsis') || null;
  // The index gives the total, a chapter page does not; "Chapter 2: Title" is cut to its own title.
  const heading = cleanText($(article, 'h2')).replace(/^Chapter\s+\d+\s*(?:[:.–—-]\s*|$)/i, '');
  if (chapter) info.chapter = { index: chapter, count: null, title: heading || null };
  return info;
}

/** The footer's author links ("Ann Quill's Page"); contest entries show "(Hidden)" and no link. */
function authorOf(doc: Document): string | null {
  const names = $$(doc, 'footer a[rel="author"], a[rel="author"]').map((a) => cleanText(a).replace(/.s Page$/, ''));
  const unique = Array.from(new Set(names.filter(Boolean)));
  if (unique.length) return unique.join(', ');
  return /by \(Hidden\)/.test(cleanText($(doc, 'article header'))) ? '(Hidden)' : null;
}

/** The index's chapter links, and a chapter's own "Next Chapter" / "Previous Chapter" links. */
function nav(doc: Document, url: URL): ChapterNav {
  const here = url.pathname.match(WORK_PATH)?.[2];
  const chapters = $$(doc, '#index-list a[href*="/s/"], #index-list a[href*="/n/"]').flatMap((a) => {
    const target = linkUrl(a);
    if (!target || a.getAttribute('title') === 'download') return [];
    const n = new URL(target).pathname.match(WORK_PATH)?.[2];
    return [{ title: cleanText(a), url: target, current: n !== undefined && n === here }];
  });
  const links = $$(doc, 'article a[href], h3.end a[href], div.pager a[href]');
  return {
    prev: linkByText(links, /^(?:«\s*)?Prev(?:ious)? Chapter\b/i),
    next: linkByText(links, /^Next Chapter\b/i),
    chapters,
  };
}
