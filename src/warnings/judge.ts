/**
 * The rating gate's reading of a page by one adapter. A site's always-on script bundles what reads
 * the page (needsEstimate, textToEstimate, readBlurbs) and asks the background for the decision
 * (./ext/gate-judge.ts), which runs ./judge-text.ts; ./judge-page.ts is the same over the whole registry.
 */
import type { PageReport } from '../core/model';
import { holdsStory } from '../core/model';
import type { SitePages } from '../sites/types';
import { decide, mayReadPastRating, storyKey, type Decision, type RatingSettings } from './policy';
import { $$ } from '../core/dom';
import { pageStoryText } from './estimate/story-text';

export interface PageJudgement {
  /** The page report; an unrated work carries the estimate of its text. */
  report: PageReport;
  decision: Decision;
  /** The background keeps this as the page's report (GateJudgeMessage.keep): no page-report need follow. */
  kept?: boolean;
}

/**
 * Whether the page's words are read: an unrated work's always, and a rated one's when its text
 * could still cross the reader's limit (settings.checkRated: a mistagged work). The site's rating
 * rules otherwise: a text that reads lower never lowers it.
 */
export function needsEstimate(report: PageReport, settings: RatingSettings): boolean {
  return holdsStory(report.kind) && (report.rating.level === 'unknown' || mayReadPastRating(report.rating.level, settings));
}

/** The story text the estimate reads, where the report needs one; null otherwise, or where the adapter finds no story. */
export function textToEstimate(report: PageReport, doc: Document, url: URL, adapter: SitePages, settings: RatingSettings): string | null {
  return needsEstimate(report, settings) ? pageStoryText(doc, url, adapter) : null;
}

/** Does the interstitial go over this page? Only where there is story text to keep covered. */
export function coversPage(judgement: PageJudgement): boolean {
  return judgement.decision.gate && holdsStory(judgement.report.kind);
}

/** A listing's work entry, read but not yet judged. */
export interface ListedBlurb {
  element: Element;
  report: PageReport;
  /** The chapters the entry says are posted (Blurb.posted); null when it says none. */
  posted: number | null;
}

export interface JudgedBlurb extends ListedBlurb {
  decision: Decision;
}

/**
 * Every work entry of a listing page, in page order. Other pages show blurbs too (AO3's
 * adult-content notice shows the work's own), so the caller asks only on listings.
 */
export function readBlurbs(adapter: SitePages, doc: Document, url: URL): ListedBlurb[] {
  const reader = adapter.blurbs;
  if (!reader) return [];
  return $$(doc, reader.selector).flatMap((element) => {
    const blurb = reader.read(element, url);
    if (!blurb) return [];
    const report: PageReport = { ...blurb.info, url: blurb.url ?? url.href, site: adapter.id, estimate: null, content: null };
    return [{ element, report, posted: blurb.posted ?? null }];
  });
}

/**
 * A blurb is judged as the work's index page would be: by its rating, warnings, tags and summary;
 * it has no text to estimate, so an unrated entry folds only when the reader asks for that
 * (`foldUnrated`).
 */
export function judgeBlurb(blurb: ListedBlurb, settings: RatingSettings): JudgedBlurb {
  return { ...blurb, decision: decide(blurb.report, settings, storyKey(blurb.report), settings.foldUnrated) };
}

/** Every work entry of a listing page with its decision (see readBlurbs and judgeBlurb). */
export function blurbsBy(adapter: SitePages, doc: Document, url: URL, settings: RatingSettings): JudgedBlurb[] {
  return readBlurbs(adapter, doc, url).map((b) => judgeBlurb(b, settings));
}
