/**
 * The rule picker's page UI (issue #12): a bar at the top of the page asking the reader to click
 * the story's text, then its title, the next chapter's link and its rating, each but the first
 * skippable, and a box outlining what a click would pick. It lives in a closed shadow root out of
 * the page's reach, takes only the reader's own (trusted) clicks, keeps them from the page so a
 * link is not followed, and changes nothing else on the page. Plain DOM, no extension APIs.
 */
import { h, shadowHost, trusted } from '../../../warnings/ui/build-dom';
import { selectorFor, storyBlock } from '../../rules/pick-selector';
import css from './picker.css?inline';

export const PICKER_TAG = 'slipcase-picker';

export type PickField = 'content' | 'title' | 'next' | 'rating';
/** The selectors picked: the story text always, the others when the reader did not skip them. */
export type Picked = { content: string } & Partial<Record<Exclude<PickField, 'content'>, string>>;

const STEPS: { field: PickField; ask: string }[] = [
  { field: 'content', ask: 'Click the story’s text' },
  { field: 'title', ask: 'Click the story’s title' },
  { field: 'next', ask: 'Click the link to the next chapter' },
  { field: 'rating', ask: 'Click the story’s rating' },
];

const HOST_STYLE =
  'position: fixed !important; top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important; z-index: 2147483647 !important; display: block !important;';

/** What a click on `el` picks for `field`: the story's block, a link itself, or the element. */
function pickedElement(field: PickField, el: Element): Element {
  if (field === 'content') return storyBlock(el);
  if (field === 'next') return el.closest('a[href]') ?? el;
  return el;
}

/** The pointer's events the page must not see while the reader picks: it would follow links or open menus. */
const SWALLOWED = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'auxclick', 'dblclick', 'contextmenu'] as const;

/** The bar and the outline box, in a closed shadow root not yet on the page. */
function buildUi(doc: Document) {
  const { host, root } = shadowHost(doc, PICKER_TAG, HOST_STYLE, css);
  const text = h(doc, 'p', { class: 'step', 'aria-live': 'polite' });
  const skip = h(doc, 'button', { type: 'button', class: 'skip' }, 'Skip');
  const cancel = h(doc, 'button', { type: 'button', class: 'cancel' }, 'Cancel');
  const bar = h(doc, 'div', { class: 'bar', role: 'dialog', 'aria-label': 'Slipcase: show where the story is' }, text, skip, cancel);
  const box = h(doc, 'div', { class: 'box' });
  // The reader's clicks and keys on the bar are the picker's: the page does not hear them.
  for (const type of ['click', 'keydown', 'keyup', ...SWALLOWED]) bar.addEventListener(type, (e) => e.stopPropagation());
  root.append(box, bar);
  return { host, text, skip, cancel, box };
}

/** Draws `box` over `el` (hidden for null), in the viewport's coordinates as the box is fixed. */
function drawBox(box: HTMLElement, el: Element | null) {
  if (!el) return void (box.style.display = 'none');
  const r = el.getBoundingClientRect();
  Object.assign(box.style, { display: 'block', top: `${r.top}px`, left: `${r.left}px`, width: `${r.width}px`, height: `${r.height}px` });
}

/**
 * Shows the picker on `doc`; `done` hears the picked selectors, or null when the reader cancels.
 * Returns the way to end it from outside (the content script stopped) without a word to `done`.
 */
export function startPicker(doc: Document, done: (picked: Picked | null) => void): () => void {
  const win = doc.defaultView!;
  const { host, text, skip, cancel, box } = buildUi(doc);
  const picked: Partial<Picked> = {};
  let step = 0;
  let hovered: Element | null = null;
  const current = () => STEPS[step]!;

  // The page's element an event is at; null for the picker's own bar (its host is on the event's path).
  // By nodeType: in Firefox's content scripts the page's nodes are wrappers no `instanceof` sees.
  const outside = (event: Event): Element | null => {
    const path = event.composedPath();
    const first = path[0] as Node | undefined;
    return first?.nodeType === 1 && !path.includes(host) ? (first as Element) : null;
  };
  const outline = (el: Element | null) => {
    hovered = el;
    drawBox(box, el && pickedElement(current().field, el));
  };
  function show() {
    text.textContent = `Step ${step + 1} of ${STEPS.length}: ${current().ask}`;
    skip.hidden = step === 0;
    outline(null);
  }
  function next() {
    step += 1;
    if (step < STEPS.length) return show();
    end();
    done(picked as Picked);
  }

  const onClick = (event: MouseEvent) => {
    const el = outside(event);
    if (!el || !event.isTrusted) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const { field } = current();
    picked[field] = selectorFor(pickedElement(field, el), { only: field === 'content' });
    next();
  };
  const swallow = (event: Event) => {
    if (!outside(event) || !event.isTrusted) return;
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  const onHover = (event: Event) => {
    if (event.isTrusted) outline(outside(event));
  };
  const onScroll = () => outline(hovered);
  const onKey = (event: KeyboardEvent) => {
    if (event.isTrusted && event.key === 'Escape') stop();
  };

  const listeners: [string, EventListener][] = [
    ['click', onClick as EventListener],
    ...SWALLOWED.map((type): [string, EventListener] => [type, swallow]),
    ['pointerover', onHover],
    ['keydown', onKey as EventListener],
    ['scroll', onScroll],
  ];
  function end() {
    for (const [type, listener] of listeners) win.removeEventListener(type, listener, true);
    host.remove();
  }
  function stop() {
    end();
    done(null);
  }

  skip.addEventListener('click', trusted(next));
  cancel.addEventListener('click', trusted(stop));
  for (const [type, listener] of listeners) win.addEventListener(type, listener, true);
  doc.documentElement.append(host);
  show();
  cancel.focus();
  return end;
}
