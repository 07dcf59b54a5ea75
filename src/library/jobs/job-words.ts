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

/**
 * What a job changed: chapters added (`fresh`: story the site posted since; `notices`: author's
 * notes; the rest were filled in), removed from the archive, changed.
 */
export interface JobTally {
  added: number;
  fresh: number;
  notices: number;
  removed: number;
  changed: number;
}

export function outcomeText(scope: JobScope, result: SaveResult, chapters: number, tally: JobTally): string {
  switch (result.outcome) {
    case 'saved':
      return `Saved ${plural(chapters, 'chapter')}.`;
    case 'updated': {
      const done = scope === 'update' ? updateText(tally) : `Updated: ${plural(chapters, 'chapter')} saved.`;
      return [done, ...marksText(tally)].join(' ');
    }
    case 'unchanged':
      return scope === 'update' ? 'No new chapters.' : 'Already saved; nothing has changed.';
    case 'held':
      return `The copy fetched looks worse than the saved one (${result.problems.map(problemText).join('; ')}), so it is kept aside for you to compare.`;
    case 'rejected':
      return `Nothing was saved: ${result.problems.map(problemText).join('; ')}.`;
  }
}

/** "1 new chapter saved.", "Saved 3 more chapters." (chapters posted before, filled in), or both; and any author's notes. */
function updateText({ added, fresh, notices }: JobTally): string {
  const filled = added - fresh - notices;
  const note = notices ? ` ${plural(notices, "author's note")} (no new story) saved too.` : '';
  if (fresh && filled) return `${plural(fresh, 'new chapter')} saved, and ${plural(filled, 'more chapter')}.${note}`;
  if (fresh) return `${plural(fresh, 'new chapter')} saved.${note}`;
  if (filled) return `Saved ${plural(filled, 'more chapter')}.${note}`;
  return notices ? `No new chapters.${note}` : 'Details updated; no new chapters.';
}

/** The chapters an update found gone or rewritten: the library keeps both. */
function marksText({ removed, changed }: JobTally): string[] {
  return [
    removed ? `${plural(removed, 'chapter')} removed from the archive, kept in your library.` : '',
    changed ? `${plural(changed, 'chapter')} changed by the author; the earlier text is kept.` : '',
  ].filter((t) => t !== '');
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
