/**
 * The work's summary as a reader note. Sites that show it as a block of the page (AO3) give it to
 * the reader as a note already; others (FanFiction.net's profile line) only state it, so the reader
 * adds it to the first chapter, and the live and the offline reader show the same notes.
 */
import type { ReaderNote } from '../core/model';
import { squash, textLines } from '../core/dom';

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);

/** The summary (plain text) as a note of its paragraphs, escaped; none for an empty one. */
export function summaryNote(summary: string | null): ReaderNote[] {
  const paragraphs = (summary ?? '')
    .split(/\n+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (paragraphs.length === 0) return [];
  return [{ label: 'Summary', html: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join(''), position: 'before' }];
}

/** The squashed text of a note's HTML, parsed in `doc` (inert). */
function noteText(html: string, doc: Document): string {
  const holder = doc.createElement('div');
  holder.innerHTML = html;
  return squash(textLines(holder).join(' '));
}

/** Whether a note's HTML says nothing but the summary. */
export function repeatsSummary(html: string, summary: string | null, doc: Document): boolean {
  return !!summary && noteText(html, doc) === squash(summary);
}

/**
 * A chapter's notes with the summary heading the first chapter (`chapter`: its 1-based number),
 * unless a note of the page's own already gives it (All About Spike's header holds it among the rest).
 */
export function withSummary(notes: ReaderNote[], summary: string | null, chapter: number, doc: Document): ReaderNote[] {
  if (chapter !== 1 || !summary || notes.some((n) => noteText(n.html, doc).includes(squash(summary)))) return notes;
  return [...summaryNote(summary), ...notes];
}
