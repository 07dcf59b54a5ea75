/** How the library page words a story's facts. Pure, so the cards and their tests agree. */
import type { JobScope, Problem, ProgressRecord, StoryMeta, StoryRecord, StoryStatus } from '../types';
import { thousands } from '../../core/numbers';

/** Saved chapters of the planned total: "3/5", or "3/?" when the site does not know. */
/** "5/5": the chapters the archive still lists, of those it plans (a removed chapter kept is not one of them). */
export const chaptersText = (s: StoryRecord): string => `${s.chapterCount - (s.removedChapters ?? 0)}/${s.meta.chapterTotal ?? '?'}`;

/** What updates found, short for the card ("1 removed from the archive · 2 changed") and in full for its title; null when nothing. */
export function marksText(s: StoryRecord): { short: string; full: string } | null {
  const { removedChapters: removed = 0, changedChapters: changed = 0 } = s;
  if (!removed && !changed) return null;
  const short = [removed ? `${removed} removed from the archive` : '', changed ? `${changed} changed` : ''].filter(Boolean).join(' · ');
  const full = [
    removed ? `${plural(removed, 'chapter')} the archive no longer lists, kept in your library.` : '',
    changed ? `${plural(changed, 'chapter')} changed by the author since saved; the earlier text is kept.` : '',
  ].filter(Boolean);
  return { short, full: full.join(' ') };
}

/**
 * What a partly saved work holds (StoryRecord.savedNumbers): "Chapter 2 of 3 saved", "Chapters 1, 3
 * of 5 saved", or past a few "6 of 20 chapters saved"; null for a whole work.
 */
export function partText(s: StoryRecord): string | null {
  const numbers = s.savedNumbers;
  const posted = s.meta.chaptersPosted;
  if (!numbers || posted === null) return null;
  if (numbers.length === 1) return `Chapter ${numbers[0]} of ${posted} saved`;
  if (numbers.length <= 4) return `Chapters ${numbers.join(', ')} of ${posted} saved`;
  return `${numbers.length} of ${posted} chapters saved`;
}

export const STATUS_TEXT: Record<StoryStatus, string> = { complete: 'Complete', wip: 'In progress', unknown: 'Status unknown' };

export const wordsText = (n: number): string => `${thousands(n)} ${n === 1 ? 'word' : 'words'}`;

/** "chapter 2 of 3" and how far through the saved chapters that is (0..1); null before the first read. */
export function progressOf(
  s: StoryRecord,
  p: Pick<ProgressRecord, 'chapter' | 'fraction'> | undefined,
): { text: string; fraction: number } | null {
  if (!p) return null;
  const total = Math.max(s.chapterCount, 1);
  const chapter = Math.min(p.chapter, total - 1);
  return { text: `chapter ${chapter + 1} of ${total}`, fraction: Math.min(1, (chapter + p.fraction) / total) };
}

const DAY = 86_400_000;
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "today", "yesterday", "3 days ago", then the date itself past a month (`at`: a time the story was read). */
export function lastReadText(at: number, now: number): string {
  const days = Math.floor(startOfDay(now) / DAY) - Math.floor(startOfDay(at) / DAY);
  if (days <= 0) return 'today';
  if (days < 31) return relative.format(-days, 'day');
  return new Date(at).toLocaleDateString('en', { year: 'numeric', month: 'short', day: 'numeric' });
}

/** Local midnight, so "yesterday" means the calendar day before. */
function startOfDay(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
}

export function bytesText(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return i === 0 ? `${n} bytes` : `${n < 10 ? n.toFixed(1) : Math.round(n)} ${units[i]}`;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${thousands(n)} ${n === 1 ? one : many}`;

/** "Part 2 of Small Mercies" for a work saved from a series page; null for any other. */
export const seriesText = (meta: StoryMeta): string | null => (meta.series ? `Part ${meta.series.part} of ${meta.series.title}` : null);

/** A job's progress counts stories for a batch, chapters for the rest. */
export const jobUnits = (scope: JobScope, n: number): string => (scope === 'batch' ? plural(n, 'story', 'stories') : plural(n, 'chapter'));

/** Why a fetched copy was held back, in a sentence. */
export function heldText(problems: readonly Problem[]): string {
  const reasons = problems.map((p) => {
    if (p.kind === 'fewer-chapters') return `it has ${plural(p.after, 'chapter')} where the saved copy has ${p.before}`;
    if (p.kind === 'shorter-chapter')
      return `chapter ${p.chapter + 1} is much shorter (${plural(p.after, 'word')}, was ${thousands(p.before)})`;
    return 'parts of it did not look like the story';
  });
  return `A newer copy was held back: ${[...new Set(reasons)].join('; ') || 'it looks worse than the saved one'}.`;
}
