/**
 * eFiction's metadata: `<span class="label">Rated:</span> NC-17<br />` pairs in the story's info
 * box (story pages, the printable view) and in the story blocks of listings.
 */
import type { PageInfo } from '../../core/model';
import { $, $$, cleanText, parseCount, squash, unique } from '../../core/dom';
import { nodesAfterLabel } from '../kit/labels';
import { withoutNone } from '../kit/lists';
import { filmScale, ratingOn } from '../kit/rating-scale';

const RATED = /^(Rated|Rating)\s*:?$/i;
const WARNINGS = /^Warnings?\s*:?$/i;
const SUMMARY = /^Summary\s*:?$/i;

/**
 * A label: span.label, or a bold "Name:" in a story block, as on Library of Moria's story index
 * (FanFicFare's adapter_libraryofmoriacom.py reads its rating from `div.listbox b`).
 */
function isLabel(el: Element): boolean {
  return el.matches('span.label') || (el.matches('div.listbox b') && /:\s*$/.test(cleanText(el)));
}

function labels(root: ParentNode): Element[] {
  return $$(root, 'span.label, div.listbox b').filter(isLabel);
}

/** A label's name up to its colon; Sunnydale After Dark writes the value inside it ("Genres: Drama"). */
function labelName(label: Element): string {
  const text = cleanText(label);
  return text.match(/^[^:]*:/)?.[0] ?? text;
}

function findLabel(root: ParentNode, name: RegExp): Element | null {
  return labels(root).find((l) => name.test(labelName(l))) ?? null;
}

export function sidOf(href: string | null | undefined): string | null {
  return href?.match(/viewstory\.php\?(?:[^#]*&)?sid=(\d+)/)?.[1] ?? null;
}

/** The story the page is about: the URL's sid, else the title line's link. */
export function pageSid(doc: Document, url: URL): string | null {
  return url.searchParams.get('sid') ?? sidOf($(doc, '#pagetitle a[href*="viewstory.php"]')?.getAttribute('href'));
}

/**
 * The story's own info box: the block holding a "Summary:" label. Skins may show blocks on every
 * page (site statistics with "Word count:", featured stories with "Rated:"), so labels are read
 * only here, and a box linking to another story is someone else's blurb.
 */
export function infoBox(doc: Document, sid: string | null): Element | null {
  for (const label of labels(doc)) {
    if (!SUMMARY.test(cleanText(label))) continue;
    const box = label.closest('div.listbox, div.infobox') ?? label.parentElement;
    if (!box) continue;
    const others = $$(box, 'a[href*="viewstory.php"]').some((a) => {
      const linked = sidOf(a.getAttribute('href'));
      return sid !== null && linked !== null && linked !== sid;
    });
    if (!others) return box;
  }
  return null;
}

/** The text and elements after a label, up to the next label or line break (skins add comments). */
function labelValueNodes(label: Element): Node[] {
  const inside = cleanText(label).slice(labelName(label).length).trim();
  if (!inside) return nodesAfterLabel(label, isLabel);
  // Sunnydale After Dark hides warnings behind "(Click Here To Reveal)": the list is span.spoiler.
  return [$(label, 'span.spoiler') ?? label.ownerDocument.createTextNode(inside)];
}

export function labelText(box: Element, name: RegExp): string | null {
  const label = findLabel(box, name);
  return label
    ? orNull(
        labelValueNodes(label)
          .map((n) => n.textContent ?? '')
          .join(''),
      )
    : null;
}

/**
 * A label's list value: the link texts when the values are links (story pages), else the text
 * split on commas (printable view). eFiction writes "None" for an empty list.
 */
function labelList(box: Element, name: RegExp): string[] {
  const label = findLabel(box, name);
  if (!label) return [];
  const nodes = labelValueNodes(label);
  const links = nodes.flatMap((n) => (n.nodeType !== 1 ? [] : n.nodeName === 'A' ? [n as Element] : $$(n as Element, 'a')));
  const items = links.length ? links.map(cleanText) : squash(nodes.map((n) => n.textContent ?? '').join('')).split(/\s*,\s*/);
  return unique(withoutNone(items));
}

export function orNull(s: string): string | null {
  const t = squash(s);
  return t === '' ? null : t;
}

/** Rating, warnings, words, summary and tags from the info box's label pairs. */
export function readLabels(box: Element, info: PageInfo): void {
  // Story blocks run the review count on after the rating: "NC-17 [Reviews - 22] New!".
  info.rating = ratingOn(filmScale, labelText(box, RATED)?.replace(/\s*\[.*$/, ''));
  info.warnings = labelList(box, WARNINGS);
  info.words = parseCount(labelText(box, /^Word count\s*:?$/i));
  info.summary = labelText(box, SUMMARY);
  info.tags = unique(
    [/^Categories\s*:?$/i, /^Characters\s*:?$/i, /^Genres?\s*:?$/i, /^Pairings?\s*:?$/i].flatMap((re) => labelList(box, re)),
  );
}
