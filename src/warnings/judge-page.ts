/**
 * What the rating gate decides for a page: the one decision path the content script and the
 * corpus test share. The light detection pass (./page.ts) reads the page; an unrated work is
 * then estimated from its story text (./gate-text.ts), and the policy decides.
 * Listings are judged entry by entry from the adapter's blurb reader.
 */
import type { PageReport } from '../core/model';
import { holdsStory } from '../core/model';
import { decide, storyKey, type Decision, type RatingSettings } from './policy';
import { adapterFor } from '../sites/registry';
import { reportWith } from '../core/page';
import { pageStoryText } from './estimate/story-words';
import { estimateText } from './estimate/estimate';
import { $$ } from '../core/dom';

export interface PageJudgement {
  /** The page report; an unrated work carries the estimate of its text. */
  report: PageReport;
  decision: Decision;
}

export function judgePage(doc: Document, url: string | URL, settings: RatingSettings): PageJudgement {
  const u = new URL(url);
  const adapter = adapterFor(doc, u);
  let report = reportWith(adapter, doc, u);
  // Only an unrated work needs its words read: the site's rating rules wherever there is one.
  if (report.rating.level === 'unknown' && holdsStory(report.kind)) {
    const text = pageStoryText(doc, u, adapter);
    report = { ...report, estimate: text === null ? null : estimateText(text) };
  }
  return { report, decision: decide(report, settings) };
}

/** Does the interstitial go over this page? Only where there is story text to keep covered. */
export function coversPage(judgement: PageJudgement): boolean {
  return judgement.decision.gate && holdsStory(judgement.report.kind);
}

export interface JudgedBlurb extends PageJudgement {
  element: Element;
}

/**
 * Every work entry of a listing page (a report of kind 'listing') with its decision, in page
 * order. A blurb is judged as the work's index page would be: by its rating, warnings, tags and
 * summary; it has no text to estimate, so an unrated entry folds only when the reader asks for
 * that (`foldUnrated`). Other pages show blurbs too (AO3's adult-content notice
 * shows the work's own), so the caller asks only on listings.
 */
export function judgeBlurbs(doc: Document, url: string | URL, settings: RatingSettings): JudgedBlurb[] {
  const u = new URL(url);
  const adapter = adapterFor(doc, u);
  const reader = adapter.blurbs;
  if (!reader) return [];
  return $$(doc, reader.selector).flatMap((element) => {
    const blurb = reader.read(element, u);
    if (!blurb) return [];
    const report: PageReport = { ...blurb.info, url: blurb.url ?? u.href, site: adapter.id, estimate: null, content: null };
    return [{ element, report, decision: decide(report, settings, storyKey(report), settings.foldUnrated) }];
  });
}
