/**
 * The author's notes as a chapter is stored: each folded in a <details> around the text
 * (src/library/jobs/page-copy.ts). Taken off again to show them as notes, and to measure the
 * story text without them.
 */
import { squash } from '../core/dom';
import type { ReaderNote } from '../core/model';

/** A stored note: a <details> of the chapter's own whose first child is its <summary> label. */
const isNote = (el: Element | null): el is HTMLDetailsElement =>
  el?.localName === 'details' && el.firstElementChild?.localName === 'summary';

/**
 * Takes the notes off either end of a stored chapter (only there: a <details> inside the story is
 * the story's), each with its label and position.
 */
export function takeNotes(holder: Element): ReaderNote[] {
  const note = (el: HTMLDetailsElement, position: ReaderNote['position']): ReaderNote => {
    const label = squash(el.firstElementChild!.textContent ?? '');
    el.firstElementChild!.remove();
    el.remove();
    return { label, html: el.innerHTML, position };
  };
  const before: ReaderNote[] = [];
  while (isNote(holder.firstElementChild) && holder.firstElementChild.nextElementSibling)
    before.push(note(holder.firstElementChild, 'before'));
  const after: ReaderNote[] = [];
  while (isNote(holder.lastElementChild) && holder.lastElementChild.previousElementSibling)
    after.unshift(note(holder.lastElementChild, 'after'));
  return [...before, ...after];
}
