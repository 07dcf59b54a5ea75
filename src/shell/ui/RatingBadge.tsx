import type { Rating } from '../../core/model';
import { RATING_STYLE, ratingText } from '../badge';

/** The rating as a coloured letter chip plus words: "M  Mature (Fiction M)". */
export function RatingBadge({ rating }: { rating: Rating }) {
  const style = RATING_STYLE[rating.level];
  return (
    <span class={`rating rating-${rating.level}`}>
      <span class="rating-chip" aria-hidden="true" style={{ background: style.color, color: style.textColor }}>
        {style.letter}
      </span>
      <span class="rating-text">{ratingText(rating)}</span>
    </span>
  );
}
