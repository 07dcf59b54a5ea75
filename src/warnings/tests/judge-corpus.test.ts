/**
 * The rating gate over the whole corpus with the default settings, through judgePage, the
 * decision path the content script runs: every explicit work is covered (the unrated seed,
 * All About Spike fic 562, by the estimate of its text), and no General or Teen work is.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RATING_SETTINGS } from '../policy';
import { coversPage, judgePage } from '../judge-page';
import { holdsStory, isWorkPage } from '../../core/model';
import { parseHtml } from '../../../scripts/lib/html';
import { corpusPages } from '../../../tests/lib/corpus';

const pages = corpusPages().map((p) => {
  const trueAudience = (p.expected as { trueAudience?: string }).trueAudience;
  return { ...p, audience: trueAudience ?? p.expected.rating.level };
});

function judge(page: (typeof pages)[number]) {
  return judgePage(parseHtml(readFileSync(page.htmlPath, 'utf8'), page.expected.url), page.expected.url, DEFAULT_RATING_SETTINGS);
}

const explicit = pages.filter((p) => p.audience === 'explicit' && isWorkPage(p.expected.kind));
const youngerAudiences = pages.filter((p) => (p.audience === 'general' || p.audience === 'teen') && isWorkPage(p.expected.kind));

describe('default settings over the corpus', () => {
  it('has explicit and General/Teen works to judge, the unrated seed among them', () => {
    expect(explicit.map((p) => p.name)).toContain('allaboutspike/pages/fic-562.html');
    expect(explicit.length).toBeGreaterThanOrEqual(7);
    expect(youngerAudiences.length).toBeGreaterThanOrEqual(7);
  });

  it.each(explicit.map((p) => [p.name, p] as const))('%s is gated', (_n, page) => {
    const j = judge(page);
    expect(j.decision.gate).toBe(true);
    expect(j.decision.reasons.length).toBeGreaterThan(0);
    // Where the page holds the text, the interstitial goes over it.
    expect(coversPage(j)).toBe(holdsStory(page.expected.kind));
  });

  it.each(youngerAudiences.map((p) => [p.name, p] as const))('%s is not gated', (_n, page) => {
    const j = judge(page);
    expect(j.decision).toEqual({ gate: false, reasons: [] });
  });

  it('gates the unrated seed on the estimate of its text, and says so', () => {
    const j = judge(pages.find((p) => p.name === 'allaboutspike/pages/fic-562.html')!);
    expect(j.report.rating.level).toBe('unknown');
    expect(j.report.estimate?.level).toBe('explicit');
    expect(j.decision.reasons).toEqual([
      {
        kind: 'unrated',
        text: 'Estimated Explicit, past your Mature limit',
        short: 'estimated Explicit',
        why: [expect.stringMatching(/^explicit sexual language/), ...j.decision.reasons[0]!.why.slice(1)],
      },
    ]);
  });

  it('never gates a page that is not a work', () => {
    for (const page of pages.filter((p) => !isWorkPage(p.expected.kind))) expect(judge(page).decision.gate, page.name).toBe(false);
  });
});
