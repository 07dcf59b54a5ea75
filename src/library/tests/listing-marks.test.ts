/**
 * The reading memory's marks on a real AO3 listing: beside the title of each known entry, in a
 * closed shadow root, all put in at once; on a folded entry, on its fold line; none on the others.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RATING_SETTINGS, storyKey } from '../../warnings/policy';
import { blurbsBy } from '../../warnings/judge';
import { foldEntry, FOLD_TAG } from '../../warnings/ui/fold';
import { ao3 } from '../../sites/ao3/ao3';
import { MARK_TAG, placeMarks } from '../memory/ui/marks';
import { afterOpened, type MemoryRecord } from '../memory/reading-state';
import { corpusPages } from '../../../tests/lib/corpus';
import { parseHtml } from '../../../scripts/lib/html';
import { recordShadowRoots, shadowOf } from '../../../tests/lib/shadow-roots';

const page = corpusPages().find((p) => p.name === 'ao3/pages/tags-buffy-summers-spike-works-page1071.html')!;
const key = (work: number) => `ao3:archiveofourown.org:${work}`;

let document: Document;

/** The listing at its own address, its shadow roots recorded. */
function listing() {
  document = parseHtml(readFileSync(page.htmlPath, 'utf8'), page.expected.url);
  recordShadowRoots(document.defaultView!);
  const url = new URL(page.expected.url);
  return blurbsBy(ao3, document, url, DEFAULT_RATING_SETTINGS).map((e) => ({ ...e, id: storyKey(e.report), url: e.report.url }));
}

const reading = (work: number, chapter: number): MemoryRecord =>
  afterOpened(undefined, {
    id: key(work),
    site: 'ao3',
    url: `https://archiveofourown.org/works/${work}`,
    title: 'T',
    author: null,
    chapter,
    chapters: chapter,
    at: 1,
  });

describe('listing marks', () => {
  it('marks the known entries beside their titles, with the chapters past the reader’s place', () => {
    const entries = listing();
    expect(entries).toHaveLength(8);
    const dropped: MemoryRecord = { ...reading(51540028, 2), state: 'dropped', chosen: true };
    const placed = placeMarks(entries, { memory: [reading(52266019, 1), dropped], saved: [key(52266019), key(51299960)] });
    expect(placed).toBe(3);
    const markOf = (work: number) => document.querySelector(`li#work_${work} h4.heading ${MARK_TAG}`);
    expect(shadowOf(markOf(52266019)).textContent).toBe('Caught up · 2 new chapters · Saved');
    expect(shadowOf(markOf(51540028)).textContent).toContain('Dropped');
    expect(shadowOf(markOf(51299960)).textContent).toContain('Saved');
    expect(document.querySelectorAll(MARK_TAG)).toHaveLength(3);
  });

  it('puts a folded entry’s mark on its fold line', () => {
    const entries = listing();
    const folded = entries.find((e) => e.report.url.endsWith('/51733902'))!;
    foldEntry(folded.element as HTMLElement, folded.report, {
      gate: true,
      reasons: [{ kind: 'rating', text: 'Explicit', short: 'Explicit', why: [] }],
    });
    placeMarks(entries, { memory: [reading(51733902, 12)], saved: [] });
    expect(document.querySelectorAll(MARK_TAG)).toHaveLength(0);
    expect(shadowOf(document.querySelector(FOLD_TAG)).textContent).toContain('· Caught up');
  });
});
