/** The toolbar badge agrees with the page: marked covered only where the interstitial covers story text. */
import { describe, expect, it } from 'vitest';
import { emptyInfo, type PageReport } from '../../core/model';
import { gatedBadge, GATED_MARK } from '../decision-badge';
import { coversPage } from '../judge-page';
import type { Decision } from '../policy';

const unrated = (kind: PageReport['kind']): PageReport => ({
  ...emptyInfo(kind),
  url: 'https://forums.spacebattles.com/threads/my-great-story.555/threadmarks',
  site: 'xenforo',
  title: 'My Great Story',
  estimate: null,
  content: null,
});
const gated: Decision = {
  gate: true,
  reasons: [{ kind: 'unrated', text: 'Unrated, with no text to estimate', short: 'unrated', why: [] }],
};

describe('the badge of a page past the reader’s limits', () => {
  it('on a story index (a threadmarks page), with no story text to cover, is not marked covered', () => {
    const report = unrated('index');
    expect(coversPage({ report, decision: gated })).toBe(false);
    const badge = gatedBadge(report, gated)!;
    expect(badge.text).toBe('?');
    expect(badge.title).not.toMatch(/Covered:/);
    expect(badge.title).toMatch(/no story text to cover/);
  });

  it.each(['story', 'chapter'] as const)('on a %s page is marked, and says why', (kind) => {
    const report = unrated(kind);
    expect(coversPage({ report, decision: gated })).toBe(true);
    const badge = gatedBadge(report, gated)!;
    expect(badge.text.endsWith(GATED_MARK)).toBe(true);
    expect(badge.title).toMatch(/Covered: Unrated, with no text to estimate/);
  });
});
