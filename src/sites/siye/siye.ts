/**
 * SIYE, Sink Into Your Eyes (www.siye.co.uk/siye/): a Harry/Ginny archive on an early, heavily
 * customised eFiction whose pages share none of the family's markup (no #pagetitle, #story or
 * label spans), so it is a site of its own. viewstory.php?sid=N is the story's index (its chapter
 * links) or, for a one-shot, the story; &chapter=M one chapter. Selectors follow FanFicFare's
 * adapter_siyecouk.py (the `table[width=95%]` of `<b>Label:</b> value<br>` lines, chapter links
 * `viewstory.php?sid=N&chapter=M`, the text in `span[style="font-size: 100%;"]`) and FictionDL's
 * SiyeStory.java (the author link in the page's `h3`).
 *
 * Rating: SIYE rates on the film scale, G / PG / PG-13 / R, read as general / general / teen /
 * mature (the shared film mapping); it has no adult tier.
 */
import type { ChapterInfo, ChapterNav, PageInfo } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, squash, textOrNull } from '../../core/dom';
import { absoluteUrl, linkByText, linkUrl, listNav, menuChapters, type NavChapter } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { readPhpPage } from '../kit/php-archive';
import { menuChapter } from '../kit/chapter-menu';
import { withoutByline } from '../kit/byline';
import { nodesAfterLabel } from '../kit/labels';
import { listItems } from '../kit/lists';
import { filmScale, ratingOn } from '../kit/rating-scale';

const STORY_TEXT = 'span[style*="font-size: 100%"]';
const META_TABLE = 'table[width="95%"]';
const JUMP_MENU = 'form[name="jump"] select[name="chapter"] option';

export const siyePages = definePages({
  id: 'siye',
  name: 'SIYE (Sink Into Your Eyes)',
  domains: ['siye.co.uk'],
  storyBody: [STORY_TEXT],
  read,
});

export const siye = defineSite(siyePages, {
  nav,
});

function read(doc: Document, url: URL): PageInfo {
  return readPhpPage(doc, url, readStory);
}

function readStory(doc: Document, url: URL): PageInfo {
  // FanFicFare's "story does not exist" test: a story page always links its author.
  const byline = $$(doc, 'h3').find((h) => $(h, 'a[href*="viewuser.php"]'));
  if (!byline) return emptyInfo('error');
  const hasText = Boolean($(doc, STORY_TEXT));
  const info = emptyInfo(hasText ? 'story' : 'index');
  info.author = textOrNull($(byline, 'a[href*="viewuser.php"]'));
  info.title = squash(withoutByline(cleanText(byline), info.author)) || null;
  const meta = $(doc, META_TABLE);
  if (meta) readMeta(meta, info);
  if (hasText) {
    info.chapter = chapterOf(doc, url);
    if (info.chapter) info.kind = 'chapter';
  }
  return info;
}

/** The `<b>Label:</b> value<br>` lines of the story's table, by label name. */
function metaLines(meta: Element): Map<string, string> {
  const lines = new Map<string, string>();
  for (const b of $$(meta, 'b')) {
    const name = cleanText(b).replace(/:$/, '').toLowerCase();
    const value = nodesAfterLabel(b, (el) => el.nodeName === 'B')
      .map((n) => n.textContent ?? '')
      .join('');
    if (name && !lines.has(name)) lines.set(name, squash(value));
  }
  return lines;
}

function readMeta(meta: Element, info: PageInfo): void {
  const lines = metaLines(meta);
  info.rating = ratingOn(filmScale, lines.get('rating'));
  info.warnings = listItems(lines.get('warnings'));
  info.summary = lines.get('summary') || null;
  info.fandoms = $$(meta, 'a[href*="categories.php"]').map(cleanText);
  info.tags = [...listItems(lines.get('characters')), ...listItems(lines.get('genres'))];
}

/** The chapter the jump menu shows, for a story of more than one chapter. */
function chapterOf(doc: Document, url: URL): ChapterInfo | null {
  const wanted = url.searchParams.get('chapter') ?? '1';
  const chapter = menuChapter($$(doc, JUMP_MENU), { current: (v) => v === wanted, indexFrom: 'value' });
  return chapter && (chapter.count ?? 0) > 1 ? chapter : null;
}

/** The index's chapter links, or the chapter page's jump menu and its Previous / Next links. */
function nav(doc: Document, url: URL): ChapterNav {
  const sid = url.searchParams.get('sid');
  if (!sid) return listNav([]);
  const here = url.searchParams.get('chapter');
  const menu = menuChapters(
    $$(doc, JUMP_MENU),
    (v) => (/^\d+$/.test(v) ? absoluteUrl(`viewstory.php?sid=${sid}&chapter=${v}`, url.href) : null),
    (v) => v === (here ?? '1'),
  );
  if (menu.length) {
    const links = $$(doc, 'a[href*="viewstory.php"]');
    return listNav(menu, linkByText(links, /previous chapter/i), linkByText(links, /next chapter/i));
  }
  const own = new RegExp(`viewstory\\.php\\?sid=${sid}&chapter=\\d+$`);
  const chapters: NavChapter[] = $$(doc, 'a[href*="viewstory.php"]')
    .filter((a) => own.test(a.getAttribute('href') ?? ''))
    .map((a) => ({ title: cleanText(a), url: linkUrl(a) ?? '', current: false }));
  return listNav(chapters.filter((c) => c.url));
}
