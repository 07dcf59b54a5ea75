/**
 * The interstitial over a covered story: what the page is, why it is covered (the policy's own
 * sentences, the one that crossed the limit first; the evidence behind a "Why?"), and the three ways on. It fills the window, opaque, in a shadow root that the
 * site's CSS cannot reach; the story's elements stay hidden underneath (./cover.ts).
 */
import { phoneViewport } from '../../core/phone-viewport';
import type { PageReport } from '../../core/model';
import type { Decision } from '../policy';
import { RATING_STYLE, ratingText } from '../../shell/badge';
import { h, shadowHost, trusted } from './build-dom';
import css from './interstitial.css?inline';

export interface InterstitialChoices {
  /** "Show this story": this time only. */
  show(): void;
  /** "Always allow this story": remembers the exception; rejects when it could not be saved. Null leaves the choice out. */
  allowStory: (() => Promise<void>) | null;
  /** "Go back". */
  back(): void;
}

export const INTERSTITIAL_TAG = 'slipcase-gate';

const HOST_STYLE = 'display: block !important; position: fixed !important; inset: 0 !important; z-index: 2147483647 !important;';

/** Each interstitial's heading, where focus goes when it goes up: its host's root is closed, so only this reaches it. */
const headings = new WeakMap<HTMLElement, HTMLElement>();

/** The interstitial's host element, ready to attach to the page's root element. */
export function buildInterstitial(doc: Document, report: PageReport, decision: Decision, choices: InterstitialChoices): HTMLElement {
  const { host, root } = shadowHost(doc, INTERSTITIAL_TAG, HOST_STYLE, css);
  const style = RATING_STYLE[report.rating.level];
  const note = h(doc, 'p', { class: 'note', role: 'status' });
  const button = (action: string, label: string, cls = '') =>
    h(doc, 'button', { type: 'button', class: cls, 'data-action': action }, label);
  const show = button('show', 'Show this story', 'primary');
  const allow = choices.allowStory ? button('allow', 'Always allow this story') : null;
  const back = button('back', 'Go back');
  const buttons = [show, allow, back].filter((b): b is HTMLElement => b !== null);

  const heading = h(doc, 'h1', { id: 'slipcase-gate-title', tabindex: '-1' }, 'This story is covered');
  const card = h(
    doc,
    'div',
    {
      class: 'card',
      role: 'dialog',
      'aria-modal': 'true',
      'aria-labelledby': 'slipcase-gate-title',
      'aria-describedby': 'slipcase-gate-why',
    },
    h(doc, 'p', { class: 'brand' }, 'Slipcase'),
    heading,
    report.title
      ? h(doc, 'p', { class: 'work' }, h(doc, 'span', { class: 'work-title' }, report.title), report.author ? ` by ${report.author}` : '')
      : null,
    h(
      doc,
      'p',
      { class: 'rating' },
      h(doc, 'span', { class: 'chip', 'aria-hidden': 'true', style: `background:${style.color};color:${style.textColor}` }, style.letter),
      h(doc, 'span', { class: 'rating-text' }, ratingText(report.rating)),
    ),
    h(
      doc,
      'div',
      { id: 'slipcase-gate-why', class: 'why' },
      h(doc, 'p', { class: 'lead' }, 'It goes past what you asked to be warned about:'),
      h(doc, 'ul', { class: 'reasons' }, ...decision.reasons.map((r) => h(doc, 'li', { 'data-kind': r.kind }, r.text))),
      evidence(doc, decision),
    ),
    h(doc, 'div', { class: 'actions' }, ...buttons),
    note,
  );
  root.append(h(doc, 'div', { class: 'backdrop' }, card));

  show.addEventListener(
    'click',
    trusted(() => choices.show()),
  );
  back.addEventListener(
    'click',
    trusted(() => choices.back()),
  );
  const allowStory = choices.allowStory;
  if (allow && allowStory)
    allow.addEventListener(
      'click',
      trusted(() => {
        for (const b of buttons) b.setAttribute('disabled', '');
        note.textContent = 'Saving…';
        allowStory().then(
          () => (note.textContent = ''),
          (e: unknown) => {
            for (const b of buttons) b.removeAttribute('disabled');
            note.textContent = `Could not save the exception: ${e instanceof Error ? e.message : String(e)}`;
          },
        );
      }),
    );
  headings.set(host, heading);
  return host;
}

/** The reasons' evidence, closed under "Why?"; nothing when there is none. */
function evidence(doc: Document, decision: Decision): HTMLElement | null {
  const lines = decision.reasons.flatMap((r) => r.why);
  if (lines.length === 0) return null;
  return h(
    doc,
    'details',
    { class: 'evidence' },
    h(doc, 'summary', {}, 'Why?'),
    h(doc, 'ul', {}, ...lines.map((l) => h(doc, 'li', {}, l))),
  );
}

/**
 * Put the interstitial up: the page under it is inert and does not scroll, and on a phone it is
 * laid out at the phone's width (phone-viewport.ts); focus goes to its heading. Returns its removal.
 */
export function mountInterstitial(doc: Document, host: HTMLElement): () => void {
  const html = doc.documentElement;
  const before = {
    inert: doc.body?.inert ?? false,
    overflow: [html.style.getPropertyValue('overflow'), html.style.getPropertyPriority('overflow')] as const,
  };
  const viewport = phoneViewport(doc);
  viewport.cover();
  html.append(host);
  if (doc.body) doc.body.inert = true;
  html.style.setProperty('overflow', 'hidden', 'important');
  headings.get(host)?.focus({ preventScroll: true });
  return () => {
    host.remove();
    viewport.restore();
    if (doc.body) doc.body.inert = before.inert;
    html.style.setProperty('overflow', ...before.overflow);
  };
}
