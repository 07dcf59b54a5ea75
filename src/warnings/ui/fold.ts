/**
 * A folded work entry on a listing: the entry is hidden and one line stands in its place, with the
 * rating and the reason; a click unfolds it.
 */
import type { PageReport } from '../../core/model';
import type { Decision } from '../policy';
import { RATING_STYLE, ratingText } from '../../shell/badge';
import { h, shadowHost, trusted } from './build-dom';
import css from './fold.css?inline';

export const FOLD_TAG = 'slipcase-fold';

/** Fold `entry`: hidden (inline and `!important`), a one-line button before it. */
export function foldEntry(entry: HTMLElement, report: PageReport, decision: Decision): void {
  const doc = entry.ownerDocument;
  const { host, root } = shadowHost(doc, FOLD_TAG, 'display: block !important; margin: 4px 0 !important;', css);
  // In a list the line stands for a list item.
  if (entry.parentElement?.matches('ol, ul')) host.setAttribute('role', 'listitem');
  const style = RATING_STYLE[report.rating.level];
  const why = decision.reasons.map((r) => r.text).join('; ');
  const line = h(
    doc,
    'button',
    { type: 'button', class: 'line', 'aria-expanded': 'false', title: why },
    h(doc, 'span', { class: 'chip', style: `background:${style.color};color:${style.textColor}` }, style.letter),
    h(doc, 'span', { class: 'rating' }, ratingText(report.rating)),
    h(doc, 'span', { class: 'why' }, why),
    h(doc, 'span', { class: 'show' }, 'Show'),
  );
  root.append(line);
  const before = [entry.style.getPropertyValue('display'), entry.style.getPropertyPriority('display')] as const;
  entry.style.setProperty('display', 'none', 'important');
  entry.before(host);
  line.addEventListener(
    'click',
    trusted(() => {
      host.remove();
      entry.style.setProperty('display', ...before);
      entry.querySelector<HTMLElement>('a[href]')?.focus({ preventScroll: true });
    }),
  );
}
