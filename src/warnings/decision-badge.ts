/**
 * The toolbar badge with the gate's decision: still the rating letter in its colour, with a mark
 * when the page is covered, and the reasons in the tooltip, so the badge and the page agree.
 */
import { holdsStory, type PageReport } from '../core/model';
import type { Decision } from './policy';
import { badgeFor, type Badge } from '../shell/badge';

/** Follows the rating letter on a gated page: "E!" is "Explicit, and covered by your settings". */
export const GATED_MARK = '!';

const ALLOWED_BY: Record<NonNullable<Decision['allowedBy']>, string> = {
  story: 'you always allow this story',
  author: 'you always allow this author',
  site: 'you always allow this site',
};

export function gatedBadge(report: Pick<PageReport, 'kind' | 'rating' | 'title'>, decision: Decision): Badge | null {
  const badge = badgeFor(report);
  if (!badge) return null;
  if (decision.gate) {
    const why = decision.reasons.map((r) => r.text).join('; ');
    // Only a page with story text is covered (judge-page.ts#coversPage): an index past the limits says so, unmarked.
    if (!holdsStory(report.kind))
      return { ...badge, title: `${badge.title}\nPast your limits (${why}), but this page has no story text to cover` };
    return { ...badge, text: badge.text + GATED_MARK, title: `${badge.title}\nCovered: ${why}` };
  }
  if (decision.allowedBy) return { ...badge, title: `${badge.title}\nNot covered: ${ALLOWED_BY[decision.allowedBy]}` };
  return badge;
}
