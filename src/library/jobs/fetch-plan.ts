/**
 * How to fetch the rest of a work from one of its pages, fewest requests first: nothing when the
 * page holds it all, else the site's whole-work view, else the chapter list the page shows, else
 * the `next` links one by one. Pure: the runner fetches what the plan names.
 */
import { adapterFor } from '../../sites/registry';
import type { PageCopy } from './page-copy';
import type { RunKind } from '../../sites/types';
import { DEFAULT_SAVE_SETTINGS } from '../save-settings';

export type Plan =
  /** The page already holds the whole work. */
  | { kind: 'complete' }
  /** One fetch of the site's whole-work view. */
  | { kind: 'whole'; url: string }
  /** These chapter pages, in reading order: all of the work's, the page's own among them. */
  | { kind: 'chapters'; urls: string[] }
  /** Follow `next` links from here. */
  | { kind: 'walk'; next: string }
  /**
   * Walk each run's `next` links from its first page, one run after the other (a forum thread's
   * threadmark categories). The runs hold every chapter wanted: the page's own are among them.
   */
  | { kind: 'runs'; starts: string[] };

/**
 * The plan for the work behind a page that holds story text or lists chapters (an index). Gate
 * and error pages are the caller's to deal with first (see adultGateUrl). `runs`: the kinds of
 * run the reader saves of a work filed in several (SaveSettings).
 */
export function planStory(page: PageCopy, doc: Document, url: string, runs: readonly RunKind[] = DEFAULT_SAVE_SETTINGS.runs): Plan {
  const u = new URL(url);
  const { report, nav } = page;
  const count = report.chapter?.count ?? null;
  const oneShot = report.kind === 'story' && !nav.prev && !nav.next;
  if (oneShot || (count !== null && page.chapters.length >= count)) return { kind: 'complete' };

  const adapter = adapterFor(doc, u);
  const starts = (adapter.workRuns?.(doc, u) ?? []).filter((r) => runs.includes(r.kind)).map((r) => r.url);
  if (starts.length) return { kind: 'runs', starts };

  const whole = adapter.wholeWork?.(doc, u) ?? null;
  const chaptered = (count ?? 0) > 1 || nav.chapters.length > 1 || nav.prev !== null || nav.next !== null;
  if (whole && (chaptered || report.kind === 'index')) return { kind: 'whole', url: whole };

  if (nav.chapters.length) return { kind: 'chapters', urls: Array.from(new Set(nav.chapters.map((c) => c.url))) };
  if (nav.next) return { kind: 'walk', next: nav.next };
  return { kind: 'complete' };
}

/**
 * The address behind the site's "I am an adult, continue" on a gate page (AO3 view_adult=true,
 * eFiction ageconsent), or null. Follow it only when the reader's settings allow.
 */
export function adultGateUrl(doc: Document, url: string): string | null {
  const u = new URL(url);
  return adapterFor(doc, u).adultGate?.(doc, u) ?? null;
}
