/** eFiction for the library: the whole story on one page, cut into chapters, and the age-consent gate's way on. */
import type { ExtractedNote, SplitChapter } from '../types';
import { $, $$, cleanText } from '../../core/dom';
import { absoluteUrl, linkUrl } from '../../reader/extract-dom';
import { withoutByline } from '../kit/byline';
import { orNull, pageSid } from './labels';
import { noteOf } from './reader';
import { phpScript } from '../kit/php-archive';
import { isPrintable, storyAuthor, storyTitle } from './story-page';

/** The consent answers eFiction reads from the address: `ageconsent=ok` and `warning=<rating id>`. */
const CONSENT_PARAMS = ['ageconsent', 'warning'] as const;

/**
 * Where the archive's viewstory.php is: the page itself when it is one, else the story link in
 * the title line. Story addresses are built beside it.
 */
function storyBase(doc: Document, url: URL): string | null {
  return phpScript(url) === 'viewstory.php' ? url.href : linkUrl($(doc, '#pagetitle a[href*="viewstory.php"]'));
}

/**
 * The printable story with every chapter (viewstory.php?action=printable&textsize=0&sid=N&chapter=all)
 * beside the story's own viewstory.php, keeping any consent the page's address already carries.
 */
export function wholeWork(doc: Document, url: URL): string | null {
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
  return orNull(withoutByline(cleanText(line), author));
}

/**
 * The printable view cut into its chapters: each div.chapter under the title line above it, with
 * the notes blocks between title lines as that chapter's notes (before or after its text, as
 * printed), and the story notes above the first chapter as the first chapter's. A chapter's number
 * is the one the address asks for (chapter=3), else its title line's anchor (`<a name='2'>`),
 * else its place.
 */
export function splitChapters(doc: Document, url: URL): SplitChapter[] | null {
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
export function adultGate(doc: Document, url: URL): string | null {
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
