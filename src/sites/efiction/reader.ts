/** eFiction for the reader: the story text with its notes, and the chapter navigation. */
import type { ExtractedNote, Extraction } from '../types';
import type { ChapterNav } from '../../core/model';
import { $, $$, cleanText } from '../../core/dom';
import { absoluteUrl, heading, linkUrl, listNav, menuChapters, noNav, precedes } from '../../reader/extract-dom';
import { pageSid } from './labels';
import { isPrintable, JUMP_MENU } from './story-page';

/** A notes block: `<div class='notes'><div class='title'><span class='label'>End Notes:</span></div><div class='noteinfo'>…</div></div>`. */
export function noteOf(block: Element, position: ExtractedNote['position']): ExtractedNote[] {
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
export function extract(doc: Document, url: URL): Extraction | null {
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
export function nav(doc: Document, url: URL): ChapterNav {
  const sid = pageSid(doc, url);
  if (!sid || isPrintable(doc, url)) return noNav();
  const select = $(doc, JUMP_MENU);
  const here = url.searchParams.get('chapter') ?? '1';
  const chapters = menuChapters(
    select ? $$(select, 'option') : [],
    (k) => (/^\d+$/.test(k) ? absoluteUrl(`viewstory.php?sid=${sid}&chapter=${k}`, url.href) : null),
    (k) => k === here,
  );
  return listNav(chapters, linkUrl($(doc, '#prev a, a.prev')), linkUrl($(doc, '#next a, a.next')));
}
