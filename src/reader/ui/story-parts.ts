/**
 * A story put on the page a part at a time: the first part at once, so the first screen paints
 * without waiting for the layout of the rest, and the others after it, in order, one a frame, so
 * that no frame lays out much and the page stays free for input (see renderRest). A staged story
 * (core/model.ts#StoryRest) is sanitised the same way: a piece of its rest as its parts are needed.
 */
import type { StoryRest } from '../../core/model';
import { readingBlocks } from './blocks';
import { bySize, wrapsOne } from '../extract-dom';

/** Characters of text in the first part: a few screens, so that it fills the first one. */
export const FIRST_PART = 6_000;
/** Characters of text in each later part (about 2,500 words): a frame's worth of layout. */
const PART = 15_000;

export interface StoryParts {
  /** Every reading block of the story, on the page yet or not, in order; a staged story's grow as its rest is read. */
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
  /** Reads all of a staged story's rest now: a place kept as a fraction of the whole needs every block. */
  complete(): void;
  /** The words of a staged story's rest once it is all read (0 for a story given whole); null until then. */
  restWords(): number | null;
}

/** The story's top-level pieces (under the elements that only wrap them) grouped into parts, the first of `first` characters. */
function group(doc: Document, spine: ParentNode, first: number): HTMLElement[] {
  const parts = bySize(Array.from(spine.childNodes), first, PART, () => Object.assign(doc.createElement('section'), { className: 'part' }));
  spine.append(...parts);
  return parts;
}

const parsed = (doc: Document, html: string): DocumentFragment => {
  const template = doc.createElement('template');
  template.innerHTML = html;
  return template.content;
};

/** A story's parts as they are read, each with where it goes and the blocks it holds. */
function partList(doc: Document) {
  const parts: HTMLElement[] = [];
  /** Where each part goes: the first piece's inside the elements that wrap it, the rest's in the staged story's shell. */
  const hosts: ParentNode[] = [];
  const blocks: HTMLElement[] = [];
  /** The last block of each part, + 1 (a block around the parts counts in the first one). */
  const ends: number[] = [];
  return {
    parts,
    hosts,
    blocks,
    /** Groups `spine`'s nodes into parts for `host` and finds their blocks, with every part still in `root`. */
    add(root: ParentNode, spine: ParentNode, first: number, host: ParentNode) {
      const added = group(doc, spine, first);
      const found = readingBlocks(root);
      const partOf = new Map(added.map((p, i) => [p as Element, i]));
      const addedEnds = added.map(() => 0);
      found.forEach((b, i) => {
        let el: Element | null = b;
        while (el && !partOf.has(el)) el = el.parentElement;
        addedEnds[el ? partOf.get(el)! : 0] = blocks.length + i + 1;
      });
      for (const end of addedEnds) ends.push(Math.max(end, ends.at(-1) ?? 0));
      for (const b of found) blocks.push(b);
      for (const p of added) {
        p.remove();
        parts.push(p);
        hosts.push(host);
      }
    },
    /** The blocks in the parts before part `n`. */
    blocksBefore: (n: number) => (n >= parts.length ? blocks.length : (ends[n - 1] ?? 0)),
    /** The part holding block `block` (the last, past the blocks read). */
    holding(block: number) {
      const i = ends.findIndex((end) => block < end);
      return i < 0 ? parts.length - 1 : i;
    },
  };
}

/**
 * Fills `story` with the start of `html` (sanitised story text) and gives the rest to put on the
 * page later, with a staged story's `rest` after it. It is parsed inert, in a template: its images
 * load as their part is added.
 */
export function storyParts(story: HTMLElement, html: string, rest?: StoryRest): StoryParts {
  const doc = story.ownerDocument;
  const list = partList(doc);
  const { parts, hosts, blocks } = list;
  // A staged story's wrappers, empty: all of it goes in the innermost.
  const shell = rest ? parsed(doc, rest.shell) : null;
  let inner: ParentNode = story;
  for (let el = shell?.firstElementChild ?? null; el; el = el.firstElementChild) inner = el;
  let restLeft = Boolean(rest);
  let restWords = 0;
  /** Reads the rest's next piece into parts; false when there was none. */
  const pull = () => {
    const piece = restLeft ? rest!.next() : null;
    restLeft = piece !== null;
    if (!piece) return false;
    restWords += piece.words;
    const root = parsed(doc, piece.html);
    list.add(root, root, PART, inner);
    return true;
  };

  const root = parsed(doc, html);
  let spine: ParentNode = root;
  while (wrapsOne(spine)) spine = spine.firstElementChild!;
  // Found with every part in place, so that they are the blocks the whole text has.
  list.add(root, spine, FIRST_PART, spine === root ? inner : (spine as Element));
  if (inner === story) story.replaceChildren(root);
  else {
    inner.append(root);
    story.replaceChildren(shell!);
  }
  let shown = 0;
  /** The story is busy for assistive technology while parts are still to come. */
  const markBusy = () => {
    if (shown < parts.length || restLeft) story.setAttribute('aria-busy', 'true');
    else story.removeAttribute('aria-busy');
  };
  const showTo = (end: number) => {
    for (; shown < end; shown++) hosts[shown]!.append(parts[shown]!);
    markBusy();
  };
  showTo(Math.min(1, parts.length));

  return {
    blocks,
    renderNext() {
      while (shown >= parts.length && pull());
      if (shown >= parts.length) {
        markBusy();
        return false;
      }
      showTo(shown + 1);
      return shown < parts.length || restLeft;
    },
    renderThrough(block) {
      while (restLeft && (block >= blocks.length || list.holding(block) + 2 > parts.length) && pull());
      showTo(Math.max(shown, Math.min(list.holding(block) + 2, parts.length)));
    },
    rendered: () => list.blocksBefore(shown),
    complete() {
      while (pull());
      markBusy();
    },
    restWords: () => (restLeft ? null : restWords),
  };
}

/**
 * After the next frame has been painted, once the page is idle: a staged story's next piece is read
 * then (sanitised and parsed), after input and rendering rather than before them. A hidden page,
 * which paints none, waits a little; a browser without requestIdleCallback takes the next task.
 */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const idle = () =>
      typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: 50 }) : setTimeout(resolve);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(idle);
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
