/**
 * What the rating gate decides for a page, over the whole registry: the one decision path the
 * generic content script and the corpus test share (./judge.ts does the reading for one adapter).
 * The light detection pass reads the page; an unrated work is then estimated from its story text
 * (./estimate/), and the policy decides. Listings are judged entry by entry from the adapter's blurb reader.
 */
import type { RatingSettings } from './policy';
import { adapterFor } from '../sites/registry';
import { reportWith } from '../core/read-page';
import { blurbsBy, type JudgedBlurb, type PageJudgement } from './judge';
import { judged } from './judge-text';

export { coversPage, type PageJudgement } from './judge';

export function judgePage(doc: Document, url: string | URL, settings: RatingSettings): PageJudgement {
  const u = new URL(url);
  const adapter = adapterFor(doc, u);
  return judged(reportWith(adapter, doc, u), doc, u, adapter, settings);
}

/** Every work entry of a listing page with its decision (see blurbsBy in ./judge.ts). */
export function judgeBlurbs(doc: Document, url: string | URL, settings: RatingSettings): JudgedBlurb[] {
  const u = new URL(url);
  return blurbsBy(adapterFor(doc, u), doc, u, settings);
}
