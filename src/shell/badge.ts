/** What the toolbar shows for a page: the rating as a letter in AO3's rating colours. */
import type { PageReport, RatingLevel } from '../core/model';
import { isWorkPage } from '../core/model';

export interface Badge {
  text: string;
  /** Background colour. */
  color: string;
  textColor: string;
  /** Tooltip. */
  title: string;
}

/** AO3's rating symbol colours, which fan-fiction readers already know; unknown is grey, never green. */
export const RATING_STYLE: Record<RatingLevel, { letter: string; color: string; textColor: string; name: string }> = {
  general: { letter: 'G', color: '#6f9b00', textColor: '#ffffff', name: 'General' },
  teen: { letter: 'T', color: '#e8d405', textColor: '#2a2a2a', name: 'Teen' },
  mature: { letter: 'M', color: '#e17c18', textColor: '#ffffff', name: 'Mature' },
  explicit: { letter: 'E', color: '#9c0000', textColor: '#ffffff', name: 'Explicit' },
  unknown: { letter: '?', color: '#6b6b6b', textColor: '#ffffff', name: 'Unrated' },
};

/** How a rating reads to a person: "Mature (Fiction M)", "Explicit", "Unrated". */
export function ratingText(rating: PageReport['rating']): string {
  const name = RATING_STYLE[rating.level].name;
  const label = rating.label;
  if (!label || label.toLowerCase() === name.toLowerCase()) return name;
  return `${name} (${label})`;
}

/** The badge for a page, or null for pages that are not a work (listings, errors, anything else). */
export function badgeFor(report: Pick<PageReport, 'kind' | 'rating' | 'title'>): Badge | null {
  if (!isWorkPage(report.kind)) return null;
  const style = RATING_STYLE[report.rating.level];
  const what = report.title ? `${report.title}: ` : '';
  return {
    text: style.letter,
    color: style.color,
    textColor: style.textColor,
    title: `Slipcase: ${what}${ratingText(report.rating)}`,
  };
}
