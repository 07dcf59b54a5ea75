/** The top of the page: site and rating, title, author, chapter, words and reading time. */
import type { ReaderView } from '../../core/model';
import { readingMinutes } from '../settings';
import { thousands } from '../../core/numbers';
import { RatingBadge } from '../../shell/ui/RatingBadge';

/** `words` is null while a long story's rest is still being read: its line keeps its place, blank, until then. */
export function StoryHeader({ view, words, siteName }: { view: ReaderView; words: number | null; siteName: string }) {
  const { report } = view;
  const chapter = report.chapter;
  return (
    <header class="story-head">
      <p class="site">
        <span class="site-name">{siteName}</span>
        <RatingBadge rating={report.rating} />
      </p>
      <h1 class="title" id="sc-title">
        {report.title ?? 'Untitled'}
      </h1>
      {report.author ? <p class="author">by {report.author}</p> : null}
      {chapter ? (
        <p class="chapter-title">
          {`Chapter ${chapter.index}${chapter.count ? ` of ${chapter.count}` : ''}`}
          {chapter.title ? `: ${chapter.title}` : ''}
        </p>
      ) : null}
      <p class="facts">
        {words === null ? (
          '\u00a0'
        ) : (
          <>
            <span class="words">{thousands(words)} words</span>
            {' · '}
            <span class="minutes">{readingMinutes(words)} min read</span>
          </>
        )}
      </p>
    </header>
  );
}
