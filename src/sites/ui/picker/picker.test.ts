// @vitest-environment jsdom
/**
 * The rule picker on a page: the reader's clicks pick the story's parts, step by step, and never
 * reach the page; a page's script cannot click for the reader or see into the bar.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatchTrusted, personClick } from '../../../../tests/lib/ui';
import { PICKER_TAG, startPicker, type Picked } from './picker';

const STORY = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i} of the story, long enough to be a paragraph.</p>`).join('');
const PAGE = `<h1 class="story-title">The Salt Road</h1><div class="chapter">${STORY}</div>
  <span class="rating">Mature</span><a class="next" href="#chapter-3"><span>Next</span></a>`;

let root: ShadowRoot;
let results: (Picked | null)[];
let pageClicks: number;
let stop: () => void;
const countPageClicks = () => (pageClicks += 1);

const inBar = (selector: string) => root.querySelector(selector) as HTMLElement;
const stepText = () => inBar('.step').textContent;
const host = () => document.querySelector(PICKER_TAG);
const trustedClick = (el: Element) =>
  dispatchTrusted(el, new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, button: 0 }));
const trustedKey = (key: string) => dispatchTrusted(document.body, new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));

beforeEach(() => {
  document.body.innerHTML = PAGE;
  results = [];
  pageClicks = 0;
  document.addEventListener('click', countPageClicks);
  // The root is closed to the page; the test reaches it as the browser's own code would.
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init) {
    root = attach.call(this, init);
    return root;
  });
  stop = startPicker(document, (picked) => results.push(picked));
});

afterEach(() => {
  document.removeEventListener('click', countPageClicks);
  // A picker a test left open goes, its listeners too.
  stop();
  vi.restoreAllMocks();
});

describe('the rule picker', () => {
  it('shows a bar the page cannot reach, asking for the story’s text first', () => {
    expect(host()?.shadowRoot).toBeNull();
    expect(inBar('.bar').getAttribute('role')).toBe('dialog');
    expect(inBar('.step').getAttribute('aria-live')).toBe('polite');
    expect(stepText()).toBe('Step 1 of 4: Click the story’s text');
    expect(inBar('.skip').hidden).toBe(true);
    expect(root.activeElement).toBe(inBar('.cancel'));
  });

  it('picks the story’s block, skips the title, picks the next link and the rating; the page sees none of the clicks', () => {
    const link = document.querySelector('a.next span')!;
    expect(trustedClick(document.querySelectorAll('.chapter p')[2]!)).toBe(false);
    expect(stepText()).toBe('Step 2 of 4: Click the story’s title');
    personClick(inBar('.skip'));
    expect(stepText()).toBe('Step 3 of 4: Click the link to the next chapter');
    // The link is not followed: its click is cancelled before the page hears it.
    expect(trustedClick(link)).toBe(false);
    expect(stepText()).toBe('Step 4 of 4: Click the story’s rating');
    expect(results).toEqual([]);
    trustedClick(document.querySelector('.rating')!);
    expect(results).toEqual([{ content: 'div.chapter', next: 'a.next', rating: 'span.rating' }]);
    expect(pageClicks).toBe(0);
    expect(location.hash).toBe('');

    // Gone, listeners too: the page's clicks are its own again.
    expect(host()).toBeNull();
    trustedClick(link);
    expect(pageClicks).toBe(1);
  });

  it('ignores the page script’s clicks and keys, and its clicks on the bar', () => {
    (document.querySelector('.chapter p') as HTMLElement).click();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    inBar('.cancel').click();
    expect(stepText()).toBe('Step 1 of 4: Click the story’s text');
    expect(results).toEqual([]);
    expect(host()).not.toBeNull();
  });

  it('ends on Cancel and on Escape, picking nothing', () => {
    personClick(inBar('.cancel'));
    expect(results).toEqual([null]);
    expect(host()).toBeNull();

    stop = startPicker(document, (picked) => results.push(picked));
    trustedClick(document.querySelector('.story-title')!);
    trustedKey('Escape');
    expect(results).toEqual([null, null]);
    expect(host()).toBeNull();
    trustedClick(document.querySelector('.story-title')!);
    expect(pageClicks).toBe(1);
  });

  it('outlines what a click would pick', () => {
    const box = inBar('.box');
    expect(box.style.display).toBe('none');
    dispatchTrusted(document.querySelector('.chapter p')!, new MouseEvent('pointerover', { bubbles: true, composed: true }));
    expect(box.style.display).toBe('block');
    // A page's script cannot move it.
    document.querySelector('.rating')!.dispatchEvent(new MouseEvent('pointerover', { bubbles: true, composed: true }));
    expect(box.style.display).toBe('block');
    personClick(inBar('.cancel'));
  });
});
