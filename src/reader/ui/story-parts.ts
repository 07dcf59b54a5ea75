/**
 * A story put on the page a part at a time: the first part at once, so the first screen paints
 * without waiting for the rest, and the others after it, in order, between which the page stays
 * free for input (see renderRest). Every part is a `section.part` that the browser lays out only
 * near the screen (reader.css), so a long work costs little to add and to scroll.
 */
import { readingBlocks } from './blocks';

/** Characters of text in the first part: a few screens, so that it fills the first one. */
const FIRST_PART = 6_000;
/** Characters of text in each later part (about 2,500 words): little to lay out as it comes into view. */
const PART = 15_000;
/** Characters of a line, for a part's height before the first part has been laid out. */
const LINE = 60;

export interface StoryParts {
  /** Every reading block of the story, on the page yet or not, in order. */
  readonly blocks: HTMLElement[];
  /** Puts the next part on the page; false once they are all there. */
  renderNext(): boolean;
  /** Puts every part up to the one holding block `block` on the page, in order. */
  renderThrough(block: number): void;
  /** The blocks [start, end) of the part on the page that holds `y` (a viewport coordinate), else the last one's. */
  blocksAt(y: number): [number, number];
}

/** Whether `node` holds nothing but its one element child (whitespace aside). */
function wrapsOne(node: ParentNode): boolean {
  return node.childElementCount === 1 && Array.from(node.childNodes).every((n) => n.nodeType !== 3 || !n.textContent?.trim());
}

/** The story's top-level pieces (under the elements that only wrap them) grouped into parts, and their characters. */
function group(doc: Document, spine: ParentNode): { parts: HTMLElement[]; sizes: number[] } {
  const parts: HTMLElement[] = [];
  const sizes: number[] = [];
  for (const node of Array.from(spine.childNodes)) {
    const size = sizes.at(-1) ?? Infinity;
    if (size >= (parts.length === 1 ? FIRST_PART : PART)) {
      const part = doc.createElement('section');
      part.className = 'part';
      parts.push(part);
      sizes.push(0);
    }
    parts.at(-1)!.append(node);
    sizes.push(sizes.pop()! + (node.textContent?.length ?? 0));
  }
  parts.forEach((p, i) => p.style.setProperty('--part-lines', String(Math.ceil(sizes[i]! / LINE))));
  spine.append(...parts);
  return { parts, sizes };
}

/**
 * Sets the height of the parts not laid out yet from the first part's height per character, once
 * it has been laid out: a long work's scrollbar is then about as long as it will be.
 */
function sizeLike(first: HTMLElement, firstSize: number, parts: HTMLElement[], sizes: number[]): void {
  const perChar = firstSize > 0 ? first.getBoundingClientRect().height / firstSize : 0;
  if (perChar > 0) parts.forEach((p, i) => p.style.setProperty('--part-height', `${Math.round(sizes[i]! * perChar)}px`));
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
  const { parts, sizes } = group(doc, spine);
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

  const sizeRest = () => sizeLike(parts[0]!, sizes[0]!, parts.slice(1), sizes.slice(1));
  const renderNext = () => {
    if (shown >= parts.length) return false;
    if (shown === 1) sizeRest();
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
      const last = partHolding(block);
      if (last < shown) return;
      if (shown === 1) sizeRest();
      showTo(last + 1);
    },
    blocksAt(y) {
      // Parts are laid out in order: the first whose bottom is below y (a binary search).
      let lo = 0;
      let hi = Math.max(0, shown - 1);
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (parts[mid]!.getBoundingClientRect().bottom > y) hi = mid;
        else lo = mid + 1;
      }
      return [lo === 0 ? 0 : ends[lo - 1]!, ends[lo] ?? blocks.length];
    },
  };
}

/** A moment for the page: scheduler.yield where the browser has it, else a new task. */
function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return typeof scheduler?.yield === 'function' ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve));
}

/** After the next frame (its first screen) has been painted; a hidden page, which paints none, waits a little. */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const next = () => setTimeout(resolve);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(next);
    setTimeout(resolve, 100);
  });
}

/** Adds the rest of the parts, one a task, once the first screen has been painted; `live()` false stops it. */
export async function renderRest(parts: StoryParts, live: () => boolean): Promise<void> {
  await afterPaint();
  while (live() && parts.renderNext()) await yieldToPage();
}
