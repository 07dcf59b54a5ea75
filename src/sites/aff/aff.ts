/**
 * AdultFanFiction.org: an adult-only archive split into fandom zones (buffy.adult-fanfiction.org,
 * hp.…), with no per-story rating, so every page that shows a work is explicit by site default
 * (label null). Story pages are story.php?no=N&chapter=M on a zone. Selectors follow FanFicFare's
 * adapter_adultfanfictionorg.py (h1, `select.chapter-select`, profile link) with the older layout
 * WebToEpub's AdultfanfictionParser.js reads (h4, `ul#dropdown1`, `#contentdata`) as a fallback.
 */
import type { ChapterInfo, ChapterNav, PageInfo } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, intParam, textOrNull } from '../../core/dom';
import { absoluteUrl, linkUrl, listNav, menuChapters } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { menuChapter } from '../kit/chapter-menu';
import { siteDefault } from '../kit/rating-scale';

/** The site's "story not found" message (FanFicFare checks for the same sentence). */
const NOT_FOUND = /can not seem to find the story you are looking for/i;
const STORY_TEXT = ['div.chapter-body', '#contentdata'];
const AGE_CHECK = /age[- ]?verif|(?:18|eighteen) (?:years of age )?or older/i;

export const affPages = definePages({
  id: 'aff',
  name: 'AdultFanFiction.org',
  domains: ['adult-fanfiction.org'],
  storyBody: STORY_TEXT,
  read,
});

export const aff = defineSite(affPages, {
  nav,
});

/** The chapter menu (option values are chapter numbers: story.php?no=N&chapter=k) and the Prev / Next buttons. */
function nav(doc: Document, url: URL): ChapterNav {
  const no = url.searchParams.get('no');
  const here = String(intParam(url, 'chapter') ?? 1);
  const chapters = menuChapters(
    no ? $$(doc, 'select.chapter-select option') : [],
    (k) => (/^\d+$/.test(k) ? absoluteUrl(`story.php?no=${no}&chapter=${k}`, url.href) : null),
    (k) => k === here,
  );
  return listNav(chapters, linkUrl($(doc, '.chapter-nav a.prev')), linkUrl($(doc, '.chapter-nav a.next')));
}

function read(doc: Document, url: URL): PageInfo {
  const page = url.pathname.replace(/^.*\//, '').toLowerCase();
  if (page === 'story.php' && url.searchParams.has('no')) return readStory(doc, url);
  if (page === 'search.php' || page === 'main.php' || (page === 'profile.php' && url.searchParams.get('view') === 'story'))
    return emptyInfo('listing');
  return emptyInfo('none');
}

function readStory(doc: Document, url: URL): PageInfo {
  const bodyText = cleanText(doc.body);
  if (NOT_FOUND.test(bodyText)) return emptyInfo('error');
  if (!$(doc, STORY_TEXT.join(', '))) {
    // Without the age-verify cookie the site shows its age check instead of the story; the
    // check names no story, so only the site's adult default is known.
    if (!AGE_CHECK.test(bodyText)) return emptyInfo('none');
    return { ...emptyInfo('gate'), rating: siteDefault('explicit') };
  }
  const info = emptyInfo('story');
  info.rating = siteDefault('explicit');
  info.title = textOrNull($(doc, 'h1') ?? $(doc, 'h4'));
  info.author = textOrNull($(doc, 'a[href*="profile.php?id="], a[href*="profile.php?no="]'));
  info.chapter = chapterOf(doc, url);
  if (info.chapter) info.kind = 'chapter';
  return info;
}

/** The chapter menu's entries ("2. Two"); the page's chapter is the selected one or ?chapter=. */
function chapterOf(doc: Document, url: URL): ChapterInfo | null {
  const options = $$(doc, 'select.chapter-select option');
  const entries = options.length ? options : $$(doc, 'ul#dropdown1 a, div.dropdown-content a');
  const wanted = (intParam(url, 'chapter') ?? 1) - 1;
  return menuChapter(entries, { current: (_value, place) => place === wanted });
}
