/**
 * A folded work entry on a listing: the entry is hidden and one line stands in its place, saying
 * which story it is and why it folded ("Folded: Velvet and Ash by ashenrose · Explicit · past
 * your Mature limit"); a click unfolds it.
 */
import type { PageReport } from '../../core/model';
import type { Decision } from '../policy';
import { RATING_STYLE, ratingText } from '../../shell/badge';
import { h, shadowHost, trusted } from './build-dom';
import css from './fold.css?inline';

export const FOLD_TAG = 'slipcase-fold';

/** Each folded entry's line text, for the reading memory's mark (src/library/memory/ui/marks.ts). */
const foldTexts = new WeakMap<Element, HTMLElement>();

/** The text of the line a folded entry stands behind; undefined for an entry not folded (or unfolded). */
export function foldTextOf(entry: Element): HTMLElement | undefined {
  return foldTexts.get(entry);
}

/** Fold `entry`: hidden (inline and `!important`), a one-line button before it. */
export function foldEntry(entry: HTMLElement, report: PageReport, decision: Decision): void {
  const doc = entry.ownerDocument;
  const { host, root } = shadowHost(doc, FOLD_TAG, 'display: block !important; margin: 4px 0 !important;', css);
  // In a list the line stands for a list item.
  if (entry.parentElement?.matches('ol, ul')) host.setAttribute('role', 'listitem');
  const style = RATING_STYLE[report.rating.level];
  // One run of text, so a narrow window wraps it rather than cut the title short.
  const text = h(
    doc,
    'span',
    { class: 'text' },
    h(
      doc,
      'span',
      { class: 'work' },
      'Folded: ',
      h(doc, 'cite', { class: 'title' }, report.title ?? 'Untitled'),
      report.author ? ` by ${report.author}` : '',
    ),
    h(doc, 'span', { class: 'rating' }, ` · ${ratingText(report.rating)}`),
    h(doc, 'span', { class: 'why' }, ` · ${decision.reasons.map((r) => r.short).join(', ')}`),
  );
  const line = h(
    doc,
    'button',
    // The whole sentences, for a line cut short at a narrow width.
    { type: 'button', class: 'line', 'aria-expanded': 'false', title: decision.reasons.map((r) => r.text).join('; ') },
    h(doc, 'span', { class: 'chip', 'aria-hidden': 'true', style: `background:${style.color};color:${style.textColor}` }, style.letter),
    text,
    h(doc, 'span', { class: 'show' }, 'Show'),
  );
  root.append(line);
  foldTexts.set(entry, text);
  const before = [entry.style.getPropertyValue('display'), entry.style.getPropertyPriority('display')] as const;
  entry.style.setProperty('display', 'none', 'important');
  entry.before(host);
  line.addEventListener(
    'click',
    trusted(() => {
      host.remove();
      foldTexts.delete(entry);
      entry.style.setProperty('display', ...before);
      entry.querySelector<HTMLElement>('a[href]')?.focus({ preventScroll: true });
    }),
  );
}
