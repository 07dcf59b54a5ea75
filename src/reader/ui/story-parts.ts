/**
 * A story put on the page a part at a time: the first part at once, so the first screen paints
 * without waiting for the layout of the rest, and the others after it, in order, one a frame, so
 * that no frame lays out much and the page stays free for input (see renderRest).
 */
import { readingBlocks } from './blocks';

/** Characters of text in the first part: a few screens, so that it fills the first one. */
const FIRST_PART = 6_000;
/** Characters of text in each later part (about 2,500 words): a frame's worth of layout. */
const PART = 15_000;

export interface StoryParts {
  /** Every reading block of the story, on the page yet or not, in order. */
  readonly blocks: HTMLElement[];
  /** Puts the next part on the page; false once they are all there. */
  renderNext(): boolean;
  /**
   * Puts every part up to the one holding block `block`, and the one after it, on the page, in
   * order: a place near the end of its part needs the text below it on the page, or the scroller
   * stops short of it (a screen's height short, on a phone).
   */
  renderThrough(block: number): void;
  /** How many of `blocks` (the first ones) are on the page. */
  rendered(): number;
}

/** Whether `node` holds nothing but its one element child (whitespace aside). */
function wrapsOne(node: ParentNode): boolean {
  return node.childElementCount === 1 && Array.from(node.childNodes).every((n) => n.nodeType !== 3 || !n.textContent?.trim());
}

/** The story's top-level pieces (under the elements that only wrap them) grouped into parts. */
function group(doc: Document, spine: ParentNode): HTMLElement[] {
  const parts: HTMLElement[] = [];
  let size = Infinity;
  for (const node of Array.from(spine.childNodes)) {
    if (size >= (parts.length === 1 ? FIRST_PART : PART)) {
      const part = doc.createElement('section');
      part.className = 'part';
      parts.push(part);
      size = 0;
    }
    parts.at(-1)!.append(node);
    size += node.textContent?.length ?? 0;
  }
  spine.append(...parts);
  return parts;
}

/**
 * Fills `story` with the start of `html` (sanitised story text) and gives the rest to put on the
 * page later. It is parsed inert, in a template: its images load as their part is added.
 */
export function storyParts(story: HTMLElement, html: string): StoryParts {
  const doc = story.ownerDocument;
  const template = doc.createElement('template');
  template.innerHTML = html;
  const root = template.content;
  let spine: ParentNode = root;
  while (wrapsOne(spine)) spine = spine.firstElementChild!;
  const parts = group(doc, spine);
  // Found with every part in place, so that they are the blocks the whole text has.
  const blocks = readingBlocks(root);
  const partOf = new Map(parts.map((p, i) => [p as Element, i]));
  /** The last block of each part, + 1 (a block around the parts counts in the first one). */
  const ends = parts.map(() => 0);
  blocks.forEach((b, i) => {
    let el: Element | null = b;
    while (el && !partOf.has(el)) el = el.parentElement;
    ends[el ? partOf.get(el)! : 0] = i + 1;
  });
  for (let i = 1; i < ends.length; i++) ends[i] = Math.max(ends[i]!, ends[i - 1]!);
  for (const p of parts) p.remove();
  const host = spine === root ? story : (spine as Element);
  story.replaceChildren(root);
  let shown = 0;
  /** Adds parts up to `end`; the story is busy for assistive technology while parts are still to come. */
  const showTo = (end: number) => {
    host.append(...parts.slice(shown, end));
    shown = end;
    if (shown < parts.length) story.setAttribute('aria-busy', 'true');
    else story.removeAttribute('aria-busy');
  };
  showTo(Math.min(1, parts.length));

  const renderNext = () => {
    if (shown >= parts.length) return false;
    showTo(shown + 1);
    return shown < parts.length;
  };
  const partHolding = (block: number) => {
    const i = ends.findIndex((end) => block < end);
    return i < 0 ? parts.length - 1 : i;
  };
  return {
    blocks,
    renderNext,
    renderThrough(block) {
      const end = Math.min(partHolding(block) + 2, parts.length);
      if (end > shown) showTo(end);
    },
    rendered: () => (shown >= parts.length ? blocks.length : ends[shown - 1]!),
  };
}

/** After the next frame has been painted; a hidden page, which paints none, waits a little. */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(resolve));
    setTimeout(resolve, 100);
  });
}

/**
 * Adds the rest of the parts once the first screen has been painted, one a frame: each is laid out
 * in the frame after it is added, so a new task (or scheduler.yield, which runs before the
 * browser paints) would let many pile up into one long frame. `live()` false stops it.
 */
export async function renderRest(parts: StoryParts, live: () => boolean): Promise<void> {
  do await afterPaint();
  while (live() && parts.renderNext());
}
