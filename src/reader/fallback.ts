/**
 * The extraction's fallback (./extract.ts): Readability's article where the site adapter finds
 * nothing, its edges tidied of what hand-built pages keep next to a story.
 */
import { Readability } from '@mozilla/readability';
import { ENDING } from '../sites/generic/generic';
import { countWords, squash } from '../core/dom';
import { quietImages } from './images';
import { unwrapSwallowing } from './extract-dom';

/** Readability's output runs on to the site's links after a closing "The End"; looked for this near the end. */
const ENDING_WINDOW = 4;

/**
 * Readability's article, in a box of the inert copy. It changes the document it reads: `own`
 * says the copy is this read's alone (else it reads a copy of it). It resolves links against the
 * baseURI, which only a <base> in the head sets (inertCopy drops any other).
 */
export function readability(doc: Document, title: string | null, base: string, own: boolean): Element | null {
  const copy = own ? doc : (doc.cloneNode(true) as Document);
  unwrapSwallowing(copy);
  quietImages(copy, base);
  // The article as nodes (its wrapper's children, as the default serialiser's innerHTML has them), not serialised only to be parsed again.
  const article = new Readability(copy, { serializer: (node) => node }).parse();
  if (!article?.content) return null;
  const box = doc.createElement('div');
  box.append(...Array.from(article.content.childNodes));
  tidyEdges(box, title);
  return box;
}

/**
 * Readability keeps what sits next to the story in the same container: on hand-built pages the
 * title above it and the "Back to the Fic | Guestbook" links after a closing "~ fin ~". Trimmed
 * here: a leading repeat of the title, empty blocks (banners) and link rows at either end, and
 * anything after a closing mark near the end.
 */
function tidyEdges(box: Element, title: string | null): void {
  const blocks = blockList(box);
  const t = title?.toLowerCase() ?? null;
  while (blocks[0] && (linkRow(blocks[0]) || squash(blocks[0].textContent ?? '').toLowerCase() === t)) blocks.shift()!.remove();
  const trimTail = () => {
    while (blocks.length && linkRow(blocks[blocks.length - 1]!)) blocks.pop()!.remove();
  };
  trimTail();
  const from = Math.max(0, blocks.length - ENDING_WINDOW);
  const end = blocks.findLastIndex((b, i) => i >= from && ENDING.test(squash(b.textContent ?? '')));
  if (end >= 0) for (const b of blocks.splice(end + 1)) b.remove();
  trimTail();
}

/** The story's blocks: the children of the innermost wrapper that holds more than one. */
function blockList(box: Element): ChildNode[] {
  let el = box;
  while (el.children.length === 1 && !Array.from(el.childNodes).some((n) => n.nodeType === 3 && squash(n.textContent ?? ''))) {
    el = el.children[0]!;
  }
  return Array.from(el.childNodes).filter((n) => n.nodeType === 1 || (n.nodeType === 3 && squash(n.textContent ?? '') !== ''));
}

/** An empty block or one that is mostly links: page furniture, not story. */
function linkRow(n: ChildNode): boolean {
  if (n.nodeType !== 1) return false;
  const el = n as Element;
  const words = countWords(el.textContent ?? '');
  if (words === 0) return true;
  const linked = Array.from(el.querySelectorAll('a[href]')).reduce((sum, a) => sum + countWords(a.textContent ?? ''), 0);
  return linked * 2 >= words;
}
