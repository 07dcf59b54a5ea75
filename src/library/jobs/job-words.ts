/**
 * What a save job tells the reader: why it could not go on, and what it saved, in words.
 */
import type { JobScope, Problem, SaveResult } from '../types';

/** A job cannot go on: the message says why, in words for the reader. */
export class JobFailure extends Error {
  override name = 'JobFailure';
}

export function hostOf(url: string): string {
  return new URL(url).host;
}

export function nothingDone(scope: JobScope): string {
  return scope === 'update' ? 'so the saved copy was left as it was.' : 'so nothing was saved.';
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** `added`: the chapters an update added; `fresh`: those of them the site posted since (the rest were filled in). */
export function outcomeText(scope: JobScope, result: SaveResult, chapters: number, update: { added: number; fresh: number }): string {
  switch (result.outcome) {
    case 'saved':
      return `Saved ${plural(chapters, 'chapter')}.`;
    case 'updated':
      return scope === 'update' ? updateText(update.fresh, update.added - update.fresh) : `Updated: ${plural(chapters, 'chapter')} saved.`;
    case 'unchanged':
      return scope === 'update' ? 'No new chapters.' : 'Already saved; nothing has changed.';
    case 'held':
      return `The copy fetched looks worse than the saved one (${result.problems.map(problemText).join('; ')}), so it is kept aside for you to compare.`;
    case 'rejected':
      return `Nothing was saved: ${result.problems.map(problemText).join('; ')}.`;
  }
}

/** "1 new chapter saved.", "Saved 3 more chapters." (chapters posted before, filled in), or both. */
function updateText(fresh: number, filled: number): string {
  if (fresh && filled) return `${plural(fresh, 'new chapter')} saved, and ${plural(filled, 'more chapter')}.`;
  if (fresh) return `${plural(fresh, 'new chapter')} saved.`;
  if (filled) return `Saved ${plural(filled, 'more chapter')}.`;
  return 'Details updated; no new chapters.';
}

export function problemText(p: Problem): string {
  const ch = (i: number | null) => (i === null ? 'the page' : `chapter ${i + 1}`);
  switch (p.kind) {
    case 'error-page':
      return `${ch(p.chapter)} came back as an error page`;
    case 'gate-page':
      return `${ch(p.chapter)} came back as an age or sign-in wall`;
    case 'not-a-story':
      return `${ch(p.chapter)} is not story text`;
    case 'no-chapters':
      return 'there were no chapters';
    case 'fewer-chapters':
      return `it has ${p.after} of the ${p.before} chapters saved`;
    case 'shorter-chapter':
      return `${ch(p.chapter)} has ${p.after} words where the saved one has ${p.before}`;
  }
}
