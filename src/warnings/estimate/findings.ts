/**
 * What the estimator's findings are called and the level each reaches: the policy reads an
 * estimate's reasons with these on every archive page, without the estimator itself (./estimate.ts),
 * which the always-on script loads only for an unrated work.
 */
import type { RatingLevel } from '../../core/model';

export interface Signal {
  level: RatingLevel;
  reason: string;
}

/** What each finding is called, and the level it reaches: a reason reads "<name>: <how much>". */
export const FINDINGS = {
  explicit: ['explicit sexual language', 'explicit'],
  sexual: ['sexual content', 'mature'],
  references: ['sexual references', 'teen'],
  graphic: ['graphic violence', 'mature'],
  violence: ['violence', 'teen'],
  pervasive: ['pervasive strong language', 'mature'],
  strong: ['strong language', 'teen'],
  mild: ['mild language', 'teen'],
} as const satisfies Record<string, readonly [string, RatingLevel]>;

export type FindingKind = keyof typeof FINDINGS;

const FINDING_LEVEL = /* @__PURE__ */ new Map<string, RatingLevel>(/* @__PURE__ */ Object.values(FINDINGS));

/**
 * The level one of an estimate's reasons reaches ("violence: 2 passages…" is Teen), so a reader can
 * be told which finding crossed their limit; 'unknown' for a reason that is no finding.
 */
export function findingLevel(reason: string): RatingLevel {
  return FINDING_LEVEL.get(reason.slice(0, reason.indexOf(':'))) ?? 'unknown';
}
